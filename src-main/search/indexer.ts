/**
 * Background embedding: drains search_embed_queue (filled by triggers on every write of cases, persons,
 * documents, document_metadata and law_chunks), chunks each row's current text, embeds the chunks with
 * the active model and replaces that row's chunks and vectors in one transaction. Deleted rows just lose
 * their chunks. Embedding runs outside the transaction; a queue entry is removed only if it was not
 * re-queued meanwhile (seq unchanged), so an edit during embedding is never lost.
 *
 * Chunking (by the model's tokens) and embedding run in the embedding worker thread (embedder.ts); this
 * thread only reads texts and writes chunks and vectors, so it stays free to answer the window.
 *
 * Triggering: `startBackgroundIndexing(core)` listens to the core's change events and runs indexPending
 * shortly after writes (the app does this); the CLI indexes pending rows before a semantic search and in
 * `casework index rebuild`.
 */
import type { Core } from '../core/core';
import { EmbedWorkerStopped, loadEmbedder, stopEmbedWorker } from './embedder';
import { activeModel } from './models';
import { hasVectorTable, queueAll, vecBlob, vectorInserter, type SourceKind } from './vectors';

interface Source {
  title: string;
  caseId: string | null;
  text: string;
}

// The text each kind is embedded from (null when the row is gone or deleted).
const SOURCE_SQL: Record<SourceKind, string> = {
  case: `SELECT case_number || ' · ' || coalesce(json_extract(client_data, '$.name'), '') AS title, id AS caseId,
           trim(case_number || ' ' || coalesce(json_extract(client_data, '$.name'), '') || ' ' || coalesce(case_type, '') || ' ' || coalesce(immigration_program, '') || ' ' || coalesce(target_province, '')) AS text
         FROM cases WHERE id = ? AND deleted_at IS NULL`,
  person: `SELECT trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) AS title, case_id AS caseId,
           trim(s.name || ' ' || s.details || ' ' || coalesce(p.relationship_to_primary, '') || ' ' || coalesce(p.marital_status, '')) AS text
         FROM persons p JOIN persons_fts_source s ON s.id = p.id WHERE p.id = ? AND p.deleted_at IS NULL`,
  document: `SELECT s.title, d.case_id AS caseId, trim(coalesce(s.title, '') || '. ' || coalesce(s.meta, '') || '. ' || coalesce(s.body, '')) AS text
         FROM documents d JOIN documents_fts_source s ON s.id = d.id WHERE d.id = ? AND d.deleted_at IS NULL`,
  law: `SELECT coalesce(s.title, '') || CASE WHEN l.section_title IS NOT NULL THEN ' — ' || l.section_title ELSE '' END AS title, NULL AS caseId,
           trim(coalesce(l.section_number, '') || ' ' || coalesce(l.section_title, '') || '. ' || l.chunk_text) AS text
         FROM law_chunks l LEFT JOIN law_sources s ON s.id = l.law_source_id WHERE l.id = ? AND l.deleted_at IS NULL`,
};

export interface IndexReport {
  model?: string;
  /** Rows (re)embedded. */
  indexed: number;
  chunks: number;
  /** Rows whose chunks were dropped (deleted or empty). */
  removed: number;
  remaining: number;
  reason?: string;
}

const BATCH_ROWS = 32;
const EMBED_BATCH = 16;

const running = new WeakMap<Core, Promise<IndexReport>>();

/** Whether an indexing run is under way for this vault. */
export const isIndexing = (core: Core) => running.has(core);

/** Rows waiting to be embedded. */
export const pendingCount = (core: Core) => core.db.prepare('SELECT count(*) FROM search_embed_queue').pluck().get() as number;

/** Embed everything queued (or at most `maxRows`). Safe to call often: concurrent calls share one run. */
export function indexPending(core: Core, opts: { maxRows?: number } = {}): Promise<IndexReport> {
  let p = running.get(core);
  if (!p) {
    p = run(core, opts.maxRows ?? Infinity).finally(() => running.delete(core));
    p.catch(() => undefined); // the caller gets the rejection; this copy only tracks the run
    running.set(core, p);
  }
  return p;
}

