/**
 * POST /v1/push: applies a client's mutations, each in its own Postgres transaction (issue 3, Write
 * path): duplicate check against the client's last_mutation_id, membership + role + case access,
 * validation with the shared zod schemas, field-by-field merge against `base` (a field someone else
 * changed since is a conflict: the server keeps its value and reports it), the write with a version from
 * the one sequence, the audit entry, and the advance of last_mutation_id. A rejected mutation is still
 * acknowledged (and its id consumed) so one bad entry never blocks the queue.
 */
import { SYSTEM_COLUMNS, validateRow } from '../../src-shared/schema/validators';
import { tableSpec } from '../../src-shared/schema/tables';
import type { Mutation, MutationResult, PushResponse } from '../../src-shared/sync/protocol';
import type { Database, Tx } from './db/postgres';
import { castFor, pgColumns, pgParam, rowToWire, sameValue } from './db/wire';
import { appendAudit } from './audit';
import { bumpEpoch, canSeeCase, isManager, membership, type Member } from './access';
import { recordSecurityEvent } from './security';
import { VERSION_LOCK } from './versions';
import { HttpError } from './auth';

export interface PushContext {
  userId: string;
  deviceId: string;
  requestId: string;
}

class Rejection extends Error {
  constructor(message: string, readonly security = false) {
    super(message);
  }
}


export async function push(
  db: Database,
  ctx: PushContext,
  body: { clientId: string; orgId: string; mutations: Mutation[]; appVersion?: string; pendingCount?: number },
): Promise<PushResponse> {
  const results: MutationResult[] = [];
  let last = 0;
  for (const m of body.mutations) {
    const other = await otherOrgOwner(db, m, body.orgId);
    const out = await db.withOrg(body.orgId, async (tx) => {
      const lastId = await clientCursor(tx, body.clientId, body.orgId, ctx.deviceId);
      if (m.mutationId <= lastId) return { result: { mutationId: m.mutationId, status: 'applied', reason: 'duplicate' } as MutationResult, last: lastId };
      // Applied or rejected, this id is consumed in this same transaction (before the version and audit
      // locks are taken, so the serialised part of the transaction stays short).
      await tx.query('UPDATE sync_clients SET last_mutation_id = $1, updated_at = now() WHERE client_id = $2 AND org_id = $3', [m.mutationId, body.clientId, body.orgId]);
      await tx.query('SAVEPOINT mutation');
      let result: MutationResult;
      try {
        if (other) throw new Rejection(`${m.table} ${m.id} belongs to another organization`, true);
        const member = await membership(tx, ctx.userId, body.orgId);
        if (!member) throw new Rejection('not an active member of this organization', true);
        result = await applyOne(tx, member, ctx, m);
        await tx.query('RELEASE SAVEPOINT mutation');
      } catch (e) {
        if (!(e instanceof Rejection) && !isDataError(e)) throw e;
        await tx.query('ROLLBACK TO SAVEPOINT mutation');
        result = { mutationId: m.mutationId, status: 'rejected', reason: e instanceof Error ? e.message : String(e) };
        if (e instanceof Rejection && e.security) {
          await recordSecurityEvent(tx, 'cross_org_mutation', { orgId: body.orgId, userId: ctx.userId, deviceId: ctx.deviceId, detail: { table: m.table, id: m.id } });
        }
      }
      return { result, last: m.mutationId };
    });
    results.push(out.result);
    last = out.last;
  }
  if (!body.mutations.length) last = await db.withOrg(body.orgId, (tx) => clientCursor(tx, body.clientId, body.orgId, ctx.deviceId));
  await db.withSystem((tx) =>
    tx.query('UPDATE devices SET last_sync_at = now(), app_version = coalesce($2, app_version), pending_count = coalesce($3, pending_count) WHERE id = $1', [
      ctx.deviceId, body.appVersion ?? null, body.pendingCount ?? null,
    ]),
  );
  return { lastMutationId: last, results };
}

