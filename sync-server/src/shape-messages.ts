/**
 * A shape's rows as Electric change messages (`{"key", "value", "headers": {"operation", "relation"}}`),
 * each written by Postgres as one text value: json_object(names[], values[]) over every column's Electric
 * value as text (timestamps in ISO UTC with milliseconds and decimals with >= 2 places, the wire values
 * of db/wire.ts; bool "t"/"f"; json as its text). One string per row reaches Node, parsed by nothing
 * (raw text, array rows), so a page of thousands of rows costs the server little memory churn; the
 * earlier json_build_object/row_to_json form cost Postgres twice as much, and building the text in
 * Node from 30 column strings a row spent most of its time in garbage collection.
 * Messages carry no per-message offset (the Electric client reads the electric-offset header).
 */
import type pg from 'pg';
import { columnsOf, tableSpec } from '../../src-shared/schema/tables';
import type { ColumnSpec } from '../../src-shared/schema/columns';

/** The SQL expression for a column's Electric value as text (NULL stays NULL). */
function electricExpr(name: string, col: ColumnSpec): string {
  const c = `t."${name}"`;
  switch (col.kind) {
    case 'bool':
      return `CASE ${c} WHEN true THEN 't' WHEN false THEN 'f' END`;
    case 'timestamp':
      return `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'decimal':
      return `round(${c}, greatest(2, scale(trim_scale(${c}))))::text`;
    default:
      return `${c}::text`;
  }
}

const cache = new Map<string, string>();
/**
 * The SELECT list for `table`: (version, message text); `opParam` is the placeholder of the operation
 * ('insert' or 'update'). Names are spec column names (identifiers, never user input).
 */
export function messageSelect(table: string, opParam: string): string {
  const key = `${table}|${opParam}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const cols = Object.entries(columnsOf(tableSpec(table)));
  const keyHead = JSON.stringify(`"public"."${table}"/"`).slice(0, -1); // "\"public\".\"t\"/\"
  const relation = JSON.stringify(['public', table]);
  const sql = `t.version, '{"key":${keyHead}' || t.id::text || '\\"","value":' ||
    json_object(ARRAY[${cols.map(([k]) => `'${k}'`).join(', ')}]::text[], ARRAY[${cols.map(([k, c]) => electricExpr(k, c)).join(', ')}]::text[])::text ||
    ',"headers":{"operation":"' || ${opParam}::text || '","relation":${relation}}}'`;
  cache.set(key, sql);
  return sql;
}

/** Query options: rows as arrays of Postgres's text output, with no type parsing. */
const RAW_TEXT = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;
export function rawRowsQuery(text: string, values: unknown[]): pg.QueryArrayConfig {
  return { text, values, rowMode: 'array', types: RAW_TEXT };
}
