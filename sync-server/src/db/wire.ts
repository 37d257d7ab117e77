/**
 * Conversion between what node-postgres returns and the wire values of src-shared/schema/columns.ts,
 * so push results, shapes and audit entries carry exactly what the laptop stores.
 */
import { columnsOf, tableSpec } from '../../../src-shared/schema/tables';
import type { ColumnSpec } from '../../../src-shared/schema/columns';
import { canonicalJson } from '../../../src-shared/json-limits';

const cache = new Map<string, Record<string, ColumnSpec>>();
export function pgColumns(table: string): Record<string, ColumnSpec> {
  let c = cache.get(table);
  if (!c) cache.set(table, (c = columnsOf(tableSpec(table))));
  return c;
}

/** "1250.500000" -> "1250.50": exact, at least two decimals, no binary float on the way. */
export function normalizeDecimal(v: string): string {
  if (!v.includes('.')) return `${v}.00`;
  const [i, frac] = v.split('.') as [string, string];
  let f = frac.replace(/0+$/, '');
  while (f.length < 2) f += '0';
  return `${i}.${f}`;
}

export function wireValue(col: ColumnSpec, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (col.kind) {
    case 'timestamp':
      return new Date(String(v)).toISOString();
    case 'decimal':
      return normalizeDecimal(String(v));
    case 'bigint':
    case 'int':
      return Number(v);
    default:
      return v;
  }
}

/** A value for a query parameter: json goes as text (jsonb cast in SQL), everything else as is. */
export function pgParam(col: ColumnSpec, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (col.kind === 'json') return JSON.stringify(v);
  return v;
}

export function rowToWire(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const cols = pgColumns(table);
  const out: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(cols)) out[k] = wireValue(col, row[k]);
  return out;
}

/** Same wire value? Decimals compare as numbers written out, timestamps as instants, json structurally. */
export function sameValue(col: ColumnSpec | undefined, a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (!col) return canonicalJson(a) === canonicalJson(b);
  if (col.kind === 'decimal') return normalizeDecimal(String(a)) === normalizeDecimal(String(b));
  if (col.kind === 'timestamp') return Date.parse(String(a)) === Date.parse(String(b));
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * JSON with object keys sorted at every depth (jsonb reorders keys; hashes must not depend on it):
 * the shared iterative writer, so a value nested thousands deep cannot overflow the stack of the
 * audit chain or of a push's comparison (issue 13).
 */
export { canonicalJson };

export function castFor(col: ColumnSpec): string {
  return col.kind === 'json' ? '::jsonb' : '';
}
