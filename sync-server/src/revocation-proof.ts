/**
 * Signs 403 device_revoked answers (src-shared/sync/revocation.ts) with the server's audit key, and
 * names that key in the login answer so laptops pin it. Wired into app.ts by two one-line hooks: the
 * error handler (proveRevocation) and the login route (withServerKey).
 */
import { createHash, sign } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { EVERY_ORG, revocationMessage, type RevocationProof, type ServerKey } from '../../src-shared/sync/revocation';
import { auditKeyOf } from './audit';
import { verifyBearer, type HttpError } from './auth';
import type { Database } from './db/postgres';

/** The login answer plus the key revocations are signed with (absent when the server has none). */
export function withServerKey<T extends object>(db: Database, answer: T): T & { serverKey?: ServerKey } {
  const key = auditKeyOf(db);
  return key ? { ...answer, serverKey: { keyId: key.keyId, publicKey: key.publicKeyRaw } } : answer;
}

/** The device a request speaks for: its bearer token's, or its refresh token's. */
async function deviceOf(db: Database, hmacKey: Buffer, req: FastifyRequest): Promise<string | undefined> {
  try {
    return verifyBearer(hmacKey, req.headers.authorization).deviceId;
  } catch {
    /* no valid access token: a refresh */
  }
  const token = (req.body as { refreshToken?: unknown } | undefined)?.refreshToken;
  if (typeof token !== 'string') return undefined;
  const hash = createHash('sha256').update(token).digest('hex');
  const r = await db.pool.query('SELECT device_id FROM refresh_tokens WHERE token_hash = $1', [hash]);
  return r.rows[0]?.device_id as string | undefined;
}

/** Adds `proofs` (one per org the answer names, or one for every org) to a device_revoked error. */
export async function proveRevocation(db: Database, hmacKey: Buffer, req: FastifyRequest, err: HttpError): Promise<void> {
  const key = auditKeyOf(db);
  if (!key) return;
  const deviceId = await deviceOf(db, hmacKey, req).catch(() => undefined);
  if (!deviceId) return;
  const extra = err.extra ?? {};
  const orgs = typeof extra.orgId === 'string' ? [extra.orgId] : Array.isArray(extra.orgIds) ? (extra.orgIds as string[]) : [EVERY_ORG];
  const proofs: RevocationProof[] = [];
  for (const orgId of orgs) {
    const r =
      orgId === EVERY_ORG
        ? await db.pool.query('SELECT revoked_at FROM devices WHERE id = $1 AND revoked_at IS NOT NULL', [deviceId])
        : await db.pool.query('SELECT revoked_at FROM device_revocations WHERE device_id = $1 AND org_id = $2', [deviceId, orgId]);
    if (!r.rowCount) continue; // nothing revoked there: nothing to sign
    const body = { orgId, deviceId, revokedAt: new Date(r.rows[0].revoked_at).toISOString(), keyId: key.keyId };
    proofs.push({ ...body, signature: sign(null, Buffer.from(revocationMessage(body)), key.privateKey).toString('base64') });
  }
  if (proofs.length) Object.assign(err, { extra: { ...extra, proofs } });
}
