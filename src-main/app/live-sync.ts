/**
 * Background sync for the app: while a vault joined to a firm is open, its changes go up shortly after
 * they are made and colleagues' changes come down as they happen (the sync client's live loop). The
 * person can pause it ("work offline") — a setting of the vault, so it holds across restarts. Errors
 * such as an unreachable server are kept for the Sync screen; the loop itself keeps retrying.
 */
import type { Core } from '../core/core';
import { startSyncLoop, status as syncStatus, type SyncLoop } from '../sync';
import { serverOf } from '../sync/session';
import { exchangeLicense } from '../sync/lease';
import { syncErasures } from '../privacy';

/** How often a live vault reports its health and renews its licence lease (issue 15). */
const LEASE_EVERY_MS = 15 * 60_000;
const leaseTimers = new WeakMap<Core, NodeJS.Timeout>();
/** How often a live vault sends its erasure notices and applies the firm's erasure log (issue 19). */
const ERASURES_EVERY_MS = 60_000;
const erasureTimers = new WeakMap<Core, NodeJS.Timeout>();

const AUTO = 'sync_auto';
const loops = new WeakMap<Core, SyncLoop>();
const lastError = new WeakMap<Core, string>();

export const autoSyncOn = (core: Core) => core.meta(AUTO) !== '0';

/** Start the live loop if this vault has a server, auto sync is on, and none is running. */
export function startLiveSync(core: Core): void {
  if (loops.has(core) || !serverOf(core) || !autoSyncOn(core)) return;
  lastError.delete(core);
  const loop = startSyncLoop(core, {
    onError: (e) => lastError.set(core, e instanceof Error ? e.message : String(e)),
  });
  loops.set(core, loop);
  const exchange = () => void exchangeLicense(core).catch((e) => lastError.set(core, e instanceof Error ? e.message : String(e)));
  exchange();
  leaseTimers.set(core, setInterval(exchange, LEASE_EVERY_MS).unref());
  const erasures = () => void syncErasures(core).catch((e) => lastError.set(core, e instanceof Error ? e.message : String(e)));
  erasureTimers.set(core, setInterval(erasures, ERASURES_EVERY_MS).unref());
  // A revoked device ends the loop for good; forget it so the status says so.
  void loop.done.then(() => {
    if (loops.get(core) === loop) loops.delete(core);
  });
}

/** Stop the loop: it pushes what is pending first, for at most STOP_BOUND_MS (then the rest waits for next time). */
export async function stopLiveSync(core: Core): Promise<void> {
  const loop = loops.get(core);
  loops.delete(core);
  clearInterval(leaseTimers.get(core));
  leaseTimers.delete(core);
  clearInterval(erasureTimers.get(core));
  erasureTimers.delete(core);
  await loop?.stop();
}

export async function setAutoSync(core: Core, on: boolean) {
  core.setMeta(AUTO, on ? '1' : '0');
  if (on) startLiveSync(core);
  else await stopLiveSync(core);
  return liveStatus(core);
}

/** The sync client's status plus the live loop's: on or paused, running, last error. */
export function liveStatus(core: Core) {
  return { ...syncStatus(core), auto: autoSyncOn(core), live: loops.has(core), liveError: loops.has(core) ? (lastError.get(core) ?? null) : null };
}
