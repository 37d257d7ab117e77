/**
 * Access through the real server: a solo vault made offline joins the firm and its rows upload; a
 * consultant who loses a case's assignment loses its rows on the laptop; a revoked device wipes its
 * vault on its next contact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { joinedLaptop, laptop, startServer, type Laptop } from './support';

describe('joining, losing access, revocation', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let org: Awaited<ReturnType<Awaited<ReturnType<typeof startServer>>['createOrg']>>;
  let owner: Laptop;

  beforeAll(async () => {
    srv = await startServer();
    org = await srv.createOrg();
    owner = await joinedLaptop(srv.url, org.email, org.password, 'owner');
  });
  afterAll(async () => srv?.stop());

  it('a solo vault created offline joins the firm and its rows upload', async () => {
    const solo = await laptop('solo');
    const c = await solo.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Solo Client']);
    await solo.json([
      'person',
      'add',
      '--case',
      c.id,
      '--json',
      JSON.stringify({ first_name: 'Spouse', last_name: 'Client', relationship_to_primary: 'spouse' }),
    ]);
    const before = await solo.json(['sync', 'status']);
    expect(before.server).toBeNull();
    const login = await solo.json(['login', '--server', srv.url, '--email', org.email], { CASEWORK_PASSWORD: org.password });
    expect(login).toMatchObject({ joined: true, orgId: org.orgId, userId: org.userId });
    expect(login.queuedRows).toBeGreaterThanOrEqual(4);
    const s = await solo.sync();
    expect(s).toMatchObject({ rejected: 0, conflicts: 0 });
    expect(s.applied).toBe(login.queuedRows);
    expect(await solo.json(['sync', 'status'])).toMatchObject({ server: srv.url, pendingPushes: 0, rejected: 0 });
    // The rows now belong to the firm: another laptop of the firm receives them.
    await owner.sync();
    const seen = await owner.json(['case', 'show', c.id]);
    expect(seen.org_id).toBe(org.orgId);
    expect(seen.persons.map((p: any) => p.first_name).sort()).toEqual(['Solo', 'Spouse']);
    // And the joined vault itself still shows them, re-homed.
    expect((await solo.json(['case', 'show', c.id])).org_id).toBe(org.orgId);
  });

  it('a consultant who loses a case assignment loses its rows on the laptop', async () => {
    const admin = await srv.login(org.email, org.password);
    const consultant = await srv.addUser(admin, org.orgId, 'consultant');
    const c = await owner.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Assigned Client']);
    const other = await owner.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Other Client']);
    await owner.json(['case', 'update', c.id, '--fields', JSON.stringify({ assigned_consultant_id: consultant.userId })]);
    expect((await owner.sync()).rejected).toBe(0);

    const laptopC = await joinedLaptop(srv.url, consultant.email, consultant.password, 'consultant');
    await laptopC.sync();
    const visible = (await laptopC.json(['case', 'list'])).map((x: any) => x.id);
    expect(visible).toContain(c.id);
    expect(visible).not.toContain(other.id);
    expect((await laptopC.json(['case', 'show', c.id])).persons.length).toBe(1);

    await owner.json(['case', 'update', c.id, '--fields', JSON.stringify({ assigned_consultant_id: org.userId })]);
    expect((await owner.sync()).rejected).toBe(0);
    await laptopC.sync();
    expect((await laptopC.json(['case', 'list'])).map((x: any) => x.id)).not.toContain(c.id);
    const show = await laptopC.run(['case', 'show', c.id]);
    expect(show.code).not.toBe(0);
    expect(show.stderr).toMatch(/no case/);
  });

  it('a revoked device wipes its vault on its next contact', async () => {
    const victim = await joinedLaptop(srv.url, org.email, org.password, 'revoked');
    await victim.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Lost Laptop']);
    await victim.sync();
    const { deviceId } = await victim.json(['sync', 'status']);
    const admin = await srv.login(org.email, org.password);
    const r = await srv.request('POST', `/v1/orgs/${org.orgId}/devices/${deviceId}/revoke`, { token: admin.accessToken });
    expect(r.status).toBeLessThan(300);
    expect(existsSync(`${victim.data}/casework.db`)).toBe(true);
    const s = await victim.run(['sync', '--once']);
    expect(s.code).not.toBe(0);
    expect(s.stderr).toMatch(/revoked/);
    expect(s.stderr).toMatch(/wiped/);
    const left = existsSync(victim.data) ? readdirSync(victim.data) : [];
    expect(left.filter((f) => /casework\.db|vault\.json|blobs/.test(f))).toEqual([]);
    // The owner's other laptop is untouched.
    expect((await owner.json(['sync', 'status'])).server).toBe(srv.url);
  });

  it('a mutation the server refuses is shown with its reason and blocks nothing behind it', async () => {
    const x = await joinedLaptop(srv.url, org.email, org.password, 'dup-x');
    const y = await joinedLaptop(srv.url, org.email, org.password, 'dup-y');
    await x.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--number', 'DUP-0001']);
    const mine = await y.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--number', 'DUP-0001']);
    const fine = await y.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--number', 'FINE-0001']);
    expect((await x.sync()).rejected).toBe(0);
    const s = await y.sync();
    expect(s.rejected).toBeGreaterThanOrEqual(1);
    const st = await y.json(['sync', 'status']);
    expect(st.rejected).toBe(s.rejected);
    expect(st.pendingPushes).toBe(0);
    const list = await y.json(['conflicts', 'list']);
    const rej = list.find((c: any) => c.kind === 'rejected' && c.rowId === mine.id && c.table === 'cases');
    expect(rej).toBeTruthy();
    expect(typeof rej.reason).toBe('string');
    expect(rej.reason.length).toBeGreaterThan(5);
    // The entries after the refused one went through.
    await x.sync();
    expect((await x.json(['case', 'show', fine.id])).case_number).toBe('FINE-0001');

    // The user discards the refused new case: it leaves this laptop (it never reached the server), the
    // list and the status no longer show it, the local audit records the discard, and nothing is sent.
    expect((await y.run(['conflicts', 'discard', 'x1'])).code).not.toBe(0);
    const d = await y.json(['conflicts', 'discard', rej.id]);
    // (A first full pull may already have dropped the unsent record: either way it is gone after.)
    expect(d).toMatchObject({ id: rej.id, table: 'cases', rowId: mine.id, op: 'insert' });
    expect((await y.run(['case', 'show', mine.id])).code).not.toBe(0);
    expect((await y.json(['conflicts', 'list'])).some((c: any) => c.rowId === mine.id && c.table === 'cases')).toBe(false);
    expect((await y.json(['sync', 'status'])).rejected).toBe(st.rejected - 1);
    const again = await y.run(['conflicts', 'discard', rej.id]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/not rejected|discarded/);
    expect((await y.json(['audit', 'verify'])).ok).toBe(true);
    const after = await y.sync();
    expect(after.sent ?? 0).toBe(0);
    expect((await srv.db.pool.query('SELECT count(*)::int AS n FROM cases WHERE id = $1', [mine.id])).rows[0].n).toBe(0);
  });
});
