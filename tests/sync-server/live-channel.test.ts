// GET /v1/live (issue 18) against the real server on embedded Postgres: one request per laptop says which
// shapes changed; a change wakes only the channels of users who may see it (org, then case visibility),
// another firm's edit wakes nothing here and runs no query for this firm (neither for a live channel
// nor for a legacy live shape request); a new case assigned to someone wakes them; an access change
// names every table; a revoked device gets 403 device_revoked; a cursor older than the server's memory
// is answered from Postgres; every synced table is watched by the notify triggers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src-shared/ids';
import { SYNCED_TABLES, tableSpec } from '../../src-shared/schema/tables';
import type { LiveAnswer } from '../../src-shared/sync/live-protocol';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';

let srv: TestServer;
type Org = Awaited<ReturnType<TestServer['createOrg']>>;
let a: Org;
let b: Org;
let ownerA: LoginResponse;
let ownerB: LoginResponse;
let consultant: LoginResponse;
let consultantId: string;
let caseMine: string;
let caseOther: string;
let caseB: string;

let mid = 0;
async function push(token: string, orgId: string, mutations: unknown[]) {
  const r = await srv.request('POST', '/v1/push', { token, body: { clientId: newId(), orgId, mutations } });
  expect(r.status).toBe(200);
  for (const x of r.body.results) expect(x.status, JSON.stringify(x)).toBe('applied');
  return r.body;
}
const insertCase = (id: string, over: Record<string, unknown> = {}) => ({
  mutationId: ++mid,
  table: 'cases',
  op: 'insert',
  id,
  fields: { case_number: `L-${id.slice(-6)}`, case_type: 'express_entry', ...over },
  base: null,
});
const editCase = (id: string, priority: string) => ({ mutationId: ++mid, table: 'cases', op: 'update', id, fields: { priority }, base: null });

