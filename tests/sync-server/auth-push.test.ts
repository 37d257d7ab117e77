// Sync server, auth and write path, over real HTTP against a real embedded Postgres: login, refresh
// rotation and reuse detection, throttled failed logins, revoked devices; push applied / conflict /
// duplicate / rejected; cross-org attempts rejected and recorded; audit chain and its tamper detection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { newId } from '../../src-shared/ids';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import type { LoginResponse } from '../../src-shared/sync/protocol';

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let owner: LoginResponse;

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Acme' });
  owner = await srv.login(org.email, org.password);
});
afterAll(async () => srv?.close());

const caseFields = (over: Record<string, unknown> = {}) => ({
  case_number: `C-${Math.random().toString(36).slice(2, 8)}`,
  case_type: 'express_entry',
  ...over,
});

async function push(token: string, orgId: string, clientId: string, mutations: unknown[]) {
  return srv.request('POST', '/v1/push', { token, body: { clientId, orgId, mutations } });
}

describe('auth', () => {
  it('logs in with memberships, refuses a wrong password, and rotates refresh tokens with reuse detection', async () => {
    expect(owner.memberships).toEqual([{ orgId: org.orgId, role: 'owner' }]);
    const bad = await srv.request('POST', '/v1/auth/login', { body: { email: org.email, password: 'nope', deviceName: 'x' } });
    expect(bad.status).toBe(401);
    const dev = await srv.login(org.email, org.password, 'second laptop');
    const r1 = await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: dev.refreshToken } });
    expect(r1.status).toBe(200);
    expect(r1.body.refreshToken).not.toBe(dev.refreshToken);
    expect(r1.body.deviceId).toBe(dev.deviceId);
    // The old token again: reuse. Every token of the device is revoked, including the fresh one.
    const reuse = await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: dev.refreshToken } });
    expect(reuse.status).toBe(401);
    const after = await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: r1.body.refreshToken } });
    expect(after.status).toBe(401);
    const ev = await srv.db.pool.query(`SELECT count(*)::int AS n FROM security_events WHERE kind = 'refresh_token_reuse' AND device_id = $1`, [dev.deviceId]);
    expect(ev.rows[0].n).toBeGreaterThanOrEqual(1);
    // The device itself still exists (reuse signs it out; it is not revoked): a fresh login works.
    expect((await srv.login(org.email, org.password, 'second laptop')).accessToken).toBeTruthy();
  });

  it('throttles repeated failed logins and records them without the email in clear', async () => {
    const who = await srv.addUser(owner, org.orgId, 'staff');
    for (let i = 0; i < 5; i++) {
      const r = await srv.request('POST', '/v1/auth/login', { body: { email: who.email, password: `wrong${i}`, deviceName: 'x' } });
      expect(r.status).toBe(401);
    }
    const blocked = await srv.request('POST', '/v1/auth/login', { body: { email: who.email, password: who.password, deviceName: 'x' } });
    expect(blocked.status).toBe(429);
    const ev = await srv.db.pool.query(`SELECT detail::text AS d FROM security_events WHERE kind IN ('login_failed','login_throttled')`);
    expect(ev.rowCount).toBeGreaterThanOrEqual(6);
    for (const r of ev.rows) expect(r.d).not.toContain('@');
  });

  it('refuses requests without a valid token, and a revoked device gets device_revoked', async () => {
    expect((await srv.request('POST', '/v1/push', { body: {} })).status).toBe(401);
    expect((await srv.request('GET', '/v1/shape?table=cases&offset=-1', { token: `${owner.accessToken}x` })).status).toBe(401);
    const dev = await srv.login(org.email, org.password, 'lost laptop');
    const rv = await srv.request('POST', `/v1/orgs/${org.orgId}/devices/${dev.deviceId}/revoke`, { token: owner.accessToken });
    expect(rv.status).toBe(200);
    const r = await srv.request('GET', '/v1/shape?table=cases&offset=-1', { token: dev.accessToken });
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error: 'device_revoked' });
    const rf = await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: dev.refreshToken } });
    expect(rf.body).toMatchObject({ error: 'device_revoked' });
    const list = await srv.request('GET', `/v1/orgs/${org.orgId}/devices`, { token: owner.accessToken });
    expect(list.body.devices.find((d: any) => d.deviceId === dev.deviceId).revokedAt).not.toBeNull();
  });
});

