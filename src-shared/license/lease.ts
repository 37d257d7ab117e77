/**
 * The short-lived lease a firm's sync server hands each laptop with its sync (GET /v1/license/lease):
 * the org licence's state as the server sees it, signed with the server's Ed25519 audit key. The laptop
 * pins that key the first time (it arrives over the login's TLS) and refuses a lease signed by another.
 * Offline, the laptop recomputes the state from until/graceUntil (a grace counts down without the
 * server); past expiresAt it needs a new lease, and is read-only until it syncs again.
 */
import { z } from 'zod';
import { canonicalJson } from './format';

export const LEASE_FORMAT = 'casework-lease/1';
/** How long a lease lasts: the longest a laptop may work offline before it must sync once. */
export const LEASE_TTL_DAYS = 14;

const isoInstant = z.string().datetime({ offset: true });

export const Lease = z.strictObject({
  orgId: z.string().uuid(),
  userId: z.string().uuid(),
  deviceId: z.string().uuid(),
  state: z.enum(['valid', 'grace', 'read_only', 'invalid', 'none']),
  reason: z.string().max(500).optional(),
  licenseId: z.string().uuid().nullable(),
  licensee: z.string().max(200).nullable(),
  seats: z.number().int().nullable(),
  seatsUsed: z.number().int(),
  devicesPerUser: z.number().int().nullable(),
  modules: z.array(z.string().max(50)).max(20),
  until: isoInstant.nullable(),
  graceUntil: isoInstant.nullable(),
  /** The server's clock when it signed (moves the laptop's last-seen time forward). */
  issuedAt: isoInstant,
  expiresAt: isoInstant,
});
export type Lease = z.infer<typeof Lease>;

export const SignedLease = z.strictObject({
  format: z.literal(LEASE_FORMAT),
  lease: Lease,
  keyId: z.string().min(40).max(60),
  signature: z.string().min(80).max(100),
});
export type SignedLease = z.infer<typeof SignedLease>;

export function leaseSignedText(lease: Lease): string {
  return `${LEASE_FORMAT}\n${canonicalJson(lease)}`;
}
