/**
 * The launcher's early passphrase stretch (src-main/vault/prestretch.ts): taken only for the same
 * passphrase and vault, proven like any key, and the command line still refuses a wrong passphrase.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createVault, openCore } from '../../src-main/core/core';
import { prestretch } from '../../src-main/vault/prestretch';
import { offerPrestretched, takePrestretched } from '../../src-main/vault/prestretched';
import { readVaultFile } from '../../src-main/vault/vault';
import { cli, tempDir, PASS } from '../support/cli';

async function vault() {
  const dataDir = join(tempDir(), 'v');
  (await createVault({ dataDir, passphrase: PASS })).close();
  return dataDir;
}

describe('early passphrase stretch', () => {
  it('is taken once, only for the same passphrase, salt and parameters', async () => {
    const dataDir = await vault();
    const early = prestretch(dataDir, PASS)!;
    const store = readVaultFile(dataDir).stores.find((s) => s.kind === 'passphrase') as {
      kdf: { salt: string; memoryCost: number; timeCost: number; parallelism: number };
    };
    expect(early.salt).toBe(store.kdf.salt);
    offerPrestretched(early);
    expect(takePrestretched('another passphrase', store.kdf.salt, store.kdf)).toBeUndefined();
    expect(takePrestretched(PASS, Buffer.alloc(16).toString('base64'), store.kdf)).toBeUndefined();
    expect(takePrestretched(PASS, store.kdf.salt, { ...store.kdf, timeCost: store.kdf.timeCost + 1 })).toBeUndefined();
    expect(takePrestretched(PASS, store.kdf.salt, store.kdf)).toBe(early.kek);
    expect(takePrestretched(PASS, store.kdf.salt, store.kdf)).toBeUndefined();
  });

  it('opens the vault with the offered stretch, and a wrong passphrase offered early is still refused', async () => {
    const dataDir = await vault();
    offerPrestretched(prestretch(dataDir, PASS));
    const core = await openCore({ dataDir, passphrase: PASS });
    expect(core.actor.orgId).not.toBe('');
    core.close();
    offerPrestretched(prestretch(dataDir, 'not the passphrase at all'));
    await expect(openCore({ dataDir, passphrase: 'not the passphrase at all' })).rejects.toMatchObject({ code: 'wrong_key' });
  });

  it('gives nothing for a folder without a vault or a damaged vault.json', () => {
    expect(prestretch(join(tempDir(), 'none'), PASS)).toBeUndefined();
  });

  it('the launcher: a command unlocks with the right passphrase and refuses a wrong one in words', async () => {
    const dataDir = await vault();
    const ok = cli(['case', 'list', '--data', dataDir]);
    expect(ok.code).toBe(0);
    const wrong = cli(['case', 'list', `--data=${dataDir}`], { CASEWORK_PASSPHRASE: 'not the passphrase at all' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/wrong passphrase or key/);
  });
});
