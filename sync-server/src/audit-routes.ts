/**
 * The audit anchoring routes (issue 13):
 *   GET  /v1/audit/checkpoints?orgId=&since=   any active member: the org's signed checkpoints after
 *                                              `since` and the key that signs them (laptops keep both);
 *   POST /v1/orgs/:orgId/audit/verify           owner/admin: the chain against the signed checkpoints the
 *                                              server holds and those a laptop kept ({checkpoints});
 *                                              GET of the same path (admin.ts) checks the server's only;
 *   GET  /v1/orgs/:orgId/audit/export?from=&to=&format=jsonl|csv
 *                                              owner/admin (issue 15): a date range with its chain proof
 *                                              (audit-export.ts); the export itself is audited.
 */
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { AuditVerifyRequest, type AuditCheckpoint, type AuditCheckpointsResponse, type AuditVerifyResult } from '../../src-shared/sync/audit-checkpoints';
import type { Database } from './db/postgres';
import { HttpError, authenticate, type Identity } from './auth';
import { membership } from './access';
import { requireManager } from './admin';
import { appendAudit, auditKeyOf, chainAudit, listCheckpoints, useAuditKey, verifyAudit } from './audit';
import { loadAuditKey } from './audit-key';
import { AuditExportQuery, rangeBound } from '../../src-shared/sync/audit-export';
import { prepareAuditExport } from './audit-export';

const PAGE = 1000;
const CheckpointsQuery = z.strictObject({
  orgId: z.string().uuid(),
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});

function parse<T>(schema: z.ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v ?? {});
  if (!r.success) throw new HttpError(400, 'bad_request', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}
const orgParam = (v: string) => parse(z.string().uuid(), v).toLowerCase();

export async function checkpointsFor(db: Database, who: Identity, orgId: string, since: number): Promise<AuditCheckpointsResponse> {
  const key = auditKeyOf(db);
  if (!key) throw new HttpError(503, 'unavailable', 'this server has no audit key');
  return db.withOrg(orgId, async (tx) => {
    if (!(await membership(tx, who.userId, orgId))) throw new HttpError(403, 'forbidden', 'not a member of this organization');
    const rows = await listCheckpoints(tx, orgId, since, PAGE + 1);
    return { orgId, keyId: key.keyId, publicKey: key.publicKeyRaw, checkpoints: rows.slice(0, PAGE), more: rows.length > PAGE };
  });
}

export async function verifyOrgChain(db: Database, who: Identity, orgId: string, supplied: AuditCheckpoint[] = []): Promise<AuditVerifyResult> {
  await requireManager(db, who, orgId);
  await chainAudit(db, orgId); // entries still pending (a crash between commit and chaining) first
  return db.withOrg(orgId, (tx) => verifyAudit(tx, orgId, { supplied }));
}

export function registerAuditRoutes(app: FastifyInstance, opts: { db: Database; key: Buffer }): void {
  const { db, key } = opts;
  app.get('/v1/audit/checkpoints', async (req) => {
    const q = parse(CheckpointsQuery, req.query);
    const orgId = q.orgId.toLowerCase();
    return checkpointsFor(db, await authenticate(db, key, req.headers.authorization, orgId), orgId, q.since);
  });
  app.post<{ Params: { orgId: string } }>('/v1/orgs/:orgId/audit/verify', async (req) => {
    const orgId = orgParam(req.params.orgId);
    const who = await authenticate(db, key, req.headers.authorization, orgId);
    return verifyOrgChain(db, who, orgId, parse(AuditVerifyRequest, req.body).checkpoints);
  });
  app.get<{ Params: { orgId: string } }>('/v1/orgs/:orgId/audit/export', async (req, reply) => {
    const orgId = orgParam(req.params.orgId);
    const who = await authenticate(db, key, req.headers.authorization, orgId);
    await requireManager(db, who, orgId);
    const q = parse(AuditExportQuery, req.query);
    const from = rangeBound(q.from, false);
    const to = rangeBound(q.to, true);
    if (!from || !to) throw new HttpError(400, 'bad_request', 'from and to must be days (YYYY-MM-DD) or ISO instants');
    const stream = await prepareAuditExport(db, { orgId, from, to, format: q.format });
    // Who exported which range is itself on the record (it joins the chain after this export's head).
    await db.withOrg(orgId, (tx) =>
      appendAudit(tx, orgId, {
        eventType: 'admin.audit_export',
        userId: who.userId,
        deviceId: who.deviceId,
        requestId: req.id,
        metadata: { from, to, format: q.format },
      }),
    );
    const name = `audit-${orgId.slice(0, 8)}-${from.slice(0, 10)}-${to.slice(0, 10)}.${q.format}`;
    return reply
      .header('content-type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(stream));
  });
}

/** `casework-sync audit verify`: every org (or one), straight from the database, with the key file. */
export async function verifyAllOrgs(db: Database, keyFile: string, onlyOrg?: string): Promise<(AuditVerifyResult & { orgId: string })[]> {
  useAuditKey(db, loadAuditKey(keyFile, { create: false }));
  const orgs = onlyOrg
    ? [orgParam(onlyOrg)]
    : (await db.pool.query('SELECT DISTINCT org_id FROM server_audit ORDER BY org_id')).rows.map((r) => String(r.org_id));
  const out: (AuditVerifyResult & { orgId: string })[] = [];
  for (const orgId of orgs) out.push({ orgId, ...(await db.withOrg(orgId, (tx) => verifyAudit(tx, orgId))) });
  return out;
}
