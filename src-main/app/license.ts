/**
 * The vault's licence (issue 15): import a signed licence file, compute the state the vault is in, and
 * the gate every write passes (core/writer.ts setWriteGate). A solo vault judges its own licence file;
 * a vault joined to a firm judges the signed lease its server gave it at its last sync (sync/lease.ts).
 * With neither, the vault is on a TRIAL_DAYS trial from its creation, then read-only.
 *
 * Everything is kept in vault_meta, inside the encrypted database: the licence text, the lease, and
 * the last-seen time, which only moves forward (a clock turned back is detected and cannot revive an
 * expired licence). Read-only never holds data hostage: only writes through the writer are refused;
 * reading, search, export, backup, restore and sync's pulls keep working.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../../src-shared/errors';
import {
  LICENSE_MODULES,
  PRODUCTION_LICENSE_KEYS,
  WRITABLE_STATES,
  computeLicenseState,
  effectiveNow,
  periodState,
  readOnlyMessage,
  verifyLicenseText,
  type LicenseState,
  type VerifiedLicense,
} from '../../src-shared/license';
import type { Core } from '../core/core';
import { appendAudit } from '../core/audit';
import { setWriteGate } from '../core/writer';
import { ed25519Verify, parsePublicKeyFile } from '../vault/ed25519';
import { LEASE_META, acceptableLease } from '../sync/lease';

export const LICENSE_META = {
  file: 'license_file',
  lastSeen: 'license_last_seen',
  lease: LEASE_META,
  trialStart: 'created_at',
} as const;

export interface VaultLicenseStatus extends LicenseState {
  seatsUsed: number;
  source: 'file' | 'lease' | 'trial';
  licenseId: string | null;
}

/**
 * Development and test runs only: a packaged Electron app (process.defaultApp unset) never honours
 * CASEWORK_LICENSE_DEV_KEYS or CASEWORK_LICENSE_NOW.
 */
export function isDevelopmentRun(): boolean {
  return !(process.versions.electron && !(process as { defaultApp?: boolean }).defaultApp);
}

/** The vendor keys this run trusts: the production key, plus the dev keys of a development run. */
export function trustedLicenseKeys(): string[] {
  const keys = [...PRODUCTION_LICENSE_KEYS];
  const dev = process.env.CASEWORK_LICENSE_DEV_KEYS;
  if (dev && isDevelopmentRun()) {
    for (const path of dev
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      try {
        keys.push(parsePublicKeyFile(readFileSync(path, 'utf8')));
      } catch (e) {
        throw new UserError('invalid_input', `CASEWORK_LICENSE_DEV_KEYS: ${path}: ${(e as Error).message}`);
      }
    }
  }
  return keys;
}

/** The clock; a development run may set CASEWORK_LICENSE_NOW (ISO) so tests can move through time. */
export function licenseNow(): number {
  const fake = process.env.CASEWORK_LICENSE_NOW;
  if (fake && isDevelopmentRun()) {
    const t = Date.parse(fake);
    if (Number.isFinite(t)) return t;
  }
  return Date.now();
}

export function verifyLicense(text: string, orgId?: string): VerifiedLicense {
  return verifyLicenseText(text, { trustedKeys: trustedLicenseKeys(), verify: ed25519Verify, orgId });
}

function seatsUsed(core: Core): number {
  return core.db
    .prepare("SELECT count(*) FROM org_memberships WHERE org_id = ? AND deleted_at IS NULL AND coalesce(status, 'active') = 'active'")
    .pluck()
    .get(core.actor.orgId) as number;
}

function trialStart(core: Core): number {
  const t = Date.parse(core.meta(LICENSE_META.trialStart) ?? '');
  if (Number.isFinite(t)) return t;
  // A vault from before created_at was recorded: its first audit entry.
  const first = core.db.prepare('SELECT min(created_at) FROM audit_log').pluck().get() as string | null;
  return first ? Date.parse(first) : Date.now();
}

/** The stored lease if it is signed by the server key pinned at login and is this device's; else undefined. */
function storedLease(core: Core) {
  try {
    const value: unknown = JSON.parse(core.meta(LICENSE_META.lease) ?? 'null');
    return acceptableLease(core, value) ? value.lease : undefined;
  } catch {
    return undefined;
  }
}

