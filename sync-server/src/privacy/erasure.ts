/**
 * A person's erasure reaching the server and every laptop (issue 19; docs/privacy.md).
 *
 * The erasing laptop scrubs and tombstones the person's rows through its writer, so the scrub and the
 * delete arrive by the ordinary push. What a push cannot say comes here, after it, as an erasure notice
 * (ids and blob hashes only, never a value): POST /v1/orgs/:orgId/erasures, by an owner or admin. The
 * server then
 *  - drops its wrappings of the erased versions' file keys (file_keys): crypto-shredding, the blob stays
 *    encrypted under a key no one holds;
 *  - deletes the blobs no live document or version of the org still names, row and file;
 *  - records the erasure in its audit chain (event person_erased; ids and counts, no data), which is
 *    also the erasure log that laptops read: GET /v1/orgs/:orgId/erasures?after=SEQ, for every member,
 *    so each laptop purges its own copies (blobs, file keys, index, conflicts) at its next sync, and a
 *    laptop restored from a backup made before an erasure applies it again.
 * A retention run's expiry (retention-run.ts) is an entry of the same log (retention_expired).
 * The notice is refused (409) until the person's row on the server is erased or anonymised: otherwise the
 * server would log an erasure whose rows it still holds.
 */
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { membership, isManager } from '../access';
import { appendAudit, chainAudit } from '../audit';
import { HttpError, type Identity } from '../auth';
import type { Database, Tx } from '../db/postgres';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA_RE = /^[0-9a-f]{64}$/;
/** More rows than any one person's erasure touches; a bound so a notice cannot be made huge. */
const MAX_IDS = 20_000;

export interface ErasureNotice {
  erasureId: string;
  personId: string;
  mode: 'erase' | 'anonymise';
  /** Every row the erasure scrubbed or deleted (the person, their documents and versions, rows naming them, rows that quoted them). */
  rowIds: string[];
  /** The erased document versions: their file keys are destroyed everywhere. */
  versionIds: string[];
  /** The erased documents' blobs (SHA-256 of the ciphertext). */
  storageKeys: string[];
  /** Rows scrubbed but kept (a retention run's anonymised case and its people); the others are tombstoned. */
  keep?: string[];
}

export interface ErasureLogEntry extends ErasureNotice {
  seq: number;
  at: string;
}

function ids(v: unknown, name: string, re: RegExp): string[] {
  if (!Array.isArray(v) || v.length > MAX_IDS || !v.every((x) => typeof x === 'string' && re.test(x)))
    throw new HttpError(400, 'bad_request', `${name} must be a list of at most ${MAX_IDS} ${re === SHA_RE ? 'SHA-256 hex digests' : 'ids'}`);
  return [...new Set(v as string[])].map((x) => x.toLowerCase());
}

/** The notice as sent, checked: anything else is refused before anything changes. */
export function parseNotice(body: unknown): ErasureNotice {
  const b = (body ?? {}) as Record<string, unknown>;
  for (const k of ['erasureId', 'personId'])
    if (typeof b[k] !== 'string' || !UUID_RE.test(b[k] as string)) throw new HttpError(400, 'bad_request', `${k} must be an id`);
  if (b.mode !== 'erase' && b.mode !== 'anonymise') throw new HttpError(400, 'bad_request', "mode must be 'erase' or 'anonymise'");
  return {
    erasureId: (b.erasureId as string).toLowerCase(),
    personId: (b.personId as string).toLowerCase(),
    mode: b.mode,
    rowIds: ids(b.rowIds ?? [], 'rowIds', UUID_RE),
    versionIds: ids(b.versionIds ?? [], 'versionIds', UUID_RE),
    storageKeys: ids(b.storageKeys ?? [], 'storageKeys', SHA_RE),
  };
}

/** Whether the erasure is in the org's audit already (read as the server: the app role may only append to it). */
async function logged(db: Database, orgId: string, erasureId: string): Promise<boolean> {
  const q = `SELECT 1 FROM %T WHERE org_id = $1 AND event_type = 'person_erased' AND metadata->>'erasureId' = $2 LIMIT 1`;
  return db.withSystem(async (tx: Tx) => {
    for (const t of ['server_audit', 'server_audit_pending']) if ((await tx.query(q.replace('%T', t), [orgId, erasureId])).rowCount) return true;
    return false;
  });
}

export interface ErasureResult {
  erasureId: string;
  fileKeysDropped: number;
  blobsDeleted: number;
  alreadyApplied: boolean;
}

