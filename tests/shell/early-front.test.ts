/**
 * `casework serve` through the launcher (bin/casework.mjs): the front door listens and prints the address
 * before the core has loaded (src-main/hosts/cli/early.ts), and the core attaches to it. What must hold:
 * one address, the same checks on every request as before (token, Host), calls made before the core was
 * ready answered once it is, and arguments the early start cannot judge left to the core's errors.
 * The real command, a real encrypted vault, real sockets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createVault } from '../../src-main/core/core';
import { ensureRenderer } from '../../scripts/build-renderer.mjs';
import { BIN, PASS, cli, tempDir } from '../support/cli';
import { rawRequest } from '../support/shell';

let data = '';

beforeAll(async () => {
  await ensureRenderer();
  data = join(tempDir(), 'v');
  (await createVault({ dataDir: data, passphrase: PASS })).close();
}, 180_000);

/** Starts `casework serve`, resolving at the first address line with everything printed so far. */
function serve(args: string[]) {
  const child = spawn(process.execPath, [BIN, 'serve', '--data', data, ...args], {
    env: { ...process.env, CASEWORK_PASSPHRASE: PASS },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  url.catch(() => undefined);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const stop = async () => {
    if (child.exitCode === null && !child.signalCode) child.kill('SIGTERM');
    return exited;
  };
  return { url, exited, stop, out: () => out, err: () => err };
}

describe('casework serve: the early front door', () => {
  it('prints one address, answers a call made at once after the unlock, and checks every request as before', async () => {
    const s = serve([]);
    try {
      const url = new URL(await s.url);
      const token = url.searchParams.get('token')!;
      // Sent the moment the address appears: the core may not have loaded yet; the call waits for it.
      const call = fetch(`${url.origin}/rpc`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-casework-token': token },
        body: JSON.stringify({ method: 'vault.status', input: {} }),
      });
      const page = await fetch(url.href);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(await page.text())![1];
      expect((await fetch(`${url.origin}/${script}`)).status).toBe(200);
      const status = await call;
      expect(status.status).toBe(200);
      expect(await status.json()).toMatchObject({ ok: true, value: { exists: true, unlocked: true } });

      expect((await fetch(`${url.origin}/`)).status).toBe(403); // no token
      const wrongToken = await fetch(`${url.origin}/rpc`, {
        method: 'POST',
        headers: { 'x-casework-token': 'x'.repeat(32) },
        body: '{"method":"vault.status"}',
      });
      expect(wrongToken.status).toBe(403);
      const rebound = await rawRequest(Number(url.port), `GET /?token=${token} HTTP/1.1\r\nHost: evil.example:${url.port}\r\nConnection: close\r\n\r\n`);
      expect(rebound).toMatch(/^HTTP\/1\.1 421/);
      expect(s.out().match(/open http/g)).toHaveLength(1);
    } finally {
      expect(await s.stop()).toBe(0);
    }
  }, 120_000);

  it('leaves a --port it cannot use to the core, which says why in words', async () => {
    const bad = cli(['serve', '--data', data, '--port', 'eighty']);
    expect(bad.code).toBeGreaterThan(0);
    expect(bad.stderr).toMatch(/--port must be a port number/);
    expect(bad.stdout).not.toMatch(/open http/);

    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      const s = serve(['--port', String(port)]);
      const code = await s.exited;
      expect(code).not.toBe(0);
      expect(s.out()).not.toMatch(/open http/);
      expect(s.err()).toMatch(new RegExp(`port ${port} on 127.0.0.1 is in use`));
    } finally {
      taken.close();
    }
  }, 120_000);
});
