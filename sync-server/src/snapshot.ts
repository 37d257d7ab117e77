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
import { accessOf, accessSql, shapeFilterLiteral } from './access';
import { HttpError, type Identity } from './auth';
import { VERSION_BOUND_SQL, versionBoundOf } from './versions';
import { messageSelect, rowColumns, streamMessages } from './shape-messages';
import { handleFor, refuseClientFilter } from './shape';

export interface SnapshotReply {
  status: number;
  headers: Record<string, string>;
  body: string | Readable;
}

type Head = { kind: 'forbidden' } | { kind: 'refetch'; handle: string } | { kind: 'stream'; handle: string } | { kind: 'failed'; error: unknown };

/** Writes are gathered to about this many characters: one stream write per row would cost more than the row. */
const WRITE_CHUNK = 64 * 1024;

export async function readSnapshot(db: Database, who: Identity, memberships: () => Promise<{ orgId: string }[]>, raw: Record<string, unknown>): Promise<SnapshotReply> {
  refuseClientFilter(raw);
  const parsed = SnapshotQuery.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, 'bad_request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const q = parsed.data;
  const orgId = q.orgId?.toLowerCase() ?? (await memberships())[0]?.orgId;
  if (!orgId) throw new HttpError(403, 'forbidden', 'no organization');
  const table = q.table;
  const since = offsetVersion(q.offset);

  const out = new PassThrough();
  let answer!: (h: Head) => void;
  const head = new Promise<Head>((r) => (answer = r));
  let streaming = false;
  // One transaction, two round trips (as shape.ts readStep): BEGIN with the bound and the access
  // question, then the rows with COMMIT. The answer's head is decided by the first.
  db.withOrg(orgId, async (tx, begun) => {
    const { member: m, epoch } = accessOf(begun[2]!.rows[0]!, who.userId, orgId);
    if (!m) return tx.query('COMMIT').then(() => answer({ kind: 'forbidden' }));
    const handle = handleFor(m, table, epoch);
    if (q.handle && q.handle !== handle && q.offset !== '-1') return tx.query('COMMIT').then(() => answer({ kind: 'refetch', handle }));
    const bound = versionBoundOf(begun);
    streaming = true;
    answer({ kind: 'stream', handle });
    out.write(`${JSON.stringify({ columns: rowColumns(table) })}\n`);
    let chunk = '';
    const page = await streamMessages(
      tx,
      `SELECT ${messageSelect(table, 'rows')} FROM "${table}" t
       WHERE ${shapeFilterLiteral(table, m)} AND t.version > ${Math.trunc(since)} AND t.version <= ${Math.trunc(bound)}
       ORDER BY t.version LIMIT ${LIMITS.maxShapeRowsPerResponse + 1}; COMMIT`,
      table, 'insert', LIMITS.maxShapeRowsPerResponse, 'rows',
      (json) => {
        chunk += `${json}\n`;
        if (chunk.length >= WRITE_CHUNK) {
          out.write(chunk);
          chunk = '';
        }
      },
    );
    const trailer: SnapshotTrailer = { offset: versionOffset(page.last ?? Math.max(since, 0)), upToDate: !page.more };
    out.end(`${chunk}${JSON.stringify(trailer)}\n`);
  }, { begin: `${VERSION_BOUND_SQL}; ${accessSql(who.deviceId, who.userId, orgId)}`, commits: true }).catch((error: unknown) => {
    // Before the head (a revoked device, say): the request fails as any other, and the unused stream
    // is simply dropped. After it: the body ends without its trailer, which the laptop discards.
    if (streaming) out.destroy(error instanceof Error ? error : new Error(String(error)));
    else answer({ kind: 'failed', error });
  });

  const h = await head;
  if (h.kind === 'failed') throw h.error;
  if (h.kind === 'forbidden') throw new HttpError(403, 'forbidden', 'not an active member of this organization');
  if (h.kind === 'refetch') {
    return { status: 409, headers: { [SHAPE_HEADERS.handle]: h.handle, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify([{ headers: { control: 'must-refetch' } }]) };
  }
  return { status: 200, headers: { [SHAPE_HEADERS.handle]: h.handle, 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' }, body: out };
}
