/**
 * Blobs: the encrypted bytes of documents (PUT/GET /v1/blobs/:sha256). Content-addressed by the SHA-256
 * of the ciphertext (documents.storage_key / document_versions.storage_key); the server verifies the
 * hash and the size limit, and serves or accepts a blob only when the caller may see a document or
 * document version of their org that names it. Files live under <data>/blobs/<org>/<sha256>, written
 * to a temp file and renamed so a crash never leaves a partial blob under its final name.
 *
 * Large blobs also arrive through resumable uploads (the tus protocol, /v1/uploads: registerUploads
 * below): an upload cut off part way resumes from the last byte the server kept. Its bytes wait under
 * <data>/uploads, never under blobs/, and become the blob only once complete, hashed and checked, so no
 * device ever reads a partial blob.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, existsSync, createReadStream, renameSync, writeFileSync, unlinkSync, statSync, chmodSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Server as TusServer, type Upload } from '@tus/server';
import { FileStore } from '@tus/file-store';
import { LIMITS } from '../../src-shared/sync/protocol';
import type { Database } from './db/postgres';
import { membership, shapeFilter } from './access';
import { HttpError, type Identity } from './auth';
import { loadOrgRoles, readPlan } from './policy';

export const SHA256_RE = /^[0-9a-f]{64}$/;

async function mayAccess(db: Database, who: Identity, orgId: string, sha: string): Promise<boolean> {
  return db.withOrg(orgId, async (tx) => {
    const found = await membership(tx, who.userId, orgId);
    if (!found) return false;
    const m = await loadOrgRoles(tx, found);
    for (const table of ['documents', 'document_versions']) {
      const f = shapeFilter(table, m);
      // The policy's rows (policy.ts): an admin_only document's blob reaches owner and admin only.
      const plan = readPlan(table, m);
      const r = await tx.query(
        `SELECT 1 FROM "${table}" t ${plan.join} WHERE ${f.sql} AND ${plan.where} AND t.storage_key = $3 AND t.deleted_at IS NULL LIMIT 1`,
        [...f.params, sha],
      );
      if (r.rowCount) return true;
    }
    return false;
  });
}

export async function putBlob(
  db: Database,
  dir: string,
  who: Identity,
  orgId: string,
  sha: string,
  body: Buffer,
): Promise<{ sha256: string; size: number; created: boolean }> {
  if (!SHA256_RE.test(sha)) throw new HttpError(400, 'bad_request', 'the blob name must be a lowercase hex SHA-256');
  if (body.length > LIMITS.maxBlobBytes) throw new HttpError(413, 'payload_too_large');
  if (!(await mayAccess(db, who, orgId, sha))) throw new HttpError(403, 'forbidden', 'no visible document names this blob');
  const actual = createHash('sha256').update(body).digest('hex');
  if (actual !== sha) throw new HttpError(400, 'bad_request', 'the bytes do not match their SHA-256');
  const folder = join(dir, orgId);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const target = join(folder, sha);
  if (existsSync(target)) return { sha256: sha, size: body.length, created: false };
  const tmp = join(folder, `.${sha}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, body, { mode: 0o600 });
    renameSync(tmp, target);
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
  await db.withOrg(orgId, (tx) => tx.query('INSERT INTO blobs (sha256, org_id, size) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [sha, orgId, body.length]));
  return { sha256: sha, size: body.length, created: true };
}

export async function getBlob(db: Database, dir: string, who: Identity, orgId: string, sha: string): Promise<{ stream: Readable; size: number }> {
  if (!SHA256_RE.test(sha)) throw new HttpError(400, 'bad_request', 'the blob name must be a lowercase hex SHA-256');
  if (!(await mayAccess(db, who, orgId, sha))) throw new HttpError(404, 'not_found', 'no such blob');
  const file = join(dir, orgId, sha);
  if (!existsSync(file)) throw new HttpError(404, 'not_found', 'no such blob');
  return { stream: createReadStream(file), size: statSync(file).size };
}

// ---- resumable uploads (tus 1.0.0: POST creates, HEAD tells the offset, PATCH appends) ----------------
export const UPLOADS_PATH = '/v1/uploads';
const UPLOAD_ID = /^[0-9a-f]{32}$/;
/** An upload left unfinished this long is forgotten (cleanUpExpiredUploads at start). */
const UPLOAD_EXPIRY_MS = 24 * 3600_000;

interface UploadCaller {
  who: Identity;
  orgId: string;
}

/** A tus refusal: the server answers it as is (status and one line). */
const refusal = (status_code: number, body: string) => ({ status_code, body: `${body}\n` });

async function sha256OfFile(file: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(file), h);
  return h.digest('hex');
}