async function run(core: Core, maxRows: number): Promise<IndexReport> {
  const model = activeModel(core);
  const remaining = () => (core.db.open ? ((core.db.prepare('SELECT count(*) FROM search_embed_queue').pluck().get() as number) ?? 0) : 0);
  if (!model || !hasVectorTable(core)) return { indexed: 0, chunks: 0, removed: 0, remaining: remaining(), reason: 'no embedding model installed' };
  let embedder: Awaited<ReturnType<typeof loadEmbedder>>;
  try {
    embedder = await loadEmbedder(model.dir);
  } catch (e) {
    if (e instanceof EmbedWorkerStopped) return { model: model.name, indexed: 0, chunks: 0, removed: 0, remaining: remaining(), reason: 'stopped' };
    throw e;
  }
  const report: IndexReport = { model: model.name, indexed: 0, chunks: 0, removed: 0, remaining: 0 };
  const db = core.db;
  const nextRows = db.prepare('SELECT kind, ref_id AS refId, seq FROM search_embed_queue ORDER BY seq LIMIT ?');
  const oldChunks = db.prepare('SELECT id FROM search_chunks WHERE model = ? AND kind = ? AND ref_id = ?').pluck();
  const delVec = db.prepare('DELETE FROM search_vectors WHERE rowid = ?');
  const delChunks = db.prepare('DELETE FROM search_chunks WHERE model = ? AND kind = ? AND ref_id = ?');
  const addChunk = db.prepare('INSERT INTO search_chunks (model, kind, ref_id, case_id, title, chunk_index, text, embedding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const addVec = vectorInserter(db, 'search_vectors');
  const dequeue = db.prepare('DELETE FROM search_embed_queue WHERE kind = ? AND ref_id = ? AND seq = ?');
  let done = 0;
  while (done < maxRows) {
    if (!core.db.open) break;
    const rows = nextRows.all(Math.min(BATCH_ROWS, maxRows - done)) as Array<{ kind: SourceKind; refId: string; seq: number }>;
    if (!rows.length) break;
    const read = rows.map((r) => ({ ...r, src: SOURCE_SQL[r.kind] ? (db.prepare(SOURCE_SQL[r.kind]).get(r.refId) as Source | undefined) : undefined }));
    const vectors: Float32Array[] = [];
    let work: Array<(typeof read)[number] & { chunks: string[] }>;
    try {
      const withText = read.filter((w) => w.src?.text);
      const chunked = await embedder.chunk(withText.map((w) => w.src!.text));
      work = read.map((w) => ({ ...w, chunks: w.src?.text ? chunked[withText.indexOf(w)] : [] }));
      const texts = work.flatMap((w) => w.chunks);
      for (let i = 0; i < texts.length; i += EMBED_BATCH) vectors.push(...(await embedder.embed(texts.slice(i, i + EMBED_BATCH))));
    } catch (e) {
      if (e instanceof EmbedWorkerStopped) break; // the vault is locking: what is queued stays queued
      throw e;
    }
    if (!core.db.open) break;
    let v = 0;
    core.tx(() => {
      for (const w of work) {
        for (const id of oldChunks.all(model.name, w.kind, w.refId) as number[]) delVec.run(BigInt(id));
        delChunks.run(model.name, w.kind, w.refId);
        w.chunks.forEach((text, i) => {
          const blob = vecBlob(vectors[v++]);
          const id = addChunk.run(model.name, w.kind, w.refId, w.src!.caseId, w.src!.title ?? '', i, text, blob).lastInsertRowid;
          addVec(BigInt(id), blob);
        });
        dequeue.run(w.kind, w.refId, w.seq);
        if (w.chunks.length) {
          report.indexed++;
          report.chunks += w.chunks.length;
        } else report.removed++;
      }
    });
    done += rows.length;
    core.events.emit('progress', { kind: 'search-index', indexed: report.indexed, remaining: remaining() });
  }
  report.remaining = remaining();
  return report;
}

/** Drop every chunk and vector of the active model and queue all rows again (`casework index rebuild`). */
export async function rebuildIndex(core: Core): Promise<IndexReport> {
  core.tx(() => {
    if (hasVectorTable(core)) core.db.exec('DELETE FROM search_vectors');
    core.db.exec('DELETE FROM search_chunks');
    queueAll(core);
  });
  return indexPending(core);
}

/**
 * Keep the semantic index current while the app runs: after writes settle (debounced), embed what was
 * queued. Returns a function that stops listening and ends the embedding worker (call it when the vault
 * locks; a run under way stops after its current batch, leaving the rest queued).
 */
export function startBackgroundIndexing(core: Core, delayMs = 750): () => void {
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (activeModel(core)) indexPending(core).catch((e) => core.events.emit('progress', { kind: 'search-index', error: String((e as Error).message) }));
    }, delayMs);
    timer.unref?.();
  };
  core.events.on('change', schedule);
  schedule();
  return () => {
    core.events.off('change', schedule);
    if (timer) clearTimeout(timer);
    void stopEmbedWorker();
  };
}
