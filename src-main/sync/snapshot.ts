/**
 * Catching a shape up through GET /v1/snapshot (protocol.ts): pages of NDJSON rows parsed while they
 * arrive (snapshot-reader.ts), each page applied in ONE SQLite transaction with the cursor it reaches.
 * From offset -1 (a new laptop, or after must-refetch) it is a full snapshot: its cursor is saved only
 * with its last page, when the rows of the table it did not include (and that have no pending local
 * edits) leave the laptop, as for a snapshot through ShapeStream (pull.ts). From a later offset (back
 * after some time offline) it brings what changed since, tombstones included. Live updates then come
 * through ShapeStream from the same offset and handle. A page that ends without its trailer is not
 * applied (the read throws).
 */
import { UserError } from '../../src-shared/errors';
import { API_PREFIX } from '../../src-shared/sync/protocol';
import { tableSpec } from '../../src-shared/schema/tables';
import { readSnapshotBody } from '../../src-shared/sync/snapshot-reader';
import type { Core } from '../core/core';
import { authFetch, describeFailure } from './http';
import { saveCursor, type PullOptions, type ShapeCursor } from './cursors';
import { applyRemoteRow, dropRowsNotIn, type Row } from './remote-rows';

/** Access changing again and again while one snapshot is read: give up after this many restarts. */
const MAX_RESTARTS = 5;

/**
 * Pull `table` from `from` through snapshot pages; the rows applied. undefined when the server has no
 * snapshot route (404: an older server, or one that proxies the real Electric service, whose offsets a
 * snapshot could not continue): then the caller reads the shape with ShapeStream.
 */
export async function pullSnapshot(core: Core, table: string, from: ShapeCursor, opts: PullOptions = {}): Promise<number | undefined> {
  let offset = from.offset;
  let handle = from.offset === '-1' ? undefined : (from.handle ?? undefined);
  let full = offset === '-1';
  let seen = new Set<string>();
  let first = true;
  let total = 0;
  for (let restarts = 0; !opts.signal?.aborted;) {
    const query = `table=${encodeURIComponent(table)}&orgId=${core.actor.orgId}&offset=${offset}${handle ? `&handle=${encodeURIComponent(handle)}` : ''}`;
    const res = await authFetch(core, `${API_PREFIX}/snapshot?${query}`, {}, { signal: opts.signal });
    if (res.status === 409) {
      // Access changed (must-refetch): what this laptop holds may include rows no longer ours. A full
      // snapshot from the start; the rows it does not include leave at its end.
      await res.body?.cancel();
      if (++restarts > MAX_RESTARTS) throw new UserError('conflict', `the sync of ${table} kept being reset by access changes; try again`);
      [offset, handle, seen, full] = ['-1', undefined, new Set(), true];
      continue;
    }
    if (res.status === 404 && first) {
      await res.body?.cancel();
      return undefined;
    }
    if (res.status !== 200 || !res.body) {
      const code = res.status === 401 || res.status === 403 ? 'forbidden' : res.status === 400 ? 'invalid_input' : 'not_found';
      throw new UserError(code, `pulling ${table}: ${await describeFailure(res)}`);
    }
    first = false;
    const page = await readSnapshotBody(res.body);
    const pageHandle = res.headers.get('electric-handle') ?? undefined;
    core.tx(() => {
      for (const values of page.rows) {
        const row: Row = {};
        for (let i = 0; i < page.columns.length; i++) row[page.columns[i]!] = values[i];
        const id = row.id;
        if (typeof id !== 'string') continue;
        applyRemoteRow(core, table, row);
        if (full) seen.add(id);
      }
      if (full && page.trailer.upToDate) dropRowsNotIn(core, tableSpec(table), seen);
      if (!full || page.trailer.upToDate) saveCursor(core, table, { offset: page.trailer.offset, handle: pageHandle ?? null });
    });
    total += page.rows.length;
    if (page.rows.length) opts.onRows?.(table, page.rows.length);
    if (page.trailer.upToDate) break;
    [offset, handle] = [page.trailer.offset, pageHandle];
  }
  return total;
}