/**
 * /v1/uploads[?orgId=O] and /v1/uploads/<id>?orgId=O: resumable uploads of blobs with the same checks
 * as PUT /v1/blobs/:sha256. Every request is authenticated and its org checked (membership, device not
 * revoked in it) by `caller` before tus sees it. Creating one needs Upload-Length (at most
 * LIMITS.maxBlobBytes) and Upload-Metadata `sha256 <base64 of the lowercase hex SHA-256>` naming a blob
 * a document the caller may see names; only the uploading user in that org may read its offset or
 * append to it (anyone else: 404). When the last byte arrives the bytes are hashed: a mismatch (400)
 * or an access lost meanwhile (403) discards them; otherwise they are moved (rename, same disk) to
 * blobs/<org>/<sha256> and recorded, and only then does GET /v1/blobs serve them. GET of an upload is
 * not served. Uploads are kept on this instance's disk: instances behind a load balancer share the
 * data folder, or the balancer keeps a laptop's uploads on one instance.
 */
export function registerUploads(
  app: FastifyInstance,
  o: { db: Database; dataDir: string; caller: (req: FastifyRequest) => Promise<UploadCaller> },
): { close(): void } {
  const { db } = o;
  const blobDir = join(o.dataDir, 'blobs');
  const uploadDir = join(o.dataDir, 'uploads');
  mkdirSync(uploadDir, { recursive: true, mode: 0o700 });
  const callers = new WeakMap<IncomingMessage, UploadCaller>();
  // tus hands its hooks a web Request wrapping the Node one (srvx: runtime.node.req).
  const callerOf = (req: object): UploadCaller => {
    const raw = (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
    const c = raw && callers.get(raw);
    if (!c) throw refusal(401, 'unauthorized');
    return c;
  };
  const store = new FileStore({ directory: uploadDir, expirationPeriodInMilliseconds: UPLOAD_EXPIRY_MS });
  const tus = new TusServer({
    path: UPLOADS_PATH,
    datastore: store,
    maxSize: LIMITS.maxBlobBytes,
    allowedOrigins: () => false, // no browser origin: laptops are not web pages
    disableTerminationForFinishedUploads: true,
    namingFunction: () => randomBytes(16).toString('hex'),
    // A relative Location carrying the org, so every later request of the upload is checked like the first.
    generateUrl: (req, { path, id }) => `${path}/${id}?orgId=${callerOf(req).orgId}`,
    getFileIdFromRequest: (req) => {
      const last = new URL(req.url).pathname.split('/').pop() ?? '';
      return UPLOAD_ID.test(last) ? last : undefined;
    },
    onUploadCreate: async (req, upload) => {
      const c = callerOf(req);
      const sha = upload.metadata?.sha256 ?? '';
      if (!SHA256_RE.test(sha)) throw refusal(400, 'Upload-Metadata must name the blob: sha256 <lowercase hex SHA-256>');
      if (upload.sizeIsDeferred) throw refusal(400, 'Upload-Length is required');
      if (!(await mayAccess(db, c.who, c.orgId, sha))) throw refusal(403, 'no visible document names this blob');
      // Only what the server decided is kept with the upload (nothing else the client sent).
      return { metadata: { sha256: sha, orgId: c.orgId, userId: c.who.userId } };
    },
    onIncomingRequest: async (req, uploadId) => {
      if (req.method === 'POST') return; // creation is checked by onUploadCreate
      const c = callerOf(req);
      const upload = await store.getUpload(uploadId).catch(() => undefined);
      // Another user's upload answers as a missing one.
      if (!upload || upload.metadata?.userId !== c.who.userId || upload.metadata?.orgId !== c.orgId) throw refusal(404, 'no such upload');
    },
    onUploadFinish: async (req, upload) => {
      await completeUpload(db, blobDir, uploadDir, callerOf(req), upload);
      return {};
    },
  });
  void tus.cleanUpExpiredUploads().catch(() => {});

  // tus reads the PATCH body itself, as it arrives (fastify must not buffer 100 MB).
  app.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null, undefined));
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    callers.set(req.raw, await o.caller(req));
    reply.hijack();
    await tus.handle(req.raw, reply.raw);
  };
  for (const url of [UPLOADS_PATH, `${UPLOADS_PATH}/:id`]) app.route({ method: ['POST', 'HEAD', 'PATCH', 'DELETE'], url, handler });
  return { close: () => tus.removeAllListeners() };
}

/** The last byte is in: check the bytes are the blob they claim to be, then make them that blob. */
async function completeUpload(db: Database, blobDir: string, uploadDir: string, c: UploadCaller, upload: Upload): Promise<void> {
  const file = join(uploadDir, upload.id);
  const sha = upload.metadata?.sha256 ?? '';
  const orgId = upload.metadata?.orgId ?? '';
  try {
    if ((await sha256OfFile(file)) !== sha) throw refusal(400, 'the bytes do not match their SHA-256');
    if (orgId !== c.orgId || !(await mayAccess(db, c.who, orgId, sha))) throw refusal(403, 'no visible document names this blob');
    const folder = join(blobDir, orgId);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const target = join(folder, sha);
    if (!existsSync(target)) {
      chmodSync(file, 0o600);
      renameSync(file, target); // same disk: the blob appears whole or not at all
    }
    await db.withOrg(orgId, (tx) => tx.query('INSERT INTO blobs (sha256, org_id, size) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [sha, orgId, upload.size]));
  } finally {
    rmSync(file, { force: true });
    rmSync(`${file}.json`, { force: true });
  }
}
