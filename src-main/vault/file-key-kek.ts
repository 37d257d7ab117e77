/**
 * The file-key wrapping key (docs/keys.md): a random 32-byte key that wraps every document's file key
 * and the sealed secrets in vault_meta, itself stored in vault_meta sealed by HKDF(vault key,
 * "file-keys"). A vault-key rotation then re-wraps this one key instead of every file key: the file keys
 * never change in a rotation (blobs are not rewritten), so re-wrapping each of them under a key derived
 * from the new vault key protected nothing more, and cost a second and a half per 20,000 documents.
 * Vaults made before it (no `file_key_kek` row) wrap with HKDF(vault key, "file-keys") directly until
 * their next rotation moves them onto a random one.
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { open, seal, subkey, type Sealed } from './crypto';

export const FILE_KEY_KEK_META = 'file_key_kek';

type Db = Pick<Database.Database, 'prepare'>;

/** What wraps the vault's file keys and sealed secrets: the stored random key, or the older derived one. */
export function fileKeyKek(db: Db, vaultKey: Buffer): Buffer {
  const derived = subkey(vaultKey, 'file-keys');
  const stored = db.prepare('SELECT value FROM vault_meta WHERE key = ?').pluck().get(FILE_KEY_KEK_META) as string | undefined;
  return stored ? open(derived, JSON.parse(stored) as Sealed) : derived;
}

/** Whether the database holds a random file-key wrapping key (false: a vault from before, not yet rotated). */
export function hasStoredKek(db: Db): boolean {
  return db.prepare('SELECT 1 FROM vault_meta WHERE key = ?').get(FILE_KEY_KEK_META) !== undefined;
}

/** Store `kek` sealed by the vault key's "file-keys" subkey (a new vault, or a rotation). */
export function storeKek(db: Db, vaultKey: Buffer, kek: Buffer): void {
  db.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    FILE_KEY_KEK_META,
    JSON.stringify(seal(subkey(vaultKey, 'file-keys'), kek)),
  );
}

export const newKek = (): Buffer => randomBytes(32);
