/**
 * Blobs: the encrypted bytes of documents (PUT/GET /v1/blobs/:sha256). Content-addressed by the SHA-256
 * of the ciphertext (documents.storage_key / document_versions.storage_key); the server verifies the
 * hash and the size limit, and serves or accepts a blob only when the caller may see a document or
 * document version of their org that names it. Files live under <data>/blobs/<org>/<sha256>, written
 * to a temp file and renamed so a crash never leaves a partial blob under its final name.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, existsSync, createReadStream, renameSync, writeFileSync, unlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
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
