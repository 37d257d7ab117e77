/**
 * `casework person reveal` (issue 14 item 3) through the real CLI and the real server: a manager's
 * laptop holds the passport number masked and prints it whole with a reason (audited on the server);
 * a staff member's is refused in words; nothing of the value is kept in the vault's files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../../src-shared/ids';
import { joinedLaptop, startServer } from '../sync-client/support';

const PASSPORT = 'QW5566778';
const filesOf = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const x = join(dir, f);
    return statSync(x).isDirectory() ? filesOf(x) : [x];
  });

describe('casework person reveal', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let org: Awaited<ReturnType<Awaited<ReturnType<typeof startServer>>['createOrg']>>;
  const caseId = newId();
  const personId = newId();
  beforeAll(async () => {
    srv = await startServer();
    org = await srv.createOrg();
    const owner = await srv.login(org.email, org.password);
    const r = await srv.request('POST', '/v1/push', {
      token: owner.accessToken,
      body: {
        clientId: newId(),
        orgId: org.orgId,
        mutations: [
          { mutationId: 1, table: 'cases', op: 'insert', id: caseId, base: null, fields: { case_number: 'CLI-1', case_type: 'EXPRESS_ENTRY_FSW' } },
          {
            mutationId: 2,
            table: 'persons',
            op: 'insert',
            id: personId,
            base: null,
            fields: { case_id: caseId, first_name: 'A', last_name: 'B', passport_info: { number: PASSPORT } },
          },
        ],
      },
    });
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied']);
  }, 180_000);
  afterAll(async () => srv?.stop());

  it('prints the number for a manager with a reason, refuses staff and a short reason, and stores nothing', async () => {
    const owner = await srv.login(org.email, org.password);
    const m = await srv.addUser(owner, org.orgId, 'manager');
    const s = await srv.addUser(owner, org.orgId, 'staff');
    const mgr = await joinedLaptop(srv.url, m.email, m.password, 'reveal-manager');
    await mgr.sync();
    expect(JSON.stringify(await mgr.json(['case', 'show', caseId]))).not.toContain(PASSPORT);

    const short = await mgr.run(['person', 'reveal', personId, '--reason', 'x']);
    expect(short.code).not.toBe(0);
    expect(short.stderr).toMatch(/at least 5 characters/);
    const ok = await mgr.run(['person', 'reveal', personId, '--reason', 'filling the visa form']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.trim()).toBe(PASSPORT);
    for (const f of filesOf(mgr.data)) expect(readFileSync(f).includes(PASSPORT), f).toBe(false);

    // On the case, so the refusal is the role's, not an unseen row's.
    const put = await srv.request('POST', '/v1/push', {
      token: owner.accessToken,
      body: {
        clientId: newId(),
        orgId: org.orgId,
        mutations: [{ mutationId: 1, table: 'cases', op: 'update', id: caseId, base: null, fields: { assigned_staff: [s.userId] } }],
      },
    });
    expect(put.body.results[0].status).toBe('applied');
    const staff = await joinedLaptop(srv.url, s.email, s.password, 'reveal-staff');
    const no = await staff.run(['person', 'reveal', personId, '--reason', 'just curious about it']);
    expect(no.code).not.toBe(0);
    expect(no.stderr).toMatch(/may not reveal/);
  }, 240_000);
});
