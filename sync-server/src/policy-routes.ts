/**
 * The policy's routes and records beyond rows (issue 14):
 *   POST  /v1/orgs/:orgId/reveal                    a masked value, shown once to a role the policy lets
 *                                                   reveal it, with a reason; audited (high risk) and a
 *                                                   security event; never cached.
 *   GET   /v1/orgs/:orgId/security-events           the firm's security events, filtered (status, severity,
 *                                                   category, kind, since, until), newest first.
 *   PATCH /v1/orgs/:orgId/security-events/:id       triage: open -> acknowledged -> resolved (audited).
 * and the audit of every read of a restricted document's blob (auditRestrictedBlobRead, from blobs.ts).
 * Who may reveal or read security events is the policy's word (actions 'reveal' and 'read' on
 * 'security_events'), not a fixed list of roles.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CATEGORIES, EVENT_STATUSES, NO_CASE, RESTRICTED_FIELDS, SEVERITIES, decide, rowAccess, splitField } from '../../src-shared/policy';
import { tableSpec } from '../../src-shared/schema/tables';
import type { Database, Tx } from './db/postgres';
import { HttpError, authenticate, type Identity } from './auth';
import { membership, type Member } from './access';
import { appendAudit } from './audit';
import { factsForWrite, loadOrgRoles, policyOf } from './policy';
import { recordSecurityEvent } from './security';

function parse<T>(schema: z.ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v ?? {});
  if (!r.success) throw new HttpError(400, 'bad_request', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}
const orgParam = (v: string) => parse(z.string().uuid(), v).toLowerCase();

async function memberOf(tx: Tx, who: Identity, orgId: string): Promise<Member> {
  const m = await membership(tx, who.userId, orgId);
  if (!m) throw new HttpError(403, 'forbidden', 'not a member of this organization');
  return loadOrgRoles(tx, m);
}

// ---- reveal ----

const REVEALABLE = Object.entries(RESTRICTED_FIELDS).flatMap(([table, fields]) => fields.map((f) => `${table}:${f}`));
export const RevealRequest = z.strictObject({
  table: z.string().max(100),
  id: z.string().uuid(),
  field: z.string().max(100),
  /** Why: kept in the audit entry. Short reasons ("x") say nothing to whoever reads the audit later. */
  reason: z.string().trim().min(5, 'say why in at least 5 characters').max(500),
});
export type RevealAnswer = { table: string; id: string; field: string; value: string | null; revealedAt: string };

/**
 * A masked value, whole, for a caller whose role may reveal it on that row. Refused (403, and a
 * security event) otherwise; 404 for a row the caller does not see at all, as for any other read.
 */
export async function reveal(db: Database, who: Identity, orgId: string, body: unknown, requestId?: string): Promise<RevealAnswer> {
  const q = parse(RevealRequest, body);
  if (!REVEALABLE.includes(`${q.table}:${q.field}`)) throw new HttpError(400, 'bad_request', `${q.table}.${q.field} is not a masked field`);
  const out = await db.withOrg(orgId, async (tx) => {
    const m = await memberOf(tx, who, orgId);
    const r = await tx.query(`SELECT * FROM "${tableSpec(q.table).name}" WHERE id = $1 AND org_id = $2 AND deleted_at IS NULL`, [q.id, orgId]);
    const row = r.rows[0] as Record<string, unknown> | undefined;
    const policy = policyOf(m);
    const facts = row ? await factsForWrite(tx, m, q.table, row) : undefined;
    if (!row || !facts || !rowAccess(policy, q.table, facts).visible) throw new HttpError(404, 'not_found', `no ${q.table} record with id ${q.id}`);
    if (decide(policy, 'reveal', q.table, facts, q.field) !== 'allow') return { refused: true as const };
    const { column, key } = splitField(q.field);
    const v = key === undefined ? row[column] : (row[column] as Record<string, unknown> | null)?.[key];
    await appendAudit(tx, orgId, {
      eventType: 'field.reveal',
      table: q.table,
      recordId: q.id,
      userId: who.userId,
      deviceId: who.deviceId,
      requestId,
      changedFields: [q.field],
      metadata: { reason: q.reason },
    });
    await recordSecurityEvent(tx, 'field_reveal', { orgId, userId: who.userId, deviceId: who.deviceId, detail: { table: q.table, id: q.id, field: q.field } });
    return { value: v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v) };
  });
  if ('refused' in out) {
    // Its own transaction: the refusal is recorded even though the answer is an error.
    await db.withSystem((tx) =>
      recordSecurityEvent(tx, 'reveal_refused', { orgId, userId: who.userId, deviceId: who.deviceId, detail: { table: q.table, id: q.id, field: q.field } }),
    );
    throw new HttpError(403, 'forbidden', `your role may not reveal ${q.table}.${q.field} on this record`);
  }
  return { table: q.table, id: q.id, field: q.field, value: out.value, revealedAt: new Date().toISOString() };
}

