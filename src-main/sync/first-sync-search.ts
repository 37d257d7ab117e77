/**
 * Search upkeep of a first sync, done in bulk. Each row written into cases, persons or documents fires
 * triggers that add it to the table's full-text index and to the search queue (src-main/db/custom-sql:
 * cases_fts.sql, search_fts.sql, search_embeddings.sql); row by row they cost more than the row itself
 * (a case: ~38 of ~67 µs). A full snapshot into a table that holds no rows yet therefore sets its insert
 * triggers aside (core/set-aside-triggers.ts: recorded, then dropped, in one transaction), writes the
 * rows, puts the triggers back with the snapshot's last rows, and then rebuilds what they would have
 * written by rowid ranges: every row up to the table's last rowid at that moment, chunked in the write
 * turns the pages use (page-apply.ts writeTurn), each range sized to about CHUNK_MS of work, so the
 * event loop never waits long. Rows written after the triggers are back went through them; rows written
 * meanwhile by anything else (a local edit during the sync) are in the ranges. Each range deletes its
 * full-text rows and writes them again from the table, so a range done twice, or a row an update
 * trigger already indexed, ends the same.
 *
 * Crash safety: the rebuild's progress (the next rowid, and the last) is in vault_meta
 * (search_rebuild:<table>), written with each range. If the process dies while the triggers are set
 * aside, opening the vault puts them back (core/core.ts openCore) and the rebuild, whose last rowid is
 * not yet known, covers the whole table; if it dies during the rebuild, it goes on from the recorded
 * rowid. Either way the next pull of that table (pullSnapshot) finishes it.
 */
import type { Core } from '../core/core';
import { putBackTriggers, setAsideTriggers } from '../core/set-aside-triggers';
import { CHUNK_MS, commitWindow, took, writeTurn } from './page-apply';

interface Upkeep {
  /** The insert triggers set aside (update and delete triggers stay: an update re-indexes its row). */
  triggers: string[];
  /** Statements rebuilding rowids @from..@to; @seq is the search queue's highest seq before the range. */
  rebuild: string[];
}

const queue = (kind: string, table: string) =>
  `INSERT INTO search_embed_queue (kind, ref_id, seq) SELECT '${kind}', id, @seq + row_number() OVER (ORDER BY rowid) FROM ${table} ` +
  `WHERE rowid BETWEEN @from AND @to ON CONFLICT (kind, ref_id) DO UPDATE SET seq = excluded.seq`;

/** What each table's insert triggers maintain, as statements over a range of rowids (the same SQL as the triggers). */
const UPKEEP: Record<string, Upkeep> = {
  cases: {
    triggers: ['cases_fts_ai', 'search_embed_cases_ai'],
    rebuild: [
      'DELETE FROM cases_fts WHERE rowid BETWEEN @from AND @to',
      "INSERT INTO cases_fts (rowid, case_number, client_name) SELECT rowid, case_number, json_extract(client_data, '$.name') FROM cases WHERE rowid BETWEEN @from AND @to AND deleted_at IS NULL",
      queue('case', 'cases'),
    ],
  },
  persons: {
    triggers: ['persons_fts_ai', 'search_embed_persons_ai'],
    rebuild: [
      'DELETE FROM persons_fts WHERE rowid BETWEEN @from AND @to',
      'INSERT INTO persons_fts (rowid, name, details) SELECT rid, name, details FROM persons_fts_source WHERE rid BETWEEN @from AND @to AND deleted_at IS NULL',
      queue('person', 'persons'),
    ],
  },
  documents: {
    triggers: ['documents_fts_ai', 'search_embed_documents_ai'],
    rebuild: [
      'DELETE FROM documents_fts WHERE rowid BETWEEN @from AND @to',
      'INSERT INTO documents_fts (rowid, title, meta, body) SELECT rid, title, meta, body FROM documents_fts_source WHERE rid BETWEEN @from AND @to AND deleted_at IS NULL',
      queue('document', 'documents'),
    ],
  },
};

const META_PREFIX = 'search_rebuild:';
interface Progress {
  /** The first rowid not yet rebuilt. */
  next: number;
  /** The last rowid to rebuild; null while the triggers are (or were, at a crash) set aside. */
  upTo: number | null;
}

