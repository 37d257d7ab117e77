/**
 * What a laptop reports about its sync with each sync (issue 15), POST /v1/devices/health; the server
 * keeps the last report per device and answers with the device's licence lease. Admins see it in the
 * device table, with warnings for devices not synced for N days or holding unsynced changes.
 */
import { z } from 'zod';

const instant = z.string().datetime({ offset: true }).nullable();

export const DeviceHealth = z.strictObject({
  appVersion: z.string().max(50),
  lastPush: instant,
  lastPull: instant,
  pendingChanges: z.number().int().min(0),
  failedPushes: z.number().int().min(0),
  openConflicts: z.number().int().min(0),
  diskUsedBytes: z.number().int().min(0),
  /** The lease the laptop holds now (state and end), or null before its first. */
  lease: z.strictObject({ state: z.string().max(20), expiresAt: z.string().max(40) }).nullable(),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

export const DeviceHealthReport = DeviceHealth.extend({ orgId: z.string().uuid() });
export type DeviceHealthReport = z.infer<typeof DeviceHealthReport>;

export const DEVICE_WARNINGS = ['not_synced', 'unsynced_changes', 'failing_pushes', 'lease_expiring'] as const;
export type DeviceWarning = (typeof DEVICE_WARNINGS)[number];

/** Days without a sync after which a device is flagged (the admin may ask for another number). */
export const DEFAULT_STALE_DAYS = 7;

/** The warnings of one device at `now` (revoked devices have none). */
export function deviceWarnings(
  d: { lastSyncAt: string | null; revokedAt: string | null; health: DeviceHealth | null },
  now: number,
  staleDays = DEFAULT_STALE_DAYS,
): DeviceWarning[] {
  if (d.revokedAt) return [];
  const out: DeviceWarning[] = [];
  const last = d.lastSyncAt ? Date.parse(d.lastSyncAt) : NaN;
  if (!Number.isFinite(last) || now - last > staleDays * 86_400_000) out.push('not_synced');
  if (d.health && d.health.pendingChanges > 0) out.push('unsynced_changes');
  if (d.health && d.health.failedPushes > 0) out.push('failing_pushes');
  if (d.health?.lease && Date.parse(d.health.lease.expiresAt) - now < 3 * 86_400_000) out.push('lease_expiring');
  return out;
}
