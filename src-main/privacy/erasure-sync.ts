/**
 * Erasure everywhere (issue 19): this laptop's erasures told to the server, and the server's erasure log
 * applied here. Run after each sync (`casework sync`, the window's Sync): by then the erasure's own rows
 * (scrubbed, then tombstoned) have been pushed, which the server requires before it takes the notice.
 *
 * Applying an erasure from the log purges what the rows arriving by sync do not: the versions' file keys
 * (crypto-shredding: the server's page no longer carries a key, and a laptop keeps the key it had) and
 * their blobs, the search index and embeddings of the erased rows, this laptop's audit values and
 * conflicts about them, then secure_delete, VACUUM and a truncating checkpoint so nothing remains in free
 * pages or the log. A row the log names that is still whole here (a vault restored from a backup made
 * before the erasure, or not yet pulled) is scrubbed and tombstoned in place, locally: the server already
 * holds the erased rows, so nothing is pushed.
 */
import { TABLES } from '../../src-shared/schema/tables';
import type { Core } from '../core/core';
import { appendAudit } from '../core/audit';
import { read } from '../core/writer';
import { checkpointIfFree } from '../db/open';
import { authFetch, describeFailure, serverOf } from '../sync';
import { deleteUnusedBlobs, purgeOutbox, purgeSearch, redactAudit, redactedSeqs, scrubFields } from './erase';
import { appliedErasures, dropUnsent, ERASURE_META, markApplied, unsentNotices, type ErasureNotice } from './erasure-log';

export interface ErasureLogEntry extends ErasureNotice {
  seq: number;
  at: string;
}

export interface ErasureSyncResult {
  sent: number;
  /** Notices the server did not take yet (their rows not pushed): sent again next time. */
  waiting: number;
  applied: number;
}

const enc = (v: unknown) => (v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : v);

/** Apply one erasure of the log here; false when it already was (this laptop made it, or applied it before). */
export function applyErasure(core: Core, e: ErasureNotice): boolean {
  if (appliedErasures(core).has(e.erasureId)) return false;
  const touched = new Set([e.personId, ...e.rowIds]);
  const keep = new Set(e.keep ?? (e.mode === 'anonymise' ? [e.personId] : []));
  const now = new Date().toISOString();
  core.db.pragma('secure_delete = ON');
  try {
    core.db.transaction(() => {
      for (const spec of Object.values(TABLES)) {
        if (!core.db.prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?').get('table', spec.name)) continue;
        for (const id of touched) {
          const row = read(core, spec.name, id, { includeDeleted: true });
          if (!row) continue;
          const fields: Record<string, unknown> = scrubFields(spec, row);
          if (!keep.has(id) && !row.deleted_at) fields.deleted_at = now;
          const names = Object.keys(fields);
          if (!names.length) continue;
          core.db.prepare(`UPDATE ${spec.name} SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`).run(...names.map((n) => enc(fields[n])), id);
        }
      }
      const nullKey = core.db.prepare('UPDATE document_versions SET file_key = NULL WHERE id = ?');
      for (const v of e.versionIds) nullKey.run(v);
      const conflicts = core.db.prepare('DELETE FROM sync_conflicts WHERE row_id = ?');
      for (const id of touched) conflicts.run(id);
      purgeSearch(core, e.personId, touched, []);
      redactAudit(core, touched, [], e.erasureId);
      purgeOutbox(core, touched, []);
      appendAudit(core.db, core.actor, {
        event_type: 'person_erased',
        table_name: 'persons',
        record_id: e.personId,
        description: `${e.keep ? 'case expired under the retention policy' : `person ${e.mode === 'erase' ? 'erased' : 'anonymised'}`} on the firm's server or another laptop (the erasure log)`,
        new_values: { erasureId: e.erasureId, mode: e.mode, rows: { fromLog: touched.size }, redactedSeqs: redactedSeqs(core, e.erasureId) },
        metadata: { erasureId: e.erasureId, from: 'erasure log' },
      });
      markApplied(core, e.erasureId);
    })();
  } finally {
    core.db.pragma('secure_delete = OFF');
  }
  deleteUnusedBlobs(core, new Set(e.storageKeys));
  core.settle();
  core.db.exec('VACUUM');
  checkpointIfFree(core.db, 'TRUNCATE');
  return true;
}

/**
 * Once the server holds the erasure, the outbox entries that carried it and the person's earlier rows
 * (fields and the base the server was last seen with, the old values among them) have done their work:
 * deleted, and the file rebuilt so their pages go too. Entries not yet delivered stay until they are.
 */
function purgeDelivered(core: Core, n: ErasureNotice): void {
  const touched = new Set([n.personId, ...n.rowIds]);
  core.db.pragma('secure_delete = ON');
  try {
    const del = core.db.prepare("DELETE FROM sync_outbox WHERE row_id = ? AND status IN ('applied', 'rejected', 'conflict')");
    core.db.transaction(() => {
      for (const id of touched) del.run(id);
    })();
  } finally {
    core.db.pragma('secure_delete = OFF');
  }
  core.settle();
  core.db.exec('VACUUM');
  checkpointIfFree(core.db, 'TRUNCATE');
}

/** Send this laptop's erasure notices, then apply the server's log from where this vault last read it. */
export async function syncErasures(core: Core): Promise<ErasureSyncResult> {
  const server = serverOf(core);
  const orgId = core.actor.orgId;
  if (!server || core.meta('mode') === 'solo') return { sent: 0, waiting: 0, applied: 0 };
  const base = `${server}/v1/orgs/${orgId}/erasures`;
  let sent = 0;
  let waiting = 0;
  for (const n of unsentNotices(core)) {
    const res = await authFetch(core, base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(n) });
    if (res.status === 200 || res.status === 201) {
      dropUnsent(core, n.erasureId);
      purgeDelivered(core, n);
      sent++;
    } else if (res.status === 409) waiting++;
    else throw new Error(`the server did not take the erasure ${n.erasureId}: ${await describeFailure(res)}`);
  }
  let applied = 0;
  for (;;) {
    const after = Number(core.meta(ERASURE_META.cursor) ?? '0');
    const res = await authFetch(core, `${base}?after=${after}`);
    if (!res.ok) throw new Error(`the server's erasure log could not be read: ${await describeFailure(res)}`);
    const { erasures } = (await res.json()) as { erasures: ErasureLogEntry[] };
    if (!erasures.length) break;
    for (const e of erasures) {
      if (applyErasure(core, e)) applied++;
      core.setMeta(ERASURE_META.cursor, String(e.seq));
    }
  }
  return { sent, waiting, applied };
}
