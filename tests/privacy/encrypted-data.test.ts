/**
 * Issue 19 item 4: the encrypted-data registry (seed 003) through the window's entry point (dispatch,
 * as the browser shell and Electron's IPC call it): an owner sees every table under the page cipher by
 * the vault key and the file keys under the file-key wrapping key, with versions and counts and no key
 * material; anyone else is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { dispatch } from '../../src-main/app/dispatch';
import { Session } from '../../src-main/app/session';
import { createVault } from '../../src-main/core/core';
import { encryptedDataView } from '../../src-main/privacy';
import { PASS, tempDir } from '../support/cli';

describe('admin.encryptedData', () => {
  let s: Session;
  const ok = async (method: string, input: unknown = {}) => {
    const r = await dispatch(s, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as any;
  };
  beforeAll(async () => {
    s = new Session(join(tempDir('cw-registry-'), 'vault'));
    await ok('vault.create', { passphrase: 'a long enough passphrase', orgName: 'Registry practice' });
    const c = await ok('cases.create', { caseType: 'EXPRESS_ENTRY_FSW', client: 'Amara Okafor' });
    expect(c.id).toBeTruthy();
  }, 60_000);
  afterAll(() => s?.lock());

  it('lists what is encrypted under which key id and version, with counts, and no key', async () => {
    const r = await ok('admin.encryptedData');
    expect(r.vaultKeyId).toMatch(/^vk_[0-9a-f]{16}$/);
    expect(r.version).toBe(1);
    const byName = new Map<string, any>(r.entries.map((e: any) => [`${e.table}.${e.column}`, e]));
    expect(byName.get('cases.*')).toMatchObject({ keyId: r.vaultKeyId, keyVersion: 1, records: 1, algorithm: expect.stringMatching(/page cipher/) });
    expect(byName.get('persons.*')).toMatchObject({ keyId: r.vaultKeyId, records: 1 });
    expect(byName.get('document_versions.file_key')).toMatchObject({ keyId: expect.stringMatching(/^fkw_[0-9a-f]{16}$/), records: 0 });
    expect(byName.get('vault_meta.file_key_kek')).toMatchObject({ keyId: r.vaultKeyId, records: 1 });
    // Ids, names and counts only: nothing that looks like key material or a sealed value.
    expect(JSON.stringify(r)).not.toMatch(/"iv"|"tag"|[0-9a-f]{64}|[A-Za-z0-9+/]{40,}={0,2}/);
  });

  it('is refused to a member who is not an owner or admin', async () => {
    const core = await createVault({ dataDir: join(tempDir('cw-registry-staff-'), 'vault'), passphrase: PASS });
    try {
      core.setMeta('role', 'consultant');
      expect(() => encryptedDataView(core)).toThrow(/only an owner or admin/);
    } finally {
      core.close();
    }
  });
});
