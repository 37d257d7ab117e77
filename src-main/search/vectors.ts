/**
 * Vectors in sqlite-vec, inside the encrypted vault database: one vec0 table `search_vectors` sized to
 * the active model, whose rowids are search_chunks ids. It holds binary-quantized vectors (1 bit per
 * dimension, 32x smaller than float32) when the dimension allows: a query scans those by Hamming
 * distance, then re-ranks the candidates exactly with the float vectors kept in search_chunks.embedding.
 * A float scan of an encrypted database bigger than the page cache decrypts every page on every query
 * (bench/docs.ts shows both).
 *
 * The binary table is split into VECTOR_SHARDS vec0 partitions by rowid. sqlite-vec 0.1.9 picks a
 * query's k nearest in each 1024-vector chunk by repeated minimum search, so a query costs about
 * n x k: at 1M vectors ~1 ms per unit of k (k = 200: 205 ms). Asking each of 32 random shards for
 * 1.5 x k / 32 still yields the k nearest (a shard holds k/32 +- a few of them) at about 1.5/32 of the
 * selection cost, and the union, 1.5 x k candidates, is re-ranked exactly (1M vectors, k = 200: p50 245
 * -> 40 ms with re-ranking, recall@10 74% -> 84%, bench/docs.ts). Switching models drops the old
 * vectors and chunks and queues every row
 * again, so the index always matches the model in use.
 */
import type { Core } from '../core/core';

export type SourceKind = 'case' | 'person' | 'document' | 'law';

/** Recreate the vector table for `model` (dimension `dim`) and queue every live row for embedding. */
export function resetVectorIndex(core: Core, model: string, dim: number) {
  const db = core.db;
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`bad vector dimension ${dim}`);
  db.exec('DROP TABLE IF EXISTS search_vectors');
  db.exec(vectorTableSql('search_vectors', dim));
  // Vectors of any earlier model are gone with the table: drop their chunks too.
  db.prepare('DELETE FROM search_chunks').run();
  void model;
  queueAll(core);
}

/** Queue every live row of the four kinds (used on model install and by `casework index rebuild`). */
export function queueAll(core: Core) {
  const q = (kind: SourceKind, table: string) =>
    core.db
      .prepare(
        `INSERT INTO search_embed_queue (kind, ref_id, seq) SELECT '${kind}', id, 0 FROM ${table} WHERE deleted_at IS NULL ON CONFLICT (kind, ref_id) DO NOTHING`,
      )
      .run();
  q('case', 'cases');
  q('person', 'persons');
  q('document', 'documents');
  q('law', 'law_chunks');
}

export function hasVectorTable(core: Core): boolean {
  return !!core.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'search_vectors'").get();
}

/** Binary vectors are spread over this many vec0 partitions (rowid modulo): see the header. */
export const VECTOR_SHARDS = 32;

/** The vec0 table for `dim`-dimension vectors: sharded bits when the dimension allows, else float32. */
export function vectorTableSql(name: string, dim: number): string {
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`bad vector dimension ${dim}`);
  return dim % 8 === 0
    ? `CREATE VIRTUAL TABLE ${name} USING vec0(shard integer partition key, embedding bit[${dim}])`
    : `CREATE VIRTUAL TABLE ${name} USING vec0(embedding float[${dim}])`;
}

function tableSql(db: Core['db'], name: string): string {
  return (db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(name) as string | undefined) ?? '';
}

