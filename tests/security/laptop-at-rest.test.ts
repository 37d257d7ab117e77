/**
 * What a stolen laptop or a hostile file name finds: after a writer is SIGKILLed mid-write, no client
 * name is readable in any file under the vault folder (database, WAL, shared memory, journal, blobs)
 * nor in the writer's temp folder; a document named with a path stays inside the vault, and what the
 * window is given back is the name alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dispatch } from '../../src-main/app/dispatch';
import { Session } from '../../src-main/app/session';
import { PASS, ROOT, allFiles, cliJson, filesContaining, tempDir } from '../support/cli';

describe('at rest and on disk', () => {
  it('leaves no canary in any file after a SIGKILL in the middle of writes', async () => {
    const root = tempDir('cw-canary-');
    const data = join(root, 'vault');
    const tmp = join(root, 'tmp');
    mkdirSync(tmp);
    cliJson(['init', '--data', data]);
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/support/crash-writer.ts'), data], {
      cwd: ROOT,
      env: { ...process.env, CASEWORK_PASSPHRASE: PASS, TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let acked = 0;
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('the writer wrote nothing')), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        acked += d.toString().split('\n').filter(Boolean).length;
        if (acked >= 60) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          done();
        }
      });
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode ? r(null) : child.once('exit', r)));
    const files = [...allFiles(data), ...allFiles(tmp)];
    // The WAL is there: the kill came before any checkpoint of the last writes.
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    // (The writer's own source says `Crash Client${i}`, and tsx caches it in TMPDIR: numbered names only.)
    for (const canary of ['Crash Client1', 'Crash Client42', 'task 12']) expect(filesContaining(root, canary), canary).toEqual([]);
    // And the writes are there, decrypted with the key.
    const cases = cliJson<any[]>(['case', 'list', '--data', data, '--limit', '500']);
    expect(cases.length).toBeGreaterThanOrEqual(60);
  }, 120_000);

  describe('document names that are paths', () => {
    let s: Session;
    let root: string;
    let caseId: string;
    beforeAll(async () => {
      root = tempDir('cw-traversal-');
      s = new Session(join(root, 'deep', 'vault'));
      expect((await dispatch(s, 'vault.create', { passphrase: PASS })).ok).toBe(true);
      const c = await dispatch(s, 'cases.create', { caseType: 'EXPRESS_ENTRY_FSW', client: 'Path Person' });
      caseId = (c as any).value.id;
    });
    afterAll(() => s?.lock());

    it('keeps the file inside the vault and its name to a name', async () => {
      const names = ['../../escaped.txt', '..\\..\\escaped-win.txt', '/tmp/absolute-escape.txt', 'blobs/../../../escaped-blob.txt', '\u0000../nul.txt'];
      for (const [i, filename] of names.entries()) {
        const r = await dispatch(s, 'docs.add', { caseId, filename, base64: Buffer.from(`secret letter ${i}`).toString('base64') });
        if (!r.ok) {
          expect(r.error.code, filename).toBe('invalid_input');
          continue;
        }
        const doc = (r as any).value;
        expect(doc.original_filename, filename).not.toMatch(/[/\\]|\.\./);
        const opened = await dispatch(s, 'docs.open', { id: doc.id });
        expect((opened as any).value.filename).not.toMatch(/[/\\]/);
        expect(Buffer.from((opened as any).value.base64, 'base64').toString()).toBe(`secret letter ${i}`);
      }
      // Nothing was written next to or above the vault, nor at the absolute path.
      expect(readdirSync(root).sort()).toEqual(['deep']);
      expect(readdirSync(join(root, 'deep')).sort()).toEqual(['vault']);
      expect(existsSync('/tmp/absolute-escape.txt')).toBe(false);
      const vault = resolve(root, 'deep', 'vault');
      for (const f of allFiles(vault)) expect(resolve(f).startsWith(vault)).toBe(true);
      expect(filesContaining(root, 'secret letter')).toEqual([]);
    });
  });
});
