/**
 * The encrypted-data registry (seed 003, issue 19): which tables and fields are encrypted, how, and by
 * which key and version, for an admin to see (`casework keys status`). Worked out from the vault as it
 * is, never stored beside it, so it cannot drift from what is really encrypted:
 *  - every table of the database: whole, by the page cipher under the vault key (database key);
 *  - document_versions.file_key: each version's own file key, sealed (AES-256-GCM) by the file-key
 *    wrapping key, which is sealed by the vault key;
 *  - vault_meta's sealed values (the sync tokens, the wrapping key itself): likewise;
 *  - the blob files: AES-256-GCM, each under its own document version's file key.
 * Names, counts, key ids and versions only; never a value or a key.
 */
import type { Core } from '../core/core';
import type { EncryptedDataLine } from '../../src-shared/privacy/registry';

export type RegistryEntry = EncryptedDataLine;

export function encryptedDataRegistry(core: Core, keys: { vaultKeyId: string; fileKeyKekId: string; version: number; cipher: string }): RegistryEntry[] {
  const db = core.db;
  const count = (sql: string, ...p: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...p) as number;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
    .pluck()
    .all() as string[];
  const page = keys.cipher === 'aegis' ? 'AEGIS-256 page cipher (SQLite3 Multiple Ciphers)' : 'SQLCipher 4 page cipher (AES-256-CBC, HMAC-SHA512)';
  const out: RegistryEntry[] = tables.map((t) => ({
    table: t,
    column: '*',
    algorithm: page,
    keyId: keys.vaultKeyId,
    keyVersion: keys.version,
    records: count(`SELECT count(*) FROM "${t.replace(/"/g, '""')}"`),
  }));
  if (tables.includes('document_versions')) {
    const wrapped = count('SELECT count(*) FROM document_versions WHERE file_key IS NOT NULL');
    out.push({
      table: 'document_versions',
      column: 'file_key',
      algorithm: 'AES-256-GCM (key wrapping)',
      keyId: keys.fileKeyKekId,
      keyVersion: keys.version,
      records: wrapped,
    });
    out.push({
      table: 'blobs/ (files)',
      column: '*',
      algorithm: "AES-256-GCM, each under its document version's own file key",
      keyId: 'document_versions.file_key',
      keyVersion: keys.version,
      records: count('SELECT count(DISTINCT storage_key) FROM document_versions WHERE file_key IS NOT NULL AND deleted_at IS NULL'),
    });
  }
  const sealed = (db.prepare("SELECT key, value FROM vault_meta WHERE value LIKE '{%'").all() as Array<{ key: string; value: string }>).filter((r) =>
    /"iv".*"tag".*"data"/.test(r.value),
  );
  const kek = sealed.filter((r) => r.key === 'file_key_kek').length;
  if (kek)
    out.push({
      table: 'vault_meta',
      column: 'file_key_kek',
      algorithm: 'AES-256-GCM (key wrapping)',
      keyId: keys.vaultKeyId,
      keyVersion: keys.version,
      records: kek,
    });
  if (sealed.length - kek)
    out.push({
      table: 'vault_meta',
      column: 'value (sealed secrets)',
      algorithm: 'AES-256-GCM',
      keyId: keys.fileKeyKekId,
      keyVersion: keys.version,
      records: sealed.length - kek,
    });
  return out;
}
