/**
 * A vault is a data folder: vault.json (which key stores hold the key; never the key itself),
 * casework.db (encrypted page by page, with the cipher vault.json records), blobs/ (encrypted documents). This module creates and unlocks it.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, fsyncSync, openSync, closeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import { passphraseProblem } from '../../src-shared/passphrase';
import { open, seal, subkey, type Sealed } from './crypto';
import { BUSY_TIMEOUT_MS, CIPHERS, NEW_VAULT_CIPHER, UNRECORDED_CIPHER, type Cipher } from '../db/open';
import {
  enrollKeychain,
  enrollPassphrase,
  forgetKeychain,
  enrollSafeStorage,
  kdfIsCurrent,
  unlockKeychain,
  unlockPassphrase,
  unlockSafeStorage,
  type Enrollment,
  type KeyStoreKind,
  type SafeStorageLike,
} from './keystores';

export const VAULT_FILE = 'vault.json';
export const DB_FILE = 'casework.db';
const FORMAT = 'casework-vault/1';
const CHECK = Buffer.from('casework vault key check');

export interface VaultFile {
  format: typeof FORMAT;
  vaultId: string;
  createdAt: string;
  database: string;
  /**
   * The page cipher of the database, written at creation so the vault keeps opening whatever later
   * versions make the default; absent means sqlcipher (the first format: see UNRECORDED_CIPHER).
   */
  cipher?: Cipher;
  stores: Enrollment[];
  keyCheck: Sealed;
  /**
   * The vault key's version: 1 for the key a vault was created with (absent in vaults made before keys
   * rotated), one more at each rotation. `stores` and `keyCheck` always wrap this version.
   */
  keyVersion?: number;
  /** When this version was made (absent: the vault's createdAt). */
  keyCreatedAt?: string;
  /**
   * A rotation under way (docs/keys.md): the next version's key wrapped by the same stores, written
   * before the database is swapped. Unlocking settles it: the database opens with one of the two keys,
   * and that one stays.
   */
  pending?: PendingKey;
}

export interface PendingKey {
  keyVersion: number;
  keyCreatedAt: string;
  stores: Enrollment[];
  keyCheck: Sealed;
}

/** The suffix of the re-keyed copy of the database a rotation builds before it swaps it in. */
export const ROTATING_SUFFIX = '.rotate';

const sealedSchema = z.object({ iv: z.string(), tag: z.string(), data: z.string() });
const storesSchema = z
  .array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('safeStorage'), wrapped: z.string() }),
      z.object({ kind: z.literal('keychain'), service: z.string(), account: z.string() }),
      z.object({
        kind: z.literal('passphrase'),
        kdf: z.object({
          name: z.literal('argon2id'),
          salt: z.string(),
          memoryCost: z.number().int().positive(),
          timeCost: z.number().int().positive(),
          parallelism: z.number().int().positive(),
        }),
        sealed: sealedSchema,
      }),
    ]),
  )
  .min(1);
const vaultFileSchema = z.object({
  format: z.literal(FORMAT),
  vaultId: z.string().min(1),
  createdAt: z.string(),
  database: z.string().regex(/^[\w.-]+$/),
  cipher: z.enum(CIPHERS).optional(),
  stores: storesSchema,
  keyCheck: sealedSchema,
  keyVersion: z.number().int().positive().optional(),
  keyCreatedAt: z.string().optional(),
  pending: z.object({ keyVersion: z.number().int().positive(), keyCreatedAt: z.string(), stores: storesSchema, keyCheck: sealedSchema }).optional(),
});

export interface KeySources {
  passphrase?: string;
  safeStorage?: SafeStorageLike;
  /** Which store to enroll at creation; default: passphrase when given, else keychain. */
  prefer?: KeyStoreKind;
  /** The database page cipher of a new vault (default NEW_VAULT_CIPHER, AEGIS-256). */
  cipher?: Cipher;
}

