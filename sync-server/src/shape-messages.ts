/**
 * A shape's rows as Electric change messages (`{"key", "value", "headers": {"operation", "relation"}}`).
 *
 * Work is split where it is cheapest: Postgres writes each column's Electric value as text (timestamps
 * in ISO UTC with milliseconds and decimals with >= 2 places, the wire values of db/wire.ts; bool
 * "t"/"f"; json as its text), which costs it little more than its ordinary text output; Node turns each
 * row (an array of strings, no type parsing) into a plain object of one hidden class and serialises it
 * with JSON.stringify, V8's fast path, as the row arrives (readMessages). Measured on a 30-column
 * table (cases), per row: json_object() in Postgres about 7 µs, per-value string concatenation in Node
 * about 6 µs (rope flattening and garbage), this about 2 µs. Postgres is one process per query, so every microsecond
 * moved off it is one the next page's query can use (see shape-readahead.ts).
 * Messages carry no per-message offset (the Electric client reads the electric-offset header).
 */
import pg from 'pg';
import { columnsOf, tableSpec } from '../../src-shared/schema/tables';
import type { ColumnSpec } from '../../src-shared/schema/columns';

/** The SQL expression for a column's Electric value as text (NULL stays NULL); `c`: the value's SQL (policy masks). */
function electricExpr(name: string, col: ColumnSpec, c = `t."${name}"`): string {
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

interface TableMessages {
  /** SELECT list: t.version, then every column's Electric text in `names` order. */
  select: string;
  /** SELECT list of a 'rows' page: t.version, then the row as a JSON array of those texts. */
  rowsSelect: string;
  names: string[];
  /** Row array (version first) -> the message's value object; same key order for every row. */
  value: (row: (string | null)[]) => Record<string, string | null>;
  relation: [string, string];
}

const cache = new Map<string, TableMessages>();
function tableMessages(table: string): TableMessages {
  const hit = cache.get(table);
  if (hit) return hit;
  const cols = Object.entries(columnsOf(tableSpec(table)));
  const names = cols.map(([k]) => k);
  // Each column sits at index i + 1 (index 0 is the cursor's version). Building the object with a
  // fixed key order gives every row of a table one hidden class, which keeps JSON.stringify fast.
  const value = (row: (string | null)[]) => {
    const o: Record<string, string | null> = {};
    for (let i = 0; i < names.length; i++) o[names[i]!] = row[i + 1]!;
    return o;
  };
  const out: TableMessages = {
    select: `t.version, ${cols.map(([k, c]) => electricExpr(k, c)).join(', ')}`,
    // Postgres writes this array's JSON for about 1.5 µs a row more than the texts alone cost it, and
    // Node then gets one string a row instead of thirty to parse and serialise again.
    // Timestamps go as Postgres writes them ("2026-01-02 03:04:05.678+00"), which the laptop reads as
    // well as the ISO form and Postgres writes for half the cost of to_char.
    rowsSelect: `t.version, array_to_json(ARRAY[${cols.map(([k, c]) => (c.kind === 'timestamp' ? `t."${k}"::text` : electricExpr(k, c))).join(', ')}]::text[])::text`,
    names,
    value,
    relation: ['public', table],
  };
  cache.set(table, out);
  return out;
}

/**
 * The SELECT list for `table`'s shape rows (alias t) in a page of `format` (readMessages reads it).
 * `masked`: columns whose value the caller gets through an SQL expression (policy.ts readPlan).
 */
export function messageSelect(table: string, format: PageFormat = 'electric', masked: Record<string, string> = {}): string {
  if (!Object.keys(masked).length) return format === 'rows' ? tableMessages(table).rowsSelect : tableMessages(table).select;
  const key = `${table}|${format}|${JSON.stringify(masked)}`;
  let sql = maskedSelects.get(key);
  if (sql === undefined) {
    const cols = Object.entries(columnsOf(tableSpec(table)));
    const src = (k: string) => masked[k] ?? `t."${k}"`;
    sql =
      format === 'rows'
        ? `t.version, array_to_json(ARRAY[${cols.map(([k, c]) => (c.kind === 'timestamp' ? `${src(k)}::text` : electricExpr(k, c, src(k)))).join(', ')}]::text[])::text`
        : `t.version, ${cols.map(([k, c]) => electricExpr(k, c, src(k))).join(', ')}`;
    if (maskedSelects.size > 1000) maskedSelects.clear();
    maskedSelects.set(key, sql);
  }
  return sql;
}
const maskedSelects = new Map<string, string>();

/** 'electric': Electric change messages; 'rows': each row as a JSON array of its values (GET /v1/snapshot). */
export type PageFormat = 'electric' | 'rows';

/** The column names of a 'rows' page, in the order of each row's values. */
export function rowColumns(table: string): string[] {
  return tableMessages(table).names;
}

export interface MessagePage {
  /** The messages' (or rows') JSON texts, comma-joined, no brackets ('' for none). */
  json: string;
  /** Version of the last row (the page's cursor); undefined when the page is empty. */
  last?: number;
  /** More rows follow the page. */
  more: boolean;
}

/**
 * Run `sql` (SELECT messageSelect(table) ... ORDER BY t.version, with a LIMIT above `limit`, values
 * written in as checked literals, optionally followed by COMMIT) on `tx` and
 * turn each row into its message as it arrives from Postgres. Row by row, so a row's strings die young
 * (the page's rows are never all held at once: collecting them first made garbage collection the
 * largest cost of a page) and Node's work overlaps Postgres producing the next rows.
 */
export async function readMessages(
  tx: pg.PoolClient,
  sql: string,
  table: string,
  operation: 'insert' | 'update',
  limit: number,
  fileKeys?: FileKeyOut,
): Promise<MessagePage> {
  const parts: string[] = [];
  const page = await streamMessages(tx, sql, table, operation, limit, 'electric', (json) => parts.push(json), fileKeys);
  return { json: parts.join(','), ...page };
}

/** document_versions: the page's file_key text (a wrapping) -> the key as it goes to the laptop (keys/file-keys.ts). */
export type FileKeyOut = (text: string, orgId: string, versionId: string) => string | null;

/** As readMessages, handing each row's JSON text to `sink` as it arrives (GET /v1/snapshot streams them). */
export function streamMessages(
  tx: pg.PoolClient,
  sql: string,
  table: string,
  operation: 'insert' | 'update',
  limit: number,
  format: PageFormat,
  sink: (json: string) => void,
  fileKeys?: FileKeyOut,
): Promise<Omit<MessagePage, 'json'>> {
  const t = tableMessages(table);
  // Positions in a row's values of what a file key's unwrapping needs (document_versions only).
  const [fkAt, orgAt, idAt0] = ['file_key', 'org_id', 'id'].map((n) => t.names.indexOf(n)) as [number, number, number];
  const headers = { operation, relation: t.relation };
  const idAt = t.names.indexOf('id') + 1;
  const key = `"public"."${table}"/"`;
  let count = 0;
  let last: number | undefined;
  let more = false;
  return new Promise((resolve, reject) => {
    // No parameters: the simple query protocol, so `sql` may end with COMMIT (one round trip fewer).
    const q = new pg.Query(rawRowsQuery(sql));
    q.on('row', (row: (string | null)[]) => {
      if (count >= limit) {
        more = true;
        return;
      }
      count++;
      last = rowVersion(row);
      if (format === 'electric') {
        const value = t.value(row);
        if (fileKeys && value.file_key) value.file_key = fileKeys(value.file_key, value.org_id!, value.id!);
        sink(JSON.stringify({ key: `${key}${row[idAt]}"`, value, headers }));
      } else if (fileKeys) {
        const values = JSON.parse(row[1]!) as (string | null)[];
        if (values[fkAt]) values[fkAt] = fileKeys(values[fkAt]!, values[orgAt]!, values[idAt0]!);
        sink(JSON.stringify(values));
      } else sink(row[1]!); // the row's JSON array, written by Postgres (rowsSelect)
    });
    q.on('error', reject);
    q.on('end', () => resolve({ last, more }));
    void tx.query(q);
  });
}

/** The version (cursor) of a row read with messageSelect. */
const rowVersion = (row: (string | null)[]): number => Number(row[0]);

/** Query options: rows as arrays of Postgres's text output, with no type parsing. */
const RAW_TEXT = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;
function rawRowsQuery(text: string): pg.QueryArrayConfig {
  return { text, rowMode: 'array', types: RAW_TEXT };
}
