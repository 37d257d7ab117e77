/**
 * Which page cipher a vault uses: new vaults get AEGIS-256 and record it; vaults whose vault.json
 * records no cipher (the first format, when SQLCipher was the only one) keep opening as SQLCipher.
 * Real vault folders, real encrypted files.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVault, openCore } from '../../src-main/core/core';
import { openDatabase } from '../../src-main/db/open';
import { unlockVaultKey, DB_FILE, VAULT_FILE } from '../../src-main/vault/vault';
import { filesContaining, tempDir, PASS } from '../support/cli';

const vaultJson = (dir: string) => JSON.parse(readFileSync(join(dir, VAULT_FILE), 'utf8')) as Record<string, unknown>;

function putCanary(db: import('../../src-main/db/open').DB, canary: string) {
  const put = db.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?)');
  // Enough rows to spill over several pages, so more than page 1 is written through the cipher.
  db.transaction(() => {
    for (let i = 0; i < 200; i++) put.run(`canary-${i}`, `${canary} row ${i} ${'x'.repeat(40)}`);
  })();
}

describe('vault page cipher', () => {
  it('a new vault is AEGIS-256 unless asked otherwise, records it, and no file holds plaintext', async () => {
    const data = join(tempDir(), 'v');
    const canary = `CANARY${Date.now()}AEG`;
    const core = await createVault({ dataDir: data, passphrase: PASS });
    expect(core.cipher).toBe('aegis');
    expect(vaultJson(data).cipher).toBe('aegis');
    putCanary(core.db, canary);
    // Before the checkpoint the rows live in the WAL; after close, in the database file.
    expect(filesContaining(data, canary)).toEqual([]);
    core.close();
    expect(filesContaining(data, canary)).toEqual([]);

    // The file really is AEGIS-256: the same key under SQLCipher does not decrypt it.
    const { key } = await unlockVaultKey(data, { passphrase: PASS });
    expect(() => openDatabase({ file: join(data, DB_FILE), key, cipher: 'sqlcipher' })).toThrow(/wrong passphrase or key/);
    const again = await openCore({ dataDir: data, passphrase: PASS });
    try {
      expect(again.db.prepare("SELECT value FROM vault_meta WHERE key = 'canary-7'").pluck().get()).toContain(canary);
    } finally {
      again.close();
    }
  });

  it('a vault of the first format (no cipher recorded) keeps opening as SQLCipher', async () => {
    const data = join(tempDir(), 'v');
    const canary = `CANARY${Date.now()}SQC`;
    const core = await createVault({ dataDir: data, passphrase: PASS, cipher: 'sqlcipher' });
    putCanary(core.db, canary);
    core.close();
    expect(filesContaining(data, canary)).toEqual([]);
    // What a vault.json written before ciphers were recorded looks like.
    const { cipher, ...firstFormat } = vaultJson(data);
    expect(cipher).toBe('sqlcipher');
    writeFileSync(join(data, VAULT_FILE), JSON.stringify(firstFormat, null, 2));

    const again = await openCore({ dataDir: data, passphrase: PASS });
    try {
      expect(again.cipher).toBe('sqlcipher');
      expect(again.db.prepare("SELECT value FROM vault_meta WHERE key = 'canary-199'").pluck().get()).toContain(canary);
      expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      again.close();
    }
  });
});
