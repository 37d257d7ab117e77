/**
 * page-apply.ts turns a column's Postgres text into what SQLite stores in one step; it must give exactly
 * what the per-row path gives (remote-rows.wireValue, then wire.valueToDb) for every kind of column.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src-shared/schema/columns';
import { storedValue, timestampText } from '../../src-main/sync/page-apply';
import { wireValue } from '../../src-main/sync/remote-rows';
import { valueToDb } from '../../src-main/db/wire';

const samples: Record<ColumnSpec['kind'], Array<string | null>> = {
  timestamp: [
    '2026-01-02 03:04:05.678901+00',
    '2026-01-02 03:04:05.9999+00',
    '2026-01-02 03:04:05+00',
    '2026-01-02 03:04:05.5+00',
    '2026-01-02T03:04:05.678Z',
    '1999-12-31 23:59:59.999+00',
    '2026-01-02 03:04:05.12+02',
    'infinity',
    null,
  ],
  json: ['{}', '[]', '{"name": "García", "n": 1.50}', '["a", "b"]', 'null', '"text"', 'not json', '12', null],
  bool: ['t', 'f', 'true', 'false', '1', '0', null],
  int: ['0', '42', '-7', null],
  bigint: ['9007199254740991', null],
  decimal: ['1250.50', '0.00', null],
  date: ['2026-12-01', '1990-01-31', null],
  text: ['García', '', null],
  uuid: ['019a6f7e-1c2b-7d3e-8f40-123456789abc', null],
};

describe('stored values from snapshot texts', () => {
  for (const [kind, values] of Object.entries(samples)) {
    it(`${kind}: as the per-row path stores it`, () => {
      const col = { kind, notNull: false } as ColumnSpec;
      const convert = storedValue(col);
      for (const v of values) expect(convert(v), `${kind} ${v}`).toEqual(valueToDb(col, wireValue(col, v)));
    });
  }
  it('timestamps in Postgres text become the ISO form without Date', () => {
    expect(timestampText('2026-01-02 03:04:05.678901+00')).toBe('2026-01-02T03:04:05.678Z');
  });
});
