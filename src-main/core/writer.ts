/**
 * The one write path for synced tables. A local change, its outbox entry (what sync will push) and its
 * audit entry commit in ONE SQLite transaction (ARCHITECTURE.md, Sync, writes): there is no moment at
 * which a change exists without the record that will carry it to the server.
 */
import { UserError } from '../../src-shared/errors';
import { newId, UUID_RE } from '../../src-shared/ids';
import { SYSTEM_ORG_ID, tableSpec } from '../../src-shared/schema/tables';
import { validateRow } from '../../src-shared/schema/validators';
import { columns, fromDb, toDb } from '../db/wire';
import { insertSql, run, updateSql } from '../db/sql';
import { writeTransaction } from '../db/open';
import { appendAudit } from './audit';
import { assertMayWrite } from './policy';
import type { Core } from './core';

export type Row = Record<string, unknown>;
export type Op = 'insert' | 'update' | 'delete';

export interface WriteRequest {
  table: string;
  op: Op;
  id?: string;
  fields?: Record<string, unknown>;
  /** Audit description (why), e.g. "status changed by consultant". */
  description?: string;
}

/**
 * A check every write passes before anything is written, set by a layer above (the app's licence gate,
 * issue 15): the core stays below the domains and knows nothing of licences. It throws to refuse.
 */
export type WriteGate = (req: WriteRequest) => void;
const gates = new WeakMap<Core, WriteGate>();
export function setWriteGate(core: Core, gate: WriteGate | undefined): void {
  if (gate) gates.set(core, gate);
  else gates.delete(core);
}

function assertWritable(table: string) {
  const spec = tableSpec(table);
  if (spec.scope === 'local' || spec.scope === 'directory') {
    throw new UserError('forbidden', `${table} cannot be changed from this device`);
  }
  return spec;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  return JSON.stringify(a) === JSON.stringify(b);
}

function defaultsFor(table: string): Row {
  const out: Row = {};
  for (const [name, col] of Object.entries(columns(table))) if (col.default !== undefined) out[name] = structuredClone(col.default);
  return out;
}

function insertRow(core: Core, table: string, row: Row) {
  const dbRow = toDb(table, row);
  run(core.db, insertSql(table, Object.keys(dbRow)), dbRow);
}

function updateRow(core: Core, table: string, id: string, patch: Row) {
  const dbRow = toDb(table, patch);
  run(core.db, updateSql(table, Object.keys(dbRow), '__id'), { ...dbRow, __id: id });
}

function enqueue(core: Core, table: string, rowId: string, op: Op, fields: Row, base: Row | null, baseVersion: number | null) {
  core.db
    .prepare('INSERT INTO sync_outbox (table_name, row_id, op, fields, base, base_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(table, rowId, op, JSON.stringify(fields), base ? JSON.stringify(base) : null, baseVersion, new Date().toISOString());
}

function uniqueViolation(table: string, e: unknown): never {
  const msg = (e as Error).message ?? '';
  if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
    const cols = msg
      .replace(/^UNIQUE constraint failed: /, '')
      .split(',')
      .map((c) => c.trim().replace(`${table}.`, ''))
      .filter((c) => c !== 'org_id');
    throw new UserError('conflict', `${table}: another record already has this ${cols.join(' + ')}`);
  }
  throw e;
}

export function read(core: Core, table: string, id: string, opts: { includeDeleted?: boolean } = {}): Row | undefined {
  tableSpec(table);
  const row = core.db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
  if (!row || (!opts.includeDeleted && row.deleted_at)) return undefined;
  return fromDb(table, row);
}

export interface RowsOrder {
  /** An ORDER BY list written by the caller, e.g. "version DESC" (never from user input). */
  orderBy?: string;
  limit?: number;
}

/**
 * Read live rows of a table with a WHERE clause written by the caller (never from user input). The
 * clause is parenthesised so it cannot escape the tombstone filter; ordering goes in `order`.
 */