// ---- security events ----

export const SecurityEventsQuery = z.strictObject({
  status: z.enum(EVENT_STATUSES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  category: z.enum(CATEGORIES).optional(),
  kind: z
    .string()
    .regex(/^[a-z_]{1,100}$/)
    .optional(),
  since: z.string().datetime({ offset: true }).optional(),
  until: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const SecurityEventPatch = z.strictObject({ status: z.enum(EVENT_STATUSES) });

export interface SecurityEventRow {
  id: number;
  at: string;
  kind: string;
  severity: string;
  category: string;
  status: string;
  userId: string | null;
  deviceId: string | null;
  detail: Record<string, unknown>;
  statusBy: string | null;
  statusAt: string | null;
}

/** The policy's word on the security console (owner and admin by default; a firm's role may add it). */
async function requireSecurityReader(db: Database, who: Identity, orgId: string, action: 'read' | 'update'): Promise<void> {
  const ok = await db.withOrg(orgId, async (tx) => {
    const m = await membership(tx, who.userId, orgId);
    return !!m && decide(policyOf(await loadOrgRoles(tx, m)), action, 'security_events', NO_CASE) === 'allow';
  });
  if (ok) return;
  await db.withSystem((tx) =>
    recordSecurityEvent(tx, 'admin_forbidden', { orgId, userId: who.userId, deviceId: who.deviceId, detail: { route: 'security-events' } }),
  );
  throw new HttpError(403, 'forbidden', 'your role may not see security events');
}

/**
 * The org's events: its own, and those filed before any org was known (a failed login names the user
 * only) about one of its members.
 */
const OF_ORG = `(org_id = $1 OR (org_id IS NULL AND user_id IN (SELECT m.user_id FROM org_memberships m WHERE m.org_id = $1 AND m.deleted_at IS NULL)))`;

const EVENT_COLUMNS = `id, at, kind, severity, category, status, user_id AS "userId", device_id AS "deviceId", detail, status_by AS "statusBy", status_at AS "statusAt"`;

export async function listSecurityEvents(db: Database, who: Identity, orgId: string, query: unknown): Promise<{ events: SecurityEventRow[] }> {
  const q = parse(SecurityEventsQuery, query);
  await requireSecurityReader(db, who, orgId, 'read');
  const where = [OF_ORG];
  const params: unknown[] = [orgId];
  for (const [col, v] of [
    ['status', q.status],
    ['severity', q.severity],
    ['category', q.category],
    ['kind', q.kind],
  ] as const) {
    if (v === undefined) continue;
    params.push(v);
    where.push(`${col} = $${params.length}`);
  }
  if (q.since) where.push(`at >= $${params.push(q.since)}`);
  if (q.until) where.push(`at < $${params.push(q.until)}`);
  params.push(q.limit);
  // security_events is the server's own table (no RLS; the app role may only insert): read as the server, this org only.
  const r = await db.withSystem((tx) =>
    tx.query(`SELECT ${EVENT_COLUMNS} FROM security_events WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT $${params.length}`, params),
  );
  return { events: r.rows.map((x) => ({ ...x, id: Number(x.id) }) as SecurityEventRow) };
}

export async function setSecurityEventStatus(
  db: Database,
  who: Identity,
  orgId: string,
  id: number,
  body: unknown,
  requestId?: string,
): Promise<SecurityEventRow> {
  const { status } = parse(SecurityEventPatch, body);
  await requireSecurityReader(db, who, orgId, 'update');
  const r = await db.withSystem((tx) =>
    tx.query(
      `UPDATE security_events SET status = $3, status_by = $4, status_at = now() WHERE id = $1 AND ${OF_ORG.replaceAll('$1', '$2')} RETURNING ${EVENT_COLUMNS}`,
      [id, orgId, status, who.userId],
    ),
  );
  if (!r.rowCount) throw new HttpError(404, 'not_found', `no security event ${id} in this organization`);
  await db.withOrg(orgId, (tx) =>
    appendAudit(tx, orgId, {
      eventType: 'admin.security_event_status',
      userId: who.userId,
      deviceId: who.deviceId,
      requestId,
      metadata: { eventId: id, status },
    }),
  );
  return { ...r.rows[0], id: Number(r.rows[0].id) } as SecurityEventRow;
}

// ---- restricted reads ----

/** Access levels and classifications whose every read is on the record. */
const RESTRICTED_LEVELS = ['consultant_only', 'admin_only'];

/**
 * After a blob is granted: each restricted document (access level consultant_only / admin_only, or
 * classified restricted) that names it gets a 'document.read' audit entry (high risk).
 */
export async function auditRestrictedBlobRead(db: Database, who: Identity, orgId: string, sha: string): Promise<void> {
  await db.withOrg(orgId, async (tx) => {
    const r = await tx.query(
      `SELECT d.id, d.access_level, d.data_classification FROM documents d
        WHERE d.org_id = $1 AND d.deleted_at IS NULL AND (d.access_level = ANY($3) OR d.data_classification = 'restricted')
          AND (d.storage_key = $2 OR EXISTS (SELECT 1 FROM document_versions v WHERE v.document_id = d.id AND v.org_id = $1 AND v.storage_key = $2))`,
      [orgId, sha, RESTRICTED_LEVELS],
    );
    for (const d of r.rows)
      await appendAudit(tx, orgId, {
        eventType: 'document.read',
        table: 'documents',
        recordId: d.id as string,
        userId: who.userId,
        deviceId: who.deviceId,
        metadata: { via: 'blob', access_level: d.access_level, classification: d.data_classification },
      });
  });
}

export function registerPolicyRoutes(app: FastifyInstance, opts: { db: Database; key: Buffer }): void {
  const { db, key } = opts;
  const caller = (req: { headers: { authorization?: string } }, orgId: string) => authenticate(db, key, req.headers.authorization, orgId);
  app.post<{ Params: { orgId: string } }>('/v1/orgs/:orgId/reveal', async (req, reply) => {
    const orgId = orgParam(req.params.orgId);
    const out = await reveal(db, await caller(req, orgId), orgId, req.body, req.id);
    return reply.header('cache-control', 'no-store').send(out);
  });
  app.get<{ Params: { orgId: string } }>('/v1/orgs/:orgId/security-events', async (req) => {
    const orgId = orgParam(req.params.orgId);
    return listSecurityEvents(db, await caller(req, orgId), orgId, req.query);
  });
  app.patch<{ Params: { orgId: string; id: string } }>('/v1/orgs/:orgId/security-events/:id', async (req) => {
    const orgId = orgParam(req.params.orgId);
    const id = parse(z.coerce.number().int().positive(), req.params.id);
    return setSecurityEventStatus(db, await caller(req, orgId), orgId, id, req.body, req.id);
  });
}
