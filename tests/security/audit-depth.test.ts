// Issue 13 row 2: a paralegal's task whose custom_fields nested 3,000 arrays was applied; from then on
// /audit and /audit/verify answered 500 and `casework-sync start` died ("Maximum call stack size
// exceeded"): every firm on the server was down. Now: such a value is refused at the boundary (depth
// limit 32, shared validators), the audit hash is computed without recursion (an entry already stored
// that deep is chained, listed and verified), and an org whose audit cannot be chained at start is
// recorded as a security event while the server starts and serves every other firm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { newId } from '../../src-shared/ids';
import { MAX_JSON_DEPTH, canonicalJson, jsonDepth } from '../../src-shared/json-limits';
import { validateRow } from '../../src-shared/schema/validators';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { caseFields, firm, push1, type Firm } from './push-support';

let srv: TestServer;
let dir: string;
const nested = (depth: number): unknown => {
  let v: unknown = [];
  for (let i = 1; i < depth; i++) v = [v];
  return v;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cw-audit-depth-'));
  chmodSync(dir, 0o755); // initdb runs as the postgres user when the tests run as root
  srv = await startTestServer({ dataDir: dir });
});
afterAll(async () => {
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('deep JSON', () => {
  it('the shared limit: depth counted without recursion, 32 accepted, 33 refused by the validators', () => {
    expect(jsonDepth(nested(100_000))).toBe(100_000);
    expect(canonicalJson(nested(100_000)).length).toBe(200_000);
    expect(validateRow('tasks', 'update', { custom_fields: { a: nested(MAX_JSON_DEPTH - 1) } }).ok).toBe(true);
    const deep = validateRow('tasks', 'update', { custom_fields: { a: nested(MAX_JSON_DEPTH) } });
    expect(deep.ok).toBe(false);
    expect(!deep.ok && deep.message).toMatch(/nested more than 32/);
  });

  it('a paralegal’s task nesting 3,000 arrays is refused, and the audit routes keep answering', async () => {
    const f = await firm(srv, 'Deep Firm');
    const para = await f.member('paralegal');
    const caseId = newId();
    expect(
      (await push1(srv, f.owner, f.orgId, { table: 'cases', op: 'insert', id: caseId, fields: caseFields({ assigned_staff: [para.userId] }) })).status,
    ).toBe('applied');
    const r = await push1(srv, para, f.orgId, { table: 'tasks', op: 'insert', fields: { case_id: caseId, title: 'deep', custom_fields: { x: nested(3000) } } });
    expect(r.status).toBe('rejected');
    expect(r.reason).toMatch(/nested more than 32/);
    expect((await srv.request('GET', `/v1/orgs/${f.orgId}/audit`, { token: f.owner.accessToken })).status).toBe(200);
    expect((await srv.request('GET', `/v1/orgs/${f.orgId}/audit/verify`, { token: f.owner.accessToken })).body.ok).toBe(true);
  });

  it('an entry already stored 3,000 deep, and an org whose chain cannot be extended, do not stop the server', async () => {
    const [deep, broken, healthy] = [await firm(srv, 'Old Deep'), await firm(srv, 'Broken Chain'), await firm(srv, 'Healthy')];
    const su = new pg.Client({ connectionString: srv.databaseUrl });
    await su.connect();
    // What the old code let in: a pending entry holding the deep value (as a push queued it).
    await su.query(
      `INSERT INTO server_audit_pending (org_id, at, event_type, table_name, record_id, user_id, new_values, changed_fields, metadata)
       VALUES ($1, now(), 'sync.insert', 'tasks', $2, $3, $4::jsonb, '["custom_fields"]', '{}')`,
      [deep.orgId, newId(), deep.owner.userId, JSON.stringify({ custom_fields: { x: nested(3000) } })],
    );
    // One org's chain refuses to grow (whatever the cause): its entry stays pending.
    await su.query(`CREATE FUNCTION test_refuse_chain() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN IF NEW.org_id = '${broken.orgId}' THEN RAISE EXCEPTION 'chain refused for the test'; END IF; RETURN NEW; END $f$`);
    await su.query('CREATE TRIGGER test_refuse_chain BEFORE INSERT ON server_audit FOR EACH ROW EXECUTE FUNCTION test_refuse_chain()');
    expect((await push1(srv, broken.owner, broken.orgId, { table: 'cases', op: 'insert', fields: caseFields() })).status).toBe('applied');
    await su.end();

    await srv.close();
    srv = await startTestServer({ dataDir: dir }); // used to die here
    const ev = await srv.db.pool.query(`SELECT count(*)::int AS n FROM security_events WHERE kind = 'audit_chain_failed' AND org_id = $1`, [broken.orgId]);
    expect(ev.rows[0].n).toBe(1);

    const login = async (f: Firm) => srv.login(f.ownerEmail, f.ownerPassword);
    const h = await login(healthy);
    expect((await push1(srv, h, healthy.orgId, { table: 'cases', op: 'insert', fields: caseFields() })).status).toBe('applied');
    expect((await srv.request('GET', `/v1/orgs/${healthy.orgId}/audit/verify`, { token: h.accessToken })).body.ok).toBe(true);

    const d = await login(deep);
    const list = await srv.request('GET', `/v1/orgs/${deep.orgId}/audit?table=tasks`, { token: d.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.entries).toHaveLength(1);
    expect((await srv.request('GET', `/v1/orgs/${deep.orgId}/audit/verify`, { token: d.accessToken })).body.ok).toBe(true);
  });
});
