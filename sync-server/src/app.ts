/**
 * The HTTP surface of the sync server (fastify): routes, input validation with the shared protocol
 * schemas, bearer authentication, error bodies `{error, message}` and one structured JSON log line per
 * request (method, route pattern, status, duration, request id: no personal data, no query strings).
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { join } from 'node:path';
import type { z } from 'zod';
import { AuditQuery, CreateUserRequest, LIMITS, LoginRequest, PatchMembershipRequest, PushRequest, RefreshRequest } from '../../src-shared/sync/protocol';
import type { Database } from './db/postgres';
import { auditRestrictedBlobRead, registerPolicyRoutes } from './policy-routes';
import { HttpError, assertDevice, authenticate, login, refresh, verifyBearer, type Identity } from './auth';
import { push } from './push';
import { changes, readShape } from './shape';
import { readSnapshot } from './snapshot';
import {
  answerInvitation,
  cancelInvitation,
  createUser,
  listAudit,
  listDevices,
  listMyInvitations,
  listOrgInvitations,
  patchMembership,
  requireManager,
  revokeDevice,
  verifyOrgAudit,
} from './admin';
import { getBlob, putBlob, registerUploads } from './blobs';
import { registerErasureRoutes } from './privacy/erasure';
import { assertOrgWritable } from './license';
import { registerLicenseRoutes } from './license-routes';
import { assertPasswordLoginAllowed, registerSsoRoutes, ssoRefreshGate } from './sso';
import { proveRevocation, withServerKey } from './revocation-proof';

export interface AppOptions {
  db: Database;
  key: Buffer;
  dataDir: string;
  log?: (entry: Record<string, unknown>) => void;
  /**
   * Behind a reverse proxy: the proxies whose X-Forwarded-For is believed (fastify trustProxy: true, or
   * addresses / CIDR ranges). Without it the client's address is the socket's, which login
   * throttling keys on, and a forwarded header is ignored (a client could otherwise pick its address).
   */
  trustProxy?: boolean | string | string[];
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parse<T extends z.ZodType>(schema: T, v: unknown): z.infer<T> {
  const r = schema.safeParse(v ?? {});
  if (!r.success)
    throw new HttpError(
      400,
      'bad_request',
      r.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
        .join('; '),
    );
  return r.data;
}
function uuidParam(v: string, name: string): string {
  if (!UUID_RE.test(v)) throw new HttpError(400, 'bad_request', `${name} must be a UUID`);
  return v.toLowerCase();
}

