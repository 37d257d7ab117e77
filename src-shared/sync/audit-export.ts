/**
 * Audit export (issue 15): a date range of an org's server audit chain as CSV or JSON Lines, with the
 * proof that it is the chain's own: the first entry's predecessor hash, first and last hash, and two
 * Ed25519 signatures by the server's audit key (audit-key.ts), both checkable offline with the key's
 * public half (the one every laptop pins at join):
 *  - `checkpoint`, an ordinary signed checkpoint (checkpointMessage) of the chain at the range's last
 *    entry, the same kind laptops keep and `audit verify` compares;
 *  - `signature` over exportProofMessage: the range itself (org, from, to, count, first/last seq and
 *    hashes), so dropping entries at either end of the file is caught as surely as editing one.
 * Every entry's hash covers its predecessor's, so the signed last hash vouches for every entry before it.
 *
 * File layouts (the proof travels inside the file, so one file is all an auditor needs):
 *  - jsonl: one entry per line (AUDIT_EXPORT_COLUMNS as keys), then one line {"proof": {...}};
 *  - csv: a header row of AUDIT_EXPORT_COLUMNS, one row per entry (json columns as JSON text, an empty
 *    cell is null), then one comment line `# casework-audit-proof {...}`.
 */
import { z } from 'zod';
import { AuditCheckpoint } from './audit-checkpoints';

export const EXPORT_DOMAIN = 'casework-audit-export/v1';
export const CSV_PROOF_PREFIX = '# casework-audit-proof ';

/** The entry fields an export carries, in CSV column order (org_id is the proof's). */
export const AUDIT_EXPORT_COLUMNS = [
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
  'hash',
] as const;
export const AUDIT_EXPORT_JSON_COLUMNS = new Set(['old_values', 'new_values', 'changed_fields', 'metadata']);

export const AuditExportFormat = z.enum(['csv', 'jsonl']);
export type AuditExportFormat = z.infer<typeof AuditExportFormat>;

const hash64 = z.string().regex(/^[0-9a-f]{64}$/);

export const AuditExportProof = z.strictObject({
  type: z.literal('casework-audit-export-proof'),
  version: z.literal(1),
  orgId: z.string().uuid(),
  /** The range asked for: entries with from <= at < to (ISO instants). */
  from: z.string().datetime(),
  to: z.string().datetime(),
  entries: z.number().int().min(0),
  /** null when the range holds no entry. */
  firstSeq: z.number().int().min(1).nullable(),
  lastSeq: z.number().int().min(1).nullable(),
  /** The hash the first entry follows (the genesis hash for seq 1). */
  firstPrevHash: hash64.nullable(),
  firstHash: hash64.nullable(),
  lastHash: hash64.nullable(),
  exportedAt: z.string().datetime(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** base64 of the raw 32-byte Ed25519 public key; a verifier must compare it with the key it trusts. */
  publicKey: z.string().max(64),
  /** The chain's signed checkpoint at lastSeq (null for an empty range). */
  checkpoint: AuditCheckpoint.nullable(),
  /** base64 Ed25519 signature over exportProofMessage(this). */
  signature: z.string().max(128),
});
export type AuditExportProof = z.infer<typeof AuditExportProof>;

/** The exact text signed for the range (UTF-8): one field a line, so no field can run into the next. */
export function exportProofMessage(p: Omit<AuditExportProof, 'signature' | 'checkpoint' | 'publicKey' | 'type' | 'version'>): string {
  return [
    EXPORT_DOMAIN,
    p.orgId.toLowerCase(),
    p.from,
    p.to,
    String(p.entries),
    String(p.firstSeq ?? ''),
    String(p.lastSeq ?? ''),
    p.firstPrevHash ?? '',
    p.firstHash ?? '',
    p.lastHash ?? '',
    p.exportedAt,
    p.keyId,
  ].join('\n');
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A range bound from the command line or a query: a calendar day (UTC; `to` then includes that whole
 * day) or an ISO instant. Returns null when it is neither.
 */
export function rangeBound(v: string, end: boolean): string | null {
  const s = v.trim();
  if (DAY.test(s)) {
    const t = Date.parse(`${s}T00:00:00.000Z`);
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== s) return null;
    return new Date(end ? t + 86_400_000 : t).toISOString();
  }
  if (!z.string().datetime({ offset: true }).safeParse(s).success) return null;
  return new Date(Date.parse(s)).toISOString();
}

export const AuditExportQuery = z.strictObject({
  from: z.string().max(40),
  to: z.string().max(40),
  format: AuditExportFormat.default('jsonl'),
});

/** What verifying an export says: ok, how many entries, and what did not match (no personal data). */
export interface AuditExportVerifyResult {
  ok: boolean;
  format: AuditExportFormat | null;
  orgId: string | null;
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  problems: string[];
}
