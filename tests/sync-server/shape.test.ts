// The read path through the official @electric-sql/client ShapeStream against the real server: an
// initial shape, a live update, a delete as a tombstone, a must-refetch when access changes; the server
// refuses a client-sent where; a large shape pages (read ahead) without losing or repeating a row, and a
// page read ahead is not served once access changed; and Postgres RLS returns nothing to a query that forgets the org.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShapeStream, type Message, type Row } from '@electric-sql/client';
import { newId } from '../../src-shared/ids';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { LIMITS, type LoginResponse } from '../../src-shared/sync/protocol';
import { claimVersions } from '../../sync-server/src/versions';
import { readSnapshotBody } from '../../src-shared/sync/snapshot-reader';

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let owner: LoginResponse;

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Shapes' });
  owner = await srv.login(org.email, org.password);
});
afterAll(async () => srv?.close());

const caseFields = (over: Record<string, unknown> = {}) => ({
  case_number: `C-${Math.random().toString(36).slice(2, 8)}`,
  case_type: 'express_entry',
  ...over,
});
let mid = 0;
const client = newId();
async function push(token: string, mutations: unknown[], clientId = client) {
  const r = await srv.request('POST', '/v1/push', { token, body: { clientId, orgId: org.orgId, mutations } });
  expect(r.status).toBe(200);
  return r.body;
}

