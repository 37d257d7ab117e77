/**
 * GET /v1/snapshot: a laptop's first sync of a shape, and its catch-up after time offline, streamed. The same pages as GET /v1/shape (same
 * filter from access.ts, same safe version bound, same handle and 409 must-refetch, same offsets) in
 * NDJSON (protocol.ts SnapshotQuery): a columns line, one JSON array of Electric texts per row, and a
 * trailer with the page's offset and whether it is up to date. Rows go out as Postgres produces them
 * (its JSON, untouched by Node), so Postgres, this server and the laptop's parser work at the same time
 * instead of one after the other, and a row is a third of the bytes of an Electric message. The trailer
 * comes last because the offset is known only then: a body without it is incomplete and is discarded.
 */
import { PassThrough, type Readable } from 'node:stream';
import { LIMITS, SHAPE_HEADERS, SnapshotQuery, offsetVersion, versionOffset, type SnapshotTrailer } from '../../src-shared/sync/protocol';
import type { Database } from './db/postgres';
import type { Identity } from './auth';
import { rowColumns, streamMessages } from './shape-messages';
import { pageFileKeys } from './keys/file-keys';
import { mustRefetch, notMember, pageAccess, pageBegin, pageRequest, pageSql } from './shape-page';

export interface SnapshotReply {
  status: number;
  headers: Record<string, string>;
  body: string | Readable;
}

type Head = { kind: 'forbidden' } | { kind: 'refetch'; handle: string } | { kind: 'stream'; handle: string } | { kind: 'failed'; error: unknown };

/** Writes are gathered to about this many characters: one stream write per row would cost more than the row. */
const WRITE_CHUNK = 64 * 1024;

export async function readSnapshot(
  db: Database,
  who: Identity,
  memberships: () => Promise<{ orgId: string }[]>,
  raw: Record<string, unknown>,
): Promise<SnapshotReply> {
  const { q, orgId } = await pageRequest(SnapshotQuery, raw, memberships);
  const table = q.table;
  const since = offsetVersion(q.offset);

  const out = new PassThrough();
  let answer!: (h: Head) => void;
  const head = new Promise<Head>((r) => (answer = r));
  let streaming = false;
  // One transaction, two round trips (shape-page.ts, as for shapes): BEGIN with the bound and the access
  // question, then the rows with COMMIT. The answer's head is decided by the first.
  db.withOrg(
    orgId,
    async (tx, begun) => {
      const access = pageAccess(begun, who, orgId, table, q.handle, q.offset);
      if (access.kind !== 'read') return tx.query('COMMIT').then(() => answer(access));
      streaming = true;
      answer({ kind: 'stream', handle: access.handle });
      out.write(`${JSON.stringify({ columns: rowColumns(table) })}\n`);
      let chunk = '';
      const page = await streamMessages(
        tx,
        pageSql(table, access.member, since, access.bound, 'rows'),
        table,
        'insert',
        LIMITS.maxShapeRowsPerResponse,
        'rows',
        (json) => {
          chunk += `${json}\n`;
          if (chunk.length >= WRITE_CHUNK) {
            out.write(chunk);
            chunk = '';
          }
        },
        pageFileKeys(db, table),
      );
      // Up to date: the offset is the bound the page was read to (every row the caller may see up to it
      // was sent), not its last row, so a laptop knows how far its read reached (live.ts re-asks when a
      // writer in flight held a row it was woken for back).
      const reached = page.more ? page.last : Math.max(page.last ?? 0, since, access.bound);
      const trailer: SnapshotTrailer = { offset: versionOffset(reached ?? Math.max(since, 0)), upToDate: !page.more };
      out.end(`${chunk}${JSON.stringify(trailer)}\n`);
    },
    { begin: pageBegin(who, orgId), commits: true },
  ).catch((error: unknown) => {
    // Before the head (a revoked device, say): the request fails as any other, and the unused stream
    // is simply dropped. After it: the body ends without its trailer, which the laptop discards.
    if (streaming) out.destroy(error instanceof Error ? error : new Error(String(error)));
    else answer({ kind: 'failed', error });
  });

  const h = await head;
  if (h.kind === 'failed') throw h.error;
  if (h.kind === 'forbidden') throw notMember();
  if (h.kind === 'refetch') return mustRefetch(h.handle);
  return {
    status: 200,
    headers: { [SHAPE_HEADERS.handle]: h.handle, 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' },
    body: out,
  };
}