/** Move the last-seen time forward (never back). */
function advanceLastSeen(core: Core, at: number) {
  const last = Date.parse(core.meta(LICENSE_META.lastSeen) ?? '');
  if (!Number.isFinite(last) || at > last) core.setMeta(LICENSE_META.lastSeen, new Date(at).toISOString());
}

/** The vault's licence state now; records the time seen. */
export function licenseStatus(core: Core, now = licenseNow()): VaultLicenseStatus {
  const lastSeenRaw = Date.parse(core.meta(LICENSE_META.lastSeen) ?? '');
  const lastSeen = Number.isFinite(lastSeenRaw) ? lastSeenRaw : undefined;
  const lease = (core.meta('mode') ?? 'solo') !== 'solo' ? storedLease(core) : undefined;
  let out: VaultLicenseStatus;
  if (lease) {
    const { at, rollback } = effectiveNow(now, [lastSeen, Date.parse(lease.issuedAt)]);
    const rollbackNote = rollback ? `; the system clock is behind the last time this vault saw (${new Date(at).toISOString()}): clock rollback detected` : '';
    let s: { state: LicenseState['state']; reason?: string };
    if (at > Date.parse(lease.expiresAt))
      s = {
        state: 'read_only',
        reason: `the licence lease from the firm's server expired on ${lease.expiresAt.slice(0, 10)}: sync with the server to renew it (reading, search, export, backup and restore still work)`,
      };
    else if ((lease.state === 'valid' || lease.state === 'grace') && lease.until && lease.graceUntil)
      s = periodState(at, 0, Date.parse(lease.until), Date.parse(lease.graceUntil), "firm's licence");
    else if (lease.state === 'none' && lease.until && at > Date.parse(lease.until))
      s = { state: 'read_only', reason: `the firm's server has no licence and its trial ended on ${lease.until.slice(0, 10)}` };
    else s = { state: lease.state, reason: lease.reason };
    const reason = ((s.reason ?? '') + rollbackNote).replace(/^; /, '');
    out = {
      state: s.state,
      ...(reason ? { reason } : {}),
      licensee: lease.licensee,
      seats: lease.seats,
      seatsUsed: lease.seatsUsed,
      until: lease.until,
      graceUntil: lease.graceUntil,
      modules: lease.modules,
      clockRollback: rollback,
      at: new Date(at).toISOString(),
      source: 'lease',
      licenseId: lease.licenseId,
    };
  } else {
    const text = core.meta(LICENSE_META.file);
    const v = text ? verifyLicense(text) : undefined;
    const base = computeLicenseState({
      now,
      lastSeen,
      license: v?.ok ? v.license : null,
      refused: v && !v.ok ? v.reason : undefined,
      trialStart: trialStart(core),
      allModules: LICENSE_MODULES,
    });
    out = { ...base, seatsUsed: seatsUsed(core), source: text ? 'file' : 'trial', licenseId: v?.ok ? v.license.licenseId : null };
  }
  advanceLastSeen(core, Date.parse(out.at));
  return out;
}

/** Import a licence file into a (solo) vault: refused with the reason when it does not verify. */
export function importLicense(core: Core, text: string, now = licenseNow()): VaultLicenseStatus {
  const v = verifyLicense(text, core.actor.orgId);
  if (!v.ok) throw new UserError('invalid_input', `licence refused: ${v.reason}`);
  core.tx(() => {
    core.setMeta(LICENSE_META.file, text);
    appendAudit(core.db, core.actor, {
      event_type: 'license_imported',
      description: 'licence imported',
      metadata: { licenseId: v.license.licenseId, plan: v.license.plan, seats: v.license.seats, validUntil: v.license.validUntil },
    });
  });
  core.events.emit('license');
  return licenseStatus(core, now);
}

/**
 * Install the licence gate on an open vault: a write in a state that is not writable is refused with a
 * sentence naming the state. The state is recomputed at most every few seconds (a long import does not
 * verify a signature per row), and the last-seen time moves with it.
 */
export function installLicenseGate(core: Core): VaultLicenseStatus {
  let cached = licenseStatus(core);
  let at = Date.now();
  setWriteGate(core, () => {
    if (Date.now() - at > 5_000) {
      cached = licenseStatus(core);
      at = Date.now();
    }
    if (!WRITABLE_STATES.includes(cached.state)) throw new UserError('forbidden', readOnlyMessage(cached), { license: cached.state });
  });
  // A new licence or lease takes effect at once.
  const refresh = () => {
    at = 0;
  };
  core.events.on('license', refresh);
  return cached;
}
