/**
 * The laptop's own audit log (audit_log, scope 'local'): one entry per local change with old and new
 * values, hash-chained (each entry's hash covers the previous hash), so an edited or deleted entry is
 * detectable by verifyLocalAudit. The server keeps its own chain for what it applies.
 */
import { createHash } from 'node:crypto';
import type { DB } from '../db/open';
import { newId } from '../../src-shared/ids';
import { fromDb, toDb } from '../db/wire';

export interface AuditInput {
  event_type: string;
  table_name?: string | null;
  record_id?: string | null;
  old_values?: unknown;
  new_values?: unknown;
  changed_fields?: string[];
  description?: string | null;
  metadata?: Record<string, unknown>;
}

export interface AuditActor {
  orgId: string;
  userId: string;
  email?: string;
  role?: string;
  requestId?: string;
}

const GENESIS = '0'.repeat(64);

/** The canonical text an entry's hash covers: every field but the hash itself, in a fixed order. */
export function auditDigest(e: Record<string, unknown>): string {
  const fields = [
    'seq',
    'prev_hash',
    'id',
    'org_id',
    'event_type',
    'table_name',
    'record_id',
    'user_id',
    'old_values',
    'new_values',
    'changed_fields',
    'description',
    'created_at',
  ];
  const canonical = JSON.stringify(fields.map((f) => e[f] ?? null));
  return createHash('sha256').update(canonical).digest('hex');
}

export function appendAudit(db: DB, actor: AuditActor, input: AuditInput): void {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const now = new Date().toISOString();
  const entry: Record<string, unknown> = {
    id: newId(),
    org_id: actor.orgId,
    version: 0,
    created_at: now,
    updated_at: now,
    updated_by: actor.userId,
    event_type: input.event_type,
    table_name: input.table_name ?? null,
    record_id: input.record_id ?? null,
    user_id: actor.userId,
    user_email: actor.email ?? null,
    user_role: actor.role ?? null,
    old_values: input.old_values ?? null,
    new_values: input.new_values ?? null,
    changed_fields: input.changed_fields ?? [],
    request_id: actor.requestId ?? null,
    description: input.description ?? null,
    metadata: input.metadata ?? {},
    seq: (last?.seq ?? 0) + 1,
    prev_hash: last?.hash ?? GENESIS,
  };
  entry.hash = auditDigest(entry);
  const row = toDb('audit_log', entry);
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO audit_log (${cols.join(',')}) VALUES (${cols.map((c) => '@' + c).join(',')})`).run(row);
}

export function verifyLocalAudit(db: DB): { ok: boolean; entries: number; firstBrokenSeq?: number } {
  // An erasure (issue 19, privacy/erase.ts) removes the person's values from the entries about them; each
  // such entry keeps its hash and place in the chain, and is accepted only when an intact 'person_erased'
  // entry lists its seq in its hashed new_values.
  const redactable = new Set<number>();
  for (const raw of db.prepare("SELECT * FROM audit_log WHERE event_type = 'person_erased'").all() as Record<string, unknown>[]) {
    const e = fromDb('audit_log', raw)!;
    const seqs = (e.new_values as { redactedSeqs?: unknown } | null)?.redactedSeqs;
    if (auditDigest(e) === e.hash && Array.isArray(seqs)) for (const s of seqs) if (typeof s === 'number') redactable.add(s);
  }
  let prev = GENESIS;
  let expectedSeq = 1;
  let n = 0;
  for (const raw of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as Iterable<Record<string, unknown>>) {
    const e = fromDb('audit_log', raw)!;
    n++;
    const redacted = redactable.has(e.seq as number) && !!(e.metadata as { redacted?: unknown } | null)?.redacted;
    if (e.seq !== expectedSeq || e.prev_hash !== prev || (auditDigest(e) !== e.hash && !redacted))
      return { ok: false, entries: n, firstBrokenSeq: expectedSeq };
    prev = e.hash as string;
    expectedSeq++;
  }
  return { ok: true, entries: n };
}
