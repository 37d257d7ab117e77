/**
 * POST /v1/push: applies a client's batch of mutations in ONE Postgres transaction (issue 3, Write
 * path), each mutation inside its own savepoint so a rejected one is rolled back alone and the others
 * land: duplicate check against the client's last_mutation_id, membership + role + case access,
 * validation with the shared zod schemas, field-by-field merge against `base` (a field someone else
 * changed since is a conflict: the server keeps its value and reports it), the write with a version from
 * the one sequence, the audit entry, and at the end the advance of last_mutation_id past every id of
 * the batch. A rejected mutation is still acknowledged (and its id consumed) so one bad entry never
 * blocks the queue. One commit per request, and no lock that writers of an org hold against each other
 * through commit (versions.ts claims, audit.ts chaining after commit), so an org's pushes run side by side.
 */
import { SYSTEM_COLUMNS, validateRow } from '../../src-shared/schema/validators';
import { actorColumns, tableSpec, type Role } from '../../src-shared/schema/tables';
import { MAX_JSON_DEPTH, jsonDepthProblem } from '../../src-shared/json-limits';
import type { Mutation, MutationResult, PushResponse } from '../../src-shared/sync/protocol';
import type pg from 'pg';
import { beforeCommit, type Database, type Tx } from './db/postgres';
import { castFor, pgColumns, pgParam, rowToWire, sameValue } from './db/wire';
import { appendAuditAtCommit, type AuditEntryInput } from './audit';
import { ROLE_SQL, bumpEpoch, canSeeCase, uuidLiteral, type Member } from './access';
import { recordSecurityEvent } from './security';
import { CLAIM_SQL, markClaimed } from './versions';
import { DEVICE_SQL, HttpError, checkDevice } from './auth';
import { pgForeignKeys } from './db/pg-schema';
import { storeFileKey, takeFileKey } from './keys/file-keys';
import { afterOrgRoleWrite, checkMutation, loadOrgRoles, mayApprove, prepareOrgRole, seesAllCases } from './policy';

export interface PushContext {
  userId: string;
  deviceId: string;
  requestId: string;
}

class Rejection extends Error {
  constructor(
    message: string,
    /** A security event to file for it: true for a cross-org attempt, or the event's kind. */
    readonly security: boolean | string = false,
  ) {
    super(message);
  }
}

/** Deadlock or serialization failure: the whole transaction is retried (nothing of it committed). */
const RETRYABLE = new Set(['40P01', '40001']);

export async function push(
  db: Database,
  ctx: PushContext,
  body: { clientId: string; orgId: string; mutations: Mutation[]; appVersion?: string; pendingCount?: number },
): Promise<PushResponse> {
  let out: PushResponse | undefined;
  // First without savepoints (checks run before a mutation writes, so a refused one needs no undo). If a
  // write itself fails on its data, nothing of the transaction is kept: the batch runs again with one
  // savepoint per mutation, so only that mutation is rejected.
  let mode: Mode = 'fast';
  for (let attempt = 1; !out; attempt++) {
    try {
      out = await db.withOrg(body.orgId, (tx, opened) => applyBatch(db, tx, opened[0]!, ctx, body, mode), {
        begin: openBatchSql(body.clientId, body.orgId, ctx),
      });
    } catch (e) {
      if (e instanceof NotMember) {
        // Nothing of the transaction is kept (not even a cursor row); the attempt is recorded.
        await db.withSystem((tx) => recordSecurityEvent(tx, 'push_foreign_org', { userId: ctx.userId, deviceId: ctx.deviceId }));
        throw new HttpError(403, 'forbidden', 'not a member of this organization');
      }
      if (e instanceof NeedsSavepoints) mode = 'savepoints';
      else if (attempt >= 3 || !RETRYABLE.has((e as { code?: string }).code ?? '')) throw e;
    }
  }
  return out;
}

type Mode = 'fast' | 'savepoints';
class NeedsSavepoints extends Error {}
class NotMember extends Error {}

