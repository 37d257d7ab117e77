/**
 * GET /v1/shape: the read path, speaking the ElectricSQL Shape HTTP protocol closely enough that the
 * official @electric-sql/client ShapeStream consumes it unchanged. A shape is one table filtered by
 * the caller's identity (access.ts shapeFilter; a client-sent `where` is refused). The log of a shape
 * is its rows ordered by `version` (one sequence), read only up to the bound below which every writer
 * has committed (versions.ts safeVersionBound), so offset "<version>_0" is a cursor; tombstones
 * (deleted_at) travel as updates. The handle embeds the caller's access epoch: when access changes,
 * the old handle gets 409 must-refetch and a new handle. Messages are written by shape-messages.ts:
 * values encoded as Electric encodes them (strings; bool "t"/"f"; json as JSON text), and the
 * electric-schema header names Postgres types, so the client's default parsers apply (int8 -> BigInt
 * unless the client passes a parser).
 */
import { EventEmitter } from 'node:events';
import { columnsOf, tableSpec } from '../../src-shared/schema/tables';
import type { ColumnSpec } from '../../src-shared/schema/columns';
import { LIMITS, SHAPE_HEADERS, ShapeQuery, offsetVersion, versionOffset } from '../../src-shared/sync/protocol';
import type { Database } from './db/postgres';
import { accessOf, accessSql, type Member } from './access';
import type { Identity } from './auth';
import { readMessages } from './shape-messages';
import { pageFileKeys } from './keys/file-keys';
import { handleFor, mustRefetch, notMember, pageAccess, pageBegin, pageRequest, pageSql } from './shape-page';
import { ReadAhead } from './shape-readahead';
import { feedOf, type RowChange } from './notify';

/**
 * Fired by this process after a commit that assigned versions. Only a server without a change feed
 * (notify.ts) waits on it; with one, a live request wakes on the feed's announcements for its own org
 * and table, whichever instance wrote them, and is not re-run every second.
 */
export const changes = new EventEmitter();
changes.setMaxListeners(0);
/** Counts changes, so a live request notices one that fired while it was reading (not only after). */
let changeCount = 0;
changes.on('change', () => changeCount++);

const PG_TYPE: Record<ColumnSpec['kind'], string> = {
  uuid: 'uuid',
  text: 'text',
  int: 'int4',
  bigint: 'int8',
  decimal: 'numeric',
  bool: 'bool',
  timestamp: 'timestamptz',
  date: 'date',
  json: 'jsonb',
};

export function shapeSchema(table: string): Record<string, { type: string; pk_index?: number; not_null?: boolean }> {
  const out: Record<string, { type: string; pk_index?: number; not_null?: boolean }> = {};
  for (const [k, c] of Object.entries(columnsOf(tableSpec(table)))) {
    out[k] = { type: PG_TYPE[c.kind], ...(k === 'id' ? { pk_index: 0 } : {}), ...(c.notNull ? { not_null: true } : {}) };
  }
  return out;
}

export interface ShapeReply {
  status: number;
  headers: Record<string, string>;
  /** The JSON text of the message array. */
  body: string;
}

/** Next pages being read while their client parses the current one (see shape-readahead.ts). */
const readAhead = new ReadAhead<Step>();
const readAheadKey = (userId: string, orgId: string, table: string, handle: string, since: number) => `${userId}|${orgId}|${table}|${handle}|${since}`;

/** memberships: the caller's orgs, asked only when the request names no orgId (the default org). */
export async function readShape(
  db: Database,
  who: Identity,
  memberships: () => Promise<{ orgId: string }[]>,
  raw: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<ShapeReply> {
  const { q, orgId } = await pageRequest(ShapeQuery, raw, memberships);
  const table = q.table;
  const live = q.live === 'true';
  const since = q.offset === 'now' ? Number.MAX_SAFE_INTEGER : offsetVersion(q.offset);
  const deadline = Date.now() + LIMITS.liveTimeoutMs;

  const op = q.offset === '-1' ? 'insert' : 'update';

  const feed = feedOf(db);
  const changeSeq = () => (feed ? feed.seq(orgId) : changeCount);
  for (;;) {
    const before = changeSeq();
    const ahead = !live && q.handle ? readAhead.take(readAheadKey(who.userId, orgId, table, q.handle, since)) : undefined;
    const fresh = () => readStep(db, who, orgId, table, q.handle, since, q.offset, op);
    const step = ahead ? await confirmReadAhead(db, who, orgId, table, ahead, fresh) : await fresh();
    if (step.kind === 'forbidden') throw notMember();
    if (step.kind === 'refetch') return mustRefetch(step.handle);
    if (step.more && !live) {
      // The client will ask for the next page as soon as it has parsed this one: read it meanwhile.
      const next = { since: step.last, handle: step.handle };
      readAhead.start(readAheadKey(who.userId, orgId, table, next.handle, next.since), () =>
        readStep(db, who, orgId, table, next.handle, next.since, versionOffset(next.since), 'update'),
      );
    }
    const waitMore = live && !step.messages && Date.now() < deadline && !signal?.aborted;
    if (waitMore) {
      if (changeSeq() === before) await waitForChange(db, orgId, table, deadline - Date.now(), signal);
      continue;
    }
    const headers: Record<string, string> = {
      [SHAPE_HEADERS.handle]: step.handle,
      [SHAPE_HEADERS.offset]: versionOffset(step.last),
      'cache-control': 'no-store',
    };
    const body: string[] = [];
    if (step.messages) body.push(step.messages);
    if (!step.more) {
      body.push(JSON.stringify({ headers: { control: 'up-to-date', global_last_seen_lsn: String(step.last) } }));
      headers[SHAPE_HEADERS.upToDate] = '';
    }
    if (live) headers[SHAPE_HEADERS.cursor] = String(Math.floor(Date.now() / 1000));
    else headers[SHAPE_HEADERS.schema] = JSON.stringify(shapeSchema(table));
    return { status: 200, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }, body: `[${body.join(',')}]` };
  }
}

