/**
 * Key stores: the ordered chain that protects the vault key (ARCHITECTURE.md, Local data).
 *   1. Electron safeStorage (OS-level encryption; Linux's basic_text backend is refused: it is no protection)
 *   2. the OS keychain through @napi-rs/keyring (Secret Service, macOS Keychain, Windows Credential Manager)
 *   3. a passphrase, stretched with Argon2id
 * A vault records which stores hold a wrapping of its key (vault.json); unlocking tries them in this order.
 * A store that fails or lost its entry is an error with a clear message: nothing here ever creates a
 * new key for an existing vault.
 */
import { hashRaw } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { UserError } from '../../src-shared/errors';
import { open, seal, type Sealed } from './crypto';
import { takePrestretched } from './prestretched';

export type KeyStoreKind = 'safeStorage' | 'keychain' | 'passphrase';

/** What vault.json records for one store. Never holds a key in the clear. */
export type Enrollment =
  | { kind: 'safeStorage'; wrapped: string }
  | { kind: 'keychain'; service: string; account: string }
  | { kind: 'passphrase'; kdf: { name: 'argon2id'; salt: string; memoryCost: number; timeCost: number; parallelism: number }; sealed: Sealed };

export interface KdfParams {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/**
 * Argon2id at the strength of a password manager (Bitwarden's default is 64 MiB, 3 passes, 4 lanes):
 * 128 MiB and 5 passes, so that a stolen laptop's vault.json or a backup costs an attacker that much per
 * guess (issue 13; it was OWASP's minimum, 19 MiB and 2 passes, ~0.1 s). Four lanes, as RFC 9106's
 * recommended settings have: the memory and work per guess are the same as with one lane, but a laptop
 * fills them on several cores at once (about 0.18 s here on 2 cores, against 0.43-0.58 s with one lane),
 * and every unlock (every CLI call, every start of the window) waits for it. The parameters are stored
 * with each wrapped key, so vaults made before still open, and weaker ones (less memory or fewer
 * passes) are re-wrapped with these at their next unlock.
 */
export const PASSPHRASE_KDF: KdfParams = { memoryCost: 131072, timeCost: 5, parallelism: 4 };

/** Beyond these a stored or received parameter set is refused (a hostile backup could ask for a terabyte). */
const KDF_CEILING: KdfParams = { memoryCost: 4 * 1024 * 1024, timeCost: 64, parallelism: 16 };

/** True when `p` is at least as strong as PASSPHRASE_KDF in memory and passes. */
export function kdfIsCurrent(p: KdfParams): boolean {
  return p.memoryCost >= PASSPHRASE_KDF.memoryCost && p.timeCost >= PASSPHRASE_KDF.timeCost;
}

export async function passphraseKek(passphrase: string, salt: Buffer, params: KdfParams = PASSPHRASE_KDF): Promise<Buffer> {
  if (!passphrase) throw new UserError('invalid_input', 'the passphrase is empty');
  if (params.memoryCost > KDF_CEILING.memoryCost || params.timeCost > KDF_CEILING.timeCost || params.parallelism > KDF_CEILING.parallelism)
    throw new UserError('corrupt', 'the key derivation parameters are beyond any Casework writes (a damaged or hostile file)');
  // algorithm 2 is Argon2id (a const enum in the typings, which isolatedModules cannot import).
  const { memoryCost, timeCost, parallelism } = params;
  return hashRaw(passphrase, { memoryCost, timeCost, parallelism, salt, outputLen: 32, algorithm: 2 as never });
}

export async function enrollPassphrase(vaultKey: Buffer, passphrase: string, params: KdfParams = PASSPHRASE_KDF): Promise<Enrollment> {
  const salt = randomBytes(16);
  const kek = await passphraseKek(passphrase, salt, params);
  return { kind: 'passphrase', kdf: { name: 'argon2id', salt: salt.toString('base64'), ...params }, sealed: seal(kek, vaultKey) };
}

export async function unlockPassphrase(e: Extract<Enrollment, { kind: 'passphrase' }>, passphrase: string): Promise<Buffer> {
  // The launcher may have started this very stretch before the core loaded (prestretch.ts).
  const kek = await (takePrestretched(passphrase, e.kdf.salt, e.kdf) ?? passphraseKek(passphrase, Buffer.from(e.kdf.salt, 'base64'), e.kdf));
  try {
    return open(kek, e.sealed);
  } catch {
    throw new UserError('wrong_key', 'wrong passphrase or key');
  }
}

/** The keytar-style API of @napi-rs/keyring, loaded lazily: its native binding must not cost start-up. */
async function keyringEntry(service: string, account: string) {
  try {
    const { Entry } = await import('@napi-rs/keyring');
    return new Entry(service, account);
  } catch (e) {
    throw new UserError('keystore_unavailable', `the OS keychain cannot be loaded here (${(e as Error).message}); set CASEWORK_PASSPHRASE to use a passphrase`);
  }
}

export async function enrollKeychain(vaultKey: Buffer, vaultId: string): Promise<Enrollment> {
  const service = 'Casework';
  const account = `vault:${vaultId}`;
  const entry = await keyringEntry(service, account);
  try {
    entry.setPassword(vaultKey.toString('base64'));
    if (entry.getPassword() !== vaultKey.toString('base64')) throw new Error('the keychain did not keep the key');
  } catch (e) {
    throw new UserError(
      'keystore_unavailable',
      `no usable OS keychain (${(e as Error).message}); set CASEWORK_PASSPHRASE to protect the vault with a passphrase instead`,
    );
  }
  return { kind: 'keychain', service, account };
}

export async function unlockKeychain(e: Extract<Enrollment, { kind: 'keychain' }>): Promise<Buffer> {
  const entry = await keyringEntry(e.service, e.account);
  let secret: string | null | undefined;
  try {
    secret = entry.getPassword();
  } catch (err) {
    throw new UserError(
      'keystore_unavailable',
      `the OS keychain is not reachable (${(err as Error).message}); unlock with your passphrase (CASEWORK_PASSPHRASE) if this vault has one`,
    );
  }
  if (!secret) {
    throw new UserError(
      'keystore_unavailable',
      'the OS keychain has no key for this vault (was the keychain reset or is this another user account?); unlock with your passphrase, or restore from a backup. Nothing was changed.',
    );
  }
  const key = Buffer.from(secret, 'base64');
  if (key.length !== 32) throw new UserError('wrong_key', 'wrong passphrase or key: the keychain entry for this vault is not a Casework key');
  return key;
}

export async function forgetKeychain(e: Extract<Enrollment, { kind: 'keychain' }>): Promise<void> {
  try {
    (await keyringEntry(e.service, e.account)).deletePassword();
  } catch {
    /* already gone */
  }
}

/** The part of Electron's safeStorage the vault uses; passed in, so this file never imports electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(enc: Buffer): string;
}

function assertSafeStorageUsable(s: SafeStorageLike) {
  if (!s.isEncryptionAvailable()) throw new UserError('keystore_unavailable', 'Electron safeStorage is not available on this system');
  const backend = s.getSelectedStorageBackend?.();
  if (backend === 'basic_text') {
    throw new UserError('keystore_unavailable', "safeStorage uses Linux's basic_text backend, which is no protection; use the keychain or a passphrase");
  }
}

export function enrollSafeStorage(vaultKey: Buffer, s: SafeStorageLike): Enrollment {
  assertSafeStorageUsable(s);
  return { kind: 'safeStorage', wrapped: s.encryptString(vaultKey.toString('base64')).toString('base64') };
}

export function unlockSafeStorage(e: Extract<Enrollment, { kind: 'safeStorage' }>, s: SafeStorageLike): Buffer {
  assertSafeStorageUsable(s);
  try {
    return Buffer.from(s.decryptString(Buffer.from(e.wrapped, 'base64')), 'base64');
  } catch {
    throw new UserError('wrong_key', 'wrong passphrase or key: safeStorage could not unwrap this vault key (another OS user or machine?)');
  }
}