function stream(token: string, table: string) {
  const s = new ShapeStream<Row>({
    url: `${srv.url}/v1/shape`,
    params: { table },
    headers: { authorization: `Bearer ${token}` },
    parser: { int8: (v: string) => Number(v) },
  });
  const seen: Message<Row>[] = [];
  const waiters: Array<() => void> = [];
  s.subscribe((msgs) => {
    seen.push(...msgs);
    waiters.splice(0).forEach((w) => w());
  });
  const until = async (pred: () => boolean, ms = 15_000) => {
    const end = Date.now() + ms;
    while (!pred()) {
      if (Date.now() > end) throw new Error(`timed out; saw ${JSON.stringify(seen).slice(0, 500)}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
  };
  return { s, seen, until };
}

describe('shape', () => {
  it('ShapeStream reads a shape, then a live insert, then a delete as a tombstone', async () => {
    const a = newId();
    await push(owner.accessToken, [
      { mutationId: ++mid, table: 'cases', op: 'insert', id: a, fields: caseFields({ priority: 'low', total_fees: '12.50', tags: ['x'] }), base: null },
    ]);
    const { s, seen, until } = stream(owner.accessToken, 'cases');
    try {
      await until(() => seen.some((m) => 'headers' in m && (m.headers as any).control === 'up-to-date'));
      const first = seen.find((m) => 'key' in m && (m as any).value.id === a) as any;
      expect(first.value).toMatchObject({ id: a, priority: 'low', total_fees: '12.50', tags: ['x'], org_id: org.orgId });
      expect(typeof first.value.version).toBe('number');
      expect(s.isUpToDate).toBe(true);
      const b = newId();
      await push(owner.accessToken, [{ mutationId: ++mid, table: 'cases', op: 'insert', id: b, fields: caseFields(), base: null }]);
      await until(() => seen.some((m) => 'key' in m && (m as any).value.id === b));
      await push(owner.accessToken, [{ mutationId: ++mid, table: 'cases', op: 'delete', id: a, fields: {}, base: null }]);
      await until(() => seen.some((m) => 'key' in m && (m as any).value.id === a && (m as any).value.deleted_at));
    } finally {
      s.unsubscribeAll();
    }
  });

  it('sends must-refetch when the caller loses access to a case, and the refetched shape no longer holds it', async () => {
    const consultant = await srv.addUser(owner, org.orgId, 'consultant');
    const cl = await srv.login(consultant.email, consultant.password);
    const mine = newId();
    const theirs = newId();
    await push(owner.accessToken, [
      { mutationId: ++mid, table: 'cases', op: 'insert', id: mine, fields: caseFields({ assigned_consultant_id: consultant.userId }), base: null },
      { mutationId: ++mid, table: 'cases', op: 'insert', id: theirs, fields: caseFields(), base: null },
    ]);
    const { s, seen, until } = stream(cl.accessToken, 'cases');
    try {
      await until(() => seen.some((m) => 'key' in m && (m as any).value.id === mine) && seen.some((m) => (m.headers as any).control === 'up-to-date'));
      expect(seen.some((m) => 'key' in m && (m as any).value.id === theirs)).toBe(false);
      await push(owner.accessToken, [
        {
          mutationId: ++mid,
          table: 'cases',
          op: 'update',
          id: mine,
          fields: { assigned_consultant_id: null },
          base: { assigned_consultant_id: consultant.userId },
        },
      ]);
      await until(() => seen.some((m) => (m.headers as any).control === 'must-refetch'));
      const after = seen.slice(seen.findIndex((m) => (m.headers as any).control === 'must-refetch'));
      await until(() => after.length > 0 && seen.filter((m) => (m.headers as any).control === 'up-to-date').length >= 2);
      const refetched = seen.slice(seen.findIndex((m) => (m.headers as any).control === 'must-refetch'));
      expect(refetched.some((m) => 'key' in m && (m as any).value.id === mine)).toBe(false);
    } finally {
      s.unsubscribeAll();
    }
  });

  it('pages a large shape (every row exactly once, the next page read ahead) and serves no page read ahead after access changed', async () => {
    const consultant = await srv.addUser(owner, org.orgId, 'consultant');
    const cl = await srv.login(consultant.email, consultant.password);
    const caseId = newId();
    await push(owner.accessToken, [
      { mutationId: ++mid, table: 'cases', op: 'insert', id: caseId, fields: caseFields({ assigned_consultant_id: consultant.userId }), base: null },
    ]);
    // More rows than two pages hold, written directly (this test is about reading them).
    const n = 2 * LIMITS.maxShapeRowsPerResponse + 7;
    const c = await srv.db.pool.connect();
    try {
      await c.query('BEGIN');
      await claimVersions(c);
      await c.query(
        `INSERT INTO tasks (id, org_id, version, created_at, updated_at, case_id, title, status)
         SELECT gen_random_uuid(), $1, nextval('row_version_seq'), now(), now(), $2, 'Task ' || g, 'pending' FROM generate_series(1, $3) g`,
        [org.orgId, caseId, n],
      );
      await c.query('COMMIT');
    } finally {
      c.release(true); // the claim flag belongs to that transaction
    }
    const page = (offset: string, handle?: string) =>
      srv.request('GET', `/v1/shape?table=tasks&offset=${offset}${handle ? `&handle=${handle}` : ''}`, { token: cl.accessToken });
    const ids = new Set<string>();
    let pages = 0;
    for (let r = await page('-1'); ; pages++) {
      expect(r.status).toBe(200);
      for (const m of r.body as Array<{ value?: { id: string; case_id: string } }>) {
        if (!m.value) continue;
        expect(ids.has(m.value.id), 'a row sent twice').toBe(false);
        expect(m.value.case_id).toBe(caseId);
        ids.add(m.value.id);
      }
      if (r.headers.has('electric-up-to-date')) break;
      r = await page(r.headers.get('electric-offset')!, r.headers.get('electric-handle')!);
    }
    expect(ids.size).toBe(n);
    expect(pages).toBe(2);

    // First page answered: the server reads the second meanwhile. The case is then taken away; the
    // page read ahead under the old access must not be served (409, as a fresh read would answer).
    const first = await page('-1');
    expect(first.headers.has('electric-up-to-date')).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    await push(owner.accessToken, [
      {
        mutationId: ++mid,
        table: 'cases',
        op: 'update',
        id: caseId,
        fields: { assigned_consultant_id: null },
        base: { assigned_consultant_id: consultant.userId },
      },
    ]);
    const second = await page(first.headers.get('electric-offset')!, first.headers.get('electric-handle')!);
    expect(second.status).toBe(409);
    const again = await page('-1', second.headers.get('electric-handle')!);
    expect((again.body as Array<{ value?: unknown }>).filter((m) => m.value)).toEqual([]);
  });

  it('GET /v1/snapshot: the same pages as the shape in NDJSON, streamed; checks as the shape (a revoked device: 403 device_revoked); 409 on a stale handle', async () => {
    const t = owner.accessToken;
    const snap = (q: string, token: string | null = t) => fetch(`${srv.url}/v1/snapshot?${q}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    // Every page, to the end: the same rows as the Electric shape, with its values (Electric text).
    const viaShape = new Map<string, Record<string, unknown>>();
    for (let offset = '-1', handle = ''; ;) {
      const r = await srv.request('GET', `/v1/shape?table=tasks&offset=${offset}${handle ? `&handle=${handle}` : ''}`, { token: t });
      for (const m of r.body as Array<{ value?: Record<string, unknown> }>) if (m.value) viaShape.set(m.value.id as string, m.value);
      if (r.headers.has('electric-up-to-date')) break;
      [offset, handle] = [r.headers.get('electric-offset')!, r.headers.get('electric-handle')!];
    }
    const viaSnapshot = new Map<string, Record<string, unknown>>();
    let pages = 0;
    let first: { offset: string; handle: string } | undefined;
    for (let offset = '-1', handle = ''; ; pages++) {
      const r = await snap(`table=tasks&offset=${offset}${handle ? `&handle=${handle}` : ''}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/ndjson/);
      const page = await readSnapshotBody(r.body!);
      for (const row of page.rows) viaSnapshot.set(row[page.columns.indexOf('id')]!, Object.fromEntries(page.columns.map((c, i) => [c, row[i]])));
      [offset, handle] = [page.trailer.offset, r.headers.get('electric-handle')!];
      first ??= { offset, handle };
      if (page.trailer.upToDate) break;
    }
    expect(pages).toBeGreaterThan(0); // the tasks of the paging test above fill more than one page
    expect([...viaSnapshot.keys()].sort()).toEqual([...viaShape.keys()].sort());
    const some = [...viaShape.keys()][0]!;
    const { created_at: _a, updated_at: _b, ...same } = viaShape.get(some)!; // timestamps: Postgres' text form in snapshots
    expect(viaSnapshot.get(some)).toMatchObject(same);
    expect(
      Date.parse(
        String(viaSnapshot.get(some)!.created_at)
          .replace(' ', 'T')
          .replace(/([+-]\d{2})$/, '$1:00'),
      ),
    ).toBe(Date.parse(String(viaShape.get(some)!.created_at)));
    // Checks as the shape: token, where, offsets, another org, a stale handle.
    expect((await snap('table=tasks&offset=-1', null)).status).toBe(401);
    expect((await snap(`table=tasks&offset=-1&where=${encodeURIComponent('true')}`)).status).toBe(400);
    expect((await snap('table=tasks&offset=now')).status).toBe(400);
    expect((await snap('table=tasks&offset=-1&live=true')).status).toBe(400); // a snapshot is never live
    const other = await srv.createOrg({ name: 'Snapshot elsewhere' });
    expect((await snap(`table=tasks&offset=-1&orgId=${other.orgId}`)).status).toBe(403);
    const gone = await srv.login(org.email, org.password, 'lost laptop');
    expect((await srv.request('POST', `/v1/orgs/${org.orgId}/devices/${gone.deviceId}/revoke`, { token: t })).status).toBe(200);
    const revoked = await snap(`table=tasks&offset=-1&orgId=${org.orgId}`, gone.accessToken); // checked inside the read
    expect(revoked.status).toBe(403);
    expect(await revoked.json()).toMatchObject({ error: 'device_revoked' });
    const stale = await snap(`table=tasks&offset=${first!.offset}&handle=stale-0`);
    expect(stale.status).toBe(409);
    expect(stale.headers.get('electric-handle')).toBe(first!.handle);
  });

  it('refuses a client-sent where and unknown tables, and answers a stale handle with 409', async () => {
    const t = owner.accessToken;
    expect((await srv.request('GET', `/v1/shape?table=cases&offset=-1&where=${encodeURIComponent('true')}`, { token: t })).status).toBe(400);
    expect((await srv.request('GET', '/v1/shape?table=pg_authid&offset=-1', { token: t })).status).toBe(400);
    expect((await srv.request('GET', '/v1/shape?table=audit_log&offset=-1', { token: t })).status).toBe(400);
    expect((await srv.request('GET', '/v1/shape?table=cases&offset=abc', { token: t })).status).toBe(400);
    const ok = await srv.request('GET', '/v1/shape?table=cases&offset=-1', { token: t });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('electric-handle')).toBeTruthy();
    expect(JSON.parse(ok.headers.get('electric-schema')!).id.type).toBe('uuid');
    const stale = await srv.request('GET', `/v1/shape?table=cases&offset=${ok.headers.get('electric-offset')}&handle=stale-0`, { token: t });
    expect(stale.status).toBe(409);
    expect(stale.body).toEqual([{ headers: { control: 'must-refetch' } }]);
    expect(stale.headers.get('electric-handle')).toBe(ok.headers.get('electric-handle'));
  });

  it('RLS: as the app role, a query without app.org_id sees nothing and cannot write', async () => {
    const n = (await srv.db.pool.query('SELECT count(*)::int AS n FROM cases')).rows[0].n;
    expect(n).toBeGreaterThan(0);
    const c = await srv.db.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SET LOCAL ROLE casework_app');
      for (const table of ['cases', 'org_memberships', 'server_audit', 'users', 'organizations']) {
        expect((await c.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n, table).toBe(0);
      }
      await expect(c.query(`UPDATE cases SET priority = 'low'`).then((r) => r.rowCount)).resolves.toBe(0);
      await c.query('ROLLBACK');
      // With another org set, this org's rows stay invisible.
      const other = await srv.createOrg({ name: 'Elsewhere' });
      await c.query('BEGIN');
      await c.query('SET LOCAL ROLE casework_app');
      await c.query(`SELECT set_config('app.org_id', $1, true)`, [other.orgId]);
      expect((await c.query(`SELECT count(*)::int AS n FROM cases WHERE org_id = $1`, [org.orgId])).rows[0].n).toBe(0);
      await expect(
        c.query(`INSERT INTO cases (id, org_id, version, created_at, updated_at, case_number, case_type) VALUES ($1, $2, 1, now(), now(), 'x', 'y')`, [
          newId(),
          org.orgId,
        ]),
      ).rejects.toThrow(/row-level security/);
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
  });
});
