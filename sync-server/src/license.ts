/**
 * The firm's licence on the sync server (issue 15). `casework-sync license install FILE` stores a
 * vendor-signed licence (src-shared/license) in server_keys as `license:<orgId>` (or `license:*` for a
 * licence naming no org: every org of a single-firm server). Without one, an org is on the trial
 * (TRIAL_DAYS from the server's first licence check), then read-only.
 *
 * What the licence decides here:
 *   - seats: active members of the org; adding member N+1 is refused (admin.ts: create, accept, reactivate);
 *   - devices per user: a login that would register one more device is refused, naming the limit and
 *     the devices to revoke (auth.ts);
 *   - read-only past the grace: pushes are refused in words (reads, snapshots, blobs keep working);
 *   - each laptop gets a lease signed with the server's Ed25519 audit key (src-shared/license/lease.ts).
 * The server's last-seen time only moves forward and is kept in server_keys sealed (AES-256-GCM) with a
 * key derived from the audit key file, which is not in the database.
 */
import { createCipheriv, createDecipheriv, createHash, createPublicKey, randomBytes, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  LEASE_FORMAT,
  LEASE_TTL_DAYS,
  LICENSE_MODULES,
  PRODUCTION_LICENSE_KEYS,
  WRITABLE_STATES,
  computeLicenseState,
  leaseSignedText,
  verifyLicenseText,
  type Lease,
  type License,
  type LicenseState,
  type SignedLease,
} from '../../src-shared/license';
import { newId } from '../../src-shared/ids';
import type { Database, Tx } from './db/postgres';
import { HttpError, type Identity } from './auth';
import { appendAudit, auditKeyOf } from './audit';
import type { AuditKey } from './audit-key';

export interface OrgLicenseStatus extends LicenseState {
  orgId: string;
  seatsUsed: number;
  devicesPerUser: number | null;
  licenseId: string | null;
}

const devRun = () => process.env.NODE_ENV !== 'production';

/** The production key, plus (never with NODE_ENV=production) the keys in CASEWORK_LICENSE_DEV_KEYS files. */
export function trustedKeys(): string[] {
  const keys = [...PRODUCTION_LICENSE_KEYS];
  const dev = process.env.CASEWORK_LICENSE_DEV_KEYS;
  if (dev && devRun())
    for (const path of dev
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const t = readFileSync(path, 'utf8').trim();
      keys.push(t.startsWith('-----BEGIN') ? Buffer.from(createPublicKey(t).export({ format: 'jwk' }).x!, 'base64url').toString('base64') : t);
    }
  return keys;
}

export function licenseNow(): number {
  const fake = process.env.CASEWORK_LICENSE_NOW;
  const t = fake && devRun() ? Date.parse(fake) : NaN;
  return Number.isFinite(t) ? t : Date.now();
}

function ed25519Verify(publicKey: string, text: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey, 'base64').toString('base64url') }, format: 'jwk' });
    return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export const verifyLicense = (text: string, orgId?: string) => verifyLicenseText(text, { trustedKeys: trustedKeys(), verify: ed25519Verify, orgId });

// ---- last-seen time, sealed with a key derived from the audit key file

function sealKey(key: AuditKey | undefined): Buffer | undefined {
  if (!key) return undefined;
  return createHash('sha256')
    .update('casework-license-last-seen/1')
    .update(key.privateKey.export({ type: 'pkcs8', format: 'der' }))
    .digest();
}

