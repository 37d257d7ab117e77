/**
 * A shape's rows as Electric change messages (`{"key", "value", "headers": {"operation", "relation"}}`),
 * written as JSON text. Postgres returns each column's Electric value as plain text (its own output
 * format, except timestamps in ISO UTC with milliseconds and decimals with >= 2 places, the wire values
 * of db/wire.ts), in array rows with no type parsing; Node writes the message text around them. Building
 * the JSON in Postgres (json_build_object/row_to_json) cost ~9 µs a row, more than reading the row.
 * Messages carry no per-message offset (the Electric client reads the electric-offset header).
 */
import type pg from 'pg';
import { columnsOf, tableSpec } from '../../src-shared/schema/tables';
import type { ColumnSpec } from '../../src-shared/schema/columns';

/** The SQL expression for a column's Electric value as text (NULL stays NULL). */
function electricExpr(name: string, col: ColumnSpec): string {
  const c = `t."${name}"`;
  switch (col.kind) {
    case 'timestamp':
      return `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'decimal':
      return `round(${c}, greatest(2, scale(trim_scale(${c}))))::text`;
    default:
      // Postgres's text output, unparsed (see RAW_TEXT): bool "t"/"f", json as its text, dates ISO.
      return c;
  }
}

interface TableMessages {
  /** SELECT list: version first, then every column in spec order. */
  select: string;
  /** `"name":` for each column, in the same order. */
  names: string[];
  /** The message's text up to the row id inside its key. */
  keyHead: string;
  /** `"headers":{...}}` for inserts and for updates. */
  tail: { insert: string; update: string };
}

const cache = new Map<string, TableMessages>();
function messagesOf(table: string): TableMessages {
  let t = cache.get(table);
  if (t) return t;
  const cols = Object.entries(columnsOf(tableSpec(table)));
  const headers = (op: string) => `"headers":${JSON.stringify({ operation: op, relation: ['public', table] })}}`;
  t = {
    select: ['t.version', ...cols.map(([k, c]) => electricExpr(k, c))].join(', '),
    names: cols.map(([k]) => `${JSON.stringify(k)}:`),
    keyHead: `{"key":${JSON.stringify(`"public"."${table}"/"`).slice(0, -1)}`,
    tail: { insert: headers('insert'), update: headers('update') },
  };
  cache.set(table, t);
  return t;
}

/** The SELECT list for `table` whose rows messageText turns into messages. */
export function messageSelect(table: string): string {
  return messagesOf(table).select;
}

/** Query options: rows as arrays of Postgres's text output, with no type parsing. */
const RAW_TEXT = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;
export function rawRowsQuery(text: string, values: unknown[]): pg.QueryArrayConfig {
  return { text, values, rowMode: 'array', types: RAW_TEXT };
}

/** One row (from messageSelect, as raw text) as the JSON text of its change message. */
export function messageText(table: string, row: unknown[], op: 'insert' | 'update'): string {
  const t = messagesOf(table);
  let value = '';
  for (let i = 0; i < t.names.length; i++) {
    const v = row[i + 1];
    value += (i ? ',' : '') + t.names[i] + (v === null ? 'null' : JSON.stringify(v));
  }
  // Column 1 is `id` (a uuid: no character that needs escaping).
  return `${t.keyHead}${row[1 + idIndex(table)]}\\"","value":{${value}},${t.tail[op]}`;
}

const idIdx = new Map<string, number>();
function idIndex(table: string): number {
  let i = idIdx.get(table);
  if (i === undefined) idIdx.set(table, (i = Object.keys(columnsOf(tableSpec(table))).indexOf('id')));
  return i;
}
