/**
 * A vault is a data folder: vault.json (which key stores hold the key; never the key itself),
 * casework.db (encrypted page by page, with the cipher vault.json records), blobs/ (encrypted documents). This module creates and unlocks it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, fsyncSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import { passphraseProblem } from '../../src-shared/passphrase';
import { open, seal, subkey, type Sealed } from './crypto';
import { CIPHERS, NEW_VAULT_CIPHER, type Cipher } from '../db/open';
import {
  enrollKeychain,
  enrollPassphrase,
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
}

const sealedSchema = z.object({ iv: z.string(), tag: z.string(), data: z.string() });
const vaultFileSchema = z.object({
  format: z.literal(FORMAT),
  vaultId: z.string().min(1),
  createdAt: z.string(),
  database: z.string().regex(/^[\w.-]+$/),
  cipher: z.enum(CIPHERS).optional(),
  stores: z
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
    .min(1),
  keyCheck: sealedSchema,
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

async function enroll(kind: KeyStoreKind, key: Buffer, vaultId: string, src: KeySources): Promise<Enrollment> {
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
  };
  writeFileAtomic(join(dataDir, VAULT_FILE), JSON.stringify(file, null, 2));
  return { file, key };
}

/** Unlock: the chain in order (safeStorage, keychain, passphrase), using what this vault enrolled. */
export async function unlockVaultKey(dataDir: string, src: KeySources): Promise<{ file: VaultFile; key: Buffer }> {
  const file = readVaultFile(dataDir);
  const byKind = (k: KeyStoreKind) => file.stores.find((s) => s.kind === k);
  let key: Buffer | undefined;
  const pass = byKind('passphrase');
  if (src.passphrase !== undefined) {
    if (!pass)
      throw new UserError(
        'wrong_key',
        'wrong passphrase or key: this vault is not protected by a passphrase (it uses the OS keychain); unset CASEWORK_PASSPHRASE',
      );
    key = await unlockPassphrase(pass as Extract<Enrollment, { kind: 'passphrase' }>, src.passphrase);
    if (!kdfIsCurrent((pass as Extract<Enrollment, { kind: 'passphrase' }>).kdf)) await upgradePassphrase(dataDir, file, key, src.passphrase);
  } else {
    const errors: string[] = [];
    const safe = byKind('safeStorage');
    if (!key && safe && src.safeStorage) {
      try {
        key = unlockSafeStorage(safe as Extract<Enrollment, { kind: 'safeStorage' }>, src.safeStorage);
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    const chain = byKind('keychain');
    if (!key && chain) {
      try {
        key = await unlockKeychain(chain as Extract<Enrollment, { kind: 'keychain' }>);
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    if (!key) {
      if (pass) errors.push('this vault needs its passphrase: set CASEWORK_PASSPHRASE or enter it');
      throw new UserError(pass ? 'wrong_key' : 'keystore_unavailable', errors.join('; ') || 'no key store can unlock this vault');
    }
  }
  try {
    open(subkey(key, 'check'), file.keyCheck);
  } catch {
    throw new UserError('wrong_key', 'wrong passphrase or key');
  }
  return { file, key };
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
  writeFileAtomic(join(dataDir, VAULT_FILE), JSON.stringify({ ...file, stores }, null, 2));
}
