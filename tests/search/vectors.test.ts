/**
 * The sharded binary vector index on a real encrypted vault with sqlite-vec: asking each shard for a
 * small k still returns every vector nearer than the k-th nearest of the whole table (checked against
 * one unsharded vec0 table holding the same bits), rows land in every shard, and a table in the layout
 * of a vault indexed before sharding keeps working through the same functions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createVault, type Core } from '../../src-main/core/core';
import { binaryCandidateIds, vecBlob, vectorInserter, vectorTableSql, VECTOR_SHARDS } from '../../src-main/search/vectors';
import { tempDir, PASS } from '../support/cli';

const DIM = 64;

function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

describe('sharded binary vectors', () => {
  let core: Core;
  const rand = rng(42);
  const vector = () => Float32Array.from({ length: DIM }, () => rand() - 0.5);

  beforeAll(async () => {
    core = await createVault({ dataDir: join(tempDir(), 'vault'), passphrase: PASS, prefer: 'passphrase' });
    core.db.exec(vectorTableSql('sharded', DIM));
    // The layout before sharding: one bit table.
    core.db.exec(`CREATE VIRTUAL TABLE plain USING vec0(embedding bit[${DIM}])`);
    const a = vectorInserter(core.db, 'sharded');
    const b = vectorInserter(core.db, 'plain');
    core.tx(() => {
      for (let i = 1; i <= 3000; i++) {
        const v = vecBlob(vector());
        a(BigInt(i), v);
        b(BigInt(i), v);
      }
    });
  });
  afterAll(() => core?.close());

  it('spreads rows over every shard', () => {
    expect(core.db.prepare('SELECT count(DISTINCT shard) FROM sharded').pluck().get()).toBe(VECTOR_SHARDS);
    expect(core.db.prepare('SELECT count(*) FROM sharded').pluck().get()).toBe(3000);
  });

  it("finds every vector nearer than the whole table's 20th nearest, asking each shard for a few", () => {
    for (let n = 0; n < 10; n++) {
      const q = vector();
      const exact = core.db.prepare('SELECT rowid, distance FROM plain WHERE embedding MATCH vec_quantize_binary(?) AND k = 20').all(vecBlob(q)) as Array<{
        rowid: number;
        distance: number;
      }>;
      const d20 = exact[exact.length - 1].distance;
      const candidates = new Set(binaryCandidateIds(core.db, 'sharded', q, 200));
      // About 1.5 x 200 candidates from 32 shards, not 200 from each.
      expect(candidates.size).toBeLessThanOrEqual(400);
      for (const r of exact.filter((e) => e.distance < d20)) expect(candidates.has(Number(r.rowid))).toBe(true);
    }
  });

  it('still answers from an unsharded table (a vault indexed before sharding)', () => {
    const q = vector();
    const ids = binaryCandidateIds(core.db, 'plain', q, 50);
    expect(ids).toHaveLength(50);
    const nearest = core.db.prepare('SELECT rowid FROM plain WHERE embedding MATCH vec_quantize_binary(?) AND k = 1').pluck().get(vecBlob(q));
    expect(ids).toContain(Number(nearest));
  });
});
