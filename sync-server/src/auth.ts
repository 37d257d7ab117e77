/**
 * Authentication: Argon2id password hashes, short-lived HMAC-signed access tokens (key generated on
 * first start and kept in server_keys), rotating refresh tokens stored as SHA-256 with reuse detection
 * (a refresh token presented twice revokes every token of that device), login throttling (below), and
 * the per-request check that the device is not revoked, in general or in the org asked for (a device
 * is revoked per org membership: issue 13).
 *
 * Login throttling (issue 13, row 7). Before a password is checked, one atomic statement both reads and
 * counts the attempt against three keys, each with exponential backoff once its free attempts are used:
 *   - the account from this client address (an attacker slows only their own address),
 *   - the account from any address that never logged in to it (a botnet guessing one account),
 *   - the client address across accounts (password spraying).
 * The last two do not apply to an (account, address) pair that has logged in successfully before, so
 * the real user's usual place is never slowed by others' failures; a device holding a refresh token
 * never logs in at all. Nothing is a hard lockout: every wait ends (at most an hour), and counts start
 * over after a day without failures. Parallel attempts queue on the key's row: at most the free ones
 * reach Argon2. Keys are HMACs (server key) of an email digest and the client's network: no address or
 * email is stored in clear.
 */
import { currentVersion, tokenRingOf, validVersion } from './keys/ring';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { newId } from '../../src-shared/ids';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import type { Role } from '../../src-shared/schema/tables';
import type { Database, Tx } from './db/postgres';
import { emailDigest, recordSecurityEvent } from './security';
import { appendAudit } from './audit';
import { deviceForLogin } from './license';

export const ACCESS_TTL_S = 15 * 60;
const REFRESH_TTL_S = 60 * 24 * 3600;
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 } as const; // 2 = Argon2id

/**
 * Free attempts per key and the longest wait (seconds) once they are used: the first wait is baseS,
 * each further failure doubles it. Counts start over after a quiet day.
 */
export const THROTTLE = {
  baseS: 5,
  pair: { free: 5, capS: 15 * 60 },
  account: { free: 20, capS: 60 * 60 },
  address: { free: 30, capS: 60 * 60 },
  resetAfter: '1 day',
  knownFor: '90 days',
} as const;

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message?: string,
    /** Further fields of the error body (e.g. the org a device was revoked in). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message ?? code);
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 403 device_revoked. With orgId: signed out of that org only (the laptop wipes that org's data and
 * keeps the others); without: the device is revoked everywhere (revocations made before issue 13).
 */
