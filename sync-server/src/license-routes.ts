/**
 * Licence and device-health routes (issue 15):
 *   GET   /v1/license/lease?orgId=                 any active member's device: its signed lease
 *   POST  /v1/devices/health                       the laptop's sync health ({orgId, ...DeviceHealth}),
 *                                                  kept on its device row; answers {lease}
 *   GET   /v1/orgs/:orgId/license                  owner/admin: the org's licence status (seats used, modules)
 *   PATCH /v1/orgs/:orgId/devices/:deviceId        owner/admin: rename a member's device ({name})
 * The device list with health and warnings is GET /v1/orgs/:orgId/devices (admin.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DeviceHealthReport } from '../../src-shared/sync/device-health';
import { RenameDeviceRequest } from '../../src-shared/sync/protocol';
import type { Database } from './db/postgres';
import { HttpError, authenticate } from './auth';
import { membership } from './access';
import { requireManager } from './admin';
import { appendAudit } from './audit';
import { leaseFor, orgLicense } from './license';

function parse<T>(schema: z.ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v ?? {});
  if (!r.success) throw new HttpError(400, 'bad_request', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}
const uuid = (v: unknown, name: string) => parse(z.string().uuid({ message: `${name} must be a UUID` }), v).toLowerCase();

export function registerLicenseRoutes(app: FastifyInstance, opts: { db: Database; key: Buffer }) {
  const { db, key } = opts;
  const member = async (req: FastifyRequest, orgId: string) => {
    const id = await authenticate(db, key, req.headers.authorization, orgId);
    if (!(await db.withOrg(orgId, (tx) => membership(tx, id.userId, orgId)))) throw new HttpError(403, 'forbidden', 'not a member of this organization');
    return id;
  };

  app.get('/v1/license/lease', async (req) => {
    const orgId = uuid((req.query as Record<string, unknown>).orgId, 'orgId');
    return leaseFor(db, await member(req, orgId), orgId);
  });

  app.post('/v1/devices/health', async (req) => {
    const body = parse(DeviceHealthReport, req.body);
    const orgId = body.orgId.toLowerCase();
    const id = await member(req, orgId);
    const { orgId: _o, ...health } = body;
    await db.withSystem(
      (tx) =>
        tx.query(
          `UPDATE devices SET health = $2, health_at = now(), app_version = $3, pending_count = $4, last_seen_at = now(), last_sync_at = now() WHERE id = $1`,
          [id.deviceId, JSON.stringify(health), health.appVersion, health.pendingChanges],
        ),
      { asyncCommit: true },
    );
    return { lease: await leaseFor(db, id, orgId) };
  });

  app.get<{ Params: { orgId: string } }>('/v1/orgs/:orgId/license', async (req) => {
    const orgId = uuid(req.params.orgId, 'orgId');
    await requireManager(db, await authenticate(db, key, req.headers.authorization, orgId), orgId);
    return (await orgLicense(db, orgId, { fresh: true })).status;
  });

  app.patch<{ Params: { orgId: string; deviceId: string } }>('/v1/orgs/:orgId/devices/:deviceId', async (req) => {
    const orgId = uuid(req.params.orgId, 'orgId');
    const deviceId = uuid(req.params.deviceId, 'deviceId');
    const who = await authenticate(db, key, req.headers.authorization, orgId);
    await requireManager(db, who, orgId);
    const { name } = parse(RenameDeviceRequest, req.body);
    return db.withSystem(async (tx) => {
      const r = await tx.query(
        `UPDATE devices d SET name = $3 FROM org_memberships m WHERE d.id = $2 AND m.user_id = d.user_id AND m.org_id = $1 AND m.deleted_at IS NULL
          RETURNING d.id`,
        [orgId, deviceId, name],
      );
      if (!r.rowCount) throw new HttpError(404, 'not_found', 'no such device in this organization');
      await appendAudit(tx, orgId, { eventType: 'admin.rename_device', recordId: deviceId, userId: who.userId, deviceId: who.deviceId, requestId: req.id });
      return { deviceId, name };
    });
  });
}
