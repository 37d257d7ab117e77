/**
 * Grants on a case through the real server and a real laptop (issue 14 item 5): a consultant delegates
 * a case for a few days (longer, open-ended or as consultant is refused, by the laptop's rules and the
 * server's alike); a grant that starts later brings the case to the delegate's laptop only once it has
 * started; revocation and the end of a grant by time take the case's rows off the laptop at its next sync.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src-shared/ids';
import { MAX_DELEGATION_DAYS, caseFacts, checkGrant, policyForRole, rowFacts } from '../../src-shared/policy';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { joinedLaptop, startServer, type Laptop } from '../sync-client/support';

const DAY = 86_400_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleepUntil = async (iso: string) => new Promise((r) => setTimeout(r, Math.max(0, Date.parse(iso) - Date.now() + 300)));

describe('delegation rules (the same function on the laptop and the server)', () => {
  const facts = rowFacts('case_assignments', {}, caseFacts('k', { assigned_consultant_id: 'k' }, []));
  const consultant = policyForRole('consultant');
  it('lets a consultant delegate their case for at most the limit, never as consultant; a manager grants freely', () => {
    expect(checkGrant(consultant, 'create', facts, { role: 'staff', expires_at: at(7 * DAY) }).decision).toBe('allow');
    expect(checkGrant(consultant, 'create', facts, { role: 'staff', valid_from: at(DAY), expires_at: at((MAX_DELEGATION_DAYS + 0.5) * DAY) }).decision).toBe(
      'allow',
    );
    expect(checkGrant(consultant, 'create', facts, { role: 'staff' }).reason).toMatch(/must end/);
    expect(checkGrant(consultant, 'create', facts, { role: 'staff', expires_at: at((MAX_DELEGATION_DAYS + 1) * DAY) }).reason).toMatch(/at most/);
    expect(checkGrant(consultant, 'create', facts, { role: 'staff', valid_from: at(2 * DAY), expires_at: at(DAY) }).reason).toMatch(/after it starts/);
    expect(checkGrant(consultant, 'create', facts, { role: 'consultant', expires_at: at(DAY) }).reason).toMatch(/consultant/);
    const notTheirs = rowFacts('case_assignments', {}, caseFacts('k', { assigned_consultant_id: 'x', assigned_staff: ['k'] }, []));
    expect(checkGrant(consultant, 'create', notTheirs, { role: 'staff', expires_at: at(DAY) }).decision).toBe('deny');
    expect(checkGrant(policyForRole('manager'), 'create', notTheirs, { role: 'consultant' }).decision).toBe('allow');
  });
});

describe('grants through the real server', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let org: Awaited<ReturnType<Awaited<ReturnType<typeof startServer>>['createOrg']>>;
  let owner: LoginResponse;
  let consultant: LoginResponse;
  let staff: { userId: string; email: string; password: string };
  let laptopS: Laptop;
  const caseId = newId();
  const personId = newId();
  let mid = 0;

  const push = async (token: string, mutations: Record<string, unknown>[]) => {
    const r = await srv.request('POST', '/v1/push', {
      token,
      body: { clientId: newId(), orgId: org.orgId, mutations: mutations.map((m) => ({ base: null, fields: {}, ...m, mutationId: ++mid })) },
    });
    expect(r.status).toBe(200);
    return r.body.results as { status: string; reason?: string }[];
  };
  const grant = (id: string, fields: Record<string, unknown>) => ({
    table: 'case_assignments',
    op: 'insert',
    id,
    fields: { case_id: caseId, user_id: staff.userId, ...fields },
  });
  const onLaptop = async () => {
    expect((await laptopS.sync()).rejected).toBe(0);
    return (await laptopS.json(['case', 'list'])).map((c: { id: string }) => c.id) as string[];
  };

  beforeAll(async () => {
    srv = await startServer();
    org = await srv.createOrg();
    owner = await srv.login(org.email, org.password);
    const k = await srv.addUser(owner, org.orgId, 'consultant');
    consultant = await srv.login(k.email, k.password);
    staff = await srv.addUser(owner, org.orgId, 'staff');
    const res = await push(owner.accessToken, [
      { table: 'cases', op: 'insert', id: caseId, fields: { case_number: 'G-1', case_type: 'EXPRESS_ENTRY_FSW', assigned_consultant_id: k.userId } },
      { table: 'persons', op: 'insert', id: personId, fields: { case_id: caseId, first_name: 'Delegated', last_name: 'Client' } },
    ]);
    expect(res.map((r) => r.status)).toEqual(['applied', 'applied']);
    laptopS = await joinedLaptop(srv.url, staff.email, staff.password, 'delegate');
  }, 240_000);
  afterAll(async () => srv?.stop());

  it('refuses an open-ended, too long or consultant delegation in words', async () => {
    const res = await push(consultant.accessToken, [
      grant(newId(), { role: 'staff' }),
      grant(newId(), { role: 'staff', expires_at: at((MAX_DELEGATION_DAYS + 5) * DAY) }),
      grant(newId(), { role: 'consultant', expires_at: at(DAY) }),
    ]);
    expect(res.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(res.map((r) => r.reason)).toEqual([expect.stringMatching(/must end/), expect.stringMatching(/at most/), expect.stringMatching(/consultant/)]);
    expect(await onLaptop()).not.toContain(caseId);
  }, 120_000);

  it('a grant that starts later brings the case at the first sync after it starts; its end by time, then its revocation, take the rows off', async () => {
    const id = newId();
    // Far enough ahead that the sync below (a CLI process on a busy machine) ends before it.
    const from = at(15_000);
    expect((await push(consultant.accessToken, [grant(id, { role: 'staff', valid_from: from, expires_at: at(7 * DAY) })]))[0]).toMatchObject({
      status: 'applied',
    });
    expect(await onLaptop()).not.toContain(caseId);
    await sleepUntil(from);
    expect(await onLaptop()).toContain(caseId);
    expect((await laptopS.json(['case', 'show', caseId])).persons.map((p: { id: string }) => p.id)).toEqual([personId]);

    // Ends by time: the owner shortens it to a few seconds from now.
    const until = at(15_000);
    expect((await push(owner.accessToken, [{ table: 'case_assignments', op: 'update', id, fields: { expires_at: until } }]))[0]).toMatchObject({
      status: 'applied',
    });
    expect(await onLaptop()).toContain(caseId);
    await sleepUntil(until);
    expect(await onLaptop()).not.toContain(caseId);
    expect((await laptopS.run(['case', 'show', caseId])).code).not.toBe(0);

    // Given back for a week, then revoked by the consultant: gone at the next sync, its person too.
    expect((await push(owner.accessToken, [{ table: 'case_assignments', op: 'update', id, fields: { expires_at: at(7 * DAY) } }]))[0]).toMatchObject({
      status: 'applied',
    });
    expect(await onLaptop()).toContain(caseId);
    expect((await push(consultant.accessToken, [{ table: 'case_assignments', op: 'delete', id }]))[0]).toMatchObject({ status: 'applied' });
    expect(await onLaptop()).not.toContain(caseId);
    expect((await laptopS.run(['case', 'show', caseId])).code).not.toBe(0);
    expect((await laptopS.run(['search', 'Delegated', '--json'])).stdout).not.toContain(personId);
  }, 240_000);
});
