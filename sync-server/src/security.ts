/**
 * Security events (failed logins, throttling, cross-org attempts, token reuse, revoked devices):
 * opaque identifiers only, never an email or a password in clear (emails are stored as a SHA-256).
 */
import { createHash } from 'node:crypto';
import type { Tx } from './db/postgres';
import { classifySecurityEvent } from '../../src-shared/policy/security-events';

export function emailDigest(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

export async function recordSecurityEvent(
  tx: Tx,
  kind: string,
  who: { orgId?: string | null; userId?: string | null; deviceId?: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  // Severity and category by kind (src-shared/policy/security-events.ts), so the admin console filters on them.
  const { severity, category } = classifySecurityEvent(kind);
  await tx.query('INSERT INTO security_events (kind, org_id, user_id, device_id, detail, severity, category) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)', [
    kind,
    who.orgId ?? null,
    who.userId ?? null,
    who.deviceId ?? null,
    JSON.stringify(who.detail ?? {}),
    severity,
    category,
  ]);
}
