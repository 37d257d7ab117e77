/**
 * Writing what the server says into the replica, the one place both push results (the server's row
 * after a mutation) and pulls (shape rows) land. Remote rows are written directly (no outbox entry, no
 * local audit entry: they are not local changes) and announced with a 'remote' change notification.
 *
 * A row with pending local edits is never overwritten: the server's values are applied only to the
 * fields that have no pending outbox entry (a rebase); the pending fields keep the local value and, if
 * the server changed them too, the push that carries them will report a conflict.
 */
import { fileKeyFromServer } from '../core/file-keys';
import { SYSTEM_ORG_ID, type TableSpec } from '../../src-shared/schema/tables';
import type { ColumnSpec } from '../../src-shared/schema/columns';
import { columns, toDb } from '../db/wire';
import type { Core } from '../core/core';
import { insertSql, statement, updateSql } from '../db/sql';

export type Row = Record<string, unknown>;

/** Statements compiled once per connection (db/sql.ts): a pull writes thousands of rows through a handful of shapes. */
const stmt = (core: Core, sql: string) => statement(core.db, sql);

/**
 * Turn a value as the shape endpoint sends it (Electric sends Postgres' text form; a server may also
 * send JSON-typed values) into the wire value of columns.ts.
 */
export function wireValue(col: ColumnSpec, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (col.kind) {
    case 'int':
    case 'bigint':
      return typeof v === 'number' ? v : Number(v);
    case 'bool':
      return typeof v === 'boolean' ? v : v === 't' || v === 'true' || v === 1 || v === '1';
    case 'decimal':
      return String(v);
    case 'timestamp': {
      const d = new Date(typeof v === 'string' ? v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00') : String(v));
      return Number.isNaN(d.getTime()) ? String(v) : d.toISOString();
    }
    case 'date':
      return String(v).slice(0, 10);
    case 'json':
      if (typeof v === 'string') {
        try {
          return JSON.parse(v);
        } catch {
          return v;
        }
      }
      return v;
    default:
      return String(v);
  }
}

/** Keep only the table's columns, each as a wire value. Unknown columns from the server are ignored. */
export function normalizeRow(table: string, raw: Row): Row {
  const cols = columns(table);
  const out: Row = {};
  for (const [k, v] of Object.entries(raw)) {
    const col = cols[k];
    if (col) out[k] = wireValue(col, v);
  }
  return out;
}

/** Fields of a row that have pending (not yet acknowledged) local edits; null when an insert is pending. */
export function pendingFields(core: Core, table: string, id: string): Set<string> | 'insert' | undefined {
  const entries = stmt(core, "SELECT op, fields FROM sync_outbox WHERE table_name = ? AND row_id = ? AND status = 'pending'").all(table, id) as {
    op: string;
    fields: string;
  }[];
  if (entries.length === 0) return undefined;
  if (entries.some((e) => e.op === 'insert')) return 'insert';
  const out = new Set<string>();
  for (const e of entries) for (const k of Object.keys(JSON.parse(e.fields) as Row)) out.add(k);
  return out;
}

/** Insert a new row, or update the columns given of an existing one (a rebase writes only some). */
function upsert(core: Core, table: string, row: Row, exists: boolean) {
  const dbRow = toDb(table, row);
  const cols = Object.keys(dbRow).filter((c) => c !== 'id');
  if (exists) {
    if (!cols.length) return;
    stmt(core, updateSql(table, cols)).run(dbRow);
    return;
  }
  stmt(core, insertSql(table, Object.keys(dbRow))).run(dbRow);
}

/**
 * Apply one server row (wire values) to the replica, rebasing over pending local edits. Returns
 * whether anything was written. Call inside core.tx().
 */
export function applyRemoteRow(core: Core, table: string, raw: Row): boolean {
  const row = normalizeRow(table, raw);
  const id = row.id as string | undefined;
  if (!id) return false;
  const pending = pendingFields(core, table, id);
  const local = stmt(core, `SELECT version FROM ${table} WHERE id = ?`).get(id) as { version: number } | undefined;
  if (pending === 'insert' && local) {
    // The server already has our pending insert (its answer was lost): adopt only its version.
    if (row.version !== undefined) stmt(core, `UPDATE ${table} SET version = ? WHERE id = ?`).run(row.version, id);
    return true;
  }
  let toWrite = row;
  if (table === 'document_versions' && 'file_key' in row) {
    // The server sends a version's file key itself, wrapped here at once by this vault's own key; or no
    // key, and this vault keeps the one it has (core/file-keys.ts).
    const mine = fileKeyFromServer(core, row.file_key);
    const { file_key: _server, ...rest } = row;
    toWrite = mine === undefined ? rest : { ...rest, file_key: mine };
  }
  if (pending instanceof Set && local) {
    const server = toWrite;
    toWrite = {};
    for (const [k, v] of Object.entries(server)) if (!pending.has(k) && k !== 'updated_at' && k !== 'updated_by') toWrite[k] = v;
    toWrite.id = id;
  }
  try {
    upsert(core, table, toWrite, local !== undefined);
  } catch (e) {
    // A unique key held locally by another row (e.g. two devices minted the same case number before
    // the server renamed one): the server is the record, so the local duplicate without pending edits
    // gives way; one with pending edits keeps its place and its push will be rejected with a reason.
    if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
    return false;
  }
  core.notify(table, id, 'remote');
  return true;
}

/** Remove a row the server says is gone (hard delete of the replica's copy), unless it has pending edits. */
export function removeRemoteRow(core: Core, table: string, id: string): boolean {
  if (pendingFields(core, table, id)) return false;
  const r = stmt(core, `DELETE FROM ${table} WHERE id = ?`).run(id);
  if (r.changes) core.notify(table, id, 'remote');
  return r.changes > 0;
}

/**
 * After a full snapshot of a shape (offset -1, first time or after must-refetch): the server's answer
 * is everything this user may see of the table, so local rows it did not include leave the laptop
 * (this is how a lost case's rows go), except rows with pending local edits and system defaults.
 */
export function dropRowsNotIn(core: Core, spec: TableSpec, seen: Set<string>): number {
  const hasOrg = spec.scope !== 'directory';
  const ids = core.db
    .prepare(`SELECT id FROM ${spec.name}${hasOrg ? ' WHERE org_id <> ?' : ''}`)
    .pluck()
    .all(...(hasOrg ? [SYSTEM_ORG_ID] : [])) as string[];
  let n = 0;
  for (const id of ids) if (!seen.has(id) && removeRemoteRow(core, spec.name, id)) n++;
  return n;
}