async function applyBatch(
  db: Database,
  tx: Tx,
  opened: pg.QueryResult,
  ctx: PushContext,
  body: { clientId: string; orgId: string; mutations: Mutation[]; appVersion?: string; pendingCount?: number },
  mode: Mode,
): Promise<PushResponse> {
  const { seen, role } = await openBatch(tx, opened, body.clientId, body.orgId, ctx);
  if (!role) throw new NotMember();
  // The firm's roles, read in this transaction: every mutation is judged by the rules in force now.
  const member: Member = await loadOrgRoles(tx, { userId: ctx.userId, orgId: body.orgId, role });
  const results: MutationResult[] = [];
  let last = seen;
  for (const m of body.mutations) {
    if (m.mutationId <= last) {
      results.push({ mutationId: m.mutationId, status: 'applied', reason: 'duplicate' });
      continue;
    }
    // Applied or rejected, this id is consumed (the cursor is advanced once, after the batch).
    last = m.mutationId;
    if (mode === 'savepoints') await tx.query('SAVEPOINT mutation');
    const progress = { wrote: false };
    try {
      const done = await applyOne(db, tx, member, ctx, m, progress);
      if (mode === 'savepoints') await tx.query('RELEASE SAVEPOINT mutation');
      // Only now, with every step of the mutation done, does its audit entry join the commit: an entry
      // queued earlier survived the savepoint's rollback and described a change that never happened.
      if (done.audit) appendAuditAtCommit(tx, member.orgId, done.audit);
      results.push(done.result);
    } catch (caught) {
      const e = await missingReference(db, member.orgId, m, caught);
      if (!(e instanceof Rejection) && !isDataError(e)) throw e;
      if (mode === 'fast' && (progress.wrote || isDataError(e))) throw new NeedsSavepoints();
      if (mode === 'savepoints') await tx.query('ROLLBACK TO SAVEPOINT mutation; RELEASE SAVEPOINT mutation');
      results.push({ mutationId: m.mutationId, status: 'rejected', reason: e instanceof Error ? e.message : String(e) });
      if (e instanceof Rejection && e.security) {
        // After the savepoint's rollback: the event stays though the mutation does not.
        await recordSecurityEvent(tx, typeof e.security === 'string' ? e.security : 'cross_org_mutation', {
          orgId: body.orgId,
          userId: ctx.userId,
          deviceId: ctx.deviceId,
          detail: { table: m.table, id: m.id },
        });
      }
    }
  }
  if (last > seen) {
    // Sent with the COMMIT (one round trip); the ids are checked UUIDs and `last` an integer.
    beforeCommit(
      tx,
      `UPDATE sync_clients SET last_mutation_id = ${Math.trunc(last)}, updated_at = now()
      WHERE client_id = ${uuidLiteral(body.clientId)} AND org_id = ${uuidLiteral(body.orgId)}`,
    );
  }
  // The device report shown to admins (last sync, app version, pending count), in the same commit: a
  // server-owned table, so written as the server's own role (RESET ROLE ends casework_app for the rest
  // of this transaction, whose last statement this is).
  const count = Number.isSafeInteger(body.pendingCount) ? String(body.pendingCount) : 'NULL';
  beforeCommit(
    tx,
    `RESET ROLE; UPDATE devices SET last_sync_at = now(), app_version = coalesce(${body.appVersion === undefined ? 'NULL' : tx.escapeLiteral(body.appVersion)}, app_version),
    pending_count = coalesce(${count}, pending_count) WHERE id = ${uuidLiteral(ctx.deviceId)}`,
  );
  return { lastMutationId: last, results };
}

/** Postgres refusals caused by the data (bad reference, unique clash, check): a rejection, not a 500. */
function isDataError(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code.startsWith('22') || code.startsWith('23');
}

const KEYS = new Map(pgForeignKeys.map((k) => [k.name, k]));

