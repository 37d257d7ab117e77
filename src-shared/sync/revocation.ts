/**
 * A signed revocation (issue 13): the server signs each `403 device_revoked` answer with its Ed25519
 * key (the audit key, kept in a file outside its database), naming the org, the device and when it was
 * revoked. A laptop pins the server's public key at login (LoginResponse.serverKey) and wipes itself
 * only for a proof that verifies with the pinned key and names its own device and org: whoever else
 * answers for the server (a proxy, a DNS hijack, a forged certificate) cannot erase a vault.
 */
import { z } from 'zod';

export const REVOCATION_DOMAIN = 'casework-device-revoked/v1';
/** orgId of a revocation that covers every org of the device. */
export const EVERY_ORG = '*';

export const ServerKey = z.object({
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** base64 of the raw 32-byte Ed25519 public key */
  publicKey: z.string().max(64),
});
export type ServerKey = z.infer<typeof ServerKey>;

export const RevocationProof = z.strictObject({
  orgId: z.union([z.string().uuid(), z.literal(EVERY_ORG)]),
  deviceId: z.string().uuid(),
  revokedAt: z.string().datetime({ offset: true }),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().max(128),
});
export type RevocationProof = z.infer<typeof RevocationProof>;

/** The exact text signed (UTF-8): one field a line. */
export function revocationMessage(p: Omit<RevocationProof, 'signature'>): string {
  return [REVOCATION_DOMAIN, p.orgId.toLowerCase(), p.deviceId.toLowerCase(), p.revokedAt, p.keyId].join('\n');
}
