/**
 * Row versions: every write of a synced row takes nextval('row_version_seq'), and a shape's offset is
 * "<version>_0", so a reader must never return version V while a smaller version can still commit
 * (it would be skipped forever). Writers used to serialise on one exclusive lock held through commit;
 * now they never wait for each other and the reader computes how far it may read:
 *
 *  - claimVersions(tx), before a transaction's first nextval: a transaction-scoped SHARED advisory lock
 *    whose key encodes F, the next value the sequence will hand out (the claim's "floor": every version
 *    the transaction takes afterwards is >= F). Shared locks never block one another. F is exact (the
 *    sequence's last_value, plus one once it has been called), not one lower: a writer that claims just
 *    after another's commit then holds back nothing that commit wrote, so the bound never goes down and
 *    a reader woken by a commit (live.ts, notify.ts) always reads what woke it.
 *  - safeVersionBound(tx), in a reader's transaction: first L = the last version handed out, then the
 *    smallest floor F among the claims held in this database (pg_locks). Every version <= min(L, F - 1)
 *    belongs to a transaction that has ended: one that took its version before L was read held its claim
 *    (taken before its nextval) until after its commit became visible, so it either appears among the
 *    claims (F <= its version) or is visible to the reader's next statement. The two reads are separate
 *    statements in that order (one simple-query round trip), and the rows are read by a later statement,
 *    whose READ COMMITTED snapshot sees every such commit.
 */
import { markOnce, type Tx } from './db/postgres';

/** Claims use bigint advisory keys from 2^62 up (key = 2^62 + floor), far from every other key we use. */
const CLAIM_BASE = '4611686018427387904';
/**
 * classid (high 32 bits of the key, unsigned) of every claim key lies in [2^30, 2^31): 2^62 >> 32 up to
 * (2^63 - 1) >> 32. Other keys stay out: small positive ones (classid 0) and negative ones such as
 * hashtext() values (sign-extended: classid 2^32 - 1).
 */
const CLAIM_CLASSID = 'l.classid::bigint BETWEEN 1073741824 AND 2147483647';

/**
 * Call before the first nextval('row_version_seq') of a transaction (again in it is free), outside any
 * savepoint: a ROLLBACK TO SAVEPOINT would release a claim taken after it.
 */
export async function claimVersions(tx: Tx): Promise<void> {
  if (!markOnce(tx, 'versions.claimed')) return;
  await tx.query(CLAIM_SQL);
}

/** The claim as one constant statement (or CTE), for a push to send with its BEGIN. */
export const CLAIM_SQL = `SELECT pg_advisory_xact_lock_shared(${CLAIM_BASE} + last_value + is_called::int) FROM row_version_seq`;

/** Record that the transaction of `tx` ran CLAIM_SQL itself. */
export function markClaimed(tx: Tx): void {
  markOnce(tx, 'versions.claimed');
}

/**
 * The two statements giving the bound (last version handed out, then the smallest claim floor), in
 * that order; constant SQL, so a reader can send them with its BEGIN (withOrg opts.begin).
 */
export const VERSION_BOUND_SQL = `SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END AS last FROM row_version_seq;
  SELECT min(((l.classid::bigint << 32) | l.objid::bigint) - ${CLAIM_BASE}) AS floor
    FROM pg_locks l
   WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND ${CLAIM_CLASSID}
     AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/** The highest version V such that no row with version <= V can still become visible. */
export function versionBoundOf(results: Array<{ rows: Array<Record<string, unknown>> }>): number {
  const last = Number(results[0]!.rows[0]!.last);
  const floor = results[1]!.rows[0]!.floor;
  return floor === null || floor === undefined ? last : Math.min(last, Number(floor) - 1);
}

export async function safeVersionBound(tx: Tx): Promise<number> {
  return versionBoundOf((await tx.query(VERSION_BOUND_SQL)) as unknown as Array<{ rows: Array<Record<string, unknown>> }>);
}
