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
import type { AuditCheckpoint, AuditVerifyResult } from '../../src-shared/sync/audit-checkpoints';
import { afterCommit, beforeCommit, type Database, type Tx } from './db/postgres';
import { canonicalJson } from './db/wire';
import { checkpointSignedBy, signCheckpoint, type AuditKey } from './audit-key';
import { recordSecurityEvent } from './security';
import { auditRisk } from '../../src-shared/policy/security-events';

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
    // Every entry carries its risk level (src-shared/policy/security-events.ts auditRisk) unless its caller set one.
    JSON.stringify({ risk: auditRisk(input.eventType, input.table), ...(input.metadata ?? {}) }),
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

const auditKeys = new WeakMap<Database, AuditKey>();

/**
 * The key this server signs its chains' heads with (audit-key.ts). Set at start, before any chaining;
 * a process without one (create-org beside a running server) chains unsigned, and the next signed
 * checkpoint covers those entries too (each head's hash covers everything before it).
 */
export function useAuditKey(db: Database, key: AuditKey): void {
  auditKeys.set(db, key);
  trustedKeys.set(key.keyId, key);
}
/** The keys this process loaded, by key id: a checkpoint is trusted only if one of them signed it. */
const trustedKeys = new Map<string, AuditKey>();
export function auditKeyOf(db: Database): AuditKey | undefined {
  return auditKeys.get(db);
}