export function rows(core: Core, table: string, where = '1=1', params: unknown[] | Record<string, unknown> = [], order: RowsOrder = {}): Row[] {
  tableSpec(table);
  const tail = `${order.orderBy ? ` ORDER BY ${order.orderBy}` : ''}${order.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(order.limit))}` : ''}`;
  const stmt = core.db.prepare(`SELECT * FROM ${table} WHERE deleted_at IS NULL AND (${where})${tail}`);
  const out = (Array.isArray(params) ? stmt.all(...params) : stmt.all(params)) as Row[];
  return out.map((r) => fromDb(table, r)!);
}

export function mustRead(core: Core, table: string, id: string, what = table): Row {
  if (typeof id !== 'string' || !UUID_RE.test(id)) throw new UserError('invalid_input', `${what} id "${String(id)}" is not a valid id`);
  const row = read(core, table, id);
  if (!row) throw new UserError('not_found', `no ${what} with id ${id}`);
  return row;
}

/**
 * Insert, update or (soft) delete one row of a synced table: validate, write, enqueue, audit.
 * Returns the row as it now stands. Nested inside core.tx(), all-or-nothing with its siblings.
 */
export function write(core: Core, req: WriteRequest): Row {
  const spec = assertWritable(req.table);
  gates.get(core)?.(req);
  const table = spec.name;
  return writeTransaction(core.db, (): Row => {
    const now = new Date().toISOString();
    const { userId, orgId } = core.actor;
    if (req.op === 'insert') {
      const id = req.id ?? newId();
      if (!UUID_RE.test(id)) throw new UserError('invalid_input', `${table}: id must be a UUID`);
      const v = validateRow(table, 'insert', req.fields ?? {});
      if (!v.ok) throw new UserError('invalid_input', v.message);
      const row: Row = { ...defaultsFor(table), ...v.value, id, org_id: orgId, version: 0, created_at: now, updated_at: now, updated_by: userId };
      if (table === 'organizations') row.org_id = id;
      // The policy (issue 14) before anything is written or queued: what the server would refuse.
      assertMayWrite(core, table, 'create', row, v.value);
      try {
        insertRow(core, table, row);
      } catch (e) {
        uniqueViolation(table, e);
      }
      const { version: _v, ...fields } = row;
      enqueue(core, table, id, 'insert', fields, null, null);
      appendAudit(core.db, core.actor, {
        event_type: 'create',
        table_name: table,
        record_id: id,
        new_values: fields,
        changed_fields: Object.keys(v.value),
        description: req.description,
      });
      core.notify(table, id, 'insert');
      return row;
    }

    if (!req.id) throw new UserError('invalid_input', `${table}: ${req.op} needs an id`);
    if (tableSpec(table).insertOnly) throw new UserError('forbidden', `${table} rows are never changed once written`);
    const old = read(core, table, req.id, { includeDeleted: true });
    if (!old || (old.deleted_at && req.op !== 'delete')) throw new UserError('not_found', `no ${table} record with id ${req.id}`);
    if (old.org_id === SYSTEM_ORG_ID)
      throw new UserError('forbidden', `${table} ${req.id} is a system default; create an override for your organization instead`);
    if (req.op === 'delete' && old.deleted_at) return old;

    let patch: Row;
    if (req.op === 'delete') {
      patch = { deleted_at: now };
    } else {
      const v = validateRow(table, 'update', req.fields ?? {});
      if (!v.ok) throw new UserError('invalid_input', v.message);
      patch = {};
      for (const [k, val] of Object.entries(v.value)) if (!sameValue(old[k], val)) patch[k] = val;
      if (Object.keys(patch).length === 0) return old;
    }
    assertMayWrite(core, table, req.op === 'delete' ? 'delete' : 'update', old, patch);
    const base: Row = {};
    for (const k of Object.keys(patch)) base[k] = old[k] ?? null;
    try {
      updateRow(core, table, req.id, { ...patch, updated_at: now, updated_by: userId });
    } catch (e) {
      uniqueViolation(table, e);
    }
    enqueue(core, table, req.id, req.op, patch, base, (old.version as number) ?? 0);
    appendAudit(core.db, core.actor, {
      event_type: req.op === 'delete' ? 'delete' : 'update',
      table_name: table,
      record_id: req.id,
      old_values: base,
      new_values: patch,
      changed_fields: Object.keys(patch),
      description: req.description,
    });
    core.notify(table, req.id, req.op);
    return { ...old, ...patch, updated_at: now, updated_by: userId };
  });
}
