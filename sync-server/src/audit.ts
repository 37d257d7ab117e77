/**
 * The server's audit chain: one append-only list per org (server_audit), each entry's hash covering
 * the previous entry's hash and the entry's canonical JSON, so an edited, removed or reordered entry
 * is detected by verifyAudit.
 * Two steps, so that concurrent writers never hold the org's chain lock across their commits (which
 * serialised every push of an org behind one fsync after another):
 *  1. appendAudit writes the entry (who, device, request, old/new values, changed fields, time) to
 *     server_audit_pending inside the transaction of the change it records: no change commits without
 *     its entry, and no entry without its change;
 *  2. right after that commit, chainAudit moves the org's pending entries into the chain (seq, prev_hash,
 *     hash) in one short transaction under the org's chain lock. Calls that arrive while a chaining
 *     step runs share the next one, so a burst of pushes costs a few chaining commits, not one each.
 * The change's caller does not wait for chaining. Entries left pending (a crash, or a read that comes
 * first) are chained at start (chainAllPending) and before the audit is listed or verified, so the
 * chain stays gap-free and verifiable.
 */
import { createHash } from 'node:crypto';
import pg, { escapeLiteral } from 'pg';
import { afterCommit, beforeCommit, type Database, type Tx } from './db/postgres';
import { canonicalJson } from './db/wire';

export const GENESIS = '0'.repeat(64);
const HASHED = [
  'org_id',
  'seq',
  'at',
  'event_type',
  'table_name',
  'record_id',
  'user_id',
  'device_id',
  'request_id',
  'old_values',
  'new_values',
  'changed_fields',
  'metadata',
  'prev_hash',
] as const;
const ENTRY_COLUMNS = [
  'org_id',
  'at',
  'event_type',
  'table_name',
  'record_id',
  'user_id',
  'device_id',
  'request_id',
  'old_values',
  'new_values',
  'changed_fields',
  'metadata',
] as const;

export interface AuditEntryInput {
  eventType: string;
  table?: string | null;
  recordId?: string | null;
  userId?: string | null;
  deviceId?: string | null;
  requestId?: string | null;
  oldValues?: unknown;
  newValues?: unknown;
  changedFields?: string[];
  metadata?: Record<string, unknown>;
}

export function entryHash(e: Record<string, unknown>): string {
  const norm: Record<string, unknown> = {};
  for (const k of HASHED) norm[k] = k === 'at' ? new Date(String(e.at)).toISOString() : (e[k] ?? null);
  return createHash('sha256').update(canonicalJson(norm)).digest('hex');
}

/**
 * Record one entry for orgId in the current transaction (withOrg under RLS, or withSystem); it joins the
 * org's chain right after that transaction commits.
 */
const PENDING_COLUMNS = `org_id, at, event_type, table_name, record_id, user_id, device_id, request_id, old_values, new_values, changed_fields, metadata`;
const PENDING_CASTS = ['', '::timestamptz', '', '', '::uuid', '::uuid', '::uuid', '', '::jsonb', '::jsonb', '::jsonb', '::jsonb'];

/** The values of a pending entry, in PENDING_COLUMNS order (json as text). */
function pendingValues(orgId: string, input: AuditEntryInput): (string | null)[] {
  return [
    orgId,
    new Date().toISOString(),
    input.eventType,
    input.table ?? null,
    input.recordId ?? null,
    input.userId ?? null,
    input.deviceId ?? null,
    input.requestId ?? null,
    JSON.stringify(input.oldValues ?? null),
    JSON.stringify(input.newValues ?? null),
    JSON.stringify(input.changedFields ?? []),
    JSON.stringify(input.metadata ?? {}),
  ];
}

/** Chained right after commit without holding up the caller's answer (the entry is already durable; whatever reads the chain chains pending entries first). */
function chainAfterCommit(tx: Tx, orgId: string): void {
  afterCommit(tx, `audit:${orgId}`, async (db) => {
    void chainAudit(db, orgId).catch(() => {});
  });
}

/**
 * Record one entry for orgId in the current transaction (withOrg under RLS, or withSystem); it joins the
 * org's chain right after that transaction commits.
 */
export async function appendAudit(tx: Tx, orgId: string, input: AuditEntryInput): Promise<void> {
  await tx.query(
    `INSERT INTO server_audit_pending (${PENDING_COLUMNS}) VALUES (${PENDING_CASTS.map((c, i) => `$${i + 1}${c}`).join(',')})`,
    pendingValues(orgId, input),
  );
  chainAfterCommit(tx, orgId);
}

/**
 * The same entry, written by a statement that travels with the transaction's COMMIT: one round trip
 * fewer per entry, which is most of a small push's time when many devices sync at once. For callers
 * whose transaction will commit through Database.run (withOrg/withSystem); the values go as escaped
 * literals, as beforeCommit requires.
 */