/** Postgres refusals caused by the data (bad reference, unique clash, check): a rejection, not a 500. */
function isDataError(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code.startsWith('22') || code.startsWith('23');
}

/** Does this row id exist in another org? Checked outside RLS (which would simply hide it). */
async function otherOrgOwner(db: Database, m: Mutation, orgId: string): Promise<boolean> {
  const spec = tableSpec(m.table);
  const orgField = m.fields?.org_id;
  if (orgField !== undefined && orgField !== orgId) return true;
  if (spec.scope === 'directory') return false;
  const r = await db.pool.query(`SELECT org_id FROM "${m.table}" WHERE id = $1`, [m.id]);
  return (r.rowCount ?? 0) > 0 && r.rows[0].org_id !== orgId;
}

async function clientCursor(tx: Tx, clientId: string, orgId: string, deviceId: string): Promise<number> {
  await tx.query(
    `INSERT INTO sync_clients (client_id, org_id, device_id, last_mutation_id) VALUES ($1, $2, $3, 0) ON CONFLICT (client_id, org_id) DO NOTHING`,
    [clientId, orgId, deviceId],
  );
  const r = await tx.query('SELECT device_id, last_mutation_id FROM sync_clients WHERE client_id = $1 AND org_id = $2 FOR UPDATE', [clientId, orgId]);
  if (r.rows[0].device_id !== deviceId) {
    // The same vault after a new login (new device row) keeps its client id; another user's never.
    const same = await tx.query('SELECT 1 FROM devices a JOIN devices b ON a.user_id = b.user_id WHERE a.id = $1 AND b.id = $2', [r.rows[0].device_id, deviceId]);
    if (!same.rowCount) throw new HttpError(403, 'forbidden', 'this client id belongs to another user');
    await tx.query('UPDATE sync_clients SET device_id = $1 WHERE client_id = $2 AND org_id = $3', [deviceId, clientId, orgId]);
  }
  return Number(r.rows[0].last_mutation_id);
}

const SERVER_OWNED = ['version', 'updated_at', 'updated_by'];

