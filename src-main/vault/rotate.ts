/**
 * Rotating the vault key (docs/keys.md, "Rotation"): a new random key, the database re-keyed, every
 * file key and every sealed secret in the database re-wrapped, and the key stores re-wrapped, with a
 * crash at any instant leaving a vault that opens with the old key or the new one and has lost nothing.
 *
 * How: while holding the database's write lock (readers carry on, writers wait), copy the database
 * file, re-key the copy (SQLite3 Multiple Ciphers' `PRAGMA rekey`, which it refuses on a WAL database in
 * place, and which on the live file would leave a half re-keyed database after a crash), re-wrap inside
 * the copy, verify it (every page read and authenticated under the new key, every table's row count equal
 * to the original's), fsync it; record the new key as `pending` in vault.json; rename the copy over the
 * database; make the pending key current. Unlocking settles a rotation cut off between those steps
 * (vault.ts, settleRotation). Blobs are untouched: a file's own key does not change, only its wrapping.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, fsyncSync, openSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../src-shared/errors';
import { openDatabase, UNRECORDED_CIPHER, type DB } from '../db/open';
import { open, seal, subkey, type Sealed } from './crypto';
import { fileKeyKek, hasStoredKek, newKek, storeKek } from './file-key-kek';
import {
  enroll,
  forgetStores,
  fsyncDir,
  keyCheckFor,
  keyIdOf,
  keyVersionOf,
  promote,
  ROTATING_SUFFIX,
  unlockVaultKey,
  writeVaultFile,
  type KeySources,
  type VaultFile,
} from './vault';

export type RotationStep = 'unlocked' | 'wrapped' | 'locked' | 'copied' | 'rekeyed' | 'rewrapped' | 'verified' | 'pending' | 'swapped' | 'committed';

export interface RotationOptions extends KeySources {
  /** Called at each step, with the bytes of database processed so far (for a progress bar). */
  onProgress?: (step: RotationStep, done: number, total: number) => void;
  /** Runs inside the re-keyed copy before it is verified (the caller's audit entry goes in there). */
  inNewDatabase?: (db: DB, from: { version: number; keyId: string }, to: { version: number; keyId: string }) => void;
}

export interface RotationResult {
  from: { version: number; keyId: string };
  to: { version: number; keyId: string };
  databaseBytes: number;
  /** File keys re-wrapped one by one: 0, unless this rotation moved an older vault onto a random wrapping key. */
  fileKeysRewrapped: number;
  secretsRewrapped: number;
  /** File keys now under the re-wrapped file-key wrapping key (all of the vault's). */
  fileKeys: number;
  ms: number;
}

/** How long to keep asking for a database whose log is empty (other processes writing) before giving up. */
const LOCK_ATTEMPTS = 20;

