/**
 * Attacks on the browser shell over real sockets, against a real shell process and a real vault:
 * requests that used to kill `casework serve` (issue 13, row 8), the session a cookie used to hand to
 * any program on 127.0.0.1 (row 9), and the doors that held (DNS-rebinding Host, cross-origin
 * WebSocket, invalid UTF-8, oversized bodies, no token).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { tempDir } from '../support/cli';
import { rawRequest, startShellProcess, type ShellProcess } from '../support/shell';

describe('the browser shell under attack', () => {
  let shell: ShellProcess;
  beforeAll(async () => {
    shell = await startShellProcess(join(tempDir(), 'vault'));
    expect((await shell.rpc('vault.create', { passphrase: 'a long shell passphrase' })).body).toMatchObject({ ok: true });
  });
  afterAll(async () => shell?.close());

  /** The shell still answers its own window: the attack did not stop it. */
  const stillServing = async () => {
    expect(shell.proc.exitCode).toBeNull();
    expect((await shell.rpc('vault.status')).body).toMatchObject({ ok: true, value: { exists: true, unlocked: true } });
  };

  it('answers malformed request targets with 400 and keeps serving (row 8)', async () => {
    const head = (target: string, extra = '') => `GET ${target} HTTP/1.1\r\nHost: ${shell.host}\r\nConnection: close\r\n${extra}\r\n`;
    // An absolute-form target that is not a URL, without any token.
    expect(await rawRequest(shell.port, head('http://[::1'))).toMatch(/^HTTP\/1\.1 400/);
    await stillServing();
    // The same through the WebSocket upgrade path.
    const upgrade = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    expect(await rawRequest(shell.port, head('http://[::1', upgrade))).toMatch(/^HTTP\/1\.1 4\d\d/);
    await stillServing();
    // Percent-encoding that is not UTF-8, from someone holding the session (as the cookie once was).
    const session = `Cookie: cw_token=${shell.token}\r\nX-Casework-Token: ${shell.token}\r\n`;
    expect(await rawRequest(shell.port, head('/%E0%A4%A', session))).toMatch(/^HTTP\/1\.1 400/);
    await stillServing();
    expect(await rawRequest(shell.port, head(`/%E0%A4%A?token=${shell.token}`, session))).toMatch(/^HTTP\/1\.1 400/);
    // Bytes that are not HTTP at all.
    expect(await rawRequest(shell.port, '\x00\xff\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    await stillServing();
  });

  it('never hands the session to the browser as a cookie another local port would receive (row 9)', async () => {
    // Everything a browser stores from opening the printed address: the page and what it loads.
    const cookies: string[] = [];
    const statuses: number[] = [];
    for (const path of [new URL(shell.url).pathname + new URL(shell.url).search, '/assets/app.js']) {
      const res = await fetch(`${shell.origin}${path}`, { redirect: 'manual' });
      cookies.push(...res.headers.getSetCookie());
      statuses.push(res.status);
    }
    expect(cookies.filter((c) => c.includes(shell.token))).toEqual([]);
    expect(statuses).toEqual([200, 200]);
    // A program on another port of 127.0.0.1 replays every cookie it could have received: refused.
    const jar = cookies.map((c) => c.split(';')[0]).join('; ');
    const replay = await shell.rpc('vault.status', {}, { 'content-type': 'application/json', cookie: jar || `cw_token=${shell.token}` });
    expect(replay.status).toBe(403);
  });

  it('refuses DNS-rebinding Host headers, even with the session', async () => {
    for (const host of [`evil.example:${shell.port}`, 'evil.example', `localhost.evil.example:${shell.port}`, '']) {
      const answer = await rawRequest(
        shell.port,
        `POST /rpc HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\nContent-Type: application/json\r\nX-Casework-Token: ${shell.token}\r\nContent-Length: 35\r\n\r\n{"method":"vault.status","input":{}}`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/);
      expect(answer).not.toContain('"ok":true');
    }
    const page = await rawRequest(shell.port, `GET /?token=${shell.token} HTTP/1.1\r\nHost: rebind.evil.example:${shell.port}\r\nConnection: close\r\n\r\n`);
    expect(page).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(page).not.toContain('<title>Casework');
  });

  it('refuses cross-origin and tokenless WebSockets, and opens its own', async () => {
    const ws = (origin: string | undefined, token: string | null) =>
      new Promise<number | 'open'>((resolve) => {
        const s = new WebSocket(`ws://${shell.host}/events${token === null ? '' : `?token=${token}`}`, {
          headers: { cookie: `cw_token=${shell.token}` },
          ...(origin ? { origin } : {}),
        });
        s.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        s.once('open', () => {
          s.close();
          resolve('open');
        });
        s.once('error', () => resolve(0));
      });
    expect(await ws('http://evil.example', shell.token)).toBe(403);
    expect(await ws(`http://127.0.0.1:${shell.port + 1}`, shell.token)).toBe(403);
    expect(await ws(shell.origin, 'wrong')).toBe(403);
    expect(await ws(shell.origin, shell.token)).toBe('open');
  });

  it('refuses calls without the session, from another origin, in invalid UTF-8, or too large; nothing changes', async () => {
    const before = (await shell.rpc('cases.list')).body.value.total;
    expect((await shell.rpc('cases.create', { caseType: 'EXPRESS_ENTRY_FSW', client: 'No Token' }, { 'content-type': 'application/json' })).status).toBe(403);
    const cross = await shell.rpc(
      'cases.create',
      { caseType: 'EXPRESS_ENTRY_FSW', client: 'Cross Origin' },
      { 'content-type': 'application/json', 'x-casework-token': shell.token, origin: 'http://evil.example' },
    );
    expect(cross.status).toBe(403);
    const name = Buffer.from('{"method":"cases.create","input":{"caseType":"EXPRESS_ENTRY_FSW","client":"Bad \xff\xfe UTF"}}', 'latin1');
    const bad = await fetch(`${shell.origin}/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-casework-token': shell.token },
      body: name,
    });
    expect(bad.status).toBe(400);
    // A declared 200 MB body is refused before it is read.
    const big = await rawRequest(
      shell.port,
      `POST /rpc HTTP/1.1\r\nHost: ${shell.host}\r\nContent-Type: application/json\r\nX-Casework-Token: ${shell.token}\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n{"method":`,
    );
    expect(big).toMatch(/^HTTP\/1\.1 413/);
    expect((await shell.rpc('cases.list')).body.value.total).toBe(before);
    await stillServing();
  });
});
