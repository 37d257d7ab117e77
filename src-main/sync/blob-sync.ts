/**
 * Documents' encrypted blobs moving with the rows that name them (issue 18). After a push, every blob a
 * document version of this vault names, whose row the server now holds and which this vault has not
 * sent yet, is uploaded through the resumable uploader (blob-upload.ts, tus): a connection cut part way
 * goes on from the server's offset, here or at the next sync. After a pull, every blob named by a
 * version row that is not on this laptop is fetched (GET /v1/blobs), checked against its SHA-256 and
 * written under its final name only whole. Blobs are ciphertext: nothing plain touches the disk.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { UserError } from '../../src-shared/errors';
import { API_PREFIX } from '../../src-shared/sync/protocol';
import type { Core } from '../core/core';
import { BLOB_NAME, blobFile, writeBlobFile } from '../core/blob-files';
import { uploadBlob, type UploadOptions } from './blob-upload';
import { authFetch, describeFailure } from './http';

/** vault_meta marks of blobs the server holds: <prefix><sha256>. */
const SENT = 'blob_sent:';

/**
 * Blobs of this vault's document versions that the server has the rows of (no pending outbox entry)
 * and that were not yet sent: the server accepts a blob only once a document it holds names it.
 */
function unsent(core: Core): string[] {
  const keys = core.db
    .prepare(
      `SELECT DISTINCT v.storage_key FROM document_versions v
        WHERE v.deleted_at IS NULL AND v.storage_key IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.status IN ('pending', 'rejected') AND o.table_name IN ('document_versions', 'documents')
                            AND o.row_id IN (v.id, v.document_id))
          AND NOT EXISTS (SELECT 1 FROM vault_meta m WHERE m.key = '${SENT}' || v.storage_key)`,
    )
    .pluck()
    .all() as string[];
  return keys.filter((sha) => BLOB_NAME.test(sha) && existsSync(blobFile(core.dataDir, sha)));
}

/** Upload every blob the server should now hold; returns how many went. Throws (to be retried) on a cut. */
export async function uploadPendingBlobs(core: Core, opts: UploadOptions = {}): Promise<number> {
  let n = 0;
  for (const sha of unsent(core)) {
    if (opts.signal?.aborted) break;
    try {
      await uploadBlob(core, sha, blobFile(core.dataDir, sha), opts);
    } catch (e) {
      // Refused (no document the server holds and this user may see names it, or its bytes are not
      // its name): that blob waits, asked again at the next sync; the others and the rows go on.
      // Unreachable or cut off: thrown, and the next attempt resumes from the server's offset.
      if (e instanceof UserError && (e.code === 'forbidden' || e.code === 'invalid_input')) continue;
      throw e;
    }
    core.setMeta(SENT + sha, '1');
    n++;
  }
  return n;
}

/** Blobs named by version rows that are not on this laptop. */
function missing(core: Core): string[] {
  const keys = core.db
    .prepare('SELECT DISTINCT storage_key FROM document_versions WHERE deleted_at IS NULL AND storage_key IS NOT NULL')
    .pluck()
    .all() as string[];
  return keys.filter((sha) => BLOB_NAME.test(sha) && !existsSync(blobFile(core.dataDir, sha)));
}

/**
 * Fetch every blob this laptop lacks. One the server does not hold yet (its author has not finished
 * uploading it: 404) is counted as waiting, for the caller to ask again; bytes that do not match their
 * name are never kept.
 */
export async function fetchMissingBlobs(core: Core, opts: { signal?: AbortSignal } = {}): Promise<{ fetched: number; waiting: number }> {
  let n = 0;
  let waiting = 0;
  if (opts.signal?.aborted) return { fetched: 0, waiting: 0 };
  for (const sha of missing(core)) {
    if (opts.signal?.aborted) break;
    const res = await authFetch(core, `${API_PREFIX}/blobs/${sha}?orgId=${core.actor.orgId}`, {}, { signal: opts.signal });
    if (res.status === 404) {
      await res.body?.cancel();
      waiting++;
      continue;
    }
    if (!res.ok) throw new Error(`blob ${sha.slice(0, 12)}… could not be fetched: ${await describeFailure(res)}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (createHash('sha256').update(bytes).digest('hex') !== sha) {
      // Damaged on the way or on the server: never kept; asked again later like one not there yet.
      waiting++;
      continue;
    }
    writeBlobFile(core.dataDir, sha, bytes);
    // Fetched from the server: it holds it, nothing to send back.
    core.setMeta(SENT + sha, '1');
    n++;
  }
  return { fetched: n, waiting };
}
