/**
 * Push: the outbox, oldest first, in batches the protocol allows, to POST /v1/push; each answer is
 * applied in ONE SQLite transaction per batch:
 *  - applied   -> the entry is marked applied and the server's row (its version) adopted;
 *  - conflict  -> one sync_conflicts row per conflicted field (mine/theirs); the server's value is kept
 *                 locally until the user resolves (`casework conflicts resolve`);
 *  - rejected  -> the entry is marked rejected with its reason (shown by `sync status` and
 *                 `conflicts list`); the local row goes back to the values the server holds.
 * Sending the same entries again after a lost answer is safe: the server acknowledges mutation ids it
 * already applied without applying them twice.
 */
import { UserError } from '../../src-shared/errors';
import { newId } from '../../src-shared/ids';
import { SYSTEM_COLUMNS } from '../../src-shared/schema/validators';
import { API_PREFIX, LIMITS, PushResponse, type Mutation, type MutationResult } from '../../src-shared/sync/protocol';
import type { Core } from '../core/core';
import { toDb } from '../db/wire';
import { run, updateSql } from '../db/sql';
import { authFetch, describeFailure, type AuthFetchOptions } from './http';
import { applyRemoteRow, pendingFields, type Row } from './remote-rows';
import { fileKeyForServer } from '../core/file-keys';
import { META } from './session';

interface OutboxEntry {
  mutation_id: number;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete';
  fields: string;
  base: string | null;
}

export interface PushSummary {
  sent: number;
  applied: number;
  conflicts: number;
  rejected: number;
}

const SYSTEM = new Set<string>(SYSTEM_COLUMNS);

function toMutation(core: Core, e: OutboxEntry): Mutation {
  const fields: Row = {};
  for (const [k, v] of Object.entries(JSON.parse(e.fields) as Row)) if (!SYSTEM.has(k)) fields[k] = v;
  if (e.table_name === 'document_versions' && 'file_key' in fields) sendFileKey(core, e.row_id, fields);
  let base: Row | null = null;
  if (e.base) {
    base = {};
    for (const [k, v] of Object.entries(JSON.parse(e.base) as Row)) if (!SYSTEM.has(k)) base[k] = v;
  }
  return { mutationId: e.mutation_id, table: e.table_name, op: e.op, id: e.row_id, fields, base };
}

/**
 * A document version's file key goes to the server as the key itself (core/file-keys.ts), read from the
 * row as it is now (a rotation since the edit re-wrapped it there, not in the outbox). One that does not
 * unwrap here is not sent (the server keeps what it has) rather than holding up the whole push.
 */
function sendFileKey(core: Core, id: string, fields: Row) {
  const row = core.db.prepare('SELECT file_key FROM document_versions WHERE id = ?').get(id) as { file_key: string | null } | undefined;
  try {
    fields.file_key = fileKeyForServer(core, row ? row.file_key : ((fields.file_key as string | null) ?? null));
  } catch {
    delete fields.file_key;
  }
}

export function pendingCount(core: Core): number {
  return core.db.prepare("SELECT count(*) FROM sync_outbox WHERE status = 'pending'").pluck().get() as number;
}

/** Put back the server's values of fields a rejected mutation changed (those without later pending edits). */
function revert(core: Core, e: OutboxEntry) {
  if (!e.base || e.op === 'insert') return;
  const pending = pendingFields(core, e.table_name, e.row_id);
  if (pending === 'insert') return;
  const patch: Row = {};
  for (const [k, v] of Object.entries(JSON.parse(e.base) as Row)) if (!pending?.has(k)) patch[k] = v;
  if (!Object.keys(patch).length) return;
  const dbRow = toDb(e.table_name, patch);
  run(core.db, updateSql(e.table_name, Object.keys(dbRow), '__id'), { ...dbRow, __id: e.row_id });
  core.notify(e.table_name, e.row_id, 'remote');
}

function applyResult(core: Core, e: OutboxEntry, r: MutationResult, now: string): keyof Omit<PushSummary, 'sent'> {
  const setStatus = core.db.prepare('UPDATE sync_outbox SET status = ?, result = ?, attempts = attempts + 1 WHERE mutation_id = ?');
  if (r.status === 'applied') {
    setStatus.run('applied', null, e.mutation_id);
    if (r.row) applyRemoteRow(core, e.table_name, r.row);
    return 'applied';
  }
  if (r.status === 'conflict') {
    setStatus.run('conflict', JSON.stringify({ conflicts: r.conflicts ?? [], reason: r.reason ?? null }), e.mutation_id);
    const add = core.db.prepare(
      "INSERT OR IGNORE INTO sync_conflicts (id, mutation_id, table_name, row_id, field, mine, theirs, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?)",
    );
    for (const c of r.conflicts ?? [])
      add.run(newId(), e.mutation_id, e.table_name, e.row_id, c.field, JSON.stringify(c.yours ?? null), JSON.stringify(c.theirs ?? null), now);
    // The non-conflicting fields applied on the server; the row it sends carries them and theirs.
    if (r.row) applyRemoteRow(core, e.table_name, r.row);
    return 'conflicts';
  }
  setStatus.run('rejected', JSON.stringify({ reason: r.reason ?? 'rejected by the server' }), e.mutation_id);
  revert(core, e);
  return 'rejected';
}

/** Push every pending outbox entry. Throws on a refused request (the entries stay pending). */
export async function push(core: Core, opts: AuthFetchOptions & { onProgress?: (done: number, total: number) => void } = {}): Promise<PushSummary> {
  const summary: PushSummary = { sent: 0, applied: 0, conflicts: 0, rejected: 0 };
  const total = pendingCount(core);
  const select = core.db.prepare(
    "SELECT mutation_id, table_name, row_id, op, fields, base FROM sync_outbox WHERE status = 'pending' AND mutation_id > ? ORDER BY mutation_id LIMIT ?",
  );
  let after = 0;
  for (;;) {
    const batch = select.all(after, LIMITS.maxMutationsPerPush) as OutboxEntry[];
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.mutation_id;
    const a = core.actor;
    const body = JSON.stringify({
      clientId: a.clientId,
      orgId: a.orgId,
      mutations: batch.map((e) => toMutation(core, e)),
      appVersion: '0.1.0',
      pendingCount: total - summary.sent,
    });
    const res = await authFetch(core, `${API_PREFIX}/push`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }, opts);
    if (!res.ok) throw new UserError('forbidden', `push refused: ${await describeFailure(res)}`);
    const answer = PushResponse.parse(await res.json());
    const byId = new Map(answer.results.map((r) => [r.mutationId, r]));
    const now = new Date().toISOString();
    core.tx(() => {
      for (const e of batch) {
        const r = byId.get(e.mutation_id);
        // An entry the server acknowledged by lastMutationId without a result was applied earlier.
        if (!r) {
          if (e.mutation_id <= answer.lastMutationId) core.db.prepare("UPDATE sync_outbox SET status = 'applied' WHERE mutation_id = ?").run(e.mutation_id);
          continue;
        }
        summary[applyResult(core, e, r, now)]++;
      }
      core.setMeta(META.lastPush, now);
    });
    summary.sent += batch.length;
    opts.onProgress?.(summary.sent, total);
    core.events.emit('progress', { kind: 'sync', phase: 'push', done: summary.sent, total });
  }
  return summary;
}