/**
 * A foreign key refusal (23503) as the rejection a person can act on: which field names a row that
 * does not exist. The same words whether the row is missing or another firm's (the key is (org_id, id),
 * so both fail alike: nothing tells which); the foreign case is recorded as a security event, as for
 * notFound. Other errors pass through.
 */
async function missingReference(db: Database, orgId: string, m: Mutation, e: unknown): Promise<unknown> {
  const key = (e as { code?: string }).code === '23503' ? KEYS.get((e as { constraint?: string }).constraint ?? '') : undefined;
  if (!key || key.table !== m.table) return e;
  const value = m.fields?.[key.column];
  const foreign = typeof value === 'string' && UUID.test(value) && (await isForeign(db, key.references, value, orgId));
  return new Rejection(`${m.table} ${m.id}: ${key.column} refers to a ${key.references} row that does not exist`, foreign);
}

/**
 * Does this row id exist in another org? Checked outside RLS (which would simply hide such a row), and
 * only when the row seems missing (update/delete) or already taken (insert): the rare path.
 */
async function isForeign(db: Database, table: string, id: string, orgId: string): Promise<boolean> {
  if (tableSpec(table).scope === 'directory') return false;
  const r = await db.pool.query(`SELECT 1 FROM "${table}" WHERE id = $1 AND org_id <> $2`, [id, orgId]);
  return (r.rowCount ?? 0) > 0;
}

/**
 * The statement opening a push, sent with BEGIN in one round trip: the claim on row versions (before
 * any savepoint), the client's cursor row (created at 0) locked for this transaction, the caller's
 * role in the org and the device's revocation state (the token's signature was checked before).
 */
function openBatchSql(clientId: string, orgId: string, ctx: PushContext): string {
  const [client, org, user, device] = [clientId, orgId, ctx.userId, ctx.deviceId].map(uuidLiteral);
  const role = ROLE_SQL.replace('$1', org).replace('$2', user);
  const dev = DEVICE_SQL.replace('$1', device).replace('$2', user);
  return `WITH claim AS (${CLAIM_SQL}), member AS (${role}), dev AS (${dev})
    INSERT INTO sync_clients (client_id, org_id, device_id, last_mutation_id) VALUES (${client}, ${org}, ${device}, 0)
    ON CONFLICT (client_id, org_id) DO UPDATE SET client_id = EXCLUDED.client_id
    RETURNING device_id, last_mutation_id, (SELECT role FROM member) AS role, (SELECT count(*) FROM claim) AS claimed,
      (SELECT count(*) FROM dev) AS device_known, (SELECT revoked_at FROM dev) AS revoked_at`;
}

async function openBatch(tx: Tx, opened: pg.QueryResult, clientId: string, orgId: string, ctx: PushContext): Promise<{ seen: number; role: Role | null }> {
  markClaimed(tx);
  const row = opened.rows[0];
  checkDevice(Number(row.device_known) ? { revoked_at: row.revoked_at } : undefined);
  if (row.device_id !== ctx.deviceId) {
    // The same vault after a new login (new device row) keeps its client id; another user's never.
    const same = await tx.query('SELECT 1 FROM devices a JOIN devices b ON a.user_id = b.user_id WHERE a.id = $1 AND b.id = $2', [row.device_id, ctx.deviceId]);
    if (!same.rowCount) throw new HttpError(403, 'forbidden', 'this client id belongs to another user');
    await tx.query('UPDATE sync_clients SET device_id = $1 WHERE client_id = $2 AND org_id = $3', [ctx.deviceId, clientId, orgId]);
  }
  return { seen: Number(row.last_mutation_id), role: (row.role as Role | null) ?? null };
}

const SERVER_OWNED = ['version', 'updated_at', 'updated_by'];

/**
 * The answer to a row this org does not have, whether it is missing or another org's: one message, so
 * a push cannot tell which (the foreign case is still recorded as a security event).
 */
const notFound = (m: Mutation, foreign: boolean) => new Rejection(`${m.table} ${m.id} was not found`, foreign);
const idTaken = (m: Mutation, foreign: boolean) => new Rejection(`${m.table} ${m.id}: this id is already in use`, foreign);

