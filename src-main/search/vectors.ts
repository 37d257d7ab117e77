/**
 * Vectors in sqlite-vec, inside the encrypted vault database: one vec0 table `search_vectors` sized to
 * the active model, whose rowids are search_chunks ids. Switching models drops the old vectors and
 * chunks and queues every row again, so the index always matches the model in use.
 */
import type { Core } from '../core/core';

export type SourceKind = 'case' | 'person' | 'document' | 'law';

/** Recreate the vector table for `model` (dimension `dim`) and queue every live row for embedding. */
export function resetVectorIndex(core: Core, model: string, dim: number) {
  const db = core.db;
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`bad vector dimension ${dim}`);
  db.exec('DROP TABLE IF EXISTS search_vectors');
  db.exec(`CREATE VIRTUAL TABLE search_vectors USING vec0(embedding float[${dim}])`);
  // Vectors of any earlier model are gone with the table: drop their chunks too.
  db.prepare('DELETE FROM search_chunks').run();
  void model;
  queueAll(core);
}

/** Queue every live row of the four kinds (used on model install and by `casework index rebuild`). */
export function queueAll(core: Core) {
  const q = (kind: SourceKind, table: string) =>
    core.db.prepare(`INSERT INTO search_embed_queue (kind, ref_id, seq) SELECT '${kind}', id, 0 FROM ${table} WHERE deleted_at IS NULL ON CONFLICT (kind, ref_id) DO NOTHING`).run();
  q('case', 'cases');
  q('person', 'persons');
  q('document', 'documents');
  q('law', 'law_chunks');
}

export function hasVectorTable(core: Core): boolean {
  return !!core.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'search_vectors'").get();
}

export const vecBlob = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

export interface NearChunk {
  chunkId: number;
  distance: number;
  kind: SourceKind;
  refId: string;
  caseId: string | null;
  title: string;
  text: string;
}

/** The k nearest chunks to `query` (L2 on normalized vectors, so the same order as cosine). */
export function nearestChunks(core: Core, model: string, query: Float32Array, k: number): NearChunk[] {
  return core.db
    .prepare(
      `SELECT c.id AS chunkId, v.distance, c.kind, c.ref_id AS refId, c.case_id AS caseId, c.title, c.text
       FROM (SELECT rowid, distance FROM search_vectors WHERE embedding MATCH ? AND k = ?) v
       JOIN search_chunks c ON c.id = v.rowid WHERE c.model = ? ORDER BY v.distance`,
    )
    .all(vecBlob(query), k, model) as NearChunk[];
}
