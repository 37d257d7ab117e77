/**
 * Where a vault keeps its encrypted blobs, blobs/<first two hex>/<sha256>.cwb, and how one is written.
 * The layout is the vault's: documents (which encrypts and reads them) and sync (which sends and fetches
 * them) both use it from here, since neither domain may import the other.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** A blob is named by the lowercase hex SHA-256 of its encrypted bytes. */
export const BLOB_NAME = /^[0-9a-f]{64}$/;

const blobDir = (dataDir: string, sha: string) => join(dataDir, 'blobs', sha.slice(0, 2));

export function blobFile(dataDir: string, sha: string): string {
  return join(blobDir(dataDir, sha), `${sha}.cwb`);
}

/** Write a blob whole or not at all: a temporary file, fsync, rename, then the folder fsynced. */
export function writeBlobFile(dataDir: string, sha: string, bytes: Buffer): void {
  const dir = blobDir(dataDir, sha);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${sha}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, blobFile(dataDir, sha));
  } finally {
    rmSync(tmp, { force: true });
  }
  const dfd = openSync(dir, 'r');
  try {
    fsyncSync(dfd);
  } finally {
    closeSync(dfd);
  }
}