describe('push', () => {
  it('applies, acknowledges duplicates without re-applying, merges field by field and reports conflicts', async () => {
    const clientA = newId();
    const clientB = newId();
    const devB = await srv.login(org.email, org.password, 'laptop B');
    const id = newId();
    const ins = await push(owner.accessToken, org.orgId, clientA, [
      { mutationId: 1, table: 'cases', op: 'insert', id, fields: caseFields({ priority: 'low', total_fees: '100.50' }), base: null },
    ]);
    expect(ins.status).toBe(200);
    expect(ins.body.lastMutationId).toBe(1);
    expect(ins.body.results[0]).toMatchObject({ mutationId: 1, status: 'applied' });
    const v1 = ins.body.results[0].row.version;
    // Same mutation again (a retry): acknowledged, not applied twice.
    const dup = await push(owner.accessToken, org.orgId, clientA, [{ mutationId: 1, table: 'cases', op: 'insert', id, fields: caseFields(), base: null }]);
    expect(dup.body.results[0].status).toBe('applied');
    expect((await srv.db.pool.query('SELECT version FROM cases WHERE id = $1', [id])).rows[0].version).toBe(v1);
    // A changes priority; B, who still saw "low", changes priority and status.
    const a = await push(owner.accessToken, org.orgId, clientA, [
      { mutationId: 2, table: 'cases', op: 'update', id, fields: { priority: 'high' }, base: { priority: 'low' } },
    ]);
    expect(a.body.results[0].status).toBe('applied');
    const b = await push(devB.accessToken, org.orgId, clientB, [
      {
        mutationId: 1,
        table: 'cases',
        op: 'update',
        id,
        fields: { priority: 'urgent', status: 'active', total_fees: '200' },
        base: { priority: 'low', status: 'draft', total_fees: '100.5' },
      },
    ]);
    expect(b.body.results[0].status).toBe('conflict');
    expect(b.body.results[0].conflicts).toEqual([{ field: 'priority', yours: 'urgent', theirs: 'high' }]);
    const row = (await srv.db.pool.query('SELECT priority, status, total_fees FROM cases WHERE id = $1', [id])).rows[0];
    expect(row).toEqual({ priority: 'high', status: 'active', total_fees: '200.000000' });
    expect(b.body.results[0].row.total_fees).toBe('200.00');
  });

  it('rejects invalid, unauthorised and cross-org mutations with a reason, consumes their ids and changes nothing', async () => {
    const other = await srv.createOrg('Other firm', `other.${Date.now()}@example.test`, 'other-owner-pass-1');
    const otherOwner = await srv.login(other.email, 'other-owner-pass-1');
    const foreignCase = newId();
    await push(otherOwner.accessToken, other.orgId, newId(), [
      { mutationId: 1, table: 'cases', op: 'insert', id: foreignCase, fields: caseFields(), base: null },
    ]);
    const staff = await srv.addUser(owner, org.orgId, 'staff');
    const staffLogin = await srv.login(staff.email, staff.password);
    const client = newId();
    const before = await srv.db.pool.query('SELECT count(*)::int AS n, max(version) AS v FROM cases');
    const r = await push(owner.accessToken, org.orgId, client, [
      { mutationId: 1, table: 'cases', op: 'insert', id: newId(), fields: { case_type: 'x' }, base: null }, // missing case_number
      { mutationId: 2, table: 'cases', op: 'update', id: foreignCase, fields: { priority: 'low' }, base: null }, // other org's row
      { mutationId: 3, table: 'cases', op: 'insert', id: newId(), fields: { ...caseFields(), org_id: other.orgId }, base: null }, // other org id
      { mutationId: 4, table: 'cases', op: 'insert', id: newId(), fields: { ...caseFields(), status: 'bogus' }, base: null },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.lastMutationId).toBe(4);
    expect(r.body.results.map((x: any) => x.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    for (const x of r.body.results) expect(typeof x.reason).toBe('string');
    // Staff may not write case assignments (managers only) nor touch a case they are not assigned to.
    const s = await push(staffLogin.accessToken, org.orgId, newId(), [
      { mutationId: 1, table: 'case_assignments', op: 'insert', id: newId(), fields: { case_id: foreignCase, user_id: staff.userId }, base: null },
      { mutationId: 2, table: 'cases', op: 'insert', id: newId(), fields: caseFields(), base: null },
    ]);
    expect(s.body.results.map((x: any) => x.status)).toEqual(['rejected', 'rejected']);
    // Pushing into an org you are not a member of: 403 for the whole request.
    const foreign = await push(owner.accessToken, other.orgId, newId(), [
      { mutationId: 1, table: 'cases', op: 'insert', id: newId(), fields: caseFields(), base: null },
    ]);
    expect(foreign.status).toBe(403);
    const after = await srv.db.pool.query('SELECT count(*)::int AS n, max(version) AS v FROM cases');
    expect(after.rows[0]).toEqual(before.rows[0]);
    const ev = await srv.db.pool.query(`SELECT count(*)::int AS n FROM security_events WHERE kind = 'cross_org_mutation' AND org_id = $1`, [org.orgId]);
    expect(ev.rows[0].n).toBe(2);
    expect((await srv.db.pool.query(`SELECT org_id FROM cases WHERE id = $1`, [foreignCase])).rows[0].org_id).toBe(other.orgId);
  });

  it('answers malformed, oversized and hostile payloads with 4xx and no change', async () => {
    const before = (await srv.db.pool.query('SELECT coalesce(max(version),0) AS v FROM cases')).rows[0].v;
    const t = owner.accessToken;
    const cases: Array<[unknown, number]> = [
      ['{not json', 400],
      [{ clientId: 'x', orgId: org.orgId, mutations: [] }, 400],
      [{ clientId: newId(), orgId: org.orgId, mutations: [{ mutationId: 1, table: 'pg_authid', op: 'insert', id: newId(), fields: {}, base: null }] }, 400],
      [{ clientId: newId(), orgId: org.orgId, mutations: [{ mutationId: 1, table: 'cases', op: 'drop', id: newId(), fields: {}, base: null }] }, 400],
      [{ clientId: newId(), orgId: org.orgId, mutations: [{ mutationId: -1, table: 'cases', op: 'insert', id: newId(), fields: {}, base: null }] }, 400],
      [
        {
          clientId: newId(),
          orgId: org.orgId,
          mutations: Array.from({ length: 501 }, (_, i) => ({
            mutationId: i + 1,
            table: 'cases',
            op: 'insert',
            id: newId(),
            fields: caseFields(),
            base: null,
          })),
        },
        400,
      ],
      [
        {
          clientId: newId(),
          orgId: org.orgId,
          mutations: [{ mutationId: 1, table: 'cases', op: 'insert', id: newId(), fields: caseFields({ notes: 'x'.repeat(9_000_000) }), base: null }],
        },
        413,
      ],
    ];
    for (const [body, status] of cases) {
      const r = await srv.request('POST', '/v1/push', {
        token: t,
        body: typeof body === 'string' ? body : body,
        headers: { 'content-type': 'application/json' },
      });
      expect(r.status, JSON.stringify(r.body).slice(0, 200)).toBe(status);
      expect(r.body.error).toBeTruthy();
    }
    // SQL in values and field names is data or refused, never executed.
    const evil = await push(t, org.orgId, newId(), [
      { mutationId: 1, table: 'cases', op: 'insert', id: newId(), fields: { ...caseFields(), 'case_type"; DROP TABLE cases; --': 'x' }, base: null },
    ]);
    expect(evil.body.results[0].status).toBe('rejected');
    expect((await srv.db.pool.query('SELECT coalesce(max(version),0) AS v FROM cases')).rows[0].v).toBe(before);
  });
});

describe('audit', () => {
  it('records applied mutations and admin actions in a chain that verifies, and detects an entry edited in Postgres', async () => {
    const id = newId();
    await push(owner.accessToken, org.orgId, newId(), [
      { mutationId: 1, table: 'cases', op: 'insert', id, fields: caseFields({ priority: 'low' }), base: null },
    ]);
    const list = await srv.request('GET', `/v1/orgs/${org.orgId}/audit?table=cases&recordId=${id}`, { token: owner.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.entries).toHaveLength(1);
    expect(list.body.entries[0]).toMatchObject({ event_type: 'sync.insert', user_id: owner.userId, device_id: owner.deviceId });
    expect(list.body.entries[0].new_values.priority).toBe('low');
    const kinds = (await srv.request('GET', `/v1/orgs/${org.orgId}/audit?limit=1000`, { token: owner.accessToken })).body.entries.map((e: any) => e.event_type);
    for (const k of ['admin.create_org', 'auth.login', 'auth.login_failed', 'admin.create_user', 'admin.revoke_device', 'sync.update'])
      expect(kinds).toContain(k);
    const ok = await srv.request('GET', `/v1/orgs/${org.orgId}/audit/verify`, { token: owner.accessToken });
    expect(ok.body).toMatchObject({ ok: true });
    expect(ok.body.entries).toBe(kinds.length);
    // The app role cannot edit the chain at all.
    const c = await srv.db.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SET LOCAL ROLE casework_app');
      await c.query(`SELECT set_config('app.org_id', $1, true)`, [org.orgId]);
      await expect(c.query(`UPDATE server_audit SET event_type = 'x' WHERE org_id = $1`, [org.orgId])).rejects.toThrow(/permission denied/);
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
    // A superuser who disables the trigger and edits an entry is caught by verify.
    const target = list.body.entries[0];
    const su = new pg.Client({ connectionString: srv.db.url });
    await su.connect();
    await su.query('ALTER TABLE server_audit DISABLE TRIGGER server_audit_no_update');
    await su.query(`UPDATE server_audit SET new_values = jsonb_set(new_values, '{priority}', '"urgent"') WHERE id = $1`, [target.id]);
    await su.query('ALTER TABLE server_audit ENABLE TRIGGER server_audit_no_update');
    await su.end();
    const bad = await srv.request('GET', `/v1/orgs/${org.orgId}/audit/verify`, { token: owner.accessToken });
    expect(bad.body).toMatchObject({ ok: false, firstBrokenId: target.id });
    // Non-managers cannot read the audit log.
    const staff = await srv.addUser(owner, org.orgId, 'consultant');
    const sl = await srv.login(staff.email, staff.password);
    expect((await srv.request('GET', `/v1/orgs/${org.orgId}/audit`, { token: sl.accessToken })).status).toBe(403);
  });
});
