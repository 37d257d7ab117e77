/**
 * Catching a shape up through GET /v1/snapshot (protocol.ts): pages of NDJSON rows parsed while they
 * arrive (snapshot-reader.ts) and written by page-apply.ts in chunks (each its own SQLite transaction,
 * the event loop turning between them), the cursor a page reaches saved with its last chunk. While one
 * page is written the next is already requested, so the server reads and sends it meanwhile.
 * From offset -1 (a new laptop, or after must-refetch) it is a full snapshot: its cursor is saved only
 * with its last page, when the rows of the table it did not include (and that have no pending local
 * edits) leave the laptop, as for a snapshot through ShapeStream (pull.ts); a table that held no rows
 * when the snapshot began has nothing to drop, so its ids are not collected. From a later offset (back
 * after some time offline) it brings what changed since, tombstones included. Live updates then come
 * through ShapeStream from the same offset and handle. A page that ends without its trailer is not
 * applied (the read throws).
 */
import { UserError } from '../../src-shared/errors';
import { API_PREFIX } from '../../src-shared/sync/protocol';
import { SYSTEM_ORG_ID, tableSpec } from '../../src-shared/schema/tables';
import { readSnapshotBody, type SnapshotPageRead } from '../../src-shared/sync/snapshot-reader';
import type { Core } from '../core/core';
import { authFetch, describeFailure } from './http';
import { saveCursor, type PullOptions, type ShapeCursor } from './cursors';
import { dropRowsNotIn } from './remote-rows';
import { applyRows, CHUNK_MS } from './page-apply';
import { deferSearchUpkeep, rebuildSearchUpkeep, restoreSearchTriggers } from './first-sync-search';

/** Access changing again and again while one snapshot is read: give up after this many restarts. */
const MAX_RESTARTS = 5;

type Fetched = { kind: 'refetch' } | { kind: 'absent' } | { kind: 'page'; page: SnapshotPageRead; handle?: string };

/** Whether the table holds any row a snapshot could have to drop (system defaults are never dropped). */
function holdsRows(core: Core, table: string): boolean {
  const spec = tableSpec(table);
  const sql = `SELECT 1 FROM "${table}"${spec.scope !== 'directory' ? ' WHERE org_id <> ?' : ''} LIMIT 1`;
  return core.db.prepare(sql).get(...(spec.scope !== 'directory' ? [SYSTEM_ORG_ID] : [])) !== undefined;
}

/**
 * Pull `table` from `from` through snapshot pages; the rows applied. undefined when the server has no
 * snapshot route (404: an older server, or one that proxies the real Electric service, whose offsets a
 * snapshot could not continue): then the caller reads the shape with ShapeStream.
 */
export async function pullSnapshot(core: Core, table: string, from: ShapeCursor, opts: PullOptions = {}): Promise<number | undefined> {
  // The read-ahead request is dropped with this pull (an error, or the caller stopping).
  const ctrl = new AbortController();
  const stop = () => ctrl.abort();
  opts.signal?.addEventListener('abort', stop);
  const fetchPage = async (offset: string, handle: string | undefined, first: boolean): Promise<Fetched> => {
    const query = `table=${encodeURIComponent(table)}&orgId=${core.actor.orgId}&offset=${offset}${handle ? `&handle=${encodeURIComponent(handle)}` : ''}`;
    const res = await authFetch(core, `${API_PREFIX}/snapshot?${query}`, {}, { signal: ctrl.signal });
    if (res.status === 409) {
      await res.body?.cancel();
      return { kind: 'refetch' };
    }
    if (res.status === 404 && first) {
      await res.body?.cancel();
      return { kind: 'absent' };
    }
    if (res.status !== 200 || !res.body) {
      const code = res.status === 401 || res.status === 403 ? 'forbidden' : res.status === 400 ? 'invalid_input' : 'not_found';
      throw new UserError(code, `pulling ${table}: ${await describeFailure(res)}`);
    }
    // The event loop turns at least every CHUNK_MS while a page is read, as while it is written.
    return { kind: 'page', page: await readSnapshotBody(res.body, { yieldEveryMs: CHUNK_MS }), handle: res.headers.get('electric-handle') ?? undefined };
  };

  let full = from.offset === '-1';
  let seen: Set<string> | undefined = full && holdsRows(core, table) ? new Set() : undefined;
  // A first sync into an empty table: its search triggers wait, and what they write is rebuilt in bulk
  // after the last page (first-sync-search.ts).
  const deferredAtAll = full && !seen && deferSearchUpkeep(core, table);
  let deferred = deferredAtAll;
  let total = 0;
  let next: Promise<Fetched> | undefined = fetchPage(from.offset, from.offset === '-1' ? undefined : (from.handle ?? undefined), true);
  try {
    for (let restarts = 0; next && !opts.signal?.aborted;) {
      const got = await next;
      next = undefined;
      if (got.kind === 'absent') return undefined;
      if (got.kind === 'refetch') {
        // Access changed (must-refetch): what this laptop holds may include rows no longer ours. A full
        // snapshot from the start; the rows it does not include leave at its end.
        if (++restarts > MAX_RESTARTS) throw new UserError('conflict', `the sync of ${table} kept being reset by access changes; try again`);
        full = true;
        seen = holdsRows(core, table) ? new Set() : undefined;
        next = fetchPage('-1', undefined, false);
        continue;
      }
      const { page, handle } = got;
      // Read ahead: the server prepares the next page while this one is written.
      if (!page.trailer.upToDate) next = fetchPage(page.trailer.offset, handle, false);
      // Not caught here: a read ahead that fails before it is awaited is reported when it is.
      next?.catch(() => {});
      const wasFull = full;
      const sawAll = seen;
      await applyRows(core, table, page.columns, page.rows, {
        seen: sawAll,
        signal: opts.signal,
        last: () => {
          if (wasFull && page.trailer.upToDate && sawAll) dropRowsNotIn(core, tableSpec(table), sawAll);
          if (!wasFull || page.trailer.upToDate) saveCursor(core, table, { offset: page.trailer.offset, handle: handle ?? null });
          if (deferred && page.trailer.upToDate) {
            restoreSearchTriggers(core, table);
            deferred = false;
          }
        },
      });
      total += page.rows.length;
      if (page.rows.length) opts.onRows?.(table, page.rows.length);
    }
    // Owed by this pull, or left by one that was stopped or died.
    if (!opts.signal?.aborted) await rebuildSearchUpkeep(core, table, opts.signal);
    return total;
  } finally {
    opts.signal?.removeEventListener('abort', stop);
    ctrl.abort();
    // Stopped or failed before its last page (or its last chunk rolled back): the triggers are back at
    // once, the rebuild waits for the next pull. Should even this fail, the vault's next opening puts
    // them back. (After a whole snapshot this finds nothing to do.)
    if (deferredAtAll && core.db.open) restoreSearchTriggers(core, table);
  }
}
