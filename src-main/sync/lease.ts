/**
 * The laptop's side of issue 15 with each sync: report this device's sync health to the server
 * (POST /v1/devices/health) and keep the licence lease it answers with. The lease must be signed by the
 * server key pinned at login (the one that signs revocations) and name this device and org; anything
 * else is not stored. The app's licence gate (app/license.ts) reads the stored lease.
 * A server from before issue 15 (404) is left alone: the vault then runs on its own trial.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SignedLease, leaseSignedText } from '../../src-shared/license';
import type { DeviceHealth } from '../../src-shared/sync/device-health';
import type { Core } from '../core/core';
import { ed25519Verify } from '../vault/ed25519';
import { authFetch } from './http';
import { pendingCount } from './push';
import { META } from './session';

export const LEASE_META = 'license_lease';
const APP_VERSION = '0.1.0';

function bytesUnder(path: string): number {
  let total = 0;
  for (const e of readdirSync(path, { withFileTypes: true })) {
    const p = join(path, e.name);
    try {
      total += e.isDirectory() ? bytesUnder(p) : statSync(p).size;
    } catch {
      /* a file removed meanwhile */
    }
  }
  return total;
}

export function healthOf(core: Core): DeviceHealth {
  const count = (sql: string) => core.db.prepare(sql).pluck().get() as number;
  let lease: DeviceHealth['lease'] = null;
  try {
    const l = JSON.parse(core.meta(LEASE_META) ?? 'null');
    if (l?.lease) lease = { state: String(l.lease.state), expiresAt: String(l.lease.expiresAt) };
  } catch {
    lease = null;
  }
  return {
    appVersion: APP_VERSION,
    lastPush: core.meta(META.lastPush) ?? null,
    lastPull: core.meta(META.lastPull) ?? null,
    pendingChanges: pendingCount(core),
    failedPushes: count("SELECT count(*) FROM sync_outbox WHERE status = 'rejected'"),
    openConflicts: count("SELECT count(*) FROM sync_conflicts WHERE status = 'open'"),
    diskUsedBytes: bytesUnder(core.dataDir),
    lease,
  };
}

/** The server key pinned at login (base64 raw Ed25519), if any. */
export function pinnedServerKey(core: Core): string | undefined {
  try {
    return (JSON.parse(core.meta(META.serverKey) ?? 'null') as { publicKey?: string } | null)?.publicKey;
  } catch {
    return undefined;
  }
}

/** True when `value` is a lease signed by the pinned server key for this device and org. */
export function acceptableLease(core: Core, value: unknown): value is SignedLease {
  const s = SignedLease.safeParse(value);
  const key = pinnedServerKey(core);
  if (!s.success || !key || s.data.keyId !== key) return false;
  if (s.data.lease.deviceId !== core.actor.deviceId || s.data.lease.orgId !== core.actor.orgId) return false;
  return ed25519Verify(key, leaseSignedText(s.data.lease), s.data.signature);
}

export interface LeaseExchange {
  reported: boolean;
  lease: SignedLease['lease'] | null;
  /** Why no lease was stored (old server, refused signature). */
  note?: string;
}

/** Report health and store the lease the server answers with. Never throws for a server without the route. */
export async function exchangeLicense(core: Core, opts: { signal?: AbortSignal } = {}): Promise<LeaseExchange> {
  const res = await authFetch(
    core,
    '/v1/devices/health',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orgId: core.actor.orgId, ...healthOf(core) }) },
    { signal: opts.signal, retry: { attempts: 2, baseMs: 200, capMs: 1000 } },
  );
  if (res.status === 404) return { reported: false, lease: null, note: 'the server does not take health reports (before issue 15)' };
  if (!res.ok) return { reported: false, lease: null, note: `the server answered ${res.status} to the health report` };
  const body = (await res.json()) as { lease?: unknown };
  if (!acceptableLease(core, body.lease)) return { reported: true, lease: null, note: 'the lease was not signed by the pinned server key; not kept' };
  core.setMeta(LEASE_META, JSON.stringify(body.lease));
  core.events.emit('license');
  return { reported: true, lease: body.lease.lease };
}
