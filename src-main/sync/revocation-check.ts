/**
 * Is a device_revoked answer really the joined server's? With a pinned key (login stores it), only a
 * proof signed by that key for this device and this org (or every org) counts. A vault joined before
 * servers signed has no pin: its answer is taken on the word of the transport (https, or a server on
 * this machine; session.ts refuses anything else) until its next login pins the key.
 */
import { createPublicKey, verify } from 'node:crypto';
import { EVERY_ORG, RevocationProof, ServerKey, revocationMessage } from '../../src-shared/sync/revocation';
import type { Core } from '../core/core';
import { META } from './session';

export type RevocationVerdict = 'signed' | 'unpinned' | 'unproven';

export function judgeRevocation(core: Core, body: { proofs?: unknown }): RevocationVerdict {
  const raw = core.meta(META.serverKey);
  if (!raw) return 'unpinned';
  const pinned = ServerKey.safeParse(JSON.parse(raw));
  if (!pinned.success) return 'unproven';
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(pinned.data.publicKey, 'base64').toString('base64url') }, format: 'jwk' });
  const { deviceId, orgId } = core.actor;
  for (const candidate of Array.isArray(body.proofs) ? body.proofs.slice(0, 16) : []) {
    const p = RevocationProof.safeParse(candidate);
    if (!p.success || p.data.keyId !== pinned.data.keyId) continue;
    if (p.data.deviceId.toLowerCase() !== deviceId.toLowerCase()) continue;
    if (p.data.orgId !== EVERY_ORG && p.data.orgId.toLowerCase() !== orgId.toLowerCase()) continue;
    const { signature, ...signed } = p.data;
    try {
      if (verify(null, Buffer.from(revocationMessage(signed)), key, Buffer.from(signature, 'base64'))) return 'signed';
    } catch {
      /* a malformed signature proves nothing */
    }
  }
  return 'unproven';
}