/** The statement inserting a signed checkpoint of (orgId, seq, head); constant SQL (escaped literals). */
function checkpointSql(key: AuditKey, orgId: string, seq: number, head: string): string {
  const c = signCheckpoint(key, { orgId, seq, headHash: head, at: new Date().toISOString() });
  const lit = [c.orgId, c.headHash, c.at, c.keyId, c.signature].map((v) => escapeLiteral(v));
  return `INSERT INTO audit_checkpoints (org_id, seq, head_hash, at, key_id, signature)
    VALUES (${lit[0]}::uuid, ${Math.trunc(seq)}, ${lit[1]}, ${lit[2]}::timestamptz, ${lit[3]}, ${lit[4]})`;
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
  const key = auditKeyOf(db);
  await db.withSystem(
    async (tx, begun) => {
      const [, pending, last, anchor] = begun as [unknown, pg.QueryResult, pg.QueryResult, pg.QueryResult];
      if (!pending.rowCount) {
        await tx.query('COMMIT');
        return;
      }
      // Sign the new head only if the chain still holds the last head this server signed (and, if it
      // has entries, some head was signed): else signing would vouch for a chain rewritten in the
      // database. The entries are chained all the same; verify reports the gap.
      const a = anchor.rows[0];
      const hadEntries = last.rowCount ? Number(last.rows[0].seq) > 0 : false;
      const anchored = a ? a.chain_hash === a.head_hash : !hadEntries;
      if (key && !anchored) {
        await recordSecurityEvent(tx, 'audit_chain_unanchored', { orgId, detail: { checkpointSeq: a ? Number(a.seq) : null } });
      }
      const signer = anchored ? key : undefined;
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
       ORDER BY seq; ${signer ? `${checkpointSql(signer, orgId, seq, prev)}; ` : ''}COMMIT`,
      );
    },
    {
      begin: `SELECT pg_advisory_xact_lock(hashtext(${escapeLiteral(`audit:${orgId}`)}));
      DELETE FROM server_audit_pending WHERE org_id = ${org} RETURNING *;
      SELECT seq, hash FROM server_audit WHERE org_id = ${org} ORDER BY seq DESC LIMIT 1;
      SELECT c.seq, c.head_hash, a.hash AS chain_hash FROM (SELECT seq, head_hash FROM audit_checkpoints WHERE org_id = ${org} ORDER BY seq DESC LIMIT 1) c
        LEFT JOIN server_audit a ON a.org_id = ${org} AND a.seq = c.seq`,
      commits: true,
    },
  );
}

/**
 * At start: chain whatever a previous run left pending (it died between a commit and its chaining),
 * and, when the audit key was made just now, sign the head of every chain (chains made before
 * checkpoints existed). One org whose entries cannot be chained must not keep
 * the server from serving every other firm: its failure is recorded as a security event and the start
 * goes on (its audit routes answer 500 until it is resolved; its pending entries are kept).
 */
export async function chainAllPending(db: Database): Promise<{ failed: string[] }> {
  const failed: string[] = [];
  const orgs = await db.pool.query('SELECT DISTINCT org_id FROM server_audit_pending');
  for (const r of orgs.rows) {
    const orgId = String(r.org_id);
    try {
      await chainAudit(db, orgId);
    } catch (e) {
      failed.push(orgId);
      await db
        .withSystem((tx) => recordSecurityEvent(tx, 'audit_chain_failed', { orgId, detail: { error: String((e as Error)?.message ?? e).slice(0, 200) } }))
        .catch(() => {});
    }
  }
  // Heads are signed without question only with a key made just now (the first start with one): a
  // later start must not sign whatever the database holds, or a database owner who rewrote a chain and
  // deleted its checkpoints would get the rewrite signed by restarting the server.
  const key = auditKeyOf(db);
  if (key?.created) {
    const unsigned = await db.pool.query(
      `SELECT a.org_id FROM (SELECT org_id, max(seq) AS seq FROM server_audit GROUP BY org_id) a
       LEFT JOIN (SELECT org_id, max(seq) AS seq FROM audit_checkpoints GROUP BY org_id) c ON c.org_id = a.org_id
       WHERE c.seq IS NULL OR c.seq < a.seq`,
    );
    for (const r of unsigned.rows) await anchorHead(db, key, String(r.org_id)).catch(() => failed.push(String(r.org_id)));
  }
  return { failed };
}

/** Sign the org's current head (under its chain lock, so no step is adding entries meanwhile). */
async function anchorHead(db: Database, key: AuditKey, orgId: string): Promise<void> {
  await db.withSystem(
    async (tx, begun) => {
      const last = begun[1]!;
      const have = begun[2]!;
      const head = last.rows[0];
      if (!head || (have.rowCount && Number(have.rows[0].seq) >= Number(head.seq))) return;
      await tx.query(checkpointSql(key, orgId, Number(head.seq), String(head.hash)));
    },
    {
      begin: `SELECT pg_advisory_xact_lock(hashtext(${escapeLiteral(`audit:${orgId}`)}));
      SELECT seq, hash FROM server_audit WHERE org_id = ${escapeLiteral(orgId)} ORDER BY seq DESC LIMIT 1;
      SELECT max(seq) AS seq FROM audit_checkpoints WHERE org_id = ${escapeLiteral(orgId)} HAVING max(seq) IS NOT NULL`,
    },
  );
}

const checkpointOf = (r: Record<string, unknown>): AuditCheckpoint => ({
  orgId: String(r.org_id),
  seq: Number(r.seq),
  headHash: String(r.head_hash),
  at: new Date(String(r.at)).toISOString(),
  keyId: String(r.key_id),
  signature: String(r.signature),
});

/** The org's signed checkpoints with seq > since, oldest first (at most `limit`). Runs under withOrg. */
export async function listCheckpoints(tx: Tx, orgId: string, since: number, limit: number): Promise<AuditCheckpoint[]> {
  const r = await tx.query('SELECT * FROM audit_checkpoints WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [orgId, since, limit]);
  return r.rows.map(checkpointOf);
}

/**
 * Walk the org's chain in seq order; the first entry whose seq, prev_hash or hash does not match is
 * broken. The chain must also match every signed checkpoint, the ones the database holds and the ones a
 * laptop sends (`supplied`), each signed by a key this process loaded (useAuditKey). A chain re-hashed after an entry was deleted
 * is internally consistent, so only the checkpoints catch it: a head the key signed that the chain no
 * longer has, a signature that does not verify (a forged or altered checkpoint), or a chain shorter
 * than a signed seq.
 */
export async function verifyAudit(tx: Tx, orgId: string, opts: { supplied?: AuditCheckpoint[] } = {}): Promise<AuditVerifyResult> {
  const problems: string[] = [];
  const wanted = new Map<number, { hash: string; from: string }[]>();
  let anchoredSeq: number | null = null;
  let checked = 0;
  {
    const stored = (await tx.query('SELECT * FROM audit_checkpoints WHERE org_id = $1 ORDER BY seq', [orgId])).rows.map(checkpointOf);
    const all = [...stored.map((c) => ({ c, from: 'server' })), ...(opts.supplied ?? []).map((c) => ({ c, from: 'laptop' }))];
    for (const { c, from } of all) {
      checked++;
      if (c.orgId.toLowerCase() !== orgId.toLowerCase()) problems.push(`a ${from} checkpoint (seq ${c.seq}) belongs to another organization`);
      else if (!trustedKeys.has(c.keyId) || !checkpointSignedBy(trustedKeys.get(c.keyId)!, c))
        problems.push(`the ${from} checkpoint at seq ${c.seq} is not signed by this server's audit key`);
      else {
        const list = wanted.get(c.seq) ?? [];
        list.push({ hash: c.headHash, from });
        wanted.set(c.seq, list);
      }
    }
  }
  const r = await tx.query('SELECT * FROM server_audit WHERE org_id = $1 ORDER BY seq', [orgId]);
  let prev = GENESIS;
  let expectSeq = 1;
  let firstBrokenId: string | undefined;
  for (const row of r.rows) {
    if (Number(row.seq) !== expectSeq || row.prev_hash !== prev || entryHash(row) !== row.hash) {
      firstBrokenId = String(row.id);
      problems.push(`entry seq ${row.seq} does not follow from the one before it`);
      break;
    }
    for (const w of wanted.get(expectSeq) ?? []) {
      if (w.hash !== row.hash) {
        problems.push(`entry seq ${expectSeq} differs from the ${w.from} checkpoint signed for it: the chain was rewritten`);
        firstBrokenId ??= String(row.id);
      } else anchoredSeq = Math.max(anchoredSeq ?? 0, expectSeq);
    }
    wanted.delete(expectSeq);
    prev = row.hash;
    expectSeq++;
  }
  if (!firstBrokenId && (r.rowCount ?? 0) > 0 && anchoredSeq === null) {
    // Every chain is signed as it grows (and at the first start with a key): none at all means they were removed.
    problems.push('no checkpoint signed by this server covers this chain');
  }
  if (!firstBrokenId) {
    for (const [seq, list] of wanted)
      for (const w of list) problems.push(`the chain ends at seq ${expectSeq - 1} but a ${w.from} checkpoint was signed at seq ${seq}: entries were removed`);
  }
  return {
    ok: problems.length === 0,
    entries: r.rowCount ?? 0,
    ...(firstBrokenId ? { firstBrokenId } : {}),
    checkpoints: checked,
    anchoredSeq,
    problems,
  };
}