async function applyOne(tx: Tx, member: Member, ctx: PushContext, m: Mutation): Promise<MutationResult> {
  const spec = tableSpec(m.table);
  if (!spec.writableBy.includes(member.role)) throw new Rejection(`role ${member.role} may not write ${m.table}`);
  const cols = pgColumns(m.table);
  const fields: Record<string, unknown> = { ...(m.fields ?? {}) };
  if (fields.id !== undefined && fields.id !== m.id) throw new Rejection('fields.id differs from the mutation id');
  let createdAt: string | undefined;
  if (typeof fields.created_at === 'string' && !Number.isNaN(Date.parse(fields.created_at))) createdAt = new Date(fields.created_at).toISOString();
  for (const k of [...SYSTEM_COLUMNS, ...SERVER_OWNED]) delete fields[k];

  const cur = await tx.query(`SELECT * FROM "${m.table}" WHERE id = $1 FOR UPDATE`, [m.id]);
  const existing = cur.rowCount ? rowToWire(m.table, cur.rows[0]) : undefined;
  if (m.op === 'insert' && existing) throw new Rejection(`${m.table} ${m.id} already exists`);
  if (m.op !== 'insert' && !existing) throw new Rejection(`${m.table} ${m.id} does not exist`);
  if (existing && existing.deleted_at && m.op !== 'delete') throw new Rejection(`${m.table} ${m.id} was deleted`);

  if (spec.scope === 'self' && (m.op === 'insert' || m.id !== member.orgId)) throw new Rejection('only your own organization row may be changed');
  if (spec.scope === 'case') {
    const caseCol = spec.caseColumn ?? 'case_id';
    if (existing && !(await canSeeCase(tx, member, String(existing[caseCol])))) throw new Rejection('no access to this case');
    if (m.op === 'insert' && m.table === 'cases') {
      const staff = Array.isArray(fields.assigned_staff) ? fields.assigned_staff : [];
      if (!isManager(member) && fields.assigned_consultant_id !== member.userId && !staff.includes(member.userId)) {
        throw new Rejection('a new case must be assigned to you');
      }
    } else if (fields[caseCol] !== undefined && fields[caseCol] !== existing?.[caseCol]) {
      if (typeof fields[caseCol] !== 'string' || !(await canSeeCase(tx, member, fields[caseCol] as string))) throw new Rejection('no access to this case');
    }
  }

  let toWrite: Record<string, unknown> = {};
  const conflicts: { field: string; yours: unknown; theirs: unknown }[] = [];
  if (m.op === 'delete') {
    toWrite = { deleted_at: new Date().toISOString() };
  } else {
    const v = validateRow(m.table, m.op === 'insert' ? 'insert' : 'update', fields);
    if (!v.ok) throw new Rejection(v.message);
    if (m.op === 'insert') toWrite = v.value;
    else {
      const base = m.base ?? {};
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
  if (m.op === 'insert' || changed.length) {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [VERSION_LOCK]);
    const now = new Date().toISOString();
    if (m.op === 'insert') {
      const all: Record<string, unknown> = { ...toWrite, id: m.id, org_id: member.orgId, created_at: createdAt ?? now, updated_at: now, updated_by: member.userId };
      const names = Object.keys(all);
      const r = await tx.query(
        `INSERT INTO "${m.table}" (${names.map((n) => `"${n}"`).join(', ')}, version)
         VALUES (${names.map((n, i) => `$${i + 1}${castFor(cols[n]!)}`).join(', ')}, nextval('row_version_seq')) RETURNING *`,
        names.map((n) => pgParam(cols[n]!, all[n])),
      );
      row = rowToWire(m.table, r.rows[0]);
    } else {
      const all: Record<string, unknown> = { ...toWrite, updated_at: now, updated_by: member.userId };
      const names = Object.keys(all);
      const r = await tx.query(
        `UPDATE "${m.table}" SET ${names.map((n, i) => `"${n}" = $${i + 2}${castFor(cols[n]!)}`).join(', ')}, version = nextval('row_version_seq')
         WHERE id = $1 RETURNING *`,
        [m.id, ...names.map((n) => pgParam(cols[n]!, all[n]))],
      );
      row = rowToWire(m.table, r.rows[0]);
    }
    await appendAudit(tx, member.orgId, {
      eventType: `sync.${m.op}`,
      table: m.table,
      recordId: m.id,
      userId: member.userId,
      deviceId: ctx.deviceId,
      requestId: ctx.requestId,
      oldValues: existing ? Object.fromEntries(changed.map((f) => [f, existing[f] ?? null])) : null,
      newValues: Object.fromEntries(changed.map((f) => [f, row![f] ?? null])),
      changedFields: changed,
    });
    await bumpForAccessChange(tx, member.orgId, m, existing, row!);
  }
  if (conflicts.length) return { mutationId: m.mutationId, status: 'conflict', conflicts, row };
  return { mutationId: m.mutationId, status: 'applied', row };
}

/** Users whose set of visible cases this write changed get a new access epoch (must-refetch). */
async function bumpForAccessChange(tx: Tx, orgId: string, m: Mutation, before: Record<string, unknown> | undefined, after: Record<string, unknown>) {
  const people = (r?: Record<string, unknown>): string[] => {
    if (!r) return [];
    if (m.table === 'case_assignments') return r.deleted_at ? [] : [String(r.user_id)];
    const staff = Array.isArray(r.assigned_staff) ? r.assigned_staff.map(String) : [];
    return r.deleted_at ? [] : [...(r.assigned_consultant_id ? [String(r.assigned_consultant_id)] : []), ...staff];
  };
  if (m.table !== 'cases' && m.table !== 'case_assignments') return;
  if (m.table === 'cases' && m.op === 'insert') return; // a new case has no earlier rows anyone missed
  const a = new Set(people(before));
  const b = new Set(people(after));
  const diff = [...a].filter((x) => !b.has(x)).concat([...b].filter((x) => !a.has(x)));
  if (diff.length) await bumpEpoch(tx, diff, orgId);
}