/**
 * Decisions only an owner or admin may make (the laptop's rules-store asks the same): the column that
 * records the decision, its decided values, and the column naming the reviewer.
 */
const DECISIONS: Record<string, { column: string; decided: readonly string[]; reviewer: string[] }> = {
  rule_proposals: { column: 'status', decided: ['approved', 'rejected', 'superseded'], reviewer: ['reviewed_by', 'reviewed_at', 'review_notes'] },
  config_change_proposals: { column: 'status', decided: ['APPROVED', 'REJECTED', 'APPLIED'], reviewer: ['approved_by', 'approved_at', 'rejection_reason'] },
};

/**
 * Who a row says acted must be the caller: a column naming the user who reviewed, approved, applied,
 * created... (tables.ts actorColumns) may hold only the caller's own id, null, or the value it already
 * has. And a decision reserved to owner/admin (DECISIONS) is refused from anyone else.
 */
function checkActors(member: Member, table: string, values: Record<string, unknown>, existing: Record<string, unknown> | undefined): void {
  for (const col of actorColumns(tableSpec(table))) {
    if (!(col in values)) continue;
    const v = values[col];
    if (v === null || v === member.userId || (existing && existing[col] === v)) continue;
    throw new Rejection(`${table}.${col} may only name you (the signed-in user)`);
  }
  const d = DECISIONS[table];
  if (!d || mayApprove(member, table)) return;
  const decision = values[d.column];
  if (typeof decision === 'string' && d.decided.includes(decision) && decision !== existing?.[d.column]) {
    throw new Rejection(`only an owner or admin may set ${table}.${d.column} to ${decision}`);
  }
  for (const col of d.reviewer) {
    if (col in values && values[col] !== null && values[col] !== existing?.[col]) throw new Rejection(`only an owner or admin may set ${table}.${col}`);
  }
}

