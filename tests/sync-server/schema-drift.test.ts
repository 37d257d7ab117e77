// Schema drift: the server's real Postgres columns and types against the one spec
// (src-shared/schema/tables.ts), and against the columns of a real encrypted SQLite vault made by
// createVault, so the laptop and the server hold the same synced columns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createVault } from '../../src-main/core/core';
import { TABLES, SYNCED_TABLES, columnsOf } from '../../src-shared/schema/tables';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { tempDir, PASS } from '../support/cli';

const PG_TYPE: Record<string, string> = {
  uuid: 'uuid',
  text: 'text',
  int: 'integer',
  bigint: 'bigint',
  decimal: 'numeric',
  bool: 'boolean',
  timestamp: 'timestamp with time zone',
  date: 'date',
  json: 'jsonb',
};

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(async () => srv?.close());

describe('schema drift: Postgres of record', () => {
  it('has exactly the spec columns with the mapped types, nullability and lengths for every synced table', async () => {
    for (const name of SYNCED_TABLES) {
      const spec = TABLES[name]!;
      const r = await srv.db.pool.query(
        `SELECT column_name, data_type, is_nullable, character_maximum_length FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [name],
      );
      const expected = columnsOf(spec);
      expect(r.rows.map((c) => c.column_name).sort(), name).toEqual(Object.keys(expected).sort());
      for (const c of r.rows) {
        const col = expected[c.column_name]!;
        const want = col.kind === 'text' && col.maxLength ? 'character varying' : PG_TYPE[col.kind];
        expect(c.data_type, `${name}.${c.column_name}`).toBe(want);
        if (col.kind === 'text' && col.maxLength) expect(c.character_maximum_length, `${name}.${c.column_name} length`).toBe(col.maxLength);
        if (c.column_name !== 'id') expect(c.is_nullable === 'NO', `${name}.${c.column_name} not null`).toBe(col.notNull);
      }
      for (const u of spec.unique ?? []) {
        const idx = await srv.db.pool.query(
          `SELECT array_agg(a.attname ORDER BY k.ord)::text[] AS cols FROM pg_index i
             JOIN pg_class t ON t.oid = i.indrelid
             CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
           WHERE t.relname = $1 AND i.indisunique GROUP BY i.indexrelid`,
          [name],
        );
        expect(
          idx.rows.some((x) => JSON.stringify(x.cols) === JSON.stringify(u)),
          `${name} unique(${u.join(',')})`,
        ).toBe(true);
      }
    }
  });

  it('forces row-level security on every synced table', async () => {
    const r = await srv.db.pool.query(`SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY($1)`, [SYNCED_TABLES]);
    expect(r.rows).toHaveLength(SYNCED_TABLES.length);
    for (const t of r.rows) expect([t.relname, t.relrowsecurity, t.relforcerowsecurity]).toEqual([t.relname, true, true]);
  });

  it('holds the same synced columns as a real SQLite vault', async () => {
    const core = await createVault({ dataDir: join(tempDir(), 'v'), passphrase: PASS });
    try {
      for (const name of SYNCED_TABLES) {
        const local = (core.db.prepare(`PRAGMA table_info(${name})`).all() as Array<{ name: string }>).map((c) => c.name).sort();
        const server = (
          await srv.db.pool.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`, [name])
        ).rows
          .map((c) => c.column_name as string)
          .sort();
        expect(server, name).toEqual(local);
      }
    } finally {
      core.close();
    }
  });
});
