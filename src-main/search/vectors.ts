/**
 * Vectors in sqlite-vec, inside the encrypted vault database: one vec0 table `search_vectors` sized to
 * the active model, whose rowids are search_chunks ids. It holds binary-quantized vectors (1 bit per
 * dimension, 32x smaller than float32) when the dimension allows: a query scans those by Hamming
 * distance, then re-ranks the candidates exactly with the float vectors kept in search_chunks.embedding.
 * A float scan of an encrypted database bigger than the page cache decrypts every page on every query
 * (bench/docs.ts shows both). Switching models drops the old vectors and chunks and queues every row
 * again, so the index always matches the model in use.
 */
import type { Core } from '../core/core';

export type SourceKind = 'case' | 'person' | 'document' | 'law';

/** Recreate the vector table for `model` (dimension `dim`) and queue every live row for embedding. */
export function resetVectorIndex(core: Core, model: string, dim: number) {
  const db = core.db;
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`bad vector dimension ${dim}`);
  db.exec('DROP TABLE IF EXISTS search_vectors');
  db.exec(`CREATE VIRTUAL TABLE search_vectors USING vec0(embedding ${dim % 8 === 0 ? 'bit' : 'float'}[${dim}])`);
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

/** Whether search_vectors holds binary-quantized vectors (else float32). */
export function isBinaryIndex(core: Core): boolean {
  const sql = core.db.prepare("SELECT sql FROM sqlite_master WHERE name = 'search_vectors'").pluck().get() as string | undefined;
  return !!sql && /\bbit\[/.test(sql);
}

/** The SQL expression that turns a float32 blob parameter into what search_vectors stores. */
export const vectorParam = (core: Core) => (isBinaryIndex(core) ? 'vec_quantize_binary(?)' : '?');

export const vecBlob = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

export interface NearChunk {
  chunkId: number;
  distance: number;
  kind: SourceKind;
  refId: string;
  caseId: string | null;
  title: string;
  text: string;
  /** Cosine similarity to the query. */
  similarity: number;
}

/** How many Hamming-nearest candidates a binary index re-ranks exactly to return k (bench/docs.ts uses it too). */
export const binaryCandidates = (k: number) => Math.min(4096, Math.max(200, k * 10));

/**
 * The k nearest chunks to `query` by cosine similarity (vectors are normalized). With a binary index,
 * 10x k candidates (at least 200) come from the Hamming scan and are re-ranked with their float vectors.
 */
export function nearestChunks(core: Core, model: string, query: Float32Array, k: number): NearChunk[] {
  const binary = isBinaryIndex(core);
  const candidates = binary ? binaryCandidates(k) : k;
  const rows = core.db
    .prepare(
      `SELECT c.id AS chunkId, v.distance, c.kind, c.ref_id AS refId, c.case_id AS caseId, c.title, c.text, c.embedding
       FROM (SELECT rowid, distance FROM search_vectors WHERE embedding MATCH ${binary ? 'vec_quantize_binary(?)' : '?'} AND k = ?) v
       JOIN search_chunks c ON c.id = v.rowid WHERE c.model = ?`,
    )
    .all(vecBlob(query), candidates, model) as Array<NearChunk & { embedding: Buffer | null }>;
  return rows
    .map(({ embedding, ...c }) => {
      let sim = -1;
      if (embedding && embedding.byteLength === query.byteLength) {
        const v = new Float32Array(embedding.buffer.slice(embedding.byteOffset, embedding.byteOffset + embedding.byteLength));
        sim = 0;
        for (let i = 0; i < v.length; i++) sim += v[i] * query[i];
      } else if (!binary) sim = 1 - (c.distance * c.distance) / 2; // L2 of unit vectors -> cosine
      return { ...c, similarity: sim };
    })
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, k);
}