export function buildApp(opts: AppOptions): FastifyInstance {
  const { db, key } = opts;
  const log = opts.log ?? ((e) => process.stdout.write(`${JSON.stringify(e)}\n`));
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    bodyLimit: LIMITS.maxBodyBytes,
    genReqId: () => crypto.randomUUID(),
    trustProxy: opts.trustProxy ?? false,
  });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: LIMITS.maxBlobBytes }, (_req, body, done) => done(null, body));
  // JSON bodies must be valid UTF-8: decoded leniently, invalid bytes would become U+FFFD and be stored
  // as if the laptop had sent them. Then fastify's own parser (__proto__ / constructor keys refused).
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      return done(new HttpError(400, 'bad_request', 'the body is not valid UTF-8'), undefined);
    }
    parseJson(req, text, done);
  });

  app.addHook('onResponse', async (req, reply) => {
    log({
      level: 'info',
      at: new Date().toISOString(),
      msg: 'request',
      reqId: req.id,
      method: req.method,
      route: req.routeOptions.url ?? 'unknown',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    });
  });
  app.setErrorHandler(async (err: any, req, reply) => {
    if (err instanceof HttpError && err.code === 'device_revoked') await proveRevocation(db, key, req, err);
    if (err instanceof HttpError) {
      if (typeof err.extra?.retryAfter === 'number') reply.header('retry-after', String(err.extra.retryAfter));
      return reply.code(err.statusCode).send({ error: err.code, message: err.message, ...err.extra });
    }
    if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return reply.code(413).send({ error: 'payload_too_large', message: 'the request body is too large' });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send({ error: 'bad_request', message: err.message });
    log({
      level: 'error',
      at: new Date().toISOString(),
      msg: 'internal error',
      reqId: req.id,
      route: req.routeOptions.url,
      code: err.code,
      error: String(err.message).slice(0, 300),
    });
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });

  /** The caller; with orgId, a device revoked in that org is refused too (403 device_revoked naming it). */
  const who = (req: FastifyRequest, orgId?: string): Promise<Identity> => authenticate(db, key, req.headers.authorization, orgId);
  const memberships = async (id: Identity) =>
    (
      await db.pool.query(
        `SELECT org_id AS "orgId" FROM org_memberships WHERE user_id = $1 AND deleted_at IS NULL AND coalesce(status,'active') = 'active' ORDER BY created_at`,
        [id.userId],
      )
    ).rows as { orgId: string }[];

  app.get('/healthz', async () => {
    await db.pool.query('SELECT 1');
    return { ok: true };
  });

  app.post('/v1/auth/login', async (req) => {
    const body = parse(LoginRequest, req.body);
    await assertPasswordLoginAllowed(db, key, body.email); // an org that signs in by SSO only (issue 15)
    return withServerKey(db, await login(db, key, body, req.id, req.ip));
  });
  app.post('/v1/auth/refresh', async (req) => {
    const token = parse(RefreshRequest, req.body).refreshToken;
    await ssoRefreshGate(db, key, token); // a device signed in by SSO asks its identity provider first (sso.ts)
    return refresh(db, key, token);
  });

  app.post('/v1/push', async (req) => {
    // The device row is checked inside push's own transaction (one round trip fewer).
    const id = verifyBearer(key, req.headers.authorization);
    const body = parse(PushRequest, req.body);
    await assertOrgWritable(db, body.orgId.toLowerCase()); // past the licence's grace: read-only, said in words (issue 15)
    // Membership in body.orgId is checked inside push's transaction (403 and a security event if not).
    const out = await push(
      db,
      { userId: id.userId, deviceId: id.deviceId, requestId: req.id },
      { ...body, orgId: body.orgId.toLowerCase(), clientId: body.clientId.toLowerCase() },
    );
    changes.emit('change');
    return out;
  });

  app.get('/v1/shape', async (req, reply) => {
    // The device is checked inside the shape's own transaction (shape.ts accessSql: one round trip
    // fewer); a request naming no org is checked here, before its org is looked up.
    const id = verifyBearer(key, req.headers.authorization);
    const ac = new AbortController();
    req.raw.on('close', () => ac.abort());
    const defaultOrg = async () => memberships(await who(req));
    const r = await readShape(db, id, defaultOrg, req.query as Record<string, unknown>, ac.signal);
    reply
      .code(r.status)
      .headers({ ...r.headers, 'access-control-expose-headers': 'electric-handle, electric-offset, electric-schema, electric-up-to-date, electric-cursor' });
    return r.body;
  });

  app.get('/v1/snapshot', async (req, reply) => {
    const id = verifyBearer(key, req.headers.authorization); // device checked in the read (as for shapes)
    const r = await readSnapshot(db, id, async () => memberships(await who(req)), req.query as Record<string, unknown>);
    reply.code(r.status).headers({ ...r.headers, 'access-control-expose-headers': 'electric-handle' });
    return reply.send(r.body);
  });

  // ---- admin (the org's owners/admins only; the device must not be revoked in that org)
  const orgParam = (req: FastifyRequest) => uuidParam((req.params as { orgId: string }).orgId, 'orgId');
  app.post<{ Params: { orgId: string } }>('/v1/orgs/:orgId/users', async (req, reply) => {
    const orgId = orgParam(req);
    const id = await who(req, orgId);
    await requireManager(db, id, orgId); // before the body is judged: a non-manager learns nothing from it
    const out = await createUser(db, id, orgId, parse(CreateUserRequest, req.body), req.id);
    changes.emit('change');
    return reply.code(out.status).send(out.body);
  });
  app.patch<{ Params: { orgId: string; userId: string } }>('/v1/orgs/:orgId/memberships/:userId', async (req) => {
    const orgId = orgParam(req);
    const id = await who(req, orgId);
    const out = await patchMembership(db, id, orgId, uuidParam(req.params.userId, 'userId'), parse(PatchMembershipRequest, req.body), req.id);
    changes.emit('change');
    return out;
  });
  app.get<{ Params: { orgId: string } }>('/v1/orgs/:orgId/devices', async (req) => {
    const orgId = orgParam(req);
    const stale = Number((req.query as Record<string, unknown>).staleDays ?? NaN);
    return { devices: await listDevices(db, await who(req, orgId), orgId, Number.isInteger(stale) && stale > 0 ? stale : undefined) };
  });
  app.post<{ Params: { orgId: string; deviceId: string } }>('/v1/orgs/:orgId/devices/:deviceId/revoke', async (req) => {
    const orgId = orgParam(req);
    return revokeDevice(db, await who(req, orgId), orgId, uuidParam(req.params.deviceId, 'deviceId'), req.id);
  });
  app.get<{ Params: { orgId: string } }>('/v1/orgs/:orgId/invitations', async (req) => {
    const orgId = orgParam(req);
    return { invitations: await listOrgInvitations(db, await who(req, orgId), orgId) };
  });
  app.delete<{ Params: { orgId: string; invitationId: string } }>('/v1/orgs/:orgId/invitations/:invitationId', async (req) => {
    const orgId = orgParam(req);
    return cancelInvitation(db, await who(req, orgId), orgId, uuidParam(req.params.invitationId, 'invitationId'), req.id);
  });
  app.get<{ Params: { orgId: string } }>('/v1/orgs/:orgId/audit', async (req) => {
    const orgId = orgParam(req);
    return listAudit(db, await who(req, orgId), orgId, parse(AuditQuery, req.query));
  });
  app.get<{ Params: { orgId: string } }>('/v1/orgs/:orgId/audit/verify', async (req) => {
    const orgId = orgParam(req);
    return verifyOrgAudit(db, await who(req, orgId), orgId);
  });

  // ---- the caller's own invitations (an existing user asked into another org: issue 13)
  app.get('/v1/invitations', async (req) => ({ invitations: await listMyInvitations(db, await who(req)) }));
  app.post<{ Params: { invitationId: string } }>('/v1/invitations/:invitationId/accept', async (req) => {
    const out = await answerInvitation(db, await who(req), uuidParam(req.params.invitationId, 'invitationId'), true, req.id);
    changes.emit('change');
    return out;
  });
  app.post<{ Params: { invitationId: string } }>('/v1/invitations/:invitationId/decline', async (req) =>
    answerInvitation(db, await who(req), uuidParam(req.params.invitationId, 'invitationId'), false, req.id),
  );

  // ---- blobs (?orgId= chooses the org; default: the caller's first membership)
  const blobOrg = async (req: FastifyRequest, id: Identity) => {
    const q = (req.query as Record<string, string | undefined>).orgId;
    const orgs = await memberships(id);
    const orgId = q ? uuidParam(q, 'orgId') : orgs[0]?.orgId;
    if (!orgId || !orgs.some((o) => o.orgId === orgId)) throw new HttpError(403, 'forbidden', 'not a member of this organization');
    await assertDevice(db, id, orgId); // a device revoked in this org reads and writes none of its blobs
    return orgId;
  };
  const blobDir = join(opts.dataDir, 'blobs');
  app.put<{ Params: { sha256: string } }>('/v1/blobs/:sha256', async (req, reply) => {
    const id = await who(req);
    if (!Buffer.isBuffer(req.body)) throw new HttpError(415, 'bad_request', 'send the bytes as application/octet-stream');
    const out = await putBlob(db, blobDir, id, await blobOrg(req, id), req.params.sha256, req.body);
    return reply.code(out.created ? 201 : 200).send(out);
  });
  app.get<{ Params: { sha256: string } }>('/v1/blobs/:sha256', async (req, reply) => {
    const id = await who(req);
    const orgId = await blobOrg(req, id);
    const b = await getBlob(db, blobDir, id, orgId, req.params.sha256);
    // A restricted document's bytes leaving the server are on the record (issue 14).
    await auditRestrictedBlobRead(db, id, orgId, req.params.sha256);
    return reply.header('content-type', 'application/octet-stream').header('content-length', b.size).send(b.stream);
  });
  // The same blobs by resumable upload (tus), checked as the PUT above (blobs.ts registerUploads).
  registerUploads(app, {
    db,
    dataDir: opts.dataDir,
    caller: async (req) => {
      const id = await who(req);
      return { who: id, orgId: await blobOrg(req, id) };
    },
  });
  registerLicenseRoutes(app, { db, key });
  registerPolicyRoutes(app, { db, key });
  registerSsoRoutes(app, { db, key });
  registerErasureRoutes(app, { db, dataDir: opts.dataDir, who });
  return app;
}