export async function rotateVaultKey(dataDir: string, opts: RotationOptions): Promise<RotationResult> {
  const started = Date.now();
  const { file, key: oldKey } = await unlockVaultKey(dataDir, opts);
  const progress = opts.onProgress ?? (() => undefined);
  const dbFile = join(dataDir, file.database);
  const total = statSync(dbFile).size;
  progress('unlocked', 0, total);
  const fromVersion = keyVersionOf(file);
  const from = { version: fromVersion, keyId: keyIdOf(oldKey) };
  const newKey = randomBytes(32);
  const to = { version: fromVersion + 1, keyId: keyIdOf(newKey) };
  // Every store must wrap the new key, or a store would be left unlocking nothing: asked for first,
  // before anything is written (Argon2id takes its second here, outside the database lock).
  const stores = [];
  for (const s of file.stores) {
    if (s.kind === 'passphrase' && opts.passphrase === undefined)
      throw new UserError('invalid_input', 'this vault is also protected by a passphrase: set CASEWORK_PASSPHRASE so it can wrap the new key');
    if (s.kind === 'safeStorage' && !opts.safeStorage)
      throw new UserError('keystore_unavailable', "this vault's key is also wrapped by the desktop app's safeStorage: rotate it from the app");
    stores.push(await enroll(s.kind, newKey, `${file.vaultId}:v${to.version}`, opts));
  }
  progress('wrapped', 0, total);

  const tmp = `${dbFile}${ROTATING_SUFFIX}`;
  rmSync(tmp, { force: true });
  const live = openDatabase({ file: dbFile, key: oldKey, cipher: file.cipher, migrate: false });
  let swapped = false;
  try {
    holdWithEmptyLog(live, dbFile);
    progress('locked', 0, total);
    // The write lock is held and the log is empty, so the file alone is the whole database and stays so.
    copyFileSync(dbFile, tmp);
    progress('copied', total, total);
    const counts = tableCounts(live);
    const copy = new Database(tmp, { fileMustExist: true });
    let rewrapped: { fileKeys: number; secrets: number; wrapped: number };
    let written: Record<string, number>;
    try {
      copy.pragma(`cipher='${file.cipher ?? UNRECORDED_CIPHER}'`);
      copy.pragma(`key="x'${oldKey.toString('hex')}'"`);
      // The copy is scratch until it is verified and renamed: no journal and no syncs while it is built
      // (a crash leaves a half-made scratch file that the next unlock deletes).
      copy.pragma('journal_mode = DELETE');
      copy.pragma('journal_mode = OFF');
      copy.pragma('synchronous = OFF');
      copy.pragma('cache_size = -65536');
      copy.pragma(`rekey="x'${newKey.toString('hex')}'"`);
      progress('rekeyed', total, total);
      sameRows(copy, counts);
      rewrapped = rewrapInside(copy, oldKey, newKey);
      copy
        .prepare("INSERT INTO vault_meta (key, value) VALUES ('key_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .run(String(to.version));
      opts.inNewDatabase?.(copy, from, to);
      // What the copy holds with the rotation's own rows (key version, audit entry): the file read back must hold it too.
      written = tableCounts(copy);
      progress('rewrapped', total, total);
    } finally {
      copy.close();
    }
    fsyncFile(tmp);
    // Read back from the file, not the re-key's page cache: every page authenticated under the new key
    // (quick_check) and every table's row count what was written (the original's, checked after the re-key, plus the rotation's own).
    verifyCopy(tmp, newKey, file.cipher ?? UNRECORDED_CIPHER, written);
    progress('verified', total, total);

    const withPending: VaultFile = {
      ...file,
      pending: { keyVersion: to.version, keyCreatedAt: new Date().toISOString(), stores, keyCheck: keyCheckFor(newKey) },
    };
    writeVaultFile(dataDir, withPending);
    progress('pending', total, total);
    renameSync(tmp, dbFile);
    fsyncDir(dataDir);
    swapped = true;
    progress('swapped', total, total);
    live.exec('ROLLBACK');
    live.close();
    const committed = promote(withPending);
    writeVaultFile(dataDir, committed);
    await forgetStores(file.stores, committed.stores);
    progress('committed', total, total);
    return {
      from,
      to,
      databaseBytes: total,
      fileKeysRewrapped: rewrapped.fileKeys,
      secretsRewrapped: rewrapped.secrets,
      fileKeys: rewrapped.wrapped,
      ms: Date.now() - started,
    };
  } catch (e) {
    if (!swapped) {
      // Nothing was swapped: the old key and database stay; the new key's traces go.
      if (live.open) {
        if (live.inTransaction) live.exec('ROLLBACK');
        live.close();
      }
      rmSync(tmp, { force: true });
      writeVaultFile(dataDir, { ...file, pending: undefined });
      await forgetStores(stores, file.stores);
    }
    throw e;
  }
}

/**
 * Take the write lock with nothing in the write-ahead log, so the database file is complete. A writer in
 * another process may have committed between the checkpoint and the lock: then let go and try again.
 */
function holdWithEmptyLog(db: DB, dbFile: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      /* busy: the size check below decides */
    }
    db.exec('BEGIN IMMEDIATE');
    const wal = `${dbFile}-wal`;
    if (!existsSync(wal) || statSync(wal).size === 0) return;
    db.exec('ROLLBACK');
    if (attempt >= LOCK_ATTEMPTS)
      throw new UserError('conflict', 'another program keeps writing to this vault; close Casework elsewhere and rotate again (nothing was changed)');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50 * attempt);
  }
}

/**
 * Re-wrap under the new vault key what the old one wrapped inside the database. A vault with a random
 * file-key wrapping key (file-key-kek.ts) has exactly one such value: that key, re-sealed in place, and
 * the file keys and sealed secrets it wraps stay as they are. A vault from before it moves onto one now,
 * once: a new random wrapping key, every document version's file key ("iv.tag.data", blob-store.ts) and
 * every sealed value in vault_meta (sync tokens: Core.keys.wrap) re-wrapped under it in one transaction.
 * A value that does not open under the old key is an error: it would be lost.
 */
