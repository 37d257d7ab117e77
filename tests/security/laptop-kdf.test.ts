/**
 * A stolen laptop's vault.json and a backup file cost an attacker a password manager's Argon2id per
 * guess; passphrases are at least 12 characters everywhere (core, CLI, window contract); a vault made
 * with the old parameters still opens and is re-wrapped at that unlock; a hostile backup cannot make
 * restore allocate a terabyte.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVault, openCore } from '../../src-main/core/core';
import { enrollPassphrase, passphraseKek } from '../../src-main/vault/keystores';
import { backupVault, restoreVault } from '../../src-main/app/backup';
import { dispatch } from '../../src-main/app/dispatch';
import { Session } from '../../src-main/app/session';
import { PASS, cli, tempDir } from '../support/cli';

const kdfOf = (dataDir: string) => JSON.parse(readFileSync(join(dataDir, 'vault.json'), 'utf8')).stores.find((s: any) => s.kind === 'passphrase').kdf;

describe('passphrase key derivation and rules', () => {
  it('wraps vault keys and backups with Argon2id of at least 64 MiB and 3 passes, costing at least 5x the old setting', async () => {
    const data = join(tempDir('cw-kdf-'), 'vault');
    const core = await createVault({ dataDir: data, passphrase: PASS });
    const kdf = kdfOf(data);
    expect(kdf.memoryCost).toBeGreaterThanOrEqual(64 * 1024);
    expect(kdf.timeCost).toBeGreaterThanOrEqual(3);
    const times: number[] = [];
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      await passphraseKek(PASS, Buffer.from(kdf.salt, 'base64'), kdf);
      times.push(performance.now() - t);
    }
    // The old setting (19 MiB, 2 passes) measured in the same run: a wall-clock floor would pass or fail
    // with the machine's load and core count, a ratio to the old cost does not.
    const old = { ...kdf, memoryCost: 19 * 1024, timeCost: 2 };
    const oldTimes: number[] = [];
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      await passphraseKek(PASS, Buffer.from(kdf.salt, 'base64'), old);
      oldTimes.push(performance.now() - t);
    }
    const ratio = Math.min(...times) / Math.min(...oldTimes);
    console.log(
      `Argon2id ${kdf.memoryCost / 1024} MiB, t=${kdf.timeCost}: ${times.map((t) => Math.round(t)).join(', ')} ms; 19 MiB, t=2: ${oldTimes.map((t) => Math.round(t)).join(', ')} ms; ${ratio.toFixed(1)}x`,
    );
    expect(ratio).toBeGreaterThanOrEqual(5);
    const file = join(tempDir('cw-kdf-backup-'), 'b.cwbak');
    await backupVault(core, file, PASS);
    core.close();
    const raw = readFileSync(file);
    const header = JSON.parse(raw.subarray(14, 14 + raw.readUInt32BE(10)).toString('utf8'));
    expect(header.kdf.memoryCost).toBeGreaterThanOrEqual(64 * 1024);
    expect(header.kdf.timeCost).toBeGreaterThanOrEqual(3);

    // A backup whose header asks for an absurd amount of memory is refused, not attempted.
    const hostile = { ...header, kdf: { ...header.kdf, memoryCost: 2 ** 31 } };
    const hb = Buffer.from(JSON.stringify(hostile));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(hb.length);
    const bad = join(tempDir('cw-kdf-hostile-'), 'hostile.cwbak');
    writeFileSync(bad, Buffer.concat([raw.subarray(0, 10), len, hb, raw.subarray(14 + raw.readUInt32BE(10))]));
    await expect(restoreVault(bad, join(tempDir('cw-kdf-restore-'), 'vault'), PASS)).rejects.toThrow(/beyond any Casework writes/);
  });

  it('opens a vault wrapped with the old parameters and re-wraps it at that unlock', async () => {
    const data = join(tempDir('cw-kdf-old-'), 'vault');
    const core = await createVault({ dataDir: data, passphrase: PASS });
    const key = core.exportKey();
    core.close();
    const file = JSON.parse(readFileSync(join(data, 'vault.json'), 'utf8'));
    file.stores = [await enrollPassphrase(key, PASS, { memoryCost: 19456, timeCost: 2, parallelism: 1 })];
    writeFileSync(join(data, 'vault.json'), JSON.stringify(file));
    expect(kdfOf(data)).toMatchObject({ memoryCost: 19456, timeCost: 2 });
    (await openCore({ dataDir: data, passphrase: PASS })).close();
    expect(kdfOf(data).memoryCost).toBeGreaterThanOrEqual(64 * 1024);
    expect(kdfOf(data).timeCost).toBeGreaterThanOrEqual(3);
    // Still the same key, and a wrong passphrase is still wrong.
    (await openCore({ dataDir: data, passphrase: PASS })).close();
    await expect(openCore({ dataDir: data, passphrase: 'not the passphrase at all' })).rejects.toThrow(/wrong passphrase/);
  });

  it('refuses passphrases under 12 characters in the core, the CLI and the window alike', async () => {
    const short = 'elevenchars';
    await expect(createVault({ dataDir: join(tempDir('cw-kdf-short-'), 'vault'), passphrase: short })).rejects.toThrow(/at least 12 characters/);
    const init = cli(['init', '--data', join(tempDir('cw-kdf-cli-'), 'vault')], { CASEWORK_PASSPHRASE: short });
    expect(init.code).not.toBe(0);
    expect(init.stderr).toMatch(/at least 12 characters/);
    const s = new Session(join(tempDir('cw-kdf-window-'), 'vault'));
    expect(await dispatch(s, 'vault.create', { passphrase: short })).toMatchObject({ ok: false, error: { message: 'passphrase: use at least 12 characters' } });
    expect(s.status().exists).toBe(false);
    const core = await createVault({ dataDir: join(tempDir('cw-kdf-b-'), 'vault'), passphrase: PASS });
    await expect(backupVault(core, join(tempDir('cw-kdf-b2-'), 'x.cwbak'), short)).rejects.toThrow(/at least 12 characters/);
    core.close();
  });
});