export function appendAuditAtCommit(tx: Tx, orgId: string, input: AuditEntryInput): void {
  const values = pendingValues(orgId, input).map((v, i) => (v === null ? 'NULL' : `${tx.escapeLiteral(v)}${PENDING_CASTS[i]}`));
  beforeCommit(tx, `INSERT INTO server_audit_pending (${PENDING_COLUMNS}) VALUES (${values.join(',')})`);
  chainAfterCommit(tx, orgId);
}

interface ChainState {
  running?: Promise<void>;
  next?: Promise<void>;
}
const chains = new WeakMap<Database, Map<string, ChainState>>();

/**
 * Chain every entry of orgId that was pending when this call was made. Resolves once a chaining step
 * that started after the call has committed; concurrent callers share steps.
 */
export function chainAudit(db: Database, orgId: string): Promise<void> {
  let byOrg = chains.get(db);
  if (!byOrg) chains.set(db, (byOrg = new Map()));
  const s = byOrg.get(orgId) ?? {};
  byOrg.set(orgId, s);
  const start = (): Promise<void> => {
    const p = chainStep(db, orgId).finally(() => {
      if (s.running === p) s.running = undefined;
    });
    s.running = p;
    return p;
  };
  if (s.next) return s.next; // starts after the running step: it will see our entries
  if (!s.running) return start();
  // A step is running (it may have read the pending entries before ours committed): share the next one.
  s.next ??= s.running
    .catch(() => {})
    .then(() => {
      s.next = undefined;
      return start();
    });
  return s.next;
}

/**
 * One chaining step in two round trips (it runs back to back while an org's pushes keep committing, so
 * its round trips count): BEGIN with the org's chain lock, the pending entries taken and the chain's
 * head; then the new entries written with COMMIT. Statements in one simple query run in order, so the
 * DELETE and the head are read after the lock is held, as before.
 */
async function chainStep(db: Database, orgId: string): Promise<void> {
  const org = escapeLiteral(orgId);
  await db.withSystem(
    async (tx, begun) => {
      const [, pending, last] = begun as [unknown, pg.QueryResult, pg.QueryResult];
      if (!pending.rowCount) {
        await tx.query('COMMIT');
        return;
      }
      let seq = last.rowCount ? Number(last.rows[0].seq) : 0;
      let prev = last.rowCount ? String(last.rows[0].hash) : GENESIS;
      const entries = pending.rows
        .sort((a, b) => Number(a.id) - Number(b.id))
        .map((p) => {
          const e: Record<string, unknown> = Object.fromEntries(ENTRY_COLUMNS.map((k) => [k, p[k] ?? null]));
          e.at = new Date(String(p.at)).toISOString();
          e.seq = ++seq;
          e.prev_hash = prev;
          e.hash = prev = entryHash(e);
          return e;
        });
      await tx.query(
        `INSERT INTO server_audit (org_id, seq, at, event_type, table_name, record_id, user_id, device_id, request_id,
         old_values, new_values, changed_fields, metadata, prev_hash, hash)
       SELECT org_id, seq, at, event_type, table_name, record_id, user_id, device_id, request_id,
         old_values, new_values, changed_fields, metadata, prev_hash, hash
       FROM jsonb_to_recordset(${escapeLiteral(JSON.stringify(entries))}::jsonb) AS x(org_id uuid, seq bigint, at timestamptz, event_type varchar, table_name varchar,
         record_id uuid, user_id uuid, device_id uuid, request_id varchar, old_values jsonb, new_values jsonb,
         changed_fields jsonb, metadata jsonb, prev_hash varchar, hash varchar)
       ORDER BY seq; COMMIT`,
      );
    },
    {
      begin: `SELECT pg_advisory_xact_lock(hashtext(${escapeLiteral(`audit:${orgId}`)}));
      DELETE FROM server_audit_pending WHERE org_id = ${org} RETURNING *;
      SELECT seq, hash FROM server_audit WHERE org_id = ${org} ORDER BY seq DESC LIMIT 1`,
      commits: true,
    },
  );
}

/** At start: chain whatever a previous run left pending (it died between a commit and its chaining). */
export async function chainAllPending(db: Database): Promise<void> {
  const orgs = await db.pool.query('SELECT DISTINCT org_id FROM server_audit_pending');
  for (const r of orgs.rows) await chainAudit(db, String(r.org_id));
}

/** Walk the org's chain in seq order; the first entry whose prev_hash or hash does not match is broken. */
export async function verifyAudit(tx: Tx, orgId: string): Promise<{ ok: boolean; entries: number; firstBrokenId?: string }> {
  const r = await tx.query('SELECT * FROM server_audit WHERE org_id = $1 ORDER BY seq', [orgId]);
  let prev = GENESIS;
  let expectSeq = 1;
  for (const row of r.rows) {
    if (Number(row.seq) !== expectSeq || row.prev_hash !== prev || entryHash(row) !== row.hash) {
      return { ok: false, entries: r.rowCount ?? 0, firstBrokenId: String(row.id) };
    }
    prev = row.hash;
    expectSeq++;
  }
  return { ok: true, entries: r.rowCount ?? 0 };
}
