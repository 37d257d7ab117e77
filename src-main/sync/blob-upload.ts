/**
 * Sending a document's encrypted blob to the firm's server, resumably: the tus protocol against the
 * server's /v1/uploads (sync-server/src/blobs.ts registerUploads) through tus-js-client. POST creates an
 * upload named by the blob's SHA-256 (its address), PATCH streams the file from an offset, HEAD asks how
 * many bytes the server kept. A connection lost part way is retried from the server's offset, not from
 * zero; the upload's URL is kept in the vault (vault_meta, encrypted like the rest), so a laptop that
 * quit part way resumes the same upload the next time. The server hashes the whole blob when the last
 * byte arrives and serves it to other devices only then.
 */
import { createReadStream, statSync } from 'node:fs';
import type { DetailedError, HttpRequest, PreviousUpload, UrlStorage } from 'tus-js-client';
import { UserError } from '../../src-shared/errors';
import { API_PREFIX } from '../../src-shared/sync/protocol';
import type { Core } from '../core/core';
import { ServerUnreachableError, refresh } from './http';
import { readTokens, requireServer } from './session';

const SHA256 = /^[0-9a-f]{64}$/;
/** vault_meta keys of uploads in progress: <prefix><fingerprint>. */
const STORED = 'tus_upload:';
/** Waits before each retry of a failed request (then the upload fails and the next sync resumes it). */
const RETRY_DELAYS = [0, 500, 1_000, 2_000, 5_000, 10_000, 20_000];

export interface UploadOptions {
  /** Progress of the bytes the server acknowledged. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** Waits before retries (ms); [] fails at the first lost connection (the next call resumes). */
  retryDelays?: number[];
}

export interface UploadResult {
  size: number;
  /** The offset each PATCH started from: [0] for one go; a resumed upload adds where it went on from. */
  patchOffsets: number[];
}

/**
 * tus-js-client's record of unfinished uploads, in the encrypted vault rather than a JSON file beside
 * it (an upload URL and the blob's address are not personal, but nothing of a vault is kept in the clear).
 */
function vaultUrlStorage(core: Core): UrlStorage {
  const rows = (fingerprint?: string): PreviousUpload[] =>
    (
      core.db
        .prepare(`SELECT key, value FROM vault_meta WHERE key ${fingerprint === undefined ? "LIKE 'tus_upload:%'" : '= ?'}`)
        .all(...(fingerprint === undefined ? [] : [STORED + fingerprint])) as { key: string; value: string }[]
    ).map((r) => ({ ...(JSON.parse(r.value) as PreviousUpload), urlStorageKey: r.key }));
  return {
    findAllUploads: async () => rows(),
    findUploadsByFingerprint: async (fingerprint) => rows(fingerprint),
    removeUpload: async (key) => void core.db.prepare('DELETE FROM vault_meta WHERE key = ?').run(key),
    addUpload: async (fingerprint, upload) => {
      // One upload per blob: a newer one replaces the record of an older one.
      core.setMeta(STORED + fingerprint, JSON.stringify({ ...upload, urlStorageKey: undefined }));
      return STORED + fingerprint;
    },
  };
}

const statusOf = (e: unknown) => (e as DetailedError).originalResponse?.getStatus?.() ?? 0;

/**
 * Upload the blob in `file` (the ciphertext whose SHA-256 is `sha256`) to this vault's server for its
 * org. A document of the org that the signed-in user may see must name the blob (storage_key), as for
 * PUT /v1/blobs. Resolves once the server holds the whole, verified blob.
 */
export async function uploadBlob(core: Core, sha256: string, file: string, opts: UploadOptions = {}): Promise<UploadResult> {
  if (!SHA256.test(sha256)) throw new UserError('invalid_input', 'a blob is named by its lowercase hex SHA-256');
  const server = requireServer(core);
  const orgId = core.actor.orgId;
  const size = statSync(file).size;
  const patchOffsets: number[] = [];
  let refreshNeeded = false;
  let refreshed = false;
  // Loaded on the first upload, not with the core: most starts upload nothing.
  const { Upload } = await import('tus-js-client');
  return new Promise<UploadResult>((resolve, reject) => {
    const upload = new Upload(createReadStream(file), {
      endpoint: `${server}${API_PREFIX}/uploads?orgId=${orgId}`,
      uploadSize: size,
      metadata: { sha256 },
      retryDelays: opts.retryDelays ?? RETRY_DELAYS,
      urlStorage: vaultUrlStorage(core),
      // The same blob to the same server and org is the same upload, whatever file holds it now.
      fingerprint: async () => `${server}|${orgId}|${sha256}`,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onBeforeRequest: async (req: HttpRequest) => {
        if (refreshNeeded) {
          refreshNeeded = false;
          await refresh(core, server);
        }
        const tokens = readTokens(core);
        if (!tokens) throw new UserError('forbidden', 'not logged in: run `casework login --server URL --email EMAIL`');
        req.setHeader('Authorization', `Bearer ${tokens.accessToken}`);
        if (req.getMethod() === 'PATCH') patchOffsets.push(Number(req.getHeader('Upload-Offset')));
      },
      onShouldRetry: (err, attempt) => {
        const status = statusOf(err);
        // An expired access token: refresh once (before the retried request), then go on.
        if (status === 401 && !refreshed) return (refreshed = refreshNeeded = true);
        if (opts.signal?.aborted) return false;
        return attempt < (opts.retryDelays ?? RETRY_DELAYS).length && (status === 0 || status === 409 || status === 423 || status >= 500);
      },
      onProgress: (sent, total) => opts.onProgress?.(sent, total),
      onSuccess: () => resolve({ size, patchOffsets }),
      onError: (err) => {
        const status = statusOf(err);
        if (status === 403) reject(new UserError('forbidden', `the server refused blob ${sha256}: no document you may see names it`));
        else if (status === 400) reject(new UserError('invalid_input', `the server refused blob ${sha256}: ${err.message.split('\n')[0]}`));
        else if (status === 413) reject(new UserError('invalid_input', `blob ${sha256} is larger than the server accepts`));
        // Unreachable or cut off: what the server kept stays, and the next call goes on from there.
        else reject(new ServerUnreachableError(server, err.message.split('\n')[0]!));
      },
    });
    opts.signal?.addEventListener('abort', () => void upload.abort(false).then(() => reject(opts.signal!.reason)), {
      once: true,
    });
    // An upload of this blob left unfinished earlier (this run or a previous one) goes on from the server's offset.
    upload
      .findPreviousUploads()
      .then((previous) => {
        if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      })
      .catch(reject);
  });
}