function rewrapInside(db: Database.Database, oldKey: Buffer, newKey: Buffer): { fileKeys: number; secrets: number; wrapped: number } {
  const oldDerived = subkey(oldKey, 'file-keys');
  const reseal = (from: Buffer, to: Buffer, s: Sealed, what: string) => {
    try {
      return seal(to, open(from, s));
    } catch {
      throw new UserError('corrupt', `${what} is not wrapped by this vault's key; the rotation stopped and nothing was changed`);
    }
  };
  if (hasStoredKek(db)) {
    let kek: Buffer;
    try {
      kek = fileKeyKek(db, oldKey);
    } catch {
      throw new UserError('corrupt', "the file-key wrapping key is not wrapped by this vault's key; the rotation stopped and nothing was changed");
    }
    storeKek(db, newKey, kek);
    return { fileKeys: 0, secrets: 1, wrapped: wrappedFileKeys(db) };
  }
  const kek = newKek();
  let fileKeys = 0;
  let secrets = 0;
  db.transaction(() => {
    const hasVersions = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_versions'").get();
    if (hasVersions) {
      const update = db.prepare('UPDATE document_versions SET file_key = ? WHERE id = ?');
      for (const row of db.prepare('SELECT id, file_key FROM document_versions WHERE file_key IS NOT NULL').all() as Array<{ id: string; file_key: string }>) {
        const [iv, tag, data] = row.file_key.split('.');
        const s = reseal(oldDerived, kek, { iv, tag, data }, `the file key of document version ${row.id}`);
        update.run(`${s.iv}.${s.tag}.${s.data}`, row.id);
        fileKeys++;
      }
    }
    const setMeta = db.prepare('UPDATE vault_meta SET value = ? WHERE key = ?');
    for (const row of db.prepare('SELECT key, value FROM vault_meta').all() as Array<{ key: string; value: string }>) {
      const sealed = asSealed(row.value);
      if (!sealed) continue;
      setMeta.run(JSON.stringify(reseal(oldDerived, kek, sealed, `the sealed ${row.key} in vault_meta`)), row.key);
      secrets++;
    }
    storeKek(db, newKey, kek);
  })();
  return { fileKeys, secrets, wrapped: fileKeys };
}

function wrappedFileKeys(db: Database.Database): number {
  const hasVersions = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_versions'").get();
  return hasVersions ? (db.prepare('SELECT count(*) FROM document_versions WHERE file_key IS NOT NULL').pluck().get() as number) : 0;
}

function asSealed(value: string): Sealed | undefined {
  if (!value.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(value) as Record<string, unknown>;
    const keys = Object.keys(v).sort().join(',');
    return keys === 'data,iv,tag' && typeof v.iv === 'string' ? (v as unknown as Sealed) : undefined;
  } catch {
    return undefined;
  }
}

function tableCounts(db: DB | Database.Database): Record<string, number> {
  const out: Record<string, number> = {};
  // Virtual tables (full-text, vectors) are counted through their shadow tables, which are ordinary ones.
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
    .pluck()
    .all() as string[];
  for (const t of tables)
    out[t] = db
      .prepare(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`)
      .pluck()
      .get() as number;
  return out;
}

/** The same rows in every table as the database it was copied from. */
function sameRows(db: Database.Database, counts: Record<string, number>): void {
  const now = tableCounts(db);
  for (const [t, n] of Object.entries(counts)) {
    if (now[t] !== n) throw new Error(`the re-keyed copy has ${now[t]} rows in ${t}, the database ${n}`);
  }
}

function verifyCopy(tmp: string, key: Buffer, cipher: string, counts: Record<string, number>): void {
  const db = new Database(tmp, { fileMustExist: true, readonly: true });
  try {
    db.pragma(`cipher='${cipher}'`);
    db.pragma(`key="x'${key.toString('hex')}'"`);
    let check: unknown;
    try {
      check = db.pragma('quick_check', { simple: true });
    } catch (e) {
      throw new Error(`the re-keyed copy does not open with the new key (${(e as Error).message})`);
    }
    if (check !== 'ok') throw new Error(`the re-keyed copy fails its check (${String(check)})`);
    sameRows(db, counts);
  } finally {
    db.close();
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