export function vaultExists(dataDir: string): boolean {
  return existsSync(join(dataDir, VAULT_FILE)) || existsSync(join(dataDir, DB_FILE));
}

export function writeFileAtomic(file: string, content: string | Buffer, mode = 0o600): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content, { mode });
  const fd = openSync(tmp, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, file);
  fsyncDir(dirname(file));
}

/** A rename is durable only once its folder is synced. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function readVaultFile(dataDir: string): VaultFile {
  const file = join(dataDir, VAULT_FILE);
  if (!existsSync(file)) {
    if (existsSync(join(dataDir, DB_FILE))) {
      throw new UserError(
        'keystore_unavailable',
        `${file} is missing but the vault database is there: its key store record is gone. Restore vault.json or the whole vault from a backup; Casework will not create a new vault over it.`,
      );
    }
    throw new UserError('vault_missing', `no Casework vault in ${dataDir}: run "casework init --data ${dataDir}" first`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new UserError('corrupt', `${file} is not valid JSON; restore it from a backup`);
  }
  const r = vaultFileSchema.safeParse(parsed);
  if (!r.success) throw new UserError('corrupt', `${file} is not a Casework vault description; restore it from a backup`);
  return r.data as VaultFile;
}

/** The key stores that hold a wrapping of this vault's key, in the order they were enrolled (no secrets). */
export function keyStoreKinds(dataDir: string): KeyStoreKind[] {
  return readVaultFile(dataDir).stores.map((st) => st.kind);
}

/** Enroll `key` in one store. `vaultId` names its keychain entry: a later key version gets an entry of its own. */
export async function enroll(kind: KeyStoreKind, key: Buffer, vaultId: string, src: KeySources): Promise<Enrollment> {
  switch (kind) {
    case 'passphrase':
      if (!src.passphrase) throw new UserError('invalid_input', 'a passphrase is required (set CASEWORK_PASSPHRASE)');
      const weak = passphraseProblem(src.passphrase);
      if (weak) throw new UserError('invalid_input', `passphrase: ${weak}`);
      return enrollPassphrase(key, src.passphrase);
    case 'keychain':
      return enrollKeychain(key, vaultId);
    case 'safeStorage':
      if (!src.safeStorage) throw new UserError('keystore_unavailable', 'safeStorage exists only in the desktop app');
      return enrollSafeStorage(key, src.safeStorage);
  }
}

/** Create the key and vault.json. The database itself is created by the core (createVault). */
export async function createVaultFile(dataDir: string, src: KeySources): Promise<{ file: VaultFile; key: Buffer }> {
  if (vaultExists(dataDir)) throw new UserError('vault_exists', `a Casework vault already exists in ${dataDir}; nothing was changed`);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  const vaultId = randomUUID();
  const kind: KeyStoreKind = src.prefer ?? (src.passphrase ? 'passphrase' : src.safeStorage ? 'safeStorage' : 'keychain');
  const file: VaultFile = {
    format: FORMAT,
    vaultId,
    createdAt: new Date().toISOString(),
    database: DB_FILE,
    cipher: src.cipher ?? NEW_VAULT_CIPHER,
    stores: [await enroll(kind, key, vaultId, src)],
    keyCheck: seal(subkey(key, 'check'), CHECK),
    keyVersion: 1,
    keyCreatedAt: new Date().toISOString(),
  };
  writeFileAtomic(join(dataDir, VAULT_FILE), JSON.stringify(file, null, 2));
  return { file, key };
}

/**
 * A key's public name: a hash of a subkey, so it says which key without saying anything about it. Shown by
 * `casework keys status` and recorded in audit entries about rotations.
 */
export function keyIdOf(key: Buffer): string {
  return `vk_${createHash('sha256').update(subkey(key, 'key-id')).digest('hex').slice(0, 16)}`;
}

export const keyVersionOf = (file: Pick<VaultFile, 'keyVersion'>): number => file.keyVersion ?? 1;

