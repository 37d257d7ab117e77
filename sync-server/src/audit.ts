/**
 * The server's audit chain: one append-only list per org (server_audit), each entry's hash covering
 * the previous entry's hash and the entry's canonical JSON, so an edited, removed or reordered entry
 * is detected by verifyAudit. Appended inside the same transaction as the change it records; a per-org
 * advisory lock keeps seq and prev_hash consistent under concurrent pushes.
 */
import { createHash } from 'node:crypto';
import type { Tx } from './db/postgres';
import { canonicalJson } from './db/wire';

export const GENESIS = '0'.repeat(64);
const HASHED = ['org_id', 'seq', 'at', 'event_type', 'table_name', 'record_id', 'user_id', 'device_id', 'request_id', 'old_values', 'new_values', 'changed_fields', 'metadata', 'prev_hash'] as const;

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

/** Append one entry to the org's chain. Works under withOrg (RLS) or withSystem. */
export async function appendAudit(tx: Tx, orgId: string, input: AuditEntryInput): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`audit:${orgId}`]);
  const last = await tx.query('SELECT seq, hash FROM server_audit WHERE org_id = $1 ORDER BY seq DESC LIMIT 1', [orgId]);
  const seq = last.rowCount ? Number(last.rows[0].seq) + 1 : 1;
  const prev = last.rowCount ? String(last.rows[0].hash) : GENESIS;
  const e = {
    org_id: orgId,
    seq,
    at: new Date().toISOString(),
    event_type: input.eventType,
    table_name: input.table ?? null,
    record_id: input.recordId ?? null,
    user_id: input.userId ?? null,
    device_id: input.deviceId ?? null,
    request_id: input.requestId ?? null,
    old_values: input.oldValues ?? null,
    new_values: input.newValues ?? null,
    changed_fields: input.changedFields ?? [],
    metadata: input.metadata ?? {},
    prev_hash: prev,
  };
  await tx.query(
    `INSERT INTO server_audit (org_id, seq, at, event_type, table_name, record_id, user_id, device_id, request_id,
       old_values, new_values, changed_fields, metadata, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10::jsonb,$11::jsonb,$12::jsonb,$13::jsonb,$14,$15)`,
    [e.org_id, e.seq, e.at, e.event_type, e.table_name, e.record_id, e.user_id, e.device_id, e.request_id,
      JSON.stringify(e.old_values), JSON.stringify(e.new_values), JSON.stringify(e.changed_fields), JSON.stringify(e.metadata), e.prev_hash, entryHash(e)],
  );
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