/** A live request that can be awaited, or checked for still waiting. */
function live(token: string, orgId: string, cursor?: string) {
  const ctrl = new AbortController();
  let settled = false;
  const p = fetch(`${srv.url}/v1/live?orgId=${orgId}${cursor ? `&cursor=${cursor}` : ''}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: ctrl.signal,
  }).then(async (r) => {
    settled = true;
    return { status: r.status, body: (await r.json()) as LiveAnswer & { error?: string } };
  });
  p.catch(() => {});
  return { p, waiting: () => !settled, abort: () => ctrl.abort() };
}
const settle = () => new Promise((r) => setTimeout(r, 300));

/** Where each of these devices' channels stand (their cursors), as a laptop keeps it. */
async function cursorOf(token: string, orgId: string): Promise<string> {
  await settle(); // what earlier tests wrote has been announced: the cursor is past it
  const r = await live(token, orgId).p;
  expect(r.status).toBe(200);
  expect(r.body.changed.sort()).toEqual([...SYNCED_TABLES].sort()); // no cursor: every table
  return r.body.cursor;
}

beforeAll(async () => {
  srv = await startTestServer();
  a = await srv.createOrg({ name: 'Live A' });
  b = await srv.createOrg({ name: 'Live B' });
  ownerA = await srv.login(a.email, a.password);
  ownerB = await srv.login(b.email, b.password);
  const c = await srv.addUser(ownerA, a.orgId, 'consultant');
  consultantId = c.userId;
  consultant = await srv.login(c.email, c.password);
  [caseMine, caseOther, caseB] = [newId(), newId(), newId()];
  await push(ownerA.accessToken, a.orgId, [insertCase(caseMine, { assigned_consultant_id: consultantId }), insertCase(caseOther)]);
  await push(ownerB.accessToken, b.orgId, [insertCase(caseB)]);
});
afterAll(async () => srv?.close());

describe('the live channel', () => {
  it('wakes the users who may see a change, and only them, within a second', async () => {
    const [co, cc] = [await cursorOf(ownerA.accessToken, a.orgId), await cursorOf(consultant.accessToken, a.orgId)];
    const o = live(ownerA.accessToken, a.orgId, co);
    const c = live(consultant.accessToken, a.orgId, cc);
    await settle();
    expect(o.waiting() && c.waiting()).toBe(true);
    const t = performance.now();
    await push(ownerA.accessToken, a.orgId, [editCase(caseOther, 'high')]); // not the consultant's case
    const r = await o.p;
    expect(performance.now() - t).toBeLessThan(1000);
    expect(r.body.changed).toEqual(['cases']);
    expect(Number(r.body.cursor.split('.')[0])).toBeGreaterThan(Number(co.split('.')[0]));
    // Asking again with the new cursor: nothing new, so the request waits (it is not answered again).
    const again = live(ownerA.accessToken, a.orgId, r.body.cursor);
    await settle();
    expect(again.waiting()).toBe(true);
    again.abort();
    expect(c.waiting()).toBe(true);
    // The consultant's own case wakes them.
    await push(ownerA.accessToken, a.orgId, [editCase(caseMine, 'low')]);
    expect((await c.p).body.changed).toEqual(['cases']);
  });

  it("another firm's edit wakes no request of this one and queries nothing for it", async () => {
    const co = await cursorOf(ownerA.accessToken, a.orgId);
    const channel = live(ownerA.accessToken, a.orgId, co);
    // A legacy client's live shape request (GET /v1/shape live=true) of firm A is waiting too.
    const start = await srv.request('GET', `/v1/shape?table=cases&orgId=${a.orgId}&offset=now`, { token: ownerA.accessToken });
    const shapeCtrl = new AbortController();
    const shape = fetch(
      `${srv.url}/v1/shape?table=cases&orgId=${a.orgId}&offset=${start.headers.get('electric-offset')}&handle=${start.headers.get('electric-handle')}&live=true`,
      { headers: { authorization: `Bearer ${ownerA.accessToken}` }, signal: shapeCtrl.signal },
    );
    shape.catch(() => {});
    await settle();
    // Every transaction run for firm A from here on (shape reads, access reads, catch-ups all use withOrg).
    const forA: string[] = [];
    const withOrg = srv.db.withOrg;
    srv.db.withOrg = ((orgId: string, ...rest: unknown[]) => {
      if (orgId === a.orgId) forA.push(new Error().stack ?? '');
      return (withOrg as (...x: unknown[]) => unknown).call(srv.db, orgId, ...rest);
    }) as typeof withOrg;
    const wokenBefore = srv.live.stats.woken;
    try {
      for (let i = 0; i < 3; i++) await push(ownerB.accessToken, b.orgId, [editCase(caseB, i % 2 ? 'high' : 'low')]);
      await settle();
      expect(forA).toEqual([]);
      expect(srv.live.stats.woken).toBe(wokenBefore);
      expect(channel.waiting()).toBe(true);
    } finally {
      srv.db.withOrg = withOrg;
      channel.abort();
      shapeCtrl.abort();
    }
  });

  it('a new case assigned to a user wakes them; a grant names every table', async () => {
    const cc = await cursorOf(consultant.accessToken, a.orgId);
    const c = live(consultant.accessToken, a.orgId, cc);
    await settle();
    const newCase = newId();
    await push(ownerA.accessToken, a.orgId, [insertCase(newCase, { assigned_staff: [consultantId] })]);
    const r = await c.p;
    expect(r.body.changed).toEqual(['cases']);
    // The new case is now among theirs: an edit of it wakes them too.
    const c2 = live(consultant.accessToken, a.orgId, r.body.cursor);
    await settle();
    await push(ownerA.accessToken, a.orgId, [
      { mutationId: ++mid, table: 'tasks', op: 'insert', id: newId(), fields: { case_id: newCase, title: 'T', status: 'pending' }, base: null },
    ]);
    const r2 = await c2.p;
    expect(r2.body.changed).toEqual(['tasks']);
    // A grant on another case changes their access epoch: every table is named (reads will refetch).
    const c3 = live(consultant.accessToken, a.orgId, r2.body.cursor);
    await settle();
    await push(ownerA.accessToken, a.orgId, [
      { mutationId: ++mid, table: 'case_assignments', op: 'insert', id: newId(), fields: { case_id: caseOther, user_id: consultantId }, base: null },
    ]);
    const r3 = await c3.p;
    expect(r3.body.changed.length).toBe(SYNCED_TABLES.length);
    expect(r3.body.cursor.split('.')[1]).not.toBe(r2.body.cursor.split('.')[1]);
  });

  it('answers a cursor older than its memory from Postgres, naming only the tables that changed', async () => {
    const co = await cursorOf(ownerA.accessToken, a.orgId);
    await push(ownerA.accessToken, a.orgId, [editCase(caseOther, 'urgent')]);
    const feed = srv.live.feed;
    const floor = feed.floor;
    feed.floor = Number.MAX_SAFE_INTEGER; // as after a restart: nothing in memory vouches for the cursor
    try {
      const r = await live(ownerA.accessToken, a.orgId, co).p;
      expect(r.body.changed).toEqual(['cases']);
    } finally {
      feed.floor = floor;
    }
  });

  it('refuses bad input and a device revoked in the org', async () => {
    expect((await srv.request('GET', `/v1/live?orgId=${a.orgId}`)).status).toBe(401);
    expect((await srv.request('GET', `/v1/live?orgId=nope`, { token: ownerA.accessToken })).status).toBe(400);
    expect((await srv.request('GET', `/v1/live?orgId=${a.orgId}&cursor=1_0`, { token: ownerA.accessToken })).status).toBe(400);
    expect((await srv.request('GET', `/v1/live?orgId=${b.orgId}`, { token: ownerA.accessToken })).status).toBe(403);
    const victim = await srv.login(a.email, a.password, 'lost laptop');
    const cv = await cursorOf(victim.accessToken, a.orgId);
    const v = live(victim.accessToken, a.orgId, cv);
    await settle();
    const rv = await srv.request('POST', `/v1/orgs/${a.orgId}/devices/${victim.deviceId}/revoke`, { token: ownerA.accessToken });
    expect(rv.status).toBe(200);
    const r = await v.p;
    expect(r.status).toBe(403);
    expect(r.body.error).toBe('device_revoked');
  });

  it('every synced table is watched by the notify triggers with its scope', async () => {
    const r = await srv.db.pool.query(
      `SELECT c.relname AS t, encode(g.tgargs, 'escape') AS args FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE g.tgname = 'casework_live_ins'`,
    );
    const watched = new Map(r.rows.map((x) => [x.t as string, String(x.args).split('\\000').slice(0, 2)]));
    for (const t of SYNCED_TABLES) {
      const spec = tableSpec(t);
      expect(watched.get(t), `${t} is not watched: its migration must call casework_watch_table`).toEqual([
        spec.scope,
        spec.scope === 'case' ? (spec.caseColumn ?? 'case_id') : '',
      ]);
    }
  });
});
