/**
 * Issue 19: a vault made before the random file-key wrapping key (its file keys and sealed secrets
 * wrapped by HKDF(vault key, "file-keys") directly) is moved onto one by its first rotation: every file
 * key and sealed secret re-wrapped once, and from then on a rotation re-wraps one key.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { cliJson, PASS } from '../support/cli';
import { unlockVaultKey } from '../../src-main/vault/vault';
import { fingerprint, makeVault, withVault } from './support';

/** Turn a fresh vault into the older format: drop the random key and re-wrap everything under the derived one. */
async function toLegacy(data: string): Promise<void> {
  // makeVault wrapped the file keys under the random key: read them out in the clear (in memory) first.
  const secret = 'sealed secret of the legacy test';
  const plain = await withVault(data, (core) => {
    core.setMeta('legacy_secret', core.keys.wrap(Buffer.from(secret)));
    return {
      keys: (core.db.prepare('SELECT id, file_key FROM document_versions WHERE file_key IS NOT NULL').all() as Array<{ id: string; file_key: string }>).map(
        (r) => {
          const [iv, tag, d] = r.file_key.split('.');
          return { id: r.id, key: core.keys.unwrap(JSON.stringify({ iv, tag, data: d })) };
        },
      ),
    };
  });
  const { key, file } = await unlockVaultKey(data, { passphrase: PASS });
  const db = new Database(join(data, 'casework.db'));
  db.pragma(`cipher='${file.cipher}'`);
  db.pragma(`key="x'${key.toString('hex')}'"`);
  db.prepare("DELETE FROM vault_meta WHERE key = 'file_key_kek'").run();
  db.close();
  // Now a Core wraps with the derived key: re-wrap every file key and the secret through it.
  await withVault(data, (core) => {
    const up = core.db.prepare('UPDATE document_versions SET file_key = ? WHERE id = ?');
    for (const k of plain.keys) {
      const s = JSON.parse(core.keys.wrap(k.key)) as { iv: string; tag: string; data: string };
      up.run(`${s.iv}.${s.tag}.${s.data}`, k.id);
    }
    core.setMeta('legacy_secret', core.keys.wrap(Buffer.from(secret)));
  });
}

describe('rotation of a vault from before the random file-key wrapping key', () => {
  it('moves it onto a random key once (every file key re-wrapped), then re-wraps one key per rotation; nothing is lost', async () => {
    const data = await makeVault(20, 6);
    await toLegacy(data);
    const before = await withVault(data, fingerprint);
    expect(Object.keys(before.docs)).toHaveLength(6);
    expect(cliJson(['keys', 'status', '--data', data]).fileKeyWrapping).toMatchObject({ kind: 'derived', wrappedFileKeys: 6, wrappedSecrets: 1 });

    const first = cliJson(['keys', 'rotate', '--data', data]);
    expect(first).toMatchObject({ fileKeysRewrapped: 6, secretsRewrapped: 1, fileKeys: 6 });
    const s = cliJson(['keys', 'status', '--data', data]);
    expect(s.fileKeyWrapping).toMatchObject({ kind: 'random', derivedFrom: first.to.keyId, wrappedFileKeys: 6, wrappedSecrets: 1 });
    expect(await withVault(data, fingerprint)).toEqual(before);
    expect(await withVault(data, (core) => core.keys.unwrap(core.meta('legacy_secret')!).toString())).toBe('sealed secret of the legacy test');

    const second = cliJson(['keys', 'rotate', '--data', data]);
    expect(second).toMatchObject({ fileKeysRewrapped: 0, secretsRewrapped: 1, fileKeys: 6 });
    expect(cliJson(['keys', 'status', '--data', data]).fileKeyWrapping.keyId).toBe(s.fileKeyWrapping.keyId);
    expect(await withVault(data, fingerprint)).toEqual(before);
    expect(await withVault(data, (core) => core.keys.unwrap(core.meta('legacy_secret')!).toString())).toBe('sealed secret of the legacy test');
  }, 120_000);
});
