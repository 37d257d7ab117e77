/**
 * Opening the encrypted store. One connection per vault is the one writer (better-sqlite3 is
 * synchronous, so the process serialises writes for free); readers in worker threads open their own.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import * as sqliteVec from 'sqlite-vec';
import { existsSync } from 'node:fs';
import { UserError } from '../../src-shared/errors';
import { runMigrations } from './migrate';

export type DB = Database.Database;

/**
 * Page ciphers of SQLite3 Multiple Ciphers that a vault may use; both authenticate every page.
 *  - aegis: AEGIS-256 (AES-NI accelerated AEAD; a fresh random 256-bit nonce and a 256-bit tag per page
 *    write). The cipher of new vaults: on the mixed case workload it costs about what plain SQLite does
 *    (bench/store.ts), where SQLCipher costs 1.3-1.5x and none of its settings brings it near 1.15x.
 *  - sqlcipher: SQLCipher 4 (AES-256-CBC + HMAC-SHA512), readable by SQLCipher tools. The cipher of
 *    vaults made before AEGIS-256 became the default, and still a choice at creation.
 */
export const CIPHERS = ['sqlcipher', 'aegis'] as const;
export type Cipher = (typeof CIPHERS)[number];

/** What a new vault is created with unless asked otherwise. */
export const NEW_VAULT_CIPHER: Cipher = 'aegis';
/**
 * What a database whose description records no cipher uses: the first vault format (and backups made
 * then) had no cipher field because SQLCipher was the only one. Never change this: those vaults must
 * keep opening.
 */
export const UNRECORDED_CIPHER: Cipher = 'sqlcipher';

export interface OpenOptions {
  file: string;
  /** The raw 256-bit database key. */
  key: Buffer;
  /** The vault's recorded cipher; absent means UNRECORDED_CIPHER (never the new-vault default). */
  cipher?: Cipher;
  /** Create the file if it does not exist (only `casework init` and restore do). */
  create?: boolean;
  readonly?: boolean;
  migrate?: boolean;
}

/**
 * Open (or create) the encrypted database. A wrong key is reported as "wrong passphrase or
 * key" rather than SQLite's "file is not a database"; a file that is not a Casework database at all
 * (truncated, overwritten) is reported as corrupt.
 */
export function openDatabase(opts: OpenOptions): DB {
  if (opts.key.length !== 32) throw new Error('database key must be 32 bytes');
  const exists = existsSync(opts.file);
  if (!exists && !opts.create) {
    throw new UserError('vault_missing', `no Casework database at ${opts.file}`);
  }
  const db = new Database(opts.file, { readonly: opts.readonly ?? false, fileMustExist: !opts.create });
  try {
    const cipher = opts.cipher ?? UNRECORDED_CIPHER;
    if (!CIPHERS.includes(cipher)) throw new Error(`unknown cipher ${cipher}`);
    db.pragma(`cipher='${cipher}'`);
    // Raw key syntax: the key is used as is, no KDF (it is already 256 random bits).
    db.pragma(`key="x'${opts.key.toString('hex')}'"`);
    // Before the first read: another process may hold the vault (its WAL being recovered or checkpointed).
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'SQLITE_NOTADB') throw new UserError('wrong_key', 'wrong passphrase or key: this vault could not be decrypted');
      if (code === 'SQLITE_CORRUPT') throw new UserError('corrupt', `the vault database is damaged (${(e as Error).message}); restore it from a backup`);
      throw e;
    }
    tuneConnection(db, opts.readonly ?? false);
    sqliteVec.load(db);
    if (opts.migrate !== false && !opts.readonly) runMigrations(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * The connection settings every vault database gets after its key. Exported so that the store benchmark's
 * plain-SQLite reference runs with exactly the same ones.
 */
export function tuneConnection(db: DB, readonly = false): void {
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  // Temp tables and sort spills stay in memory: a temp file would be plaintext-adjacent scratch on disk.
  db.pragma('temp_store = MEMORY');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('cache_size = -65536');
}

/** How long SQLite waits for another connection's lock before answering SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;
/** Attempts at taking the write lock (each waits up to BUSY_TIMEOUT_MS) before giving up. */
const WRITE_LOCK_ATTEMPTS = 12;

const isBusy = (e: unknown) => /^SQLITE_BUSY/.test((e as { code?: string }).code ?? '');

/**
 * Run `fn` in a write transaction that takes the write lock when it begins (BEGIN IMMEDIATE), retrying
 * a busy start; nested in another transaction it is a savepoint of it. Why not better-sqlite3's default
 * (BEGIN DEFERRED): a deferred transaction that has read becomes a writer at its first write, and if
 * another process (a second `casework` on the same vault) committed meanwhile, SQLite answers
 * "database is locked" at once, without waiting, since that snapshot can never become the newest: a
 * live sync died of it. Taking the lock first means waiting (busy_timeout) instead; a lock held longer
 * than that is asked for again, up to WRITE_LOCK_ATTEMPTS times, and `fn` never runs twice (it is only
 * retried when BEGIN itself was refused, before `fn` started).
 */
export function writeTransaction<T>(db: DB, fn: () => T): T {
  if (db.inTransaction) return db.transaction(fn)();
  let started = false;
  const tx = db.transaction(() => {
    started = true;
    return fn();
  });
  for (let attempt = 1; ; attempt++) {
    try {
      return tx.immediate();
    } catch (e) {
      if (started || !isBusy(e) || attempt >= WRITE_LOCK_ATTEMPTS) throw e;
    }
  }
}

/** A WAL checkpoint that gives way to other processes on the vault (it is housekeeping, never worth an error). */
export function checkpointIfFree(db: DB, mode: 'PASSIVE' | 'TRUNCATE' = 'TRUNCATE'): void {
  try {
    db.pragma(`wal_checkpoint(${mode})`);
  } catch (e) {
    if (!isBusy(e)) throw e;
  }
}