/** Whether search_vectors holds binary-quantized vectors (else float32). */
export function isBinaryIndex(core: Core): boolean {
  return /\bbit\[/.test(tableSql(core.db, 'search_vectors'));
}

/** Inserts into a vector table (rowid, float32 blob); a vault indexed before sharding keeps its layout until a model install or rebuild. */
export function vectorInserter(db: Core['db'], name: string): (rowid: bigint, blob: Buffer) => void {
  const sql = tableSql(db, name);
  if (/partition key/i.test(sql)) {
    const ins = db.prepare(`INSERT INTO ${name} (rowid, shard, embedding) VALUES (?, ?, vec_quantize_binary(?))`);
    return (rowid, blob) => void ins.run(rowid, rowid % BigInt(VECTOR_SHARDS), blob);
  }
  const ins = db.prepare(`INSERT INTO ${name} (rowid, embedding) VALUES (?, ${/\bbit\[/.test(sql) ? 'vec_quantize_binary(?)' : '?'})`);
  return (rowid, blob) => void ins.run(rowid, blob);
}

/**
 * Rowids of about 1.5 x `count` binary vectors nearest to `query` by Hamming distance, for exact
 * re-ranking: one small k per shard (see the header), or one k = count on an unsharded table.
 */
export function binaryCandidateIds(db: Core['db'], name: string, query: Float32Array, count: number): number[] {
  const blob = vecBlob(query);
  if (!/partition key/i.test(tableSql(db, name))) {
    return (
      db.prepare(`SELECT rowid FROM ${name} WHERE embedding MATCH vec_quantize_binary(?) AND k = ?`).pluck().all(blob, count) as Array<number | bigint>
    ).map(Number);
  }
  const perShard = Math.max(4, Math.ceil((count * 1.5) / VECTOR_SHARDS));
  const knn = db.prepare(`SELECT rowid FROM ${name} WHERE embedding MATCH vec_quantize_binary(?) AND k = ? AND shard = ?`).pluck();
  const ids: number[] = [];
  for (let s = 0; s < VECTOR_SHARDS; s++) for (const id of knn.all(blob, perShard, s) as Array<number | bigint>) ids.push(Number(id));
  return ids;
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
  /** Cosine similarity to the query. */
  similarity: number;
}

/**
 * Keep a binary index's pages decrypted in memory. Every query scans the whole vec0 table; once it is
 * bigger than the connection's page cache (64 MiB by default, src-main/db/open.ts), a cyclic scan evicts
 * its own pages and each query decrypts them all again (1M x 384 bits is ~50 MiB of vectors and rowids,
 * right at that limit). So the cache is raised, never lowered, to the index's size plus room for
 * re-rank reads.
 */
export function ensureVectorCache(db: Core['db'], vectors: number, dim: number) {
  const bytesPerVector = Math.ceil(dim / 8) + 8 + 4; // bits, rowid, bookkeeping (vec0 chunks)
  const wantKib = Math.ceil((vectors * bytesPerVector * 1.3) / 1024) + 32 * 1024;
  const current = Number(db.pragma('cache_size', { simple: true }));
  const currentKib = current < 0 ? -current : (current * Number(db.pragma('page_size', { simple: true }))) / 1024;
  if (wantKib > currentKib) db.pragma(`cache_size = -${wantKib}`);
}

/** How many Hamming-nearest candidates a binary index re-ranks exactly to return k (bench/docs.ts uses it too). */
export const binaryCandidates = (k: number) => Math.min(4096, Math.max(200, k * 10));

/**
 * The k nearest chunks to `query` by cosine similarity (vectors are normalized). With a binary index,
 * about 1.5 x binaryCandidates(k) candidates come from the Hamming scan and are re-ranked with their float vectors.
 */
export function nearestChunks(core: Core, model: string, query: Float32Array, k: number): NearChunk[] {
  const binary = isBinaryIndex(core);
  const candidates = binary ? binaryCandidates(k) : k;
  const chunkCols = 'c.id AS chunkId, c.kind, c.ref_id AS refId, c.case_id AS caseId, c.title, c.text, c.embedding';
  let rows: Array<NearChunk & { embedding: Buffer | null }>;
  if (binary) {
    ensureVectorCache(core.db, Number(core.db.prepare('SELECT coalesce(max(id), 0) FROM search_chunks').pluck().get()), query.length);
    const ids = binaryCandidateIds(core.db, 'search_vectors', query, candidates);
    rows = ids.length
      ? (core.db.prepare(`SELECT ${chunkCols}, 0 AS distance FROM search_chunks c WHERE c.id IN (${ids.join(', ')}) AND c.model = ?`).all(model) as typeof rows)
      : [];
  } else {
    rows = core.db
      .prepare(
        `SELECT ${chunkCols}, v.distance FROM (SELECT rowid, distance FROM search_vectors WHERE embedding MATCH ? AND k = ?) v JOIN search_chunks c ON c.id = v.rowid WHERE c.model = ?`,
      )
      .all(vecBlob(query), candidates, model) as typeof rows;
  }
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
