/**
 * Conversion between wire values (columns.ts) and what SQLite stores. Every read of a synced table goes
 * through fromDb, every write through toDb, so the rest of the core only ever sees wire values.
 */
import { columnsOf, tableSpec } from '../../src-shared/schema/tables';
import type { ColumnSpec } from '../../src-shared/schema/columns';

const colCache = new Map<string, Record<string, ColumnSpec>>();
export function columns(table: string): Record<string, ColumnSpec> {
  let c = colCache.get(table);
  if (!c) colCache.set(table, (c = columnsOf(tableSpec(table))));
  return c;
}

export function valueToDb(col: ColumnSpec, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (col.kind) {
    case 'bool':
      return v ? 1 : 0;
    case 'json':
      return JSON.stringify(v);
    default:
      return v;
  }
}

export function valueFromDb(col: ColumnSpec, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (col.kind) {
    case 'bool':
      return v === 1 || v === true;
    case 'json':
      return typeof v === 'string' ? JSON.parse(v) : v;
    case 'decimal':
      return String(v);
    default:
      return v;
  }
}

export function toDb(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const cols = columns(table);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const col = cols[k];
    if (!col) throw new Error(`${table} has no column ${k}`);
    out[k] = valueToDb(col, v);
  }
  return out;
}

export function fromDb(table: string, row: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!row) return undefined;
  const cols = columns(table);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const col = cols[k];
    out[k] = col ? valueFromDb(col, v) : v;
  }
  return out;
}
