/**
 * The encrypted document store. Each file is encrypted with its own random AES-256-GCM key; the key is
 * wrapped by a subkey of the vault key and kept in the (encrypted) database beside the version row
 * (core/file-keys.ts; how the key reaches the firm's other laptops through the server is said there). The
 * blob is addressed by the SHA-256 of its ciphertext (what blob sync moves and the server can verify
 * without the key); the plaintext's SHA-256 is the version's checksum and is used to deduplicate.
 *
 * Writes are atomic: ciphertext goes to a temp file in the same folder, is fsynced, renamed into place
 * and the folder fsynced, so a crash leaves the old state or the new one, never half a file. Nothing but
 * ciphertext ever touches the disk.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { UserError } from '../../src-shared/errors';
import type { Core } from '../core/core';
import { BLOB_NAME, blobFile, writeBlobFile } from '../core/blob-files';
import { unwrapFileKey as unwrapKey, wrapFileKey as wrapKey } from '../core/file-keys';

const MAGIC = Buffer.from('CWB1');
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface StoredBlob {
  /** sha256 of the ciphertext file: the blob's address. */
  storageKey: string;
  /** sha256 of the plain bytes. */
  checksum: string;
  /** The file key, wrapped by the vault (compact "iv.tag.data", base64). */
  fileKey: string;
  size: number;
}

function blobPath(core: Core, storageKey: string): string {
  if (!BLOB_NAME.test(storageKey)) throw new UserError('invalid_input', 'not a blob address');
  return blobFile(core.dataDir, storageKey);
}

/** Encrypt and store plain bytes; returns where they are and the wrapped key. */
export function putBlob(core: Core, plain: Buffer): StoredBlob {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(MAGIC);
  const body = Buffer.concat([c.update(plain), c.final()]);
  const file = Buffer.concat([MAGIC, iv, c.getAuthTag(), body]);
  const storageKey = sha256(file);
  const path = blobPath(core, storageKey);
  if (!existsSync(path)) writeBlobFile(core.dataDir, storageKey, file);
  return { storageKey, checksum: sha256(plain), fileKey: wrapKey(core, key), size: plain.length };
}

/** Decrypt a stored blob into memory (never to disk); fails clearly when it is missing or altered. */
export function getBlob(core: Core, storageKey: string, fileKey: string): Buffer {
  const path = blobPath(core, storageKey);
  if (!existsSync(path)) throw new UserError('not_found', `the file's encrypted content is not on this device yet (${storageKey.slice(0, 12)}…)`);
  const file = readFileSync(path);
  if (sha256(file) !== storageKey || !file.subarray(0, 4).equals(MAGIC))
    throw new UserError('corrupt', 'the stored file is damaged (its checksum does not match)');
  const d = createDecipheriv('aes-256-gcm', unwrapKey(core, fileKey), file.subarray(4, 16));
  d.setAAD(MAGIC);
  d.setAuthTag(file.subarray(16, 32));
  try {
    return Buffer.concat([d.update(file.subarray(32)), d.final()]);
  } catch {
    throw new UserError('corrupt', 'the stored file could not be decrypted (damaged, or a different vault key)');
  }
}
