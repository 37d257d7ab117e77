// Issue 13 row 6: every kind of access change makes a case leave a consultant's laptop at its next
// sync, through the real server: the laptop's next read with the handle it holds is 409 must-refetch,
// and the refetch no longer includes the case (or, for a new grant, includes it with all its rows).
// Old code: a grant expiring by itself, set to the past, or moved to another case kept the same
// handle (200, the case stayed), and a suspended member got 403 (the laptop kept every row).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src-shared/ids';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { caseFields, firm, push1, readShape, type Firm } from './push-support';

let srv: TestServer;
let f: Firm;

beforeAll(async () => {
  srv = await startTestServer();
  f = await firm(srv, 'Access Firm');
});
afterAll(async () => srv?.close());

async function newCase(): Promise<string> {
  const id = newId();
  expect((await push1(srv, f.owner, f.orgId, { table: 'cases', op: 'insert', id, fields: caseFields() })).status).toBe('applied');
  return id;
}
async function grant(userId: string, caseId: string, expiresAt: string | null = null): Promise<string> {
  const id = newId();
  const r = await push1(srv, f.owner, f.orgId, {
    table: 'case_assignments',
    op: 'insert',
    id,
    fields: { case_id: caseId, user_id: userId, expires_at: expiresAt },
  });
  expect(r.status).toBe('applied');
  return id;
}

describe('a case leaves the laptop whenever access to it ends', () => {
  it('a grant that expires by itself: the next read is must-refetch and the case is gone', async () => {
    const c = await f.member('consultant');
    const caseId = await newCase();
    await grant(c.userId, caseId, new Date(Date.now() + 2500).toISOString());
    const first = await readShape(srv, c, f.orgId, 'cases');
    expect(first.ids).toContain(caseId);
    await new Promise((r) => setTimeout(r, 3000)); // nothing is written: only time passes
    const next = await readShape(srv, c, f.orgId, 'cases', first.at);
    expect(next.status).toBe(409);
    const again = await readShape(srv, c, f.orgId, 'cases');
    expect(again.status).toBe(200);
    expect(again.ids).not.toContain(caseId);
  });

  it('a grant set to the past, and a grant moved to another case', async () => {
    const c = await f.member('consultant');
    const [a, b, d] = [await newCase(), await newCase(), await newCase()];
    const ga = await grant(c.userId, a);
    const gb = await grant(c.userId, b);
    // A person on case d: it must arrive with d when the grant moves there.
    const person = newId();
    const p = await push1(srv, f.owner, f.orgId, {
      table: 'persons',
      op: 'insert',
      id: person,
      fields: { case_id: d, first_name: 'Moved', last_name: 'Client' },
    });
    expect(p.status).toBe('applied');
    let cases = await readShape(srv, c, f.orgId, 'cases');
    expect(cases.ids).toEqual(expect.arrayContaining([a, b]));

    const past = new Date(Date.now() - 60_000).toISOString();
    expect((await push1(srv, f.owner, f.orgId, { table: 'case_assignments', op: 'update', id: ga, fields: { expires_at: past } })).status).toBe('applied');
    expect((await readShape(srv, c, f.orgId, 'cases', cases.at)).status).toBe(409);
    cases = await readShape(srv, c, f.orgId, 'cases');
    expect(cases.ids).not.toContain(a);
    expect(cases.ids).toContain(b);

    const persons = await readShape(srv, c, f.orgId, 'persons');
    expect(persons.ids).not.toContain(person);
    expect((await push1(srv, f.owner, f.orgId, { table: 'case_assignments', op: 'update', id: gb, fields: { case_id: d } })).status).toBe('applied');
    expect((await readShape(srv, c, f.orgId, 'cases', cases.at)).status).toBe(409);
    expect((await readShape(srv, c, f.orgId, 'persons', persons.at)).status).toBe(409);
    cases = await readShape(srv, c, f.orgId, 'cases');
    expect(cases.ids).not.toContain(b);
    expect(cases.ids).toContain(d);
    expect((await readShape(srv, c, f.orgId, 'persons')).ids).toContain(person); // the new case's rows came with it
  });

  it('a newly granted case arrives with all its rows, older than the laptop’s cursor', async () => {
    const c = await f.member('paralegal');
    const caseId = await newCase();
    const task = newId();
    expect((await push1(srv, f.owner, f.orgId, { table: 'tasks', op: 'insert', id: task, fields: { case_id: caseId, title: 'Old task' } })).status).toBe(
      'applied',
    );
    const tasks = await readShape(srv, c, f.orgId, 'tasks');
    expect(tasks.ids).not.toContain(task);
    await grant(c.userId, caseId);
    expect((await readShape(srv, c, f.orgId, 'tasks', tasks.at)).status).toBe(409);
    expect((await readShape(srv, c, f.orgId, 'tasks')).ids).toContain(task);
  });

  it('a suspended member: must-refetch, then nothing of the org (the laptop drops it all); pushes refused', async () => {
    const c = await f.member('consultant');
    const caseId = await newCase();
    await grant(c.userId, caseId);
    const first = await readShape(srv, c, f.orgId, 'cases');
    const org = await readShape(srv, c, f.orgId, 'organizations');
    expect(first.ids).toContain(caseId);
    expect(org.ids).toContain(f.orgId);
    const s = await srv.request('PATCH', `/v1/orgs/${f.orgId}/memberships/${c.userId}`, { token: f.owner.accessToken, body: { status: 'suspended' } });
    expect(s.status).toBe(200);
    expect((await readShape(srv, c, f.orgId, 'cases', first.at)).status).toBe(409);
    expect((await readShape(srv, c, f.orgId, 'organizations', org.at)).status).toBe(409);
    const after = await readShape(srv, c, f.orgId, 'cases');
    expect(after.status).toBe(200);
    expect(after.ids).toEqual([]);
    expect((await readShape(srv, c, f.orgId, 'organizations')).ids).toEqual([]);
    const snap = await srv.request('GET', `/v1/snapshot?table=cases&orgId=${f.orgId}&offset=-1`, { token: c.accessToken });
    expect(snap.status).toBe(200);
    expect(String(snap.body)).not.toContain(caseId);
    const p = await srv.request('POST', '/v1/push', {
      token: c.accessToken,
      body: { clientId: newId(), orgId: f.orgId, mutations: [{ mutationId: 1, table: 'cases', op: 'insert', id: newId(), fields: caseFields(), base: null }] },
    });
    expect(p.status).toBe(403);
    // A stranger to the org is still refused outright.
    const other = await firm(srv, 'Other Firm');
    expect((await readShape(srv, other.owner, f.orgId, 'cases')).status).toBe(403);
  });
});