/** Apply a notice on the server (idempotent: the same erasure sent again changes nothing more). */
export async function applyErasureNotice(
  db: Database,
  blobDir: string,
  who: Identity,
  orgId: string,
  notice: ErasureNotice,
  requestId?: string,
): Promise<ErasureResult> {
  const gone: string[] = [];
  const already = await logged(db, orgId, notice.erasureId);
  const result = await db.withOrg(orgId, async (tx) => {
    const m = await membership(tx, who.userId, orgId);
    if (!m) throw new HttpError(403, 'forbidden', 'not a member of this organization');
    if (!isManager(m)) throw new HttpError(403, 'forbidden', 'only an owner or admin may erase a person');
    if (already) return { erasureId: notice.erasureId, fileKeysDropped: 0, blobsDeleted: 0, alreadyApplied: true };
    const p = await tx.query('SELECT deleted_at, first_name, last_name FROM persons WHERE id = $1 AND org_id = $2', [notice.personId, orgId]);
    const row = p.rows[0] as { deleted_at: Date | null; first_name: string; last_name: string } | undefined;
    const erased = row && (row.deleted_at !== null || (row.first_name === 'Erased' && row.last_name === 'Person'));
    if (!erased) throw new HttpError(409, 'conflict', 'the server still holds this person: push the erasure (casework sync) before its notice');
    const dropped = await shredFileKeys(tx, orgId, notice.versionIds);
    for (const sha of notice.storageKeys) {
      const used = await tx.query(
        `SELECT 1 FROM documents WHERE org_id = $1 AND storage_key = $2 AND deleted_at IS NULL
         UNION ALL SELECT 1 FROM document_versions WHERE org_id = $1 AND storage_key = $2 AND deleted_at IS NULL LIMIT 1`,
        [orgId, sha],
      );
      if (!used.rowCount) gone.push(sha);
    }
    await appendAudit(tx, orgId, {
      eventType: 'person_erased',
      table: 'persons',
      recordId: notice.personId,
      userId: who.userId,
      deviceId: who.deviceId,
      requestId: requestId ?? null,
      metadata: { ...notice, fileKeysDropped: dropped, blobsDeleted: gone.length },
    });
    return { erasureId: notice.erasureId, fileKeysDropped: dropped, blobsDeleted: gone.length, alreadyApplied: false };
  });
  if (gone.length) await deleteBlobs(db, blobDir, orgId, gone);
  return result;
}

/**
 * Destroy the server's wrappings of these versions' file keys, and remember them as destroyed (version 0,
 * no wrapping, as a pushed null does: keys/file-keys.ts) so that no later offer or push brings one back.
 * Returns how many wrappings there were.
 */
export async function shredFileKeys(tx: Tx, orgId: string, versionIds: string[]): Promise<number> {
  if (!versionIds.length) return 0;
  const known = (await tx.query('SELECT id FROM document_versions WHERE org_id = $1 AND id = ANY($2::uuid[])', [orgId, versionIds])).rows.map(
    (r) => r.id as string,
  );
  if (!known.length) return 0;
  const dropped =
    (await tx.query('DELETE FROM file_keys WHERE org_id = $1 AND version_id = ANY($2::uuid[]) AND key_version > 0', [orgId, known])).rowCount ?? 0;
  await tx.query(
    `INSERT INTO file_keys (version_id, org_id, key_version, key_id, wrapped) SELECT v, $1, 0, 'destroyed', '' FROM unnest($2::uuid[]) AS v ON CONFLICT (version_id) DO NOTHING`,
    [orgId, known],
  );
  return dropped;
}

/** The blob rows (the server's own table, not the app role's) and then their files; a file already gone is fine. */
export async function deleteBlobs(db: Database, blobDir: string, orgId: string, shas: string[]): Promise<void> {
  await db.withSystem((tx) => tx.query('DELETE FROM blobs WHERE org_id = $1 AND sha256 = ANY($2)', [orgId, shas]));
  for (const sha of shas) {
    try {
      unlinkSync(join(blobDir, orgId, sha));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

/** The org's erasures after `after` (an audit seq), oldest first, for any member's laptop. */
export async function listErasures(db: Database, who: Identity, orgId: string, after: number): Promise<ErasureLogEntry[]> {
  await chainAudit(db, orgId);
  const member = await db.withOrg(orgId, (tx) => membership(tx, who.userId, orgId));
  if (!member) throw new HttpError(403, 'forbidden', 'not a member of this organization');
  return db.withSystem(async (tx) => {
    const r = await tx.query(
      `SELECT seq, at, metadata FROM server_audit WHERE org_id = $1 AND event_type IN ('person_erased', 'retention_expired') AND seq > $2 ORDER BY seq LIMIT 1000`,
      [orgId, after],
    );
    return r.rows.map((x) => {
      const md = x.metadata as ErasureNotice;
      return {
        seq: Number(x.seq),
        at: new Date(x.at).toISOString(),
        erasureId: md.erasureId,
        personId: md.personId,
        mode: md.mode,
        rowIds: md.rowIds ?? [],
        versionIds: md.versionIds ?? [],
        storageKeys: md.storageKeys ?? [],
        ...(md.keep ? { keep: md.keep } : {}),
      };
    });
  });
}

export function registerErasureRoutes(
  app: FastifyInstance,
  opts: { db: Database; dataDir: string; who: (req: FastifyRequest, orgId?: string) => Promise<Identity> },
): void {
  const blobDir = join(opts.dataDir, 'blobs');
  const orgOf = (req: FastifyRequest) => {
    const orgId = (req.params as { orgId: string }).orgId;
    if (!UUID_RE.test(orgId)) throw new HttpError(400, 'bad_request', 'orgId must be an id');
    return orgId.toLowerCase();
  };
  app.post('/v1/orgs/:orgId/erasures', async (req, reply) => {
    const orgId = orgOf(req);
    const who = await opts.who(req, orgId);
    const notice = parseNotice(req.body);
    const r = await applyErasureNotice(opts.db, blobDir, who, orgId, notice, req.id);
    return reply.code(r.alreadyApplied ? 200 : 201).send(r);
  });
  app.get('/v1/orgs/:orgId/erasures', async (req) => {
    const orgId = orgOf(req);
    const who = await opts.who(req, orgId);
    const after = Number((req.query as Record<string, string | undefined>).after ?? 0);
    if (!Number.isInteger(after) || after < 0) throw new HttpError(400, 'bad_request', 'after must be a whole number (an audit seq)');
    return { erasures: await listErasures(opts.db, who, orgId, after) };
  });
}
