/**
 * `casework serve` stops within 2 s whatever the sync state: here a vault joined to a firm whose server
 * accepts connections and never answers (a hung proxy, a server stuck mid-restart), with a change
 * waiting to be pushed. The real command, a real encrypted vault, a real TCP listener.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createVault } from '../../src-main/core/core';
import { createCase } from '../../src-main/cases/cases';
import { META, saveTokens } from '../../src-main/sync/session';
import { ensureRenderer } from '../../scripts/build-renderer.mjs';
import { BIN, PASS, tempDir } from '../support/cli';

let blackHole: Server;
const held: Socket[] = [];
let port = 0;

beforeAll(async () => {
  await ensureRenderer();
  blackHole = createServer((s) => {
    held.push(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => blackHole.listen(0, '127.0.0.1', r));
  port = (blackHole.address() as { port: number }).port;
});

afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise((r) => blackHole.close(r));
});

describe('casework serve stopping', () => {
  it('exits within 2 s of SIGTERM while its sync server never answers and a change is pending', async () => {
    const data = join(tempDir(), 'v');
    const core = await createVault({ dataDir: data, passphrase: PASS });
    core.setMeta(META.server, `http://127.0.0.1:${port}`);
    saveTokens(core, { accessToken: 'a.b.c', refreshToken: 'r' });
    createCase(core, { caseType: 'EXPRESS_ENTRY_FSW', client: 'Pending Push' });
    core.close();

    const child = spawn(process.execPath, [BIN, 'serve', '--data', data], {
      env: { ...process.env, CASEWORK_PASSPHRASE: PASS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`casework serve did not start: ${err}`)), 90_000);
      child.stdout.on('data', (d) => {
        out += d;
        if (/open http:\/\/127\.0\.0\.1:\d+/.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then((code) => reject(new Error(`casework serve exited ${code}: ${err}`)));
    });
    // The live loop is up and its requests (the push of the pending case, the shapes) hang.
    const deadline = Date.now() + 30_000;
    while (held.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(held.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));

    const t = performance.now();
    child.kill('SIGTERM');
    const timeout = new Promise<'still running'>((r) => setTimeout(() => r('still running'), 10_000));
    const result = await Promise.race([exited, timeout]);
    const ms = performance.now() - t;
    if (result === 'still running') child.kill('SIGKILL');
    expect(result).not.toBe('still running');
    console.log(`stopped in ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(2000);
  });
});
