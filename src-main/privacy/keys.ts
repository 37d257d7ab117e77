/**
 * The vault's keys as the practitioner sees them (issue 19, docs/keys.md): which key is current, its
 * version, what wraps it and what it wraps; rotating it with an audit entry; a new passphrase. The
 * mechanics are in vault/ (rotate.ts, vault.ts); this adds the record of who did it and when.
 */
import { join } from 'node:path';
import type { Core } from '../core/core';
import { appendAudit } from '../core/audit';
import { FILE_KEY_KEK_META, fileKeyKek, hasStoredKek } from '../vault/file-key-kek';
import { rotateVaultKey, type RotationOptions, type RotationResult } from '../vault/rotate';
import { changePassphrase, keyIdOf, keyVersionOf, readVaultFile } from '../vault/vault';
import { createHash } from 'node:crypto';
import { encryptedDataRegistry, type RegistryEntry } from './registry';
import type { EncryptedDataView } from '../../src-shared/privacy/registry';
import { UserError } from '../../src-shared/errors';
import { checkpointIfFree, openDatabase, type DB } from '../db/open';

export interface KeyStatus {
  vaultId: string;
  vaultKey: { keyId: string; version: number; createdAt: string };
  keyStores: Array<{ kind: string; wraps: string; version: number; detail?: Record<string, unknown> }>;
  database: { file: string; cipher: string; keyedBy: string; version: number };
  /**
   * What wraps the file keys: a random key sealed by the vault key (`kind: 'random'`, rotation re-wraps it
   * alone) or, in a vault not rotated since before that, the vault key's HKDF subkey (`kind: 'derived'`).
   * `derivedFrom` names the vault key it is sealed by or derived from; `version` is that key's version.
   */
  fileKeyWrapping: { keyId: string; kind: 'random' | 'derived'; derivedFrom: string; version: number; wrappedFileKeys: number; wrappedSecrets: number };
  pendingRotation: { version: number } | null;
  /** The encrypted-data registry (seed 003): what is encrypted, how, by which key id and version. */
  encryptedData: RegistryEntry[];
}

const derivedId = (prefix: string, key: Buffer) => `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;

/** `casework keys status`: ids and versions, never a key. */
export function keyStatus(core: Core): KeyStatus {
  const file = readVaultFile(core.dataDir);
  const key = core.exportKey();
  const keyId = keyIdOf(key);
  const version = keyVersionOf(file);
  const wrappedFileKeys = core.db.prepare('SELECT count(*) FROM document_versions WHERE file_key IS NOT NULL').pluck().get() as number;
  const wrappedSecrets = (core.db.prepare("SELECT value FROM vault_meta WHERE value LIKE '{%' AND key != ?").pluck().all(FILE_KEY_KEK_META) as string[]).filter(
    (v) => /"iv".*"tag".*"data"/.test(v),
  ).length;
  const fkwId = derivedId('fkw', fileKeyKek(core.db, key));
  return {
    vaultId: file.vaultId,
    vaultKey: { keyId, version, createdAt: file.keyCreatedAt ?? file.createdAt },
    keyStores: file.stores.map((s) => ({
      kind: s.kind,
      wraps: keyId,
      version,
      ...(s.kind === 'passphrase'
        ? { detail: { kdf: s.kdf.name, memoryKiB: s.kdf.memoryCost, passes: s.kdf.timeCost } }
        : s.kind === 'keychain'
          ? { detail: { service: s.service, account: s.account } }
          : {}),
    })),
    database: { file: join(core.dataDir, file.database), cipher: core.cipher, keyedBy: keyId, version },
    fileKeyWrapping: {
      keyId: fkwId,
      kind: hasStoredKek(core.db) ? 'random' : 'derived',
      derivedFrom: keyId,
      version,
      wrappedFileKeys,
      wrappedSecrets,
    },
    pendingRotation: file.pending ? { version: file.pending.keyVersion } : null,
    encryptedData: encryptedDataRegistry(core, { vaultKeyId: keyId, fileKeyKekId: fkwId, version, cipher: core.cipher }),
  };
}

function actorIn(db: DB) {
  const meta = (k: string) => db.prepare('SELECT value FROM vault_meta WHERE key = ?').pluck().get(k) as string | undefined;
  return { orgId: meta('org_id') ?? '', userId: meta('user_id') ?? '', email: meta('email') ?? '', role: meta('role') ?? 'owner' };
}

/** `casework keys rotate`: the audit entry is written inside the re-keyed database, so it exists exactly when the rotation does. */
export async function rotateKeys(dataDir: string, opts: Omit<RotationOptions, 'inNewDatabase'>): Promise<RotationResult> {
  return rotateVaultKey(dataDir, {
    ...opts,
    inNewDatabase: (db, from, to) =>
      appendAudit(db, actorIn(db), {
        event_type: 'vault_key_rotated',
        description: `vault key rotated from version ${from.version} to ${to.version}`,
        metadata: { from, to },
      }),
  });
}

/** `casework passphrase change`: re-wraps the vault key only, and says so in the audit log. */
export async function changeVaultPassphrase(dataDir: string, current: string, next: string): Promise<{ changed: true; keyId: string; version: number }> {
  const { file, key } = await changePassphrase(dataDir, current, next);
  const db = openDatabase({ file: join(dataDir, file.database), key, cipher: file.cipher });
  try {
    appendAudit(db, actorIn(db), {
      event_type: 'passphrase_changed',
      description: 'the vault passphrase was changed (the vault key was re-wrapped, nothing else)',
    });
    checkpointIfFree(db);
  } finally {
    db.close();
  }
  return { changed: true, keyId: keyIdOf(key), version: keyVersionOf(file) };
}

/** admin.encryptedData (the window's Administration): the registry, for an owner or admin only. */
export function encryptedDataView(core: Core): EncryptedDataView {
  if (!['owner', 'admin'].includes(core.actor.role)) throw new UserError('forbidden', 'only an owner or admin can see administration');
  const s = keyStatus(core);
  return { vaultKeyId: s.vaultKey.keyId, version: s.vaultKey.version, entries: s.encryptedData };
}
