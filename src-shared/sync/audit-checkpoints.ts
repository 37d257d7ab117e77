/**
 * Signed audit checkpoints (issue 13): the server signs the head of each org's audit chain with an
 * Ed25519 key kept in a file outside its database, and hands the checkpoints to every member's laptop.
 * A database owner who deletes an entry and re-hashes the rest cannot sign the new head, and the
 * checkpoints the laptops kept no longer match the chain: `audit verify` reports the rewrite.
 *
 * What a laptop does with them:
 *  - at join, pin `keyId` and `publicKey` (base64 of the raw 32-byte Ed25519 key) from
 *    GET /v1/audit/checkpoints; later answers signed with another key are refused, not trusted;
 *  - after each sync, GET /v1/audit/checkpoints?orgId=ORG&since=<highest seq it holds>, verify each
 *    signature over checkpointMessage(c) with the pinned key, refuse one whose seq is not above the
 *    last it holds with a different head for the same seq, and store them (org_id, seq, head_hash, at,
 *    key_id, signature);
 *  - `casework audit verify` (owner/admin) POSTs what it holds to /v1/orgs/ORG/audit/verify as
 *    { checkpoints } and shows the answer; ok is false when any of them does not match the chain.
 */
import { z } from 'zod';

export const CHECKPOINT_DOMAIN = 'casework-audit-checkpoint/v1';

export const AuditCheckpoint = z.strictObject({
  orgId: z.string().uuid(),
  seq: z.number().int().min(1),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string().datetime(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().max(128),
});
export type AuditCheckpoint = z.infer<typeof AuditCheckpoint>;

/** The exact text signed (UTF-8): one field a line, so no field can run into the next. */
export function checkpointMessage(c: Omit<AuditCheckpoint, 'signature'>): string {
  return [CHECKPOINT_DOMAIN, c.orgId.toLowerCase(), String(c.seq), c.headHash, c.at, c.keyId].join('\n');
}

export const AuditCheckpointsResponse = z.object({
  orgId: z.string().uuid(),
  keyId: z.string(),
  /** base64 of the raw 32-byte Ed25519 public key */
  publicKey: z.string(),
  checkpoints: z.array(AuditCheckpoint),
  /** More after the last one (ask again with since = its seq). */
  more: z.boolean(),
});
export type AuditCheckpointsResponse = z.infer<typeof AuditCheckpointsResponse>;

export const AuditVerifyRequest = z.strictObject({ checkpoints: z.array(AuditCheckpoint).max(10_000).default([]) });

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBrokenId: z.string().optional(),
  /** Checkpoints compared with the chain (the server's and those sent). */
  checkpoints: z.number().int(),
  /** Highest seq covered by a valid checkpoint (null: none yet). */
  anchoredSeq: z.number().int().nullable(),
  /** What did not match, one line each (no personal data). */
  problems: z.array(z.string()),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
