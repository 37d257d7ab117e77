/**
 * The erasure log as this laptop keeps it (issue 19): which erasures it has applied, which of its own it
 * has still to tell the server, and how far it has read the server's log. All in vault_meta, ids only.
 * The applied list lives in the database on purpose: a vault restored from a backup made before an
 * erasure lacks it, so the server's log makes it apply the erasure again (erasure-sync.ts).
 */
import type { Core } from '../core/core';

/** An erasure as the server and the other laptops learn it: ids and blob hashes, never a value. */
export interface ErasureNotice {
  erasureId: string;
  personId: string;
  mode: 'erase' | 'anonymise';
  rowIds: string[];
  versionIds: string[];
  storageKeys: string[];
  /** Rows scrubbed but kept (a retention run's anonymised case); absent: the person alone when anonymised. */
  keep?: string[];
}

export const ERASURE_META = {
  unsent: 'privacy_erasures_unsent',
  applied: 'privacy_erasures_applied',
  cursor: 'privacy_erasures_cursor',
} as const;

const list = <T>(core: Core, key: string): T[] => JSON.parse(core.meta(key) ?? '[]') as T[];

export const appliedErasures = (core: Core): Set<string> => new Set(list<string>(core, ERASURE_META.applied));

export function markApplied(core: Core, erasureId: string): void {
  const all = appliedErasures(core);
  all.add(erasureId);
  core.setMeta(ERASURE_META.applied, JSON.stringify([...all]));
}

/** Called by the erasure itself: applied here, and (a vault connected to a server) to be sent. */
export function queueNotice(core: Core, notice: ErasureNotice): void {
  markApplied(core, notice.erasureId);
  if (core.meta('mode') === 'solo') return;
  core.setMeta(ERASURE_META.unsent, JSON.stringify([...list<ErasureNotice>(core, ERASURE_META.unsent), notice]));
}

export const unsentNotices = (core: Core): ErasureNotice[] => list<ErasureNotice>(core, ERASURE_META.unsent);

export function dropUnsent(core: Core, erasureId: string): void {
  core.setMeta(ERASURE_META.unsent, JSON.stringify(unsentNotices(core).filter((n) => n.erasureId !== erasureId)));
}