export function seal(k: Buffer, text: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', k, iv);
  const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

export function unseal(k: Buffer, sealed: string): string | undefined {
  try {
    const b = Buffer.from(sealed, 'base64');
    const d = createDecipheriv('aes-256-gcm', k, b.subarray(0, 12));
    d.setAuthTag(b.subarray(12, 28));
    return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

async function serverTimes(db: Database, now: number): Promise<{ lastSeen?: number; trialStart: number }> {
  return db.withSystem(async (tx) => {
    await tx.query(`INSERT INTO server_keys (name, value) VALUES ('license_trial_start', $1) ON CONFLICT (name) DO NOTHING`, [new Date(now).toISOString()]);
    const r = await tx.query(`SELECT name, value FROM server_keys WHERE name IN ('license_trial_start', 'license_last_seen')`);
    const by = Object.fromEntries(r.rows.map((x) => [x.name, x.value as string]));
    const k = sealKey(auditKeyOf(db));
    const seen = k && by.license_last_seen ? Date.parse(unseal(k, by.license_last_seen) ?? '') : NaN;
    return { lastSeen: Number.isFinite(seen) ? seen : undefined, trialStart: Date.parse(by.license_trial_start) };
  });
}

async function advanceLastSeen(db: Database, at: number, lastSeen: number | undefined) {
  const k = sealKey(auditKeyOf(db));
  // Written when it moves by a minute or more: not a write per request.
  if (!k || (lastSeen !== undefined && at - lastSeen < 60_000)) return;
  await db.withSystem((tx) =>
    tx.query(`INSERT INTO server_keys (name, value) VALUES ('license_last_seen', $1) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`, [
      seal(k, new Date(at).toISOString()),
    ]),
  );
}

// ---- the org's licence and its state

async function licenseText(db: Database, orgId: string): Promise<string | undefined> {
  const r = await db.withSystem((tx) =>
    tx.query(`SELECT name, value FROM server_keys WHERE name IN ($1, 'license:*') ORDER BY name = 'license:*'`, [`license:${orgId}`]),
  );
  return r.rows[0]?.value as string | undefined;
}

async function seatsUsed(q: Tx | Database['pool'], orgId: string): Promise<number> {
  const r = await q.query(`SELECT count(*)::int AS n FROM org_memberships WHERE org_id = $1 AND deleted_at IS NULL AND coalesce(status, 'active') = 'active'`, [
    orgId,
  ]);
  return r.rows[0].n as number;
}

const cache = new WeakMap<Database, Map<string, { at: number; status: OrgLicenseStatus; license: License | null }>>();
const CACHE_MS = 5_000;

/** Forget what was computed (a licence was installed). */
export function forgetLicenseCache(db: Database) {
  cache.delete(db);
}

export async function orgLicense(db: Database, orgId: string, opts: { fresh?: boolean } = {}): Promise<{ status: OrgLicenseStatus; license: License | null }> {
  const byOrg = cache.get(db) ?? new Map();
  cache.set(db, byOrg);
  const hit = byOrg.get(orgId);
  if (!opts.fresh && hit && Date.now() - hit.at < CACHE_MS) return hit;
  const now = licenseNow();
  const text = await licenseText(db, orgId);
  const v = text ? verifyLicense(text, orgId) : undefined;
  const times = await serverTimes(db, now);
  const s = computeLicenseState({
    now,
    lastSeen: times.lastSeen,
    license: v?.ok ? v.license : null,
    refused: v && !v.ok ? v.reason : undefined,
    trialStart: times.trialStart,
    allModules: LICENSE_MODULES,
  });
  await advanceLastSeen(db, Date.parse(s.at), times.lastSeen);
  const license = v?.ok ? v.license : null;
  const status: OrgLicenseStatus = {
    ...s,
    orgId,
    seatsUsed: await seatsUsed(db.pool, orgId),
    devicesPerUser: license?.devicesPerUser ?? null,
    licenseId: license?.licenseId ?? null,
  };
  const out = { at: Date.now(), status, license };
  byOrg.set(orgId, out);
  return out;
}

/** Install a licence file (refused with the reason when it does not verify). */
export async function installLicense(db: Database, text: string): Promise<{ orgId: string | null; licenseId: string; licensee: string }> {
  const v = verifyLicense(text);
  if (!v.ok) throw new HttpError(400, 'license_refused', `licence refused: ${v.reason}`);
  const orgId = v.license.orgId?.toLowerCase() ?? null;
  await db.withSystem(async (tx) => {
    if (orgId && !(await tx.query('SELECT 1 FROM organizations WHERE id = $1', [orgId])).rowCount)
      throw new HttpError(400, 'license_refused', `licence refused: it is for organisation ${orgId}, which this server does not have`);
    await tx.query(`INSERT INTO server_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`, [
      `license:${orgId ?? '*'}`,
      text,
    ]);
    const orgs = orgId ? [orgId] : (await tx.query('SELECT id FROM organizations WHERE deleted_at IS NULL')).rows.map((r) => r.id as string);
    for (const o of orgs)
      await appendAudit(tx, o, {
        eventType: 'admin.license_install',
        metadata: { licenseId: v.license.licenseId, plan: v.license.plan, seats: v.license.seats, validUntil: v.license.validUntil },
      });
  });
  forgetLicenseCache(db);
  return { orgId, licenseId: v.license.licenseId, licensee: v.license.licensee };
}

// ---- enforcement

/** A new active member of orgId would exceed the licence's seats: 403 license_seats, in words. Inside the adding transaction. */
export async function assertSeatFree(db: Database, tx: Tx, orgId: string): Promise<void> {
  const { status, license } = await orgLicense(db, orgId);
  if (!license) return;
  const used = await seatsUsed(tx, orgId);
  if (used >= license.seats)
    throw new HttpError(
      403,
      'license_seats',
      `the licence of ${license.licensee} allows ${license.seats} seat(s) and ${used} are in use: deactivate a member or get a licence with more seats`,
      { seats: license.seats, seatsUsed: used, state: status.state },
    );
}

/** Registering one more device for userId would pass a licence's devices-per-user limit: 403 license_devices naming the devices. */
export async function assertDeviceAllowed(db: Database, tx: Tx, userId: string, orgIds: string[]): Promise<void> {
  for (const orgId of orgIds) {
    const { license } = await orgLicense(db, orgId);
    if (!license) continue;
    const r = await tx.query(
      `SELECT d.id, d.name FROM devices d WHERE d.user_id = $1 AND d.revoked_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM device_revocations x WHERE x.device_id = d.id AND x.org_id = $2) ORDER BY d.last_seen_at NULLS FIRST`,
      [userId, orgId],
    );
    if ((r.rowCount ?? 0) >= license.devicesPerUser)
      throw new HttpError(
        403,
        'license_devices',
        `the licence of ${license.licensee} allows ${license.devicesPerUser} device(s) per user and you already have ${r.rowCount} (${r.rows
          .map((d) => d.name)
          .join(', ')}): ask an administrator to revoke an old one, then sign in again`,
        { devicesPerUser: license.devicesPerUser, devices: r.rows.map((d) => ({ deviceId: d.id, name: d.name })) },
      );
  }
}

/**
 * The device row of a login. A laptop sends a secret of its own (deviceKey, kept in its vault) with
 * each login; its sha-256 finds the row an earlier login of the same user from that laptop made, which
 * is reused (renamed, its older refresh tokens revoked): logging in again takes no second device slot.
 * A new row is made only for a laptop not seen before (or whose row was revoked), and only within the
 * licence's devices per user.
 */
export async function deviceForLogin(
  db: Database,
  tx: Tx,
  userId: string,
  orgIds: string[],
  body: { deviceName: string; appVersion?: string; deviceKey?: string },
): Promise<string> {
  const keyHash = body.deviceKey ? createHash('sha256').update(body.deviceKey).digest('hex') : null;
  if (keyHash) {
    const r = await tx.query(
      `SELECT d.id, d.revoked_at IS NOT NULL OR EXISTS (SELECT 1 FROM device_revocations x WHERE x.device_id = d.id) AS revoked
         FROM devices d WHERE d.user_id = $1 AND d.install_key_hash = $2 FOR UPDATE`,
      [userId, keyHash],
    );
    const row = r.rows[0];
    if (row && !row.revoked) {
      await tx.query('UPDATE devices SET name = $2, app_version = coalesce($3, app_version), last_seen_at = now() WHERE id = $1', [
        row.id,
        body.deviceName,
        body.appVersion ?? null,
      ]);
      await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL', [row.id]);
      return String(row.id);
    }
    // A revoked row keeps its history but gives up the key: the laptop starts again as a new device.
    if (row) await tx.query('UPDATE devices SET install_key_hash = NULL WHERE id = $1', [row.id]);
  }
  await assertDeviceAllowed(db, tx, userId, orgIds);
  const deviceId = newId();
  await tx.query('INSERT INTO devices (id, user_id, name, app_version, last_seen_at, install_key_hash) VALUES ($1, $2, $3, $4, now(), $5)', [
    deviceId,
    userId,
    body.deviceName,
    body.appVersion ?? null,
    keyHash,
  ]);
  return deviceId;
}

/** Pushes into an org whose licence is read-only (or invalid) are refused in words. */
export async function assertOrgWritable(db: Database, orgId: string): Promise<void> {
  const { status } = await orgLicense(db, orgId);
  if (!WRITABLE_STATES.includes(status.state))
    throw new HttpError(
      403,
      'license_read_only',
      `licence ${status.state}: the organisation is read-only, the change was not accepted (${status.reason ?? ''})`,
      {
        state: status.state,
      },
    );
}

/** This device's lease in orgId, signed with the server's audit key. */
export async function leaseFor(db: Database, id: Identity, orgId: string): Promise<SignedLease> {
  const key = auditKeyOf(db);
  if (!key) throw new HttpError(503, 'unavailable', 'this server has no signing key');
  const { status } = await orgLicense(db, orgId);
  const now = Math.max(Date.now(), Date.parse(status.at));
  const lease: Lease = {
    orgId,
    userId: id.userId,
    deviceId: id.deviceId,
    state: status.state,
    ...(status.reason ? { reason: status.reason.slice(0, 500) } : {}),
    licenseId: status.licenseId,
    licensee: status.licensee,
    seats: status.seats,
    seatsUsed: status.seatsUsed,
    devicesPerUser: status.devicesPerUser,
    modules: status.modules,
    until: status.until,
    graceUntil: status.graceUntil,
    issuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + LEASE_TTL_DAYS * 86_400_000).toISOString(),
  };
  return {
    format: LEASE_FORMAT,
    lease,
    keyId: key.publicKeyRaw,
    signature: sign(null, Buffer.from(leaseSignedText(lease), 'utf8'), key.privateKey).toString('base64'),
  };
}
