/**
 * The sync client's service API (used by the CLI, the UI through IPC, and tests):
 *   login(core, {server, email, password, deviceName?})  connect a vault (and join a solo vault)
 *   syncOnce(core)                                       push the outbox, then pull every shape
 *   status(core)                                         what `casework sync status` shows
 *   listConflicts(core) / resolveConflict(core, id, r)   the user's side of conflicts
 *   discardRejected(core, "m<mutationId>")             drop a change the server rejected
 *   startSyncLoop(core) -> {stop()}                      live: one live channel, push local changes
 * Progress is emitted on core.events as ('progress', {kind: 'sync', phase, done, total}).
 */
import { offerFileKeysOnce } from './file-key-offer';
import { setMaxListeners } from 'node:events';
import type { Core, ChangeEvent } from '../core/core';
import { SYNCED_TABLES } from '../../src-shared/schema/tables';
import { authFetch, backoffDelay, sleep } from './http';
import { runLiveChannel } from './live';
import { readCursor } from './cursors';
import { offsetVersion } from '../../src-shared/sync/protocol';
import { DeviceRevokedError } from './wipe';
import { push, pendingCount, type PushSummary } from './push';
import { pullAll, pullTable } from './pull';
import { fetchMissingBlobs, uploadPendingBlobs } from './blob-sync';
import { META, requireServer, serverOf } from './session';

export { login, type LoginInput, type LoginResult } from './login';
export { myInvitations } from './invitations';
export { discardRejected, listConflicts, resolveConflict, type ConflictView, type Resolution } from './conflicts';
export { DeviceRevokedError } from './wipe';
export { push } from './push';
// For the admin domain, which talks to the same server with the same session.
export { authFetch, describeFailure } from './http';
export { serverOf } from './session';
export { pullAll } from './pull';

export interface SyncSummary extends PushSummary {
  pulledRows: number;
  /** Document blobs uploaded (resumably) and fetched in this sync. */
  blobsSent: number;
  blobsFetched: number;
}

export async function syncOnce(core: Core): Promise<SyncSummary> {
  requireServer(core);
  const pushed = await push(core);
  const pulledRows = await pullAll(core);
  // Rows pulled may have rebased over edits made meanwhile; push whatever is still pending.
  const again = pendingCount(core) ? await push(core) : { sent: 0, applied: 0, conflicts: 0, rejected: 0 };
  // Blobs follow the rows that name them: the server accepts one only once it holds such a row.
  const blobsSent = await uploadPendingBlobs(core);
  // Keys of documents from before file keys travelled through the server (once; a failure waits for the next sync).
  await offerFileKeysOnce(core).catch(() => 0);
  const blobsFetched = (await fetchMissingBlobs(core)).fetched;
  core.events.emit('progress', { kind: 'sync', phase: 'done', done: 1, total: 1 });
  return {
    sent: pushed.sent + again.sent,
    applied: pushed.applied + again.applied,
    conflicts: pushed.conflicts + again.conflicts,
    rejected: pushed.rejected + again.rejected,
    pulledRows,
    blobsSent,
    blobsFetched,
  };
}

export type { SyncStatus } from '../../src-shared/contract/views';
import type { SyncStatus } from '../../src-shared/contract/views';

export function status(core: Core): SyncStatus {
  const count = (sql: string) => core.db.prepare(sql).pluck().get() as number;
  return {
    server: serverOf(core) ?? null,
    pendingPushes: pendingCount(core),
    rejected: count("SELECT count(*) FROM sync_outbox WHERE status = 'rejected'"),
    lastPull: core.meta(META.lastPull) ?? null,
    lastPush: core.meta(META.lastPush) ?? null,
    conflicts: count("SELECT count(*) FROM sync_conflicts WHERE status = 'open'"),
    deviceId: core.actor.deviceId,
  };
}

export interface SyncLoop {
  /**
   * Stop long-polling; pushes what is pending first, for at most boundMs (default STOP_BOUND_MS), after
   * which every request of the loop is aborted: a server that does not answer cannot hold the app open.
   */
  stop(boundMs?: number): Promise<void>;
  /** Resolves when the loop ends (stopped, or a fatal error such as a revoked device). */
  done: Promise<void>;
}

/** How long stopping the live loop waits for pending changes to be pushed (they stay pending, for next time). */
export const STOP_BOUND_MS = 700;

/**
 * Live sync: one live channel (live.ts: a single long-poll that names the shapes that changed, which
 * are then read from their offsets), and a push shortly after every local change (and every few
 * seconds while anything is pending, with backoff while the server is unreachable). A server without
 * the live channel is followed the old way, one long-polling shape stream per table.
 */
