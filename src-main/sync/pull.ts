/**
 * Pull: every synced table (scope != 'local') is one shape, read with the official
 * `@electric-sql/client` ShapeStream from GET /v1/shape, through the same authenticated fetch as push.
 *
 * Each batch of rows and the shape's cursor (offset + handle, sync_shapes) commit in ONE SQLite
 * transaction, so a crash never leaves rows without their cursor or a cursor past missing rows.
 * A read from offset -1 (the first pull, or after the server's must-refetch) is a full snapshot: its
 * cursor is saved only with its last batch, and at that moment local rows of the table that the
 * snapshot did not include (and that have no pending local edits) are removed. That is how the rows of
 * a case the user lost access to leave the laptop. Rows with pending local edits are rebased, never
 * overwritten (remote-rows.ts). Pulled rows create no outbox or audit entries.
 */
import { setMaxListeners } from 'node:events';
import { ShapeStream, isChangeMessage, isControlMessage, type Message, type Offset, type Row as ShapeRow } from '@electric-sql/client';
import { API_PREFIX } from '../../src-shared/sync/protocol';
import { SYNCED_TABLES, tableSpec } from '../../src-shared/schema/tables';
import type { Core } from '../core/core';
import { authFetch } from './http';
import { applyRemoteRow, dropRowsNotIn, removeRemoteRow } from './remote-rows';
import { readCursor, saveCursor, type PullOptions } from './cursors';
import { pullSnapshot } from './snapshot';

export type { PullOptions };
import { META, requireServer } from './session';

const identity = (v: unknown) => v;
/** Values are converted per column kind by remote-rows.normalizeRow, which knows the schema. */
const RAW_PARSER = {
  int2: identity,
  int4: identity,
  int8: identity,
  bool: identity,
  float4: identity,
  float8: identity,
  json: identity,
  jsonb: identity,
  numeric: identity,
};

interface ShapeState {
  snapshot: boolean;
  seen: Set<string>;
}

function idOf(m: { key: string; value: Record<string, unknown> }): string | undefined {
  const v = m.value?.id;
  if (typeof v === 'string') return v;
  const k = /([0-9a-fA-F-]{36})"?$/.exec(m.key);
  return k?.[1];
}

/** Apply one batch of shape messages and the stream's cursor in one transaction. */
function applyBatch(core: Core, table: string, stream: ShapeStream, state: ShapeState, messages: Message<ShapeRow>[]): number {
  let applied = 0;
  core.tx(() => {
    for (const m of messages) {
      if (isControlMessage(m)) {
        if (m.headers.control === 'must-refetch') {
          state.snapshot = true;
          state.seen.clear();
          saveCursor(core, table, { offset: '-1', handle: null });
        } else if (m.headers.control === 'up-to-date' && state.snapshot) {
          dropRowsNotIn(core, tableSpec(table), state.seen);
          state.snapshot = false;
          state.seen.clear();
        }
        continue;
      }
      if (!isChangeMessage(m)) continue;
      const id = idOf(m as { key: string; value: Record<string, unknown> });
      if (!id) continue;
      if (m.headers.operation === 'delete') {
        removeRemoteRow(core, table, id);
        state.seen.delete(id);
      } else {
        applyRemoteRow(core, table, { ...(m.value as Record<string, unknown>), id });
        state.seen.add(id);
      }
      applied++;
    }
    if (!state.snapshot && stream.lastOffset && stream.lastOffset !== '-1')
      saveCursor(core, table, { offset: stream.lastOffset, handle: stream.shapeHandle ?? null });
  });
  return applied;
}

/**
 * Pull one table: caught up through the compact, streamed snapshot pages (snapshot.ts: all of it the
 * first time, what changed since otherwise), then, live, its shape stream. A server without the
 * snapshot route is read by the shape stream alone. Resolves when up to date (or, live, when stopped).
 */
export async function pullTable(core: Core, table: string, opts: PullOptions = {}): Promise<number> {
  const read = await pullSnapshot(core, table, readCursor(core, table), opts);
  if (read !== undefined && (!opts.live || opts.signal?.aborted)) return read;
  return (read ?? 0) + (await streamTable(core, table, opts));
}

/** One shape stream over a table from its cursor; resolves when up to date (or, live, when stopped). */
function streamTable(core: Core, table: string, opts: PullOptions): Promise<number> {
  const server = requireServer(core);
  const cursor = readCursor(core, table);
  const state: ShapeState = { snapshot: cursor.offset === '-1', seen: new Set() };
  let total = 0;
  // The stream gets its own abort signal so it stops (no request left open) as soon as we are done.
  const ctrl = new AbortController();
  setMaxListeners(0, ctrl.signal);
  opts.signal?.addEventListener('abort', () => ctrl.abort());
  const promise = new Promise<number>((resolve, reject) => {
    let failed: unknown;
    const stream = new ShapeStream<ShapeRow>({
      url: `${server}${API_PREFIX}/shape`,
      params: { table, orgId: core.actor.orgId },
      offset: cursor.offset as Offset,
      handle: cursor.offset === '-1' ? undefined : (cursor.handle ?? undefined),
      subscribe: opts.live ?? false,
      signal: ctrl.signal,
      parser: RAW_PARSER as never,
      // Errors of our own layer (revoked device: vault wiped; session ended; server unreachable after
      // backoff) end this pull at once instead of being retried by the stream.
      fetchClient: (async (input: string | URL | Request, init?: RequestInit) => {
        try {
          return await authFetch(core, String(input instanceof Request ? input.url : input), init, { signal: ctrl.signal });
        } catch (e) {
          if (!ctrl.signal.aborted && (e as Error).name !== 'AbortError') {
            failed = e;
            reject(e);
            ctrl.abort();
          }
          throw e;
        }
      }) as typeof fetch,
      onError: (e) => {
        failed = e;
        reject(e);
      },
    });
    const unsubscribe = stream.subscribe(
      (messages) => {
        if (failed) return;
        try {
          const n = applyBatch(core, table, stream, state, messages);
          total += n;
          if (n) opts.onRows?.(table, n);
          if (!opts.live && messages.some((m) => isControlMessage(m) && m.headers.control === 'up-to-date') && !state.snapshot) {
            unsubscribe();
            resolve(total);
          }
        } catch (e) {
          failed = e;
          unsubscribe();
          reject(e);
        }
      },
      (e) => {
        failed = e;
        reject(e);
      },
    );
    ctrl.signal.addEventListener('abort', () => {
      unsubscribe();
      resolve(total);
    });
  });
  return promise.finally(() => ctrl.abort());
}

/** Pull every shape once, until each is up to date (a few shapes at a time). */
export async function pullAll(core: Core, opts: PullOptions & { concurrency?: number } = {}): Promise<number> {
  let rows = 0;
  let done = 0;
  const queue = [...SYNCED_TABLES];
  const worker = async () => {
    for (let table = queue.shift(); table; table = queue.shift()) {
      rows += await pullTable(core, table, opts);
      done++;
      core.events.emit('progress', { kind: 'sync', phase: 'pull', done, total: SYNCED_TABLES.length });
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 6 }, worker));
  core.setMeta(META.lastPull, new Date().toISOString());
  return rows;
}