type Step =
  { kind: 'forbidden' } | { kind: 'refetch'; handle: string } | { kind: 'rows'; handle: string; epoch: number; messages: string; last: number; more: boolean };

/**
 * One page of a shape after `since`, in one transaction of two round trips: BEGIN with the org's
 * settings, the safe version bound (versions.ts) and the caller's whole access question (device, role,
 * epoch: access.accessSql); then the rows, read with COMMIT in the same round trip. Each round trip is
 * a wake-up of Postgres and of this process, the dearest part of a small read when many devices sync.
 */
async function readStep(
  db: Database,
  who: Identity,
  orgId: string,
  table: string,
  askedHandle: string | undefined,
  since: number,
  offset: string,
  op: 'insert' | 'update',
): Promise<Step> {
  return db.withOrg(
    orgId,
    async (tx, begun): Promise<Step> => {
      const access = pageAccess(begun, who, orgId, table, askedHandle, offset);
      if (access.kind !== 'read') return tx.query('COMMIT').then(() => access);
      const { member, handle, epoch, bound } = access;
      if (offset === 'now') return tx.query('COMMIT').then(() => ({ kind: 'rows', handle, epoch, messages: '', last: bound, more: false }) as const);
      const page = await readMessages(tx, pageSql(table, member, since, bound, 'electric'), table, op, LIMITS.maxShapeRowsPerResponse, pageFileKeys(db, table));
      return { kind: 'rows', handle, epoch, messages: page.json, last: page.last ?? Math.max(since, 0), more: page.more };
    },
    { begin: pageBegin(who, orgId), commits: true },
  );
}

/** The caller's access now (device, membership, epoch), in one round trip. */
function accessNow(db: Database, who: Identity, orgId: string): Promise<{ member: Member | null; epoch: number }> {
  return db.withOrg(orgId, async (_tx, begun) => accessOf(begun[0]!.rows[0]!, who.userId, orgId), {
    begin: `${accessSql(who.deviceId, who.userId, orgId)}; COMMIT`,
    commits: true,
  });
}

/**
 * A page read ahead was read under the access the caller had a moment ago; it is served only if that
 * access still holds (same membership, same epoch), else the caller gets what a fresh read would give.
 */
async function confirmReadAhead(db: Database, who: Identity, orgId: string, table: string, ahead: Promise<Step>, fresh: () => Promise<Step>): Promise<Step> {
  const [step, now] = await Promise.all([ahead.catch(() => undefined), accessNow(db, who, orgId)]);
  if (!now.member) return { kind: 'forbidden' };
  const handle = handleFor(now.member, table, now.epoch);
  if (step?.kind === 'rows' && step.handle === handle) return step;
  return fresh();
}

/**
 * Until a change this live request may have to answer. With a change feed: one announced for its org
 * that touches its table, an access change in its org, or a reset of the feed (a change in another org
 * wakes nothing here). Without one: any change of this process, and at most a second (another
 * instance's changes are seen only by reading again).
 */
function waitForChange(db: Database, orgId: string, table: string, ms: number, signal?: AbortSignal): Promise<void> {
  const feed = feedOf(db);
  return new Promise((ok) => {
    const onRows = (org: string, list: RowChange[]) => {
      if (org === orgId && list.some((c) => c.table === table || (table === 'users' && c.table === 'org_memberships'))) done();
    };
    const onAccess = (org: string) => org === orgId && done();
    const done = () => {
      clearTimeout(t);
      changes.off('change', done);
      feed?.off('rows', onRows).off('access', onAccess).off('device', done).off('reset', done);
      signal?.removeEventListener('abort', done);
      ok();
    };
    const t = setTimeout(done, feed ? ms : Math.min(1000, ms));
    if (feed) feed.on('rows', onRows).on('access', onAccess).on('device', done).on('reset', done);
    else changes.on('change', done);
    signal?.addEventListener('abort', done);
  });
}
