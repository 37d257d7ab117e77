/**
 * Nothing lost, nothing in plaintext: SIGKILL in the middle of writes, canary strings on disk, backup
 * and restore of every row. All against real encrypted vault folders and the real CLI.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { cli, cliJson, filesContaining, tempDir, ROOT, PASS, allFiles } from '../support/cli';
import { openCore } from '../../src-main/core/core';
import { TABLE_NAMES } from '../../src-shared/schema/tables';

describe('durability and encryption at rest', () => {
  it('a writer killed with SIGKILL mid-loop leaves a consistent store holding every acknowledged write', async () => {
    const data = join(tempDir(), 'v');
    cliJson(['init', '--data', data]);
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/support/crash-writer.ts'), data], {
      cwd: ROOT,
      env: { ...process.env, CASEWORK_PASSPHRASE: PASS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`writer produced ${acked.length} acks; stderr: ${stderr}`)), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const lines = buf.split('\n');
        buf = lines.pop()!;
        acked.push(...lines.filter(Boolean));
        if (acked.length >= 150) {
          child.kill('SIGKILL');
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => acked.length < 150 && reject(new Error(`writer died early: ${stderr}`)));
    });
    await new Promise((r) => child.on('close', r));
    const core = await openCore({ dataDir: data, passphrase: PASS });
    try {
      expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(core.db.pragma('foreign_key_check')).toEqual([]);
      const ids = new Set(core.db.prepare('SELECT id FROM cases').pluck().all() as string[]);
      for (const id of acked) expect(ids.has(id)).toBe(true);
      // Every case that exists is whole: its outbox entries and audit entries committed with it.
      const orphans = core.db
        .prepare("SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM sync_outbox o WHERE o.row_id = c.id AND o.op = 'insert')")
        .pluck()
        .get();
      expect(orphans).toBe(0);
      const noTask = core.db.prepare('SELECT count(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM tasks t WHERE t.case_id = c.id)').pluck().get();
      expect(noTask).toBeLessThanOrEqual(1); // the one in flight may have its case committed before its task
    } finally {
      core.close();
    }
  });

  it.each(['sqlcipher', 'aegis'])('canary strings written through the CLI never appear in plaintext in any file it wrote (%s)', (cipher) => {
    const data = join(tempDir(), 'v');
    const canary = `CANARY${Date.now()}ZQX`;
    cliJson(['init', '--data', data, '--cipher', cipher]);
    expect(JSON.parse(readFileSync(join(data, 'vault.json'), 'utf8')).cipher).toBe(cipher);
    const c = cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', `${canary}Name Okafor`]);
    cliJson([
      'person',
      'add',
      '--data',
      data,
      '--case',
      c.id,
      '--json',
      JSON.stringify({ first_name: `${canary}Spouse`, last_name: 'X', passport_info: { number: `${canary}P1234567` } }),
    ]);
    cliJson(['task', 'add', '--data', data, '--case', c.id, '--title', `${canary} secret task`]);
    // Hold many rows so the WAL is non-trivial, then check before and after a checkpoint.
    for (let i = 0; i < 3; i++) cliJson(['task', 'add', '--data', data, '--case', c.id, '--title', `${canary} more ${i}`]);
    const backup = join(data, '..', 'backup.cwbak');
    cliJson(['backup', '--data', data, '--out', backup]);
    const logsAndAll = allFiles(join(data, '..'));
    expect(logsAndAll.some((f) => f.endsWith('casework.db'))).toBe(true);
    expect(logsAndAll.some((f) => f.endsWith('.cwbak'))).toBe(true);
    expect(filesContaining(join(data, '..'), canary)).toEqual([]);
    // Sanity: the canary is really in there, readable with the key.
    const list = cliJson<any[]>(['case', 'list', '--data', data]);
    expect(list[0].client_name).toContain(canary);
    const wrong = cli(['case', 'list', '--data', data], { CASEWORK_PASSPHRASE: 'not it at all' });
    expect(wrong.stderr).toMatch(/wrong passphrase or key/);
    const restored = join(tempDir(), 'r');
    cliJson(['restore', '--from', backup, '--data', restored]);
    expect(JSON.parse(readFileSync(join(restored, 'vault.json'), 'utf8')).cipher).toBe(cipher);
    expect(cliJson<any[]>(['case', 'list', '--data', restored])[0].client_name).toContain(canary);
  });

  it('backup then restore on "another machine" round-trips every row of every table', async () => {
    const data = join(tempDir(), 'v');
    const r = cli(['demo', '--data', data, '--cases', '25']);
    expect(r.code).toBe(0);
    const backup = join(tempDir(), 'b.cwbak');
    cliJson(['backup', '--data', data, '--out', backup], { CASEWORK_BACKUP_PASSPHRASE: 'a different backup passphrase' });
    const restored = join(tempDir(), 'restored');
    // Wrong passphrase: refused, nothing created.
    const bad = cli(['restore', '--from', backup, '--data', restored], { CASEWORK_PASSPHRASE: 'wrong wrong wrong' });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/wrong passphrase or key/);
    cliJson(['restore', '--from', backup, '--data', restored], { CASEWORK_PASSPHRASE: 'a different backup passphrase' });
    const a = await openCore({ dataDir: data, passphrase: PASS });
    const b = await openCore({ dataDir: restored, passphrase: 'a different backup passphrase' });
    try {
      for (const t of TABLE_NAMES) {
        const q = `SELECT * FROM ${t} ORDER BY id`;
        expect(b.db.prepare(q).all(), t).toEqual(a.db.prepare(q).all());
      }
      expect(b.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(25);
    } finally {
      a.close();
      b.close();
    }
  });

  it('a tampered backup is refused', () => {
    const data = join(tempDir(), 'v');
    cliJson(['init', '--data', data]);
    cliJson(['case', 'create', '--data', data, '--type', 'WORK_PERMIT', '--client', 'Mei Chen']);
    const backup = join(tempDir(), 'b.cwbak');
    cliJson(['backup', '--data', data, '--out', backup]);
    const bytes = readFileSync(backup);
    bytes[bytes.length - 100] ^= 0xff;
    writeFileSync(backup, bytes);
    const r = cli(['restore', '--from', backup, '--data', join(tempDir(), 'r')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/damaged|altered/);
  });
});