export function deviceRevoked(orgIds?: string[]): HttpError {
  const extra = orgIds?.length === 1 ? { orgId: orgIds[0] } : orgIds?.length ? { orgIds } : undefined;
  const where = orgIds?.length ? ' in this organization' : '';
  return new HttpError(403, 'device_revoked', `this device was revoked${where}`, extra);
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

/**
 * An access token: its body names the signing key's version (kv; none: version 1, tokens made before
 * versions existed), signed with that version of the token key ring (keys/ring.ts).
 */
export function signAccess(key: Buffer, id: Identity, ttl = ACCESS_TTL_S): string {
  const v = currentVersion(tokenRingOf(key));
  const body = Buffer.from(JSON.stringify({ sub: id.userId, dev: id.deviceId, exp: Math.floor(Date.now() / 1000) + ttl, kv: v.version })).toString('base64url');
  return `${body}.${createHmac('sha256', v.key).update(body).digest('base64url')}`;
}

/** The token's identity if its signature is by a key version still valid (not retired) and it has not expired. */
export function verifyAccess(key: Buffer, token: string): Identity | null {
  const [body, sig] = token.split('.');
  if (!body || !sig || token.length > 1000) return null;
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const version = p.kv === undefined ? 1 : p.kv;
    const v = Number.isSafeInteger(version) ? validVersion(tokenRingOf(key), version) : undefined;
    if (!v) return null;
    const want = createHmac('sha256', v.key).update(body).digest();
    const got = Buffer.from(sig, 'base64url');
    if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
    if (typeof p.sub !== 'string' || typeof p.dev !== 'string' || typeof p.exp !== 'number' || p.exp < Date.now() / 1000) return null;
    return { userId: p.sub, deviceId: p.dev };
  } catch {
    return null;
  }
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export async function issueTokens(tx: Tx, key: Buffer, userId: string, deviceId: string): Promise<LoginResponse> {
  const refresh = randomBytes(32).toString('base64url');
  await tx.query(
    `INSERT INTO refresh_tokens (id, device_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + interval '${REFRESH_TTL_S} seconds')`,
    [newId(), deviceId, userId, sha(refresh)],
  );
  const m = await tx.query(
    `SELECT m.org_id, m.role FROM org_memberships m WHERE m.user_id = $1 AND m.deleted_at IS NULL AND coalesce(m.status, 'active') = 'active'
       AND NOT EXISTS (SELECT 1 FROM device_revocations r WHERE r.device_id = $2 AND r.org_id = m.org_id) ORDER BY m.created_at`,
    [userId, deviceId],
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

/** A client's network for throttling: an IPv4 address, or the /64 of an IPv6 one (one host's usual share). */
export function clientNetwork(ip: string | undefined): string {
  const addr = (ip ?? '').replace(/%.*$/, '');
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(addr);
  if (v4) return v4[1]!;
  if (!isIPv6(addr)) return 'unknown';
  const [head = '', tail] = addr.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

const hmac = (key: Buffer, s: string) => createHmac('sha256', key).update(s).digest('hex');

/** The key's upsert, counting one attempt if it may be checked now (RETURNING a row) and doing nothing if not. */
const countAttempt = (param: string, limit: { free: number; capS: number }, from: string) => `
  INSERT INTO login_throttle AS t (key, failures, next_at, updated_at)
  SELECT ${param}, 1, clock_timestamp(), clock_timestamp() ${from}
  ON CONFLICT (key) DO UPDATE SET
    failures = CASE WHEN t.updated_at < clock_timestamp() - interval '${THROTTLE.resetAfter}' THEN 1 ELSE t.failures + 1 END,
    next_at = clock_timestamp() + make_interval(secs => CASE
      WHEN t.updated_at < clock_timestamp() - interval '${THROTTLE.resetAfter}' OR t.failures + 1 < ${limit.free} THEN 0
      ELSE least(${limit.capS}, ${THROTTLE.baseS} * power(2, least(t.failures + 1 - ${limit.free}, 30))) END),
    updated_at = clock_timestamp()
  WHERE t.next_at <= clock_timestamp() OR t.updated_at < clock_timestamp() - interval '${THROTTLE.resetAfter}'
  RETURNING 1`;

/**
 * One statement: the pair key first; the account and address keys only if the pair let the attempt
 * through and the pair is not a known one ($4). Also the wait until the earliest blocked key opens.
 */
const GATE_SQL = `WITH p AS (${countAttempt('$1::varchar', THROTTLE.pair, '')}),
  a AS (${countAttempt('$2::varchar', THROTTLE.account, 'FROM p WHERE $4::boolean')}),
  i AS (${countAttempt('$3::varchar', THROTTLE.address, 'FROM p WHERE $4::boolean')})
  SELECT (SELECT count(*) FROM p)::int AS p, (SELECT count(*) FROM a)::int AS a, (SELECT count(*) FROM i)::int AS i,
    (SELECT ceil(extract(epoch FROM max(next_at) - clock_timestamp()))::int FROM login_throttle WHERE key IN ($1, $2, $3)) AS wait`;

export async function login(
  db: Database,
  key: Buffer,
  body: { email: string; password: string; deviceName: string; appVersion?: string; deviceKey?: string },
  requestId: string,
  clientIp?: string,
): Promise<LoginResponse> {
  const email = body.email.trim().toLowerCase();
  const digest = emailDigest(email);
  const net = clientNetwork(clientIp);
  const keys = { pair: hmac(key, `pair|${digest}|${net}`), account: hmac(key, `account|${digest}`), address: hmac(key, `address|${net}`) };
  const found = await db.withSystem(async (tx) => {
    const r = await tx.query(
      `SELECT u.id, c.password_hash FROM users u JOIN auth_credentials c ON c.user_id = u.id WHERE lower(u.email) = $1 AND u.deleted_at IS NULL`,
      [email],
    );
    const user = r.rows[0] as { id: string; password_hash: string } | undefined;
    const knownKey = user ? hmac(key, `known|${user.id}|${net}`) : undefined;
    const known = knownKey
      ? ((await tx.query(`SELECT 1 FROM login_known_addresses WHERE key = $1 AND last_ok_at > now() - interval '${THROTTLE.knownFor}'`, [knownKey])).rowCount ??
          0) > 0
      : false;
    const g = (await tx.query(GATE_SQL, [keys.pair, keys.account, keys.address, !known])).rows[0];
    const allowed = g.p === 1 && (known || (g.a === 1 && g.i === 1));
    if (!allowed) await recordSecurityEvent(tx, 'login_throttled', { detail: { email: digest } });
    return { allowed, user, known, knownKey, wait: Math.max(1, Number(g.wait) || 1) };
  });
  if (!found.allowed) throw new HttpError(429, 'too_many_requests', 'too many failed logins; try again later', { retryAfter: found.wait });
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which emails exist.
  const ok = await argonVerify(found.user?.password_hash ?? (await dummyHash()), body.password).catch(() => false);
  const out = await db.withSystem(async (tx) => {
    const orgs = found.user ? await tx.query(`SELECT org_id FROM org_memberships WHERE user_id = $1 AND deleted_at IS NULL`, [found.user.id]) : { rows: [] };
    if (!found.user || !ok) {
      // The attempt was counted by the gate; this records it for the security log and the orgs' audit.
      await recordSecurityEvent(tx, 'login_failed', { userId: found.user?.id ?? null, detail: { email: digest } });
      for (const o of orgs.rows) await appendAudit(tx, o.org_id, { eventType: 'auth.login_failed', userId: found.user?.id ?? null, requestId });
      return null; // committed: the failure is recorded even though the caller gets a 401
    }
    // A success gives back what the gate took: the pair starts over, the shared keys lose this attempt,
    // and the pair becomes known (others' failures no longer slow it).
    await tx.query('DELETE FROM login_throttle WHERE key = $1', [keys.pair]);
    if (!found.known)
      await tx.query('UPDATE login_throttle SET failures = greatest(failures - 1, 0) WHERE key = ANY($1::varchar[])', [[keys.account, keys.address]]);
    await tx.query('INSERT INTO login_known_addresses (key, last_ok_at) VALUES ($1, now()) ON CONFLICT (key) DO UPDATE SET last_ok_at = EXCLUDED.last_ok_at', [
      found.knownKey,
    ]);
    // One device row per laptop (its deviceKey), within the licence's devices per user (issue 15).
    const deviceId = await deviceForLogin(
      db,
      tx,
      found.user.id,
      orgs.rows.map((o) => o.org_id as string),
      body,
    );
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
      if (row.device_revoked) throw deviceRevoked();
      if (row.used_at || row.revoked_at) {
        // Reuse of a rotated token: someone holds a copy. Revoke every token of the device.
        await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL', [row.device_id]);
        await recordSecurityEvent(tx, 'refresh_token_reuse', { userId: row.user_id, deviceId: row.device_id });
        return { reuse: true as const };
      }
      if (Date.parse(row.expires_at) < Date.now()) throw new HttpError(401, 'invalid_refresh_token', 'refresh token expired');
      // Revoked in every org the user belongs to: nothing is left to refresh for (signed out everywhere).
      const orgs = await tx.query(
        `SELECT m.org_id, EXISTS (SELECT 1 FROM device_revocations r WHERE r.device_id = $2 AND r.org_id = m.org_id) AS revoked
           FROM org_memberships m WHERE m.user_id = $1 AND m.deleted_at IS NULL AND coalesce(m.status, 'active') = 'active'`,
        [row.user_id, row.device_id],
      );
      if (orgs.rowCount && orgs.rows.every((o) => o.revoked)) throw deviceRevoked(orgs.rows.map((o) => o.org_id as string));
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

/**
 * Resolve a bearer token to an identity, refusing unknown and revoked devices (with orgId: also a device
 * revoked in that org).
 */
export async function authenticate(db: Database, key: Buffer, header: string | undefined, orgId?: string): Promise<Identity> {
  const id = verifyBearer(key, header);
  await assertDevice(db, id, orgId);
  return id;
}

/** The device of `id` is known and not revoked (in general, or in orgId when given). */
export async function assertDevice(db: Database, id: Identity, orgId?: string): Promise<void> {
  const org = orgId && UUID_RE.test(orgId) ? orgId.toLowerCase() : null;
  const r = await db.pool.query(deviceSql('$3::uuid'), [id.deviceId, id.userId, org]);
  checkDevice(r.rows[0]);
}

/** The token's signature and expiry only; the caller must then check the device (checkDevice). */
export function verifyBearer(key: Buffer, header: string | undefined): Identity {
  const m = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header ?? '');
  const id = m ? verifyAccess(key, m[1]!) : null;
  if (!id) throw new HttpError(401, 'unauthorized', 'missing or invalid access token');
  return id;
}

/**
 * The device row checkDevice judges ($1 = device, $2 = user, each once): revoked_at is null (not
 * revoked), 'all' (revoked everywhere) or the id of the org (`org`: an SQL expression) it is revoked in.
 */
export const deviceSql = (org: string) => `SELECT CASE WHEN d.revoked_at IS NOT NULL THEN 'all'
    ELSE (SELECT r.org_id::text FROM device_revocations r WHERE r.device_id = d.id AND r.org_id = ${org}) END AS revoked_at
  FROM devices d WHERE d.id = $1 AND d.user_id = $2`;

/**
 * deviceSql for a transaction of one org (withOrg): the org is the transaction's (app_org_id()), so a
 * push or a shape checks the revocation in the org it acts in.
 */
export const DEVICE_SQL = deviceSql('app_org_id()');

/** An unknown device is 401; a revoked one 403 device_revoked, naming the org when revoked in one. */
export function checkDevice(row: { revoked_at: unknown } | undefined): void {
  if (!row) throw new HttpError(401, 'unauthorized', 'unknown device');
  if (row.revoked_at) throw deviceRevoked(UUID_RE.test(String(row.revoked_at)) ? [String(row.revoked_at)] : undefined);
}
