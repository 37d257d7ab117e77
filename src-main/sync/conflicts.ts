/**
 * Conflicts and rejected mutations, as the user sees and resolves them. The server kept its value for
 * every conflicted field (so does the replica, until the user decides):
 *  - keep mine   -> a new local update with my value; its base is the server's value, so it applies;
 *  - keep theirs -> my intent is dropped (the replica already holds theirs);
 *  - value       -> a new local update with the edited value.
 * Every resolution goes through the one write path (outbox + local audit) and is recorded on the
 * conflict row; nothing is dropped silently.
 * A rejected change can be discarded by the user (discardRejected): a rejected insert's record, which
 * the server never had, leaves the laptop with its later pending edits; a rejected update or delete
 * was already undone on the laptop (push.ts revert), so discarding only clears it from the list. The
 * discard is recorded in the local audit log and never reaches the server.
 */
import { UserError } from '../../src-shared/errors';
import { UUID_RE } from '../../src-shared/ids';
import type { Core } from '../core/core';
import { read, write } from '../core/writer';
import { appendAudit } from '../core/audit';

export type { ConflictView } from '../../src-shared/contract/views';
import type { ConflictView } from '../../src-shared/contract/views';

const parse = (s: string | null) => (s === null ? null : (JSON.parse(s) as unknown));

export function listConflicts(core: Core, opts: { all?: boolean } = {}): ConflictView[] {
  const conflicts = core.db
    .prepare(`SELECT * FROM sync_conflicts ${opts.all ? '' : "WHERE status = 'open'"} ORDER BY created_at, mutation_id, field`)
    .all() as Record<string, string | number | null>[];
  const out: ConflictView[] = conflicts.map((c) => ({
    id: c.id as string,
    kind: 'conflict',
    status: c.status as string,
    table: c.table_name as string,
    rowId: c.row_id as string,
    field: c.field as string,
    mine: parse(c.mine as string | null),
    theirs: parse(c.theirs as string | null),
    reason: null,
    mutationId: c.mutation_id as number | null,
    createdAt: c.created_at as string,
    resolution: c.resolution as string | null,
    resolvedAt: (c.resolved_at as string | null) ?? null,
  }));
  const rejected = core.db.prepare("SELECT * FROM sync_outbox WHERE status = 'rejected' ORDER BY mutation_id").all() as Record<
    string,
    string | number | null
  >[];
  for (const r of rejected) {
    out.push({
      id: `m${r.mutation_id}`,
      kind: 'rejected',
      status: 'rejected',
      table: r.table_name as string,
      rowId: r.row_id as string,
      field: null,
      mine: parse(r.fields as string),
      theirs: null,
      reason: (parse(r.result as string | null) as { reason?: string } | null)?.reason ?? 'rejected by the server',
      mutationId: r.mutation_id as number,
      createdAt: r.created_at as string,
      resolution: null,
    });
  }
  return out;
}

export type Resolution = { keep: 'mine' | 'theirs' } | { value: unknown };

export function resolveConflict(core: Core, id: string, how: Resolution): ConflictView {
  if (typeof id !== 'string' || !UUID_RE.test(id)) throw new UserError('invalid_input', `conflict id "${String(id)}" is not a valid id`);
  const hasKeep = 'keep' in how;
  if (hasKeep && how.keep !== 'mine' && how.keep !== 'theirs') throw new UserError('invalid_input', '--keep must be mine or theirs');
  return core.tx(() => {
    const c = core.db.prepare('SELECT * FROM sync_conflicts WHERE id = ?').get(id) as Record<string, string | number | null> | undefined;
    if (!c) throw new UserError('not_found', `no conflict with id ${id}`);
    if (c.status !== 'open') throw new UserError('conflict', `conflict ${id} was already resolved (${c.resolution})`);
    const table = c.table_name as string;
    const rowId = c.row_id as string;
    const field = c.field as string;
    let resolution: string;
    if (hasKeep && how.keep === 'theirs') {
      resolution = 'theirs';
    } else {
      const value = hasKeep ? parse(c.mine as string | null) : (how as { value: unknown }).value;
      const row = read(core, table, rowId, { includeDeleted: true });
      if (!row) throw new UserError('not_found', `the ${table} record ${rowId} of this conflict is no longer on this device`);
      write(core, {
        table,
        op: field === 'deleted_at' && value !== null ? 'delete' : 'update',
        id: rowId,
        fields: field === 'deleted_at' ? undefined : { [field]: value },
        description: `sync conflict resolved: ${hasKeep ? 'kept mine' : 'edited'}`,
      });
      resolution = hasKeep ? 'mine' : 'edit';
    }
    core.db
      .prepare("UPDATE sync_conflicts SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?")
      .run(resolution, new Date().toISOString(), id);
    return listConflicts(core, { all: true }).find((x) => x.id === id)!;
  });
}

/** Discard a rejected change (id `m<mutationId>` as listConflicts gives it). Returns what was discarded. */
export function discardRejected(core: Core, id: string): { id: string; table: string; rowId: string; op: string; removedRecord: boolean; entries: number } {
  const m = /^m(\d{1,15})$/.exec(typeof id === 'string' ? id : '');
  if (!m) throw new UserError('invalid_input', `"${String(id)}" is not the id of a rejected change (m<number>, from conflicts list)`);
  const mutationId = Number(m[1]);
  return core.tx(() => {
    const e = core.db.prepare('SELECT * FROM sync_outbox WHERE mutation_id = ?').get(mutationId) as Record<string, string | number | null> | undefined;
    if (!e) throw new UserError('not_found', `no change ${id}`);
    if (e.status !== 'rejected') throw new UserError('conflict', `change ${id} was not rejected (it is ${e.status})`);
    const table = e.table_name as string;
    const rowId = e.row_id as string;
    const op = e.op as string;
    let removedRecord = false;
    let entries = 1;
    if (op === 'insert') {
      // The server never had this record: it leaves the laptop, and so do its later unsent edits.
      entries = core.db
        .prepare("UPDATE sync_outbox SET status = 'discarded' WHERE table_name = ? AND row_id = ? AND status IN ('pending', 'rejected')")
        .run(table, rowId).changes;
      try {
        removedRecord = core.db.prepare(`DELETE FROM "${table}" WHERE id = ?`).run(rowId).changes > 0;
      } catch (err) {
        if (/FOREIGN KEY/i.test(String((err as Error).message))) {
          throw new UserError('conflict', `other records on this laptop still belong to ${table} ${rowId}; discard or delete them first`);
        }
        throw err;
      }
      if (removedRecord) core.notify(table, rowId, 'delete');
    } else {
      core.db.prepare("UPDATE sync_outbox SET status = 'discarded' WHERE mutation_id = ?").run(mutationId);
    }
    appendAudit(core.db, core.actor, {
      event_type: 'sync_discard',
      table_name: table,
      record_id: rowId,
      description: op === 'insert' ? 'a record the server refused was discarded on this laptop' : 'a change the server refused was dismissed',
      metadata: { mutationId, op, entries },
    });
    return { id, table, rowId, op, removedRecord, entries };
  });
}
