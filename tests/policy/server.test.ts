/**
 * The policy on the real sync server (embedded Postgres): what each role's snapshot and shape carry
 * (rows left out, restricted fields stripped or masked in Postgres), blobs by document access level,
 * pushes judged per mutation and field (trainee sign-off, money, approvals, a masked value sent back),
 * a firm's role whose packed rules reach laptops through org_roles, and the SQL decisions equal to the
 * engine's for every row (the laptop's evaluation of the same packed rules).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { newId } from '../../src-shared/ids';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { readSnapshotBody } from '../../src-shared/sync/snapshot-reader';
import { Policy, applyAccess, caseFacts, rowAccess, rowFacts, type PackedRules } from '../../src-shared/policy';

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let owner: LoginResponse;
const users: Record<string, { userId: string; login: LoginResponse }> = {};
const PASSPORT = 'AB1234567';
const SIN = '046454286';
const caseA = newId();
const caseB = newId(); // nobody but owner/admin/manager is on it
const person = newId();
const docs = { team: newId(), consultant: newId(), admin: newId() };
const blob = (s: string) => createHash('sha256').update(s).digest('hex');
let mid = 0;

async function push(token: string, mutations: Array<Record<string, unknown>>, clientId = newId()) {
  const r = await srv.request('POST', '/v1/push', {
    token,
    body: { clientId, orgId: org.orgId, mutations: mutations.map((m) => ({ base: null, fields: {}, ...m, mutationId: ++mid })) },
  });
  expect(r.status).toBe(200);
  return r.body.results as Array<{ status: string; reason?: string; row?: Record<string, unknown> }>;
}

async function snapshot(token: string, table: string): Promise<Record<string, string | null>[]> {
  const r = await fetch(`${srv.url}/v1/snapshot?table=${table}&offset=-1&orgId=${org.orgId}`, { headers: { authorization: `Bearer ${token}` } });
  expect(r.status).toBe(200);
  const page = await readSnapshotBody(r.body!);
  return page.rows.map((row) => Object.fromEntries(page.columns.map((c, i) => [c, row[i] ?? null])));
}

async function shape(token: string, table: string): Promise<Record<string, unknown>[]> {
  const r = await srv.request('GET', `/v1/shape?table=${table}&offset=-1&orgId=${org.orgId}`, { token });
  expect(r.status).toBe(200);
  return (r.body as Array<{ value?: Record<string, unknown> }>).filter((m) => m.value).map((m) => m.value!);
}

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Policy firm' });
  owner = await srv.login(org.email, org.password);
  for (const role of ['manager', 'consultant', 'staff', 'paralegal', 'trainee']) {
    const u = await srv.addUser(owner, org.orgId, role);
    users[role] = { userId: u.userId, login: await srv.login(u.email, u.password) };
  }
  const doc = (id: string, access_level: string, title: string) => ({
    table: 'documents',
    op: 'insert',
    id,
    fields: {
      case_id: caseA,
      document_type: 'passport',
      category: 'identity',
      title,
      filename: 'p.png',
      original_filename: 'p.png',
      file_size: 3,
      mime_type: 'image/png',
      storage_key: blob(title),
      access_level,
    },
  });
  const res = await push(owner.accessToken, [
    {
      table: 'cases',
      op: 'insert',
      id: caseA,
      fields: {
        case_number: 'P-1',
        case_type: 'EXPRESS_ENTRY_FSW',
        assigned_consultant_id: users.consultant!.userId,
        assigned_staff: [users.staff!.userId, users.paralegal!.userId, users.trainee!.userId],
      },
    },
    { table: 'cases', op: 'insert', id: caseB, fields: { case_number: 'P-2', case_type: 'STUDY_PERMIT' } },
    {
      table: 'persons',
      op: 'insert',
      id: person,
      fields: {
        case_id: caseA,
        first_name: 'Amara',
        last_name: 'Okafor',
        passport_info: { number: PASSPORT, country: 'NGA' },
        custom_fields: { sin: SIN, note: 'n' },
      },
    },
    doc(docs.team, 'case_team', 'team doc'),
    doc(docs.consultant, 'consultant_only', 'consultant doc'),
    doc(docs.admin, 'admin_only', 'admin doc'),
    {
      table: 'invoices',
      op: 'insert',
      id: newId(),
      fields: {
        case_id: caseA,
        invoice_number: 'INV-1',
        subtotal: '10',
        total_amount: '10',
        bill_to_name: 'A',
        invoice_date: '2026-01-01',
        due_date: '2026-02-01',
      },
    },
  ]);
  expect(res.map((r) => r.status)).toEqual(Array(7).fill('applied'));
  for (const title of ['team doc', 'consultant doc', 'admin doc']) {
    const put = await srv.request('PUT', `/v1/blobs/${blob(title)}?orgId=${org.orgId}`, { token: owner.accessToken, body: Buffer.from(title) });
    expect(put.status).toBeLessThan(300);
  }
});
afterAll(async () => srv?.close());

describe('reads: rows and fields by role (snapshot and shape)', () => {
  const token = (role: string) => (role === 'owner' ? owner.accessToken : users[role]!.login.accessToken);
  // Written by hand from the defaults: [role, passport number seen, SIN seen, documents seen, cases seen]
  const EXPECTED: Array<[string, string | undefined, string | undefined, string[], number]> = [
    ['owner', PASSPORT, SIN, ['admin doc', 'consultant doc', 'team doc'], 2],
    ['manager', '•••••567', '•••••286', ['team doc'], 2],
    ['consultant', PASSPORT, SIN, ['consultant doc', 'team doc'], 1],
    ['staff', '•••••567', '•••••286', ['team doc'], 1],
    ['paralegal', '•••••567', '•••••286', ['team doc'], 1],
    ['trainee', undefined, undefined, ['team doc'], 1],
  ];
  for (const [role, passport, sin, docTitles, caseCount] of EXPECTED) {
    it(`${role}: passport ${passport ?? 'hidden'}, documents ${docTitles.join(', ')}`, async () => {
      for (const read of [snapshot, shape]) {
        const persons = await read(token(role), 'persons');
        expect(persons).toHaveLength(1);
        const info = JSON.parse(String(persons[0]!.passport_info));
        const custom = JSON.parse(String(persons[0]!.custom_fields));
        expect(info.number).toBe(passport);
        expect(info.country).toBe('NGA');
        expect(custom.sin).toBe(sin);
        expect(custom.note).toBe('n');
        if (passport !== PASSPORT) expect(JSON.stringify(persons)).not.toContain(PASSPORT.slice(0, 6));
        const documents = await read(token(role), 'documents');
        expect(documents.map((d) => d.title).sort()).toEqual(docTitles);
        expect(await read(token(role), 'cases')).toHaveLength(caseCount);
      }
    });
  }

  it('blobs follow the document access level (admin_only: owner and admin only)', async () => {
    const get = (role: string, title: string) => srv.request('GET', `/v1/blobs/${blob(title)}?orgId=${org.orgId}`, { token: token(role) });
    expect((await get('owner', 'admin doc')).status).toBe(200);
    expect((await get('consultant', 'admin doc')).status).toBe(404);
    expect((await get('consultant', 'consultant doc')).status).toBe(200);
    expect((await get('staff', 'consultant doc')).status).toBe(404);
    expect((await get('staff', 'team doc')).status).toBe(200);
  });
});

describe('push: each mutation and field judged by the policy', () => {
  it('a trainee write waits for sign-off; a paralegal may not touch money; only owner/admin approve a rule', async () => {
    const t = await push(users.trainee!.login.accessToken, [{ table: 'tasks', op: 'insert', id: newId(), fields: { case_id: caseA, title: 'x' } }]);
    expect(t[0]).toMatchObject({ status: 'rejected', reason: expect.stringContaining("supervisor's sign-off") });
    const p = await push(users.paralegal!.login.accessToken, [
      { table: 'payments', op: 'insert', id: newId(), fields: { case_id: caseA, amount: '5', payment_date: '2026-01-02T00:00:00Z' } },
      { table: 'tasks', op: 'insert', id: newId(), fields: { case_id: caseA, title: 'call client' } },
    ]);
    expect(p.map((r) => r.status)).toEqual(['rejected', 'applied']);
    const proposal = newId();
    const m = users.manager!.login.accessToken;
    const fields = { rule_id: 'r', rule_category: 'c', rule_type: 'new', rule_json: {}, proposed_by_agent: 'human', summary: 's' };
    expect((await push(m, [{ table: 'rule_proposals', op: 'insert', id: proposal, fields }]))[0]!.status).toBe('applied');
    expect((await push(m, [{ table: 'rule_proposals', op: 'update', id: proposal, fields: { status: 'approved' } }]))[0]!.status).toBe('rejected');
    expect((await push(owner.accessToken, [{ table: 'rule_proposals', op: 'update', id: proposal, fields: { status: 'approved' } }]))[0]!.status).toBe(
      'applied',
    );
  });

  it("a trainee's statement is theirs to draft, not to make final or sign off: the server refuses what only a supervisor's sign-off may do", async () => {
    const t = users.trainee!.login.accessToken;
    const budget = (id: string, status: string) => ({ table: 'debt_budgets', op: 'insert', id, fields: { case_id: caseA, budget_date: '2026-03-01', status } });
    const [draft, final] = [newId(), newId()];
    const r = await push(t, [budget(draft, 'draft'), budget(final, 'final')]);
    expect(r.map((x) => x.status)).toEqual(['applied', 'rejected']);
    expect(r[1]!.reason).toMatch(/sign/);
    // Finalising asks for sign-off; making it final, or recording a sign-off, is refused and changes nothing.
    expect((await push(t, [{ table: 'debt_budgets', op: 'update', id: draft, fields: { status: 'awaiting_signoff' } }]))[0]!.status).toBe('applied');
    const own = await push(t, [
      { table: 'debt_budgets', op: 'update', id: draft, fields: { status: 'final' } },
      { table: 'debt_budgets', op: 'update', id: draft, fields: { signed_off_by: users.trainee!.userId, signed_off_at: '2026-03-02T00:00:00.000Z' } },
    ]);
    expect(own.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    const stored = await srv.db.pool.query('SELECT status, signed_off_by FROM debt_budgets WHERE id = $1', [draft]);
    expect(stored.rows[0]).toEqual({ status: 'awaiting_signoff', signed_off_by: null });
    // A supervisor signs it off.
    const m = users.manager!;
    const signed = await push(m.login.accessToken, [
      { table: 'debt_budgets', op: 'update', id: draft, fields: { status: 'final', signed_off_by: m.userId, signed_off_at: '2026-03-02T00:00:00.000Z' } },
    ]);
    expect(signed[0]!.status).toBe('applied');
  });

  it('staff editing a person with a masked passport keeps the real number; a new number is written', async () => {
    const s = users.staff!.login.accessToken;
    const [mine] = await snapshot(s, 'persons');
    const info = JSON.parse(String(mine!.passport_info));
    const r = await push(s, [
      { table: 'persons', op: 'update', id: person, fields: { passport_info: { ...info, country: 'CAN' } }, base: { passport_info: info } },
    ]);
    expect(r[0]!.status).toBe('applied');
    const stored = await srv.db.pool.query('SELECT passport_info FROM persons WHERE id = $1', [person]);
    expect(stored.rows[0].passport_info).toEqual({ number: PASSPORT, country: 'CAN' });
  });

  it("a firm's role (org_roles) is compiled and packed by the server, reaches every member by sync, and changes their reads", async () => {
    // The firm hides SIN numbers from staff entirely (no partial).
    const role = newId();
    const r = await push(owner.accessToken, [
      {
        table: 'org_roles',
        op: 'insert',
        id: role,
        fields: {
          role_key: 'staff',
          inherits: 'staff',
          remove_rules: [{ action: 'read_partial', subject: 'persons', fields: ['custom_fields.sin'] }],
          packed_rules: [['manage', 'all']],
        },
      },
    ]);
    expect(r[0]!.status).toBe('applied');
    const rows = await snapshot(users.staff!.login.accessToken, 'org_roles');
    const shipped = JSON.parse(String(rows.find((x) => x.id === role)!.packed_rules)) as PackedRules;
    expect(shipped).not.toEqual([['manage', 'all']]); // the client's packed_rules are never trusted
    const laptop = Policy.fromPacked(shipped);
    const facts = rowFacts('persons', {}, caseFacts(users.staff!.userId, { assigned_staff: [users.staff!.userId] }, []));
    expect(rowAccess(laptop, 'persons', facts).fields).toMatchObject({ 'custom_fields.sin': 'hidden', 'passport_info.number': 'partial' });
    const [p] = await snapshot(users.staff!.login.accessToken, 'persons');
    expect(JSON.parse(String(p!.custom_fields)).sin).toBeUndefined();
    expect(JSON.parse(String(p!.passport_info)).number).toBe('•••••567');
    // A bad rule is refused, and nothing changes.
    const bad = await push(owner.accessToken, [
      {
        table: 'org_roles',
        op: 'insert',
        id: newId(),
        fields: { role_key: 'x', inherits: 'staff', add_rules: [{ action: 'read', subject: 'persons', conditions: { first_name: 'A' } }] },
      },
    ]);
    expect(bad[0]!.status).toBe('rejected');
    const events = await srv.db.pool.query(`SELECT count(*)::int AS n FROM security_events WHERE kind = 'policy_change' AND org_id = $1`, [org.orgId]);
    expect(events.rows[0].n).toBe(1);
    // Staff may not write roles.
    const denied = await push(users.staff!.login.accessToken, [{ table: 'org_roles', op: 'update', id: role, fields: { remove_rules: [] } }]);
    expect(denied[0]!.status).toBe('rejected');
  });

  it("what the server's SQL sends equals the engine's masks on the stored row (the laptop's evaluation)", async () => {
    const stored = (await srv.db.pool.query('SELECT passport_info, custom_fields FROM persons WHERE id = $1', [person])).rows[0];
    for (const role of ['paralegal', 'trainee', 'consultant']) {
      const u = users[role]!;
      const facts = rowFacts(
        'persons',
        stored,
        caseFacts(
          u.userId,
          { assigned_consultant_id: users.consultant!.userId, assigned_staff: [users.staff!.userId, users.paralegal!.userId, users.trainee!.userId] },
          [],
        ),
      );
      const { policyForRole } = await import('../../src-shared/policy');
      const expected = applyAccess('persons', stored, rowAccess(policyForRole(role), 'persons', facts).fields);
      const [got] = await snapshot(u.login.accessToken, 'persons');
      expect(JSON.parse(String(got!.passport_info))).toEqual(expected.passport_info);
      expect(JSON.parse(String(got!.custom_fields))).toEqual(expected.custom_fields);
    }
  });
});