/** The key one set of stores wraps: the chain in order (safeStorage, keychain, passphrase). */
async function unlockStores(stores: Enrollment[], src: KeySources): Promise<{ key: Buffer; via: KeyStoreKind }> {
  const byKind = (k: KeyStoreKind) => stores.find((s) => s.kind === k);
  const pass = byKind('passphrase');
  if (src.passphrase !== undefined) {
    if (!pass)
      throw new UserError(
        'wrong_key',
        'wrong passphrase or key: this vault is not protected by a passphrase (it uses the OS keychain); unset CASEWORK_PASSPHRASE',
      );
    return { key: await unlockPassphrase(pass as Extract<Enrollment, { kind: 'passphrase' }>, src.passphrase), via: 'passphrase' };
  }
  const errors: string[] = [];
  const safe = byKind('safeStorage');
  if (safe && src.safeStorage) {
    try {
      return { key: unlockSafeStorage(safe as Extract<Enrollment, { kind: 'safeStorage' }>, src.safeStorage), via: 'safeStorage' };
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  const chain = byKind('keychain');
  if (chain) {
    try {
      return { key: await unlockKeychain(chain as Extract<Enrollment, { kind: 'keychain' }>), via: 'keychain' };
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  if (pass) errors.push('this vault needs its passphrase: set CASEWORK_PASSPHRASE or enter it');
  throw new UserError(pass ? 'wrong_key' : 'keystore_unavailable', errors.join('; ') || 'no key store can unlock this vault');
}

function checkKey(key: Buffer, keyCheck: Sealed): boolean {
  try {
    open(subkey(key, 'check'), keyCheck);
    return true;
  } catch {
    return false;
  }
}

/** Unlock: the chain in order (safeStorage, keychain, passphrase), using what this vault enrolled. */
export async function unlockVaultKey(dataDir: string, src: KeySources): Promise<{ file: VaultFile; key: Buffer }> {
  let file = readVaultFile(dataDir);
  const { key: current } = await unlockStores(file.stores, src);
  if (!checkKey(current, file.keyCheck)) throw new UserError('wrong_key', 'wrong passphrase or key');
  let key = current;
  if (file.pending) ({ file, key } = await settleRotation(dataDir, file, current, src));
  else rmSync(join(dataDir, `${file.database}${ROTATING_SUFFIX}`), { force: true });
  const pass = file.stores.find((s) => s.kind === 'passphrase') as Extract<Enrollment, { kind: 'passphrase' }> | undefined;
  if (src.passphrase !== undefined && pass && !kdfIsCurrent(pass.kdf)) await upgradePassphrase(dataDir, file, key, src.passphrase);
  return { file, key };
}

/** Whether `key` decrypts the database file (a read of its schema; nothing is written). */
export function databaseOpensWith(dbFile: string, key: Buffer, cipher: Cipher | undefined): boolean {
  if (!existsSync(dbFile)) return false;
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    db.pragma(`cipher='${cipher ?? UNRECORDED_CIPHER}'`);
    db.pragma(`key="x'${key.toString('hex')}'"`);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') return false;
    throw e;
  } finally {
    db.close();
  }
}

/**
 * A rotation was cut off (docs/keys.md, "Rotation"). The database is either still the old one (the
 * swap never happened: the half-built copy and the pending key are dropped) or already the new one (the
 * new key becomes the vault's). Either way the vault opens with the key its database needs.
 */
async function settleRotation(dataDir: string, file: VaultFile, current: Buffer, src: KeySources): Promise<{ file: VaultFile; key: Buffer }> {
  const pending = file.pending!;
  const dbFile = join(dataDir, file.database);
  if (databaseOpensWith(dbFile, current, file.cipher)) {
    rmSync(`${dbFile}${ROTATING_SUFFIX}`, { force: true });
    const settled: VaultFile = { ...file, pending: undefined };
    writeVaultFile(dataDir, settled);
    await forgetStores(pending.stores, file.stores);
    return { file: settled, key: current };
  }
  const { key: next } = await unlockStores(pending.stores, src);
  if (!checkKey(next, pending.keyCheck) || !databaseOpensWith(dbFile, next, file.cipher))
    throw new UserError('corrupt', 'the vault database opens with neither the current nor the rotating key; restore it from a backup');
  const settled: VaultFile = promote(file);
  writeVaultFile(dataDir, settled);
  await forgetStores(file.stores, settled.stores);
  return { file: settled, key: next };
}

/** vault.json with its pending key made the current one. */
export function promote(file: VaultFile): VaultFile {
  const p = file.pending!;
  return { ...file, stores: p.stores, keyCheck: p.keyCheck, keyVersion: p.keyVersion, keyCreatedAt: p.keyCreatedAt, pending: undefined };
}

/** Keychain entries of `gone` that `kept` no longer names (a retired key's entry is deleted). */
export async function forgetStores(gone: Enrollment[], kept: Enrollment[]): Promise<void> {
  for (const g of gone) {
    if (g.kind !== 'keychain') continue;
    if (kept.some((k) => k.kind === 'keychain' && k.account === g.account && k.service === g.service)) continue;
    await forgetKeychain(g);
  }
}

export function writeVaultFile(dataDir: string, file: VaultFile): void {
  const clean = JSON.parse(JSON.stringify(file)) as VaultFile;
  writeFileAtomic(join(dataDir, VAULT_FILE), JSON.stringify(clean, null, 2));
}

/**
 * A passphrase wrapping made with weaker Argon2id parameters is made again with the current ones, at
 * the unlock that proved the passphrase (the key is checked first, so a wrong key is never wrapped).
 */
async function upgradePassphrase(dataDir: string, file: VaultFile, key: Buffer, passphrase: string): Promise<void> {
  try {
    open(subkey(key, 'check'), file.keyCheck);
  } catch {
    return;
  }
  const fresh = await enrollPassphrase(key, passphrase);
  file.stores = file.stores.map((s) => (s.kind === 'passphrase' ? fresh : s));
  writeFileAtomic(join(dataDir, VAULT_FILE), JSON.stringify(file, null, 2));
}

/** Add another key store to an unlocked vault (e.g. a passphrase as recovery for a keychain vault). */
export async function addKeyStore(dataDir: string, key: Buffer, kind: KeyStoreKind, src: KeySources): Promise<void> {
  const file = readVaultFile(dataDir);
  const stores = file.stores.filter((s) => s.kind !== kind);
  stores.push(await enroll(kind, key, file.vaultId, src));
  writeVaultFile(dataDir, { ...file, stores });
}

/** The sealed check a key of this vault must open (see unlockVaultKey). */
export const keyCheckFor = (key: Buffer): Sealed => seal(subkey(key, 'check'), CHECK);

/**
 * A new passphrase for the vault key (re-wrap only: the key, the database and every file stay as they
 * are). The new wrapping replaces the old in one atomic write of vault.json, so a crash leaves the old
 * passphrase or the new one working, never neither. A rotation cut off earlier is settled first, and a
 * pending key is wrapped by the new passphrase too.
 */
export async function changePassphrase(dataDir: string, current: string, next: string): Promise<{ file: VaultFile; key: Buffer }> {
  const weak = passphraseProblem(next ?? '');
  if (weak) throw new UserError('invalid_input', `the new passphrase: ${weak} (CASEWORK_NEW_PASSPHRASE)`);
  if (next === current) throw new UserError('invalid_input', 'the new passphrase is the current one; nothing was changed');
  const { file, key } = await unlockVaultKey(dataDir, { passphrase: current });
  const fresh = await enrollPassphrase(key, next);
  const changed: VaultFile = { ...file, stores: file.stores.map((s) => (s.kind === 'passphrase' ? fresh : s)) };
  writeVaultFile(dataDir, changed);
  return { file: changed, key };
}
