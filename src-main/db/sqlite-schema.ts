/**
 * The SQLite (drizzle) schema of the laptop's replica, built from the one spec in src-shared/schema.
 * drizzle-kit reads this file to generate migrations/sqlite (the services query through db/sql.ts, not
 * through these objects). Local-only tables (outbox, sync state, processing queue, ...) are in local-schema.ts.
 *
 * Storage per wire kind: uuid/text/date/timestamp/decimal -> TEXT (ISO strings sort correctly; decimals
 * stay exact), int/bigint -> INTEGER, bool -> INTEGER 0/1, json -> TEXT holding JSON.
 * Synced tables declare no foreign keys here: a replica receives rows shape by shape, in an order the
 * server does not promise, and loses a case's rows all at once when access ends. The local services
 * check references on every local write, and the server checks them on every push.
 */
import { index, integer, sqliteTable, text, uniqueIndex, type SQLiteColumnBuilderBase } from 'drizzle-orm/sqlite-core';
import { TABLES, columnsOf, type TableSpec } from '../../src-shared/schema/tables';
import type { ColumnSpec } from '../../src-shared/schema/columns';

function column(name: string, col: ColumnSpec): SQLiteColumnBuilderBase {
  let b: any;
  switch (col.kind) {
    case 'int':
    case 'bigint':
    case 'bool':
      b = integer(name);
      break;
    default:
      b = text(name);
  }
  if (col.notNull) b = b.notNull();
  if (col.default !== undefined && col.default !== null) {
    const d = col.default;
    if (col.kind === 'json') b = b.default(JSON.stringify(d));
    else if (col.kind === 'bool') b = b.default(d ? 1 : 0);
    else b = b.default(d);
  }
  return b;
}

function build(spec: TableSpec) {
  const cols: Record<string, SQLiteColumnBuilderBase> = {};
  for (const [name, col] of Object.entries(columnsOf(spec))) {
    cols[name] = name === 'id' ? text('id').primaryKey() : column(name, col);
  }
  return sqliteTable(spec.name, cols as any, (t: any) => {
    const extras: any[] = [];
    for (const u of spec.unique ?? []) extras.push(uniqueIndex(`${spec.name}_${u.join('_')}_uq`).on(...(u.map((c) => t[c]) as [any, ...any[]])));
    for (const i of spec.indexes ?? []) extras.push(index(`${spec.name}_${i.join('_')}_idx`).on(...(i.map((c) => t[c]) as [any, ...any[]])));
    // No index on version here: the replica never queries by it (the server does, for shapes).
    if (spec.scope === 'case' && spec.caseColumn && spec.caseColumn !== 'id' && !(spec.indexes ?? []).some((i) => i[0] === spec.caseColumn)) {
      extras.push(index(`${spec.name}_${spec.caseColumn}_scope_idx`).on(t[spec.caseColumn]));
    }
    return extras;
  });
}

export const sqliteTables = Object.fromEntries(Object.values(TABLES).map((s) => [s.name, build(s)])) as Record<string, ReturnType<typeof build>>;
