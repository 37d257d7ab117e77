/**
 * Issue 19: keys that rotate. The real CLI on real encrypted vault folders: `keys status`, `passphrase
 * change`, `keys rotate`, and a rotation SIGKILLed at many points that must always leave a vault that
 * opens (with the old key or the new one) and has lost nothing.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, readdirSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliJson, spawnCli, PASS, tempDir } from '../support/cli';
import { databaseOpensWith, unlockVaultKey } from '../../src-main/vault/vault';
import { fingerprint, makeVault, withVault, type Fingerprint } from './support';

const NEW_PASS = 'a different long passphrase 2026';

describe('vault keys: status, passphrase change, rotation', () => {
  let template: string;
  let before: Fingerprint;

  beforeAll(async () => {
    template = await makeVault();
    before = await withVault(template, fingerprint);
  }, 120_000);

  const copyOf = () => {
    const d = join(tempDir('casework-keys-'), 'vault');
    cpSync(template, d, { recursive: true });
    return d;
  };

  it('keys status names the key, its version and what wraps what, and no key', () => {
    const s = cliJson(['keys', 'status', '--data', template]);
    expect(s.vaultKey).toMatchObject({ version: 1 });
    expect(s.vaultKey.keyId).toMatch(/^vk_[0-9a-f]{16}$/);
    expect(s.keyStores).toEqual([expect.objectContaining({ kind: 'passphrase', wraps: s.vaultKey.keyId, version: 1 })]);
    expect(s.database).toMatchObject({ cipher: 'aegis', keyedBy: s.vaultKey.keyId, version: 1 });
    expect(s.fileKeyWrapping).toMatchObject({ kind: 'random', derivedFrom: s.vaultKey.keyId, wrappedFileKeys: Object.keys(before.docs).length });
    expect(s.fileKeyWrapping.keyId).toMatch(/^fkw_[0-9a-f]{16}$/);
    // The encrypted-data registry (seed 003): every table under the page cipher by the vault key, the file
    // keys by the wrapping key, the blobs by their own keys; counts and ids, never a value.
    const reg = s.encryptedData as Array<{ table: string; column: string; algorithm: string; keyId: string; keyVersion: number; records: number }>;
    expect(reg).toContainEqual({
      table: 'cases',
      column: '*',
      algorithm: expect.stringMatching(/AEGIS-256/),
      keyId: s.vaultKey.keyId,
      keyVersion: 1,
      records: before.cases,
    });
    expect(reg).toContainEqual(
      expect.objectContaining({ table: 'document_versions', column: 'file_key', keyId: s.fileKeyWrapping.keyId, records: Object.keys(before.docs).length }),
    );
    expect(reg).toContainEqual(expect.objectContaining({ table: 'blobs/ (files)', records: Object.keys(before.docs).length }));
    expect(reg).toContainEqual(expect.objectContaining({ table: 'vault_meta', column: 'file_key_kek', keyId: s.vaultKey.keyId, records: 1 }));
    expect(reg.every((e) => e.keyVersion === 1)).toBe(true);
    const text = cli(['keys', 'status', '--data', template]);
    expect(text.stdout).toMatch(/encrypted data/);
    expect(text.stdout).toMatch(/document_versions\.file_key: AES-256-GCM \(key wrapping\), fkw_[0-9a-f]{16} v1/);
    expect(s.pendingRotation).toBeNull();
  });

  it('passphrase change re-wraps the key only: the old passphrase stops working, the data and key stay', async () => {
    const data = copyOf();
    const keyId = cliJson(['keys', 'status', '--data', data]).vaultKey.keyId;
    const r = cliJson(['passphrase', 'change', '--data', data], { CASEWORK_NEW_PASSPHRASE: NEW_PASS });
    expect(r).toMatchObject({ changed: true, keyId, version: 1 });
    const old = cli(['case', 'list', '--data', data]);
    expect(old.code).not.toBe(0);
    expect(old.stderr).toMatch(/wrong passphrase/);
    const s = cliJson(['keys', 'status', '--data', data], { CASEWORK_PASSPHRASE: NEW_PASS });
    expect(s.vaultKey).toMatchObject({ keyId, version: 1 });
    expect(await withVault(data, fingerprint, NEW_PASS)).toEqual({ ...before, audit: before.audit + 1 });
  });

  it('passphrase change refuses a weak or missing new passphrase and a wrong current one, changing nothing', () => {
    const data = copyOf();
    const vaultJson = readFileSync(join(data, 'vault.json'), 'utf8');
    const weak = cli(['passphrase', 'change', '--data', data], { CASEWORK_NEW_PASSPHRASE: 'short' });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/new passphrase/);
    const missing = cli(['passphrase', 'change', '--data', data], { CASEWORK_NEW_PASSPHRASE: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/CASEWORK_NEW_PASSPHRASE/);
    const wrong = cli(['passphrase', 'change', '--data', data], { CASEWORK_PASSPHRASE: 'not the passphrase at all', CASEWORK_NEW_PASSPHRASE: NEW_PASS });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong passphrase/);
    expect(readFileSync(join(data, 'vault.json'), 'utf8')).toBe(vaultJson);
  });

  it('keys rotate makes a new key: version grows, the file-key wrapping key re-wrapped (the file keys under it kept), the old key opens nothing', async () => {
    const data = copyOf();
    const { key: oldKey } = await unlockVaultKey(data, { passphrase: PASS });
    const r = cliJson(['keys', 'rotate', '--data', data]);
    expect(r.from.version).toBe(1);
    expect(r.to.version).toBe(2);
    expect(r.to.keyId).not.toBe(r.from.keyId);
    // One key re-wrapped, not one per document: the file keys stay under the same random wrapping key.
    expect(r.fileKeysRewrapped).toBe(0);
    expect(r.fileKeys).toBe(Object.keys(before.docs).length);
    const kekBefore = cliJson(['keys', 'status', '--data', template]).fileKeyWrapping;
    const r2 = cliJson(['keys', 'rotate', '--data', data]);
    expect(r2.from).toEqual(r.to);
    expect(r2.to.version).toBe(3);
    const s = cliJson(['keys', 'status', '--data', data]);
    expect(s.vaultKey).toMatchObject({ keyId: r2.to.keyId, version: 3 });
    expect(s.database).toMatchObject({ keyedBy: r2.to.keyId, version: 3 });
    expect(s.pendingRotation).toBeNull();
    expect(s.fileKeyWrapping).toMatchObject({ kind: 'random', keyId: kekBefore.keyId, derivedFrom: r2.to.keyId, version: 3 });
    expect(s.encryptedData.find((e: { table: string }) => e.table === 'cases')).toMatchObject({ keyId: r2.to.keyId, keyVersion: 3 });
    expect(databaseOpensWith(join(data, 'casework.db'), oldKey, 'aegis')).toBe(false);
    const { key: newKey } = await unlockVaultKey(data, { passphrase: PASS });
    expect(newKey.equals(oldKey)).toBe(false);
    expect(databaseOpensWith(join(data, 'casework.db'), newKey, 'aegis')).toBe(true);
    expect(await withVault(data, fingerprint)).toEqual(before);
    const rotations = await withVault(data, (core) => core.db.prepare("SELECT count(*) FROM audit_log WHERE event_type = 'vault_key_rotated'").pluck().get());
    expect(rotations).toBe(2);
    // Nothing of the rotation is left beside the vault.
    expect(readdirSync(data).sort()).toEqual(['blobs', 'casework.db', 'vault.json']);
  });

  it('keys rotate with a wrong passphrase is refused and changes nothing', () => {
    const data = copyOf();
    const vaultJson = readFileSync(join(data, 'vault.json'), 'utf8');
    const db = readFileSync(join(data, 'casework.db'));
    const r = cli(['keys', 'rotate', '--data', data], { CASEWORK_PASSPHRASE: 'not the passphrase at all' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/wrong passphrase/);
    expect(readFileSync(join(data, 'vault.json'), 'utf8')).toBe(vaultJson);
    expect(readFileSync(join(data, 'casework.db')).equals(db)).toBe(true);
  });

  /**
   * SIGKILL the rotation at KILLS points (20 by default; CASEWORK_KEY_KILLS for a longer run): after each
   * of a step's progress lines plus a random delay, so kills land inside the copy, the re-key, the
   * verification, between the pending key and the swap, and after it. After each kill the vault must open
   * with the same passphrase, hold exactly what it held, and be at the old version or the next one.
   */
  it(
    'a rotation killed at any point leaves a vault that opens and has lost nothing',
    async () => {
      const data = copyOf();
      const kills = Number(process.env.CASEWORK_KEY_KILLS ?? 20);
      const steps = ['unlocked', 'wrapped', 'locked', 'copied', 'rekeyed', 'rewrapped', 'verified', 'pending', 'swapped', 'committed'];
      let version = 1;
      const landed: string[] = [];
      for (let i = 0; i < kills; i++) {
        const step = steps[i % steps.length];
        const delay = Math.floor(Math.random() * 25);
        const child = spawnCli(['keys', 'rotate', '--data', data, '--json']);
        let err = '';
        await new Promise<void>((resolve) => {
          child.stderr!.on('data', (d: Buffer) => {
            err += d.toString();
            if (err.includes(`keys rotate: ${step} `)) setTimeout(() => child.kill('SIGKILL'), delay);
          });
          child.on('exit', () => resolve());
        });
        landed.push(`${step}+${delay}ms${child.signalCode === 'SIGKILL' ? '' : ' (finished first)'}`);
        const after = await withVault(data, (core) => ({ fp: fingerprint(core), file: JSON.parse(readFileSync(join(data, 'vault.json'), 'utf8')) }));
        expect(after.fp, `after a kill at ${landed.at(-1)}`).toEqual(before);
        expect([version, version + 1], `after a kill at ${landed.at(-1)}`).toContain(after.file.keyVersion);
        expect(after.file.pending, 'unlocking settles a cut-off rotation').toBeUndefined();
        version = after.file.keyVersion;
        expect(readdirSync(data).filter((f) => f.endsWith('.rotate'))).toEqual([]);
      }
      // The kills did not all land before the swap or all after it.
      expect(version).toBeGreaterThan(1);
      expect(version).toBeLessThan(kills + 1);
    },
    Number(process.env.CASEWORK_KEY_KILLS ?? 20) * 20_000,
  );
});