async function applyOne(
  db: Database,
  tx: Tx,
  member: Member,
  ctx: PushContext,
  m: Mutation,
  progress: { wrote: boolean },
): Promise<{ result: MutationResult; audit?: AuditEntryInput }> {
  const spec = tableSpec(m.table);
  // Before anything walks them (comparisons, audit hashes): the fields object adds one level.
  const deep = jsonDepthProblem(m.fields, MAX_JSON_DEPTH + 1) ?? jsonDepthProblem(m.base, MAX_JSON_DEPTH + 1);
  if (deep) throw new Rejection(`${m.table} ${m.id}: a value ${deep.replace(/\d+/, String(MAX_JSON_DEPTH))}`);
  const orgField = m.fields?.org_id;
  if (orgField !== undefined && orgField !== member.orgId) throw new Rejection(`${m.table} ${m.id} belongs to another organization`, true);
  // Who may write what is the policy's (checkMutation, below); a table no one writes through push stays so.
  if (!spec.writableBy.length) throw new Rejection(`role ${member.role} may not write ${m.table}`);
  if (spec.insertOnly && m.op !== 'insert') throw new Rejection(`${m.table} rows are never changed once written`);
  const cols = pgColumns(m.table);
  const fields: Record<string, unknown> = { ...(m.fields ?? {}) };
  if (fields.id !== undefined && fields.id !== m.id) throw new Rejection('fields.id differs from the mutation id');
  // A document version's file key is never written to the row: the server wraps it (keys/file-keys.ts).
  const fileKey = m.table === 'document_versions' && m.op !== 'delete' ? takeFileKey(fields) : undefined;
  if (typeof fileKey === 'string') throw new Rejection(fileKey);
  let createdAt: string | undefined;
  if (typeof fields.created_at === 'string' && !Number.isNaN(Date.parse(fields.created_at))) createdAt = new Date(fields.created_at).toISOString();
  for (const k of [...SYSTEM_COLUMNS, ...SERVER_OWNED]) delete fields[k];

  // An insert reads nothing first: the INSERT itself finds a taken id (ON CONFLICT below).
  const cur = m.op === 'insert' ? undefined : await tx.query(`SELECT * FROM "${m.table}" WHERE id = $1 FOR UPDATE`, [m.id]);
  const existing = cur?.rowCount ? rowToWire(m.table, cur.rows[0]) : undefined;
  if (m.op !== 'insert' && !existing) throw notFound(m, await isForeign(db, m.table, m.id, member.orgId));
  if (existing && existing.deleted_at && m.op !== 'delete') throw new Rejection(`${m.table} ${m.id} was deleted`);

  if (spec.scope === 'self' && (m.op === 'insert' || m.id !== member.orgId)) throw new Rejection('only your own organization row may be changed');
  if (spec.scope === 'case') {
    const caseCol = spec.caseColumn ?? 'case_id';
    if (existing && !(await canSeeCase(tx, member, String(existing[caseCol])))) throw new Rejection('no access to this case');
    if (m.op === 'insert' && m.table === 'cases') {
      const staff = Array.isArray(fields.assigned_staff) ? fields.assigned_staff : [];
      if (!seesAllCases(member) && fields.assigned_consultant_id !== member.userId && !staff.includes(member.userId)) {
        throw new Rejection('a new case must be assigned to you');
      }
    } else if (fields[caseCol] !== undefined && fields[caseCol] !== existing?.[caseCol]) {
      if (typeof fields[caseCol] !== 'string' || !(await canSeeCase(tx, member, fields[caseCol] as string))) throw new Rejection('no access to this case');
    }
  }

  // The policy on this mutation and each field it changes (masked values sent back are restored first).
  const verdict = await checkMutation(tx, member, m, existing, fields);
  if (verdict.refused) throw new Rejection(verdict.refused, 'push_refused');
  Object.assign(fields, verdict.fields);

  let toWrite: Record<string, unknown> = {};
  const conflicts: { field: string; yours: unknown; theirs: unknown }[] = [];
  if (m.op === 'delete') {
    toWrite = { deleted_at: new Date().toISOString() };
  } else {
    const v = validateRow(m.table, m.op === 'insert' ? 'insert' : 'update', fields);
    if (!v.ok) throw new Rejection(v.message);
    if (m.table === 'org_roles') {
      const r = prepareOrgRole(v.value, existing);
      if (r.refused) throw new Rejection(r.refused);
      v.value = r.values;
    }
    checkActors(member, m.table, v.value, existing);
    if (m.op === 'insert') toWrite = v.value;
    else {
      const base = verdict.base ?? m.base ?? {};
      for (const [f, val] of Object.entries(v.value)) {
        const col = cols[f];
        if (existing && f in base && !sameValue(col, existing[f], base[f]) && !sameValue(col, existing[f], val)) {
          conflicts.push({ field: f, yours: val, theirs: existing[f] });
        } else if (!existing || !sameValue(col, existing[f], val)) toWrite[f] = val;
      }
    }
  }

  const changed = Object.keys(toWrite);
  let row = existing;
  let audit: AuditEntryInput | undefined;
  if (m.op === 'insert' || changed.length) {
    const now = new Date().toISOString();
    if (m.op === 'insert') {
      const all: Record<string, unknown> = {
        ...toWrite,
        id: m.id,
        org_id: member.orgId,
        created_at: createdAt ?? now,
        updated_at: now,
        updated_by: member.userId,
      };
      const names = Object.keys(all);
      progress.wrote = true;
      const r = await tx.query(
        `INSERT INTO "${m.table}" (${names.map((n) => `"${n}"`).join(', ')}, version)
         VALUES (${names.map((n, i) => `$${i + 1}${castFor(cols[n]!)}`).join(', ')}, nextval('row_version_seq'))
         ON CONFLICT (id) DO NOTHING RETURNING *`,
        names.map((n) => pgParam(cols[n]!, all[n])),
      );
      if (!r.rowCount) {
        progress.wrote = false; // nothing was written
        throw idTaken(m, await isForeign(db, m.table, m.id, member.orgId));
      }
      row = rowToWire(m.table, r.rows[0]);
    } else {
      const all: Record<string, unknown> = { ...toWrite, updated_at: now, updated_by: member.userId };
      const names = Object.keys(all);
      progress.wrote = true;
      const r = await tx.query(
        `UPDATE "${m.table}" SET ${names.map((n, i) => `"${n}" = $${i + 2}${castFor(cols[n]!)}`).join(', ')}, version = nextval('row_version_seq')
         WHERE id = $1 RETURNING *`,
        [m.id, ...names.map((n) => pgParam(cols[n]!, all[n]))],
      );
      row = rowToWire(m.table, r.rows[0]);
    }
    await bumpForAccessChange(tx, member.orgId, m, existing, row!);
    if (m.table === 'org_roles') await afterOrgRoleWrite(tx, member, m.id);
    audit = {
      eventType: `sync.${m.op}`,
      table: m.table,
      recordId: m.id,
      userId: member.userId,
      deviceId: ctx.deviceId,
      requestId: ctx.requestId,
      oldValues: existing ? Object.fromEntries(changed.map((f) => [f, existing[f] ?? null])) : null,
      newValues: Object.fromEntries(changed.map((f) => [f, row![f] ?? null])),
      changedFields: changed,
    };
  }
  if (fileKey) {
    progress.wrote = true;
    await storeFileKey(db, tx, member.orgId, m.id, fileKey);
    // A destroyed key is recorded (what was destroyed, never a key); a stored one is part of the row's entry.
    if (!fileKey.key && audit) audit.metadata = { ...audit.metadata, file_key: 'destroyed' };
    else if (!fileKey.key)
      audit = {
        eventType: 'document.file_key_destroyed',
        table: m.table,
        recordId: m.id,
        userId: member.userId,
        deviceId: ctx.deviceId,
        requestId: ctx.requestId,
      };
  }
  if (conflicts.length) return { result: { mutationId: m.mutationId, status: 'conflict', conflicts, row }, audit };
  return { result: { mutationId: m.mutationId, status: 'applied', row }, audit };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const userIds = (v: unknown): string[] => (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && UUID.test(x));

/** What of a case grant decides who sees which case, and until when. */
const GRANT_FIELDS = ['user_id', 'case_id', 'expires_at', 'valid_from', 'deleted_at'];

/**
 * Users whose set of visible cases this write may have changed get a new access epoch, so their next
 * read is 409 must-refetch: a lost case leaves the laptop, a granted one arrives with all its rows.
 * A grant (case_assignments) counts when created, removed, moved to another case or user, or when its
 * expiry is set or moved (to the past or not): both its old and new holder. A case counts when its
 * consultant or staff change. (A grant expiring by itself is counted by access.ts's epoch.)
 */
async function bumpForAccessChange(tx: Tx, orgId: string, m: Mutation, before: Record<string, unknown> | undefined, after: Record<string, unknown>) {
  if (m.table === 'case_assignments') {
    const touched = !before || GRANT_FIELDS.some((f) => !sameValue(undefined, before[f], after[f]));
    if (touched) {
      const who = [...userIds(before?.user_id), ...userIds(after.user_id)];
      if (who.length) await bumpEpoch(tx, who, orgId);
    }
    return;
  }
  if (m.table !== 'cases' || m.op === 'insert') return; // a new case has no earlier rows anyone missed
  const people = (r?: Record<string, unknown>): string[] =>
    !r || r.deleted_at ? [] : [...userIds(r.assigned_consultant_id ?? []), ...userIds(r.assigned_staff ?? [])];
  const a = new Set(people(before));
  const b = new Set(people(after));
  const diff = [...a].filter((x) => !b.has(x)).concat([...b].filter((x) => !a.has(x)));
  if (diff.length) await bumpEpoch(tx, diff, orgId);
}
