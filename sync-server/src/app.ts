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
import { HttpError, authenticate, login, refresh, verifyBearer, type Identity } from './auth';
import { push } from './push';
import { changes, readShape } from './shape';
import { readSnapshot } from './snapshot';
import { createUser, listAudit, listDevices, patchMembership, revokeDevice, verifyOrgAudit } from './admin';
import { getBlob, putBlob } from './blobs';

export interface AppOptions {
  db: Database;
  key: Buffer;
  dataDir: string;
  log?: (entry: Record<string, unknown>) => void;
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
  const app = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: LIMITS.maxBodyBytes, genReqId: () => crypto.randomUUID() });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: LIMITS.maxBlobBytes }, (_req, body, done) => done(null, body));

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
  app.setErrorHandler((err: any, req, reply) => {
    if (err instanceof HttpError) return reply.code(err.statusCode).send({ error: err.code, message: err.message });
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

  const who = (req: FastifyRequest): Promise<Identity> => authenticate(db, key, req.headers.authorization);
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

  app.post('/v1/auth/login', async (req) => login(db, key, parse(LoginRequest, req.body), req.id));
  app.post('/v1/auth/refresh', async (req) => refresh(db, key, parse(RefreshRequest, req.body).refreshToken));

  app.post('/v1/push', async (req) => {
    // The device row is checked inside push's own transaction (one round trip fewer).
    const id = verifyBearer(key, req.headers.authorization);
    const body = parse(PushRequest, req.body);
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

  // ---- admin
  app.post<{ Params: { orgId: string } }>('/v1/orgs/:orgId/users', async (req, reply) => {
    const id = await who(req);
    const out = await createUser(db, id, uuidParam(req.params.orgId, 'orgId'), parse(CreateUserRequest, req.body), req.id);
    changes.emit('change');
    return reply.code(201).send(out);
  });
  app.patch<{ Params: { orgId: string; userId: string } }>('/v1/orgs/:orgId/memberships/:userId', async (req) => {
    const id = await who(req);
    const out = await patchMembership(
      db,
      id,
      uuidParam(req.params.orgId, 'orgId'),
      uuidParam(req.params.userId, 'userId'),
      parse(PatchMembershipRequest, req.body),
      req.id,
    );
    changes.emit('change');
    return out;
  });
  app.get<{ Params: { orgId: string } }>('/v1/orgs/:orgId/devices', async (req) => ({
    devices: await listDevices(db, await who(req), uuidParam(req.params.orgId, 'orgId')),
  }));
  app.post<{ Params: { orgId: string; deviceId: string } }>('/v1/orgs/:orgId/devices/:deviceId/revoke', async (req) =>
    revokeDevice(db, await who(req), uuidParam(req.params.orgId, 'orgId'), uuidParam(req.params.deviceId, 'deviceId'), req.id),
  );
  app.get<{ Params: { orgId: string } }>('/v1/orgs/:orgId/audit', async (req) =>
    listAudit(db, await who(req), uuidParam(req.params.orgId, 'orgId'), parse(AuditQuery, req.query)),
  );
  app.get<{ Params: { orgId: string } }>('/v1/orgs/:orgId/audit/verify', async (req) =>
    verifyOrgAudit(db, await who(req), uuidParam(req.params.orgId, 'orgId')),
  );

  // ---- blobs (?orgId= chooses the org; default: the caller's first membership)
  const blobOrg = async (req: FastifyRequest, id: Identity) => {
    const q = (req.query as Record<string, string | undefined>).orgId;
    const orgs = await memberships(id);
    const orgId = q ? uuidParam(q, 'orgId') : orgs[0]?.orgId;
    if (!orgId || !orgs.some((o) => o.orgId === orgId)) throw new HttpError(403, 'forbidden', 'not a member of this organization');
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
    const b = await getBlob(db, blobDir, id, await blobOrg(req, id), req.params.sha256);
    return reply.header('content-type', 'application/octet-stream').header('content-length', b.size).send(b.stream);
  });
  return app;
}