export function startSyncLoop(core: Core, opts: { onError?: (e: unknown) => void } = {}): SyncLoop {
  requireServer(core);
  const ctrl = new AbortController();
  setMaxListeners(0, ctrl.signal); // one listener per live shape and per pending wait
  let pushing: Promise<unknown> = Promise.resolve();
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let fatal: unknown;
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));

  const schedulePush = (delay = 5) => {
    if (ctrl.signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      pushing = pushing.then(async () => {
        if (ctrl.signal.aborted) return;
        try {
          if (pendingCount(core)) await push(core, { signal: ctrl.signal, retry: { attempts: 1, baseMs: 200, capMs: 10_000 } });
          // A cut upload throws here and is resumed from the server's offset at the next attempt.
          await uploadPendingBlobs(core, { signal: ctrl.signal, retryDelays: [500, 1_000, 2_000] });
          failures = 0;
        } catch (e) {
          onFatal(e, true);
          failures++;
          schedulePush(backoffDelay(failures, { attempts: 1, baseMs: 500, capMs: 30_000 }) + 100);
        }
      });
    }, delay);
  };
  const onFatal = (e: unknown, retryable = false) => {
    const name = (e as Error)?.name;
    if (name === 'AbortError' || ctrl.signal.aborted) return;
    opts.onError?.(e);
    if (e instanceof Error && e.constructor.name === 'DeviceRevokedError') {
      fatal = e;
      ctrl.abort();
      finish();
    } else if (!retryable) {
      // A shape that failed is restarted after a pause (network down, server restarting).
      return;
    }
  };
  // A blob whose row arrived before its author finished uploading it (404) is asked for again, with
  // backoff: the live channel announces rows, not blobs, so nothing else would wake this laptop for it.
  let blobRetry: NodeJS.Timeout | undefined;
  let blobWaits = 0;
  const fetchBlobs = async (signal: AbortSignal) => {
    clearTimeout(blobRetry);
    const { waiting } = await fetchMissingBlobs(core, { signal });
    if (!waiting || signal.aborted) return void (blobWaits = 0);
    blobRetry = setTimeout(() => void fetchBlobs(ctrl.signal).catch((e) => onFatal(e, true)), Math.min(30_000, 1_000 * 2 ** blobWaits++));
  };
  const onChange = (ev: ChangeEvent) => {
    if (ev.op !== 'remote') schedulePush();
  };
  core.events.on('change', onChange);

  const runShape = async (table: string) => {
    let attempt = 0;
    while (!ctrl.signal.aborted) {
      try {
        await pullTable(core, table, { live: true, signal: ctrl.signal });
        attempt = 0;
      } catch (e) {
        onFatal(e);
        if (fatal) return;
        await sleep(backoffDelay(attempt++, { attempts: 1, baseMs: 500, capMs: 30_000 }), ctrl.signal);
      }
    }
  };
  const shapes = (async () => {
    try {
      const outcome = await runLiveChannel({
        orgId: core.actor.orgId,
        signal: ctrl.signal,
        get: (path, signal) => authFetch(core, path, {}, { signal, retry: { attempts: 1, baseMs: 200, capMs: 10_000 } }),
        read: async (tables, signal) => {
          let reached = Number.MAX_SAFE_INTEGER;
          for (const table of tables) {
            if (signal.aborted) break;
            await pullTable(core, table, { signal });
            reached = Math.min(reached, offsetVersion(readCursor(core, table).offset));
          }
          // A version pulled names a blob this laptop lacks: fetched now, so the document opens offline.
          if (tables.includes('document_versions') || tables.includes('documents')) await fetchBlobs(signal);
          core.setMeta(META.lastPull, new Date().toISOString());
          return reached;
        },
        isFatal: (e) => e instanceof DeviceRevokedError,
        onError: (e) => onFatal(e, true),
      });
      if (outcome === 'unsupported') await Promise.all(SYNCED_TABLES.map(runShape));
    } catch (e) {
      onFatal(e);
    }
  })();
  schedulePush(0);
  return {
    done,
    stop: async (boundMs = STOP_BOUND_MS) => {
      core.events.off('change', onChange);
      clearTimeout(timer);
      clearTimeout(blobRetry);
      const deadline = setTimeout(() => ctrl.abort(), boundMs);
      try {
        await pushing;
        if (!fatal && !ctrl.signal.aborted && pendingCount(core)) {
          try {
            await push(core, { signal: ctrl.signal, retry: { attempts: 2, baseMs: 200, capMs: 1000 } });
          } catch (e) {
            if (!ctrl.signal.aborted) opts.onError?.(e);
          }
        }
      } finally {
        clearTimeout(deadline);
      }
      ctrl.abort();
      // Aborted shapes end by themselves; a shape still winding down then finds the vault closed, which
      // it takes as the abort it is (its page transactions are synchronous: nothing half-written).
      await Promise.race([shapes, sleep(300)]);
      finish();
      if (fatal) throw fatal;
    },
  };
}

export { status as syncStatus };
export type { PushSummary };
