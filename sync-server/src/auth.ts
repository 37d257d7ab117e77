/**
 * Authentication: Argon2id password hashes, short-lived HMAC-signed access tokens (key generated on
 * first start and kept in server_keys), rotating refresh tokens stored as SHA-256 with reuse detection
 * (a refresh token presented twice revokes every token of that device), login throttling by failed
 * attempts recorded as security events, and the per-request check that the device is not revoked.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { newId } from '../../src-shared/ids';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import type { Role } from '../../src-shared/schema/tables';
import type { Database, Tx } from './db/postgres';
import { emailDigest, recordSecurityEvent } from './security';
import { appendAudit } from './audit';

export const ACCESS_TTL_S = 15 * 60;
const REFRESH_TTL_S = 60 * 24 * 3600;
export const MAX_FAILED_LOGINS = 5;
const FAIL_WINDOW = '15 minutes';
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 } as const; // 2 = Argon2id

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
  }
}

export const hashPassword = (pw: string) => argonHash(pw, ARGON);

export async function signingKey(db: Database): Promise<Buffer> {
  return db.withSystem(async (tx) => {
    await tx.query(`INSERT INTO server_keys (name, value) VALUES ('access_hmac', $1) ON CONFLICT (name) DO NOTHING`, [randomBytes(32).toString('base64')]);
    const r = await tx.query(`SELECT value FROM server_keys WHERE name = 'access_hmac'`);
    return Buffer.from(r.rows[0].value, 'base64');
  });
}

export interface Identity {
  userId: string;
  deviceId: string;
}

export function signAccess(key: Buffer, id: Identity, ttl = ACCESS_TTL_S): string {
  const body = Buffer.from(JSON.stringify({ sub: id.userId, dev: id.deviceId, exp: Math.floor(Date.now() / 1000) + ttl })).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

export function verifyAccess(key: Buffer, token: string): Identity | null {
  const [body, sig] = token.split('.');
  if (!body || !sig || token.length > 1000) return null;
  const want = createHmac('sha256', key).update(body).digest();
  const got = Buffer.from(sig, 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof p.sub !== 'string' || typeof p.dev !== 'string' || typeof p.exp !== 'number' || p.exp < Date.now() / 1000) return null;
    return { userId: p.sub, deviceId: p.dev };
  } catch {
    return null;
  }
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

async function issueTokens(tx: Tx, key: Buffer, userId: string, deviceId: string): Promise<LoginResponse> {
  const refresh = randomBytes(32).toString('base64url');
  await tx.query(
    `INSERT INTO refresh_tokens (id, device_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + interval '${REFRESH_TTL_S} seconds')`,
    [newId(), deviceId, userId, sha(refresh)],
  );
  const m = await tx.query(
    `SELECT org_id, role FROM org_memberships WHERE user_id = $1 AND deleted_at IS NULL AND coalesce(status, 'active') = 'active' ORDER BY created_at`,
    [userId],
  );
  return {
    accessToken: signAccess(key, { userId, deviceId }),
    refreshToken: refresh,
    userId,
    deviceId,
    memberships: m.rows.map((r) => ({ orgId: r.org_id as string, role: r.role as Role })),
    expiresIn: ACCESS_TTL_S,
  };
}

export async function login(
  db: Database,
  key: Buffer,
  body: { email: string; password: string; deviceName: string; appVersion?: string },
  requestId: string,
): Promise<LoginResponse> {
  const email = body.email.trim().toLowerCase();
  const digest = emailDigest(email);
  const found = await db.withSystem(async (tx) => {
    const fails = await tx.query(
      `SELECT count(*)::int AS n FROM security_events WHERE kind = 'login_failed' AND detail->>'email' = $1 AND at > now() - interval '${FAIL_WINDOW}'`,
      [digest],
    );
    if (fails.rows[0].n >= MAX_FAILED_LOGINS) {
      await recordSecurityEvent(tx, 'login_throttled', { detail: { email: digest } });
      return { throttled: true as const };
    }
    const r = await tx.query(
      `SELECT u.id, c.password_hash FROM users u JOIN auth_credentials c ON c.user_id = u.id WHERE lower(u.email) = $1 AND u.deleted_at IS NULL`,
      [email],
    );
    return { throttled: false as const, user: r.rows[0] as { id: string; password_hash: string } | undefined };
  });
  if (found.throttled) throw new HttpError(429, 'too_many_requests', 'too many failed logins; try again later');
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
  const ok = await argonVerify(found.user?.password_hash ?? (await dummyHash()), body.password).catch(() => false);
  const out = await db.withSystem(async (tx) => {
    const orgs = found.user ? await tx.query(`SELECT org_id FROM org_memberships WHERE user_id = $1 AND deleted_at IS NULL`, [found.user.id]) : { rows: [] };
    if (!found.user || !ok) {
      await recordSecurityEvent(tx, 'login_failed', { userId: found.user?.id ?? null, detail: { email: digest } });
      for (const o of orgs.rows) await appendAudit(tx, o.org_id, { eventType: 'auth.login_failed', userId: found.user?.id ?? null, requestId });
      return null; // committed: the failure is recorded even though the caller gets a 401
    }
    const deviceId = newId();
    await tx.query('INSERT INTO devices (id, user_id, name, app_version, last_seen_at) VALUES ($1, $2, $3, $4, now())', [
      deviceId,
      found.user.id,
      body.deviceName,
      body.appVersion ?? null,
    ]);
    await tx.query('UPDATE users SET last_login_at = now() WHERE id = $1', [found.user.id]);
    for (const o of orgs.rows) await appendAudit(tx, o.org_id, { eventType: 'auth.login', userId: found.user.id, deviceId, requestId });
    return issueTokens(tx, key, found.user.id, deviceId);
  });
  if (!out) throw new HttpError(401, 'invalid_credentials', 'wrong email or password');
  return out;
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

export async function refresh(db: Database, key: Buffer, token: string): Promise<LoginResponse> {
  return db
    .withSystem(async (tx) => {
      const r = await tx.query(
        `SELECT t.*, d.revoked_at AS device_revoked FROM refresh_tokens t JOIN devices d ON d.id = t.device_id WHERE t.token_hash = $1 FOR UPDATE OF t`,
        [sha(token)],
      );
      const row = r.rows[0];
      if (!row) throw new HttpError(401, 'invalid_refresh_token');
      if (row.device_revoked) throw new HttpError(403, 'device_revoked', 'this device was revoked');
      if (row.used_at || row.revoked_at) {
        // Reuse of a rotated token: someone holds a copy. Revoke every token of the device.
        await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL', [row.device_id]);
        await recordSecurityEvent(tx, 'refresh_token_reuse', { userId: row.user_id, deviceId: row.device_id });
        return { reuse: true as const };
      }
      if (Date.parse(row.expires_at) < Date.now()) throw new HttpError(401, 'invalid_refresh_token', 'refresh token expired');
      await tx.query('UPDATE refresh_tokens SET used_at = now() WHERE id = $1', [row.id]);
      await tx.query('UPDATE devices SET last_seen_at = now() WHERE id = $1', [row.device_id]);
      return issueTokens(tx, key, row.user_id, row.device_id);
    })
    .then((out) => {
      // The reuse transaction commits its revocation before the refusal is raised.
      if ('reuse' in out) throw new HttpError(401, 'invalid_refresh_token', 'refresh token reuse detected; the device was signed out');
      return out;
    });
}

/** Resolve a bearer token to an identity, refusing revoked devices with their own code. */
export async function authenticate(db: Database, key: Buffer, header: string | undefined): Promise<Identity> {
  const id = verifyBearer(key, header);
  const r = await db.pool.query(DEVICE_SQL, [id.deviceId, id.userId]);
  checkDevice(r.rows[0]);
  return id;
}

/** The token's signature and expiry only; the caller must then check the device (checkDevice). */
export function verifyBearer(key: Buffer, header: string | undefined): Identity {
  const m = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header ?? '');
  const id = m ? verifyAccess(key, m[1]!) : null;
  if (!id) throw new HttpError(401, 'unauthorized', 'missing or invalid access token');
  return id;
}

/** SQL ($1 = device, $2 = user) reading the device row checkDevice judges. */
export const DEVICE_SQL = 'SELECT revoked_at FROM devices WHERE id = $1 AND user_id = $2';

/** An unknown device is 401; a revoked one 403 device_revoked (the laptop wipes itself). */
export function checkDevice(row: { revoked_at: unknown } | undefined): void {
  if (!row) throw new HttpError(401, 'unauthorized', 'unknown device');
  if (row.revoked_at) throw new HttpError(403, 'device_revoked', 'this device was revoked');
}