function progressOf(core: Core, table: string): Progress | undefined {
  const v = core.db
    .prepare('SELECT value FROM vault_meta WHERE key = ?')
    .pluck()
    .get(META_PREFIX + table) as string | undefined;
  return v === undefined ? undefined : (JSON.parse(v) as Progress);
}

function record(core: Core, table: string, p: Progress | undefined): void {
  if (p === undefined) core.db.prepare('DELETE FROM vault_meta WHERE key = ?').run(META_PREFIX + table);
  else
    core.db
      .prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(META_PREFIX + table, JSON.stringify(p));
}

const lastRowid = (core: Core, table: string) => (core.db.prepare(`SELECT coalesce(max(rowid), 0) FROM "${table}"`).pluck().get() as number) ?? 0;

/**
 * Before a full snapshot into `table`, which holds no rows: set its search triggers aside and record
 * the rebuild owed. Whether it did (false for a table without search upkeep).
 */
export function deferSearchUpkeep(core: Core, table: string): boolean {
  const upkeep = UPKEEP[table];
  if (!upkeep) return false;
  core.tx(() => {
    setAsideTriggers(core.db, upkeep.triggers);
    // An earlier rebuild not finished is folded in: this one covers the whole table.
    record(core, table, { next: 0, upTo: null });
  });
  return true;
}

/**
 * The triggers back (with the snapshot's last rows, or when the pull stops early) and the rebuild's
 * last rowid fixed: from here on, new rows go through the triggers.
 */
export function restoreSearchTriggers(core: Core, table: string): void {
  const upkeep = UPKEEP[table];
  if (!upkeep) return;
  core.tx(() => {
    putBackTriggers(core.db, upkeep.triggers);
    const p = progressOf(core, table);
    if (p && p.upTo === null) record(core, table, { next: p.next, upTo: lastRowid(core, table) });
  });
}

/**
 * Rebuild what `table`'s triggers would have written, if a rebuild is owed (after a first sync, or left
 * by a process that died): by rowid ranges of about CHUNK_MS of work each, one per write turn. Emits
 * 'progress' events { kind: 'search-rebuild', table, done, total } (rowids).
 */
export async function rebuildSearchUpkeep(core: Core, table: string, signal?: AbortSignal): Promise<void> {
  const upkeep = UPKEEP[table];
  if (!upkeep || !progressOf(core, table)) return;
  // Left by a process that died with the triggers aside: openCore put them back; the last rowid is now.
  if (progressOf(core, table)!.upTo === null) restoreSearchTriggers(core, table);
  const statements = upkeep.rebuild.map((sql) => ({ stmt: core.db.prepare(sql), seq: sql.includes('@seq') }));
  const maxSeq = core.db.prepare('SELECT coalesce(max(seq), 0) FROM search_embed_queue').pluck();
  let size = 256;
  for (;;) {
    const p = progressOf(core, table);
    if (!p || p.upTo === null) break;
    if (p.next > p.upTo) {
      await writeTurn(core, () => record(core, table, undefined), signal);
      continue;
    }
    const from = p.next;
    const to = Math.min(p.upTo, from + size - 1);
    let spent = 0;
    const wrote = await writeTurn(
      core,
      () => {
        const t = performance.now();
        const seq = maxSeq.get() as number;
        for (const s of statements) s.stmt.run(s.seq ? { from, to, seq } : { from, to });
        record(core, table, { next: to + 1, upTo: p.upTo });
        spent = performance.now() - t;
        took('rebuild', spent);
      },
      signal,
    );
    if (!wrote) continue;
    core.events.emit('progress', { kind: 'search-rebuild', table, done: to, total: p.upTo });
    // The next range sized to about CHUNK_MS of work (a row costs what its text costs to index), growing
    // at most twofold a step: one range that happened to be quick (measured on a loaded machine) must
    // not make the next one many times longer (the 100k-case bench saw a 375 ms range before this).
    const fit = Math.round((size * CHUNK_MS) / Math.max(spent, 0.5));
    size = Math.max(64, Math.min(20_000, size * 2, fit));
  }
  commitWindow(core);
  core.notify(table, '*', 'remote');
}
