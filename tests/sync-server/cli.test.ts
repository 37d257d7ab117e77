// The `casework-sync` command line as a user runs it (real child processes, real embedded Postgres):
// bad input exits 2 with a message and creates nothing; `start` logs exactly one "listening on URL"
// line, serves, and on SIGTERM exits 0 with its embedded Postgres stopped; `create-org` prints
// {"orgId","userId"} whose owner can log in; `--database-url` serves an existing Postgres.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../sync-server/src/db/postgres';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';

const BIN = join(__dirname, '../../sync-server/bin/casework-sync.mjs');
const root = mkdtempSync(join(tmpdir(), 'casework-sync-cli-'));
chmodSync(root, 0o711); // as root, the embedded cluster runs as `postgres`, which must traverse this folder
const children: ChildProcess[] = [];
let other: TestServer | undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, CASEWORK_ADMIN_PASSWORD: undefined, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function start(args: string[]): Promise<{ child: ChildProcess; url: string; lines: () => string[]; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'start', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = await new Promise<string>((ok, fail) => {
    const t = setTimeout(() => fail(new Error(`no listening line: ${out} ${err}`)), 60_000);
    const check = () => {
      const m = /listening on (http:\/\/[^"\s]+)/.exec(out);
      if (m) {
        clearTimeout(t);
        ok(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => fail(new Error(`exited ${code}: ${out} ${err}`)));
  });
  return { child, url, lines: () => out.split('\n').filter(Boolean), exited };
}

async function login(url: string, email: string, password: string) {
  const r = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, deviceName: 'cli test' }),
  });
  return { status: r.status, body: (await r.json()) as { userId?: string; memberships?: { orgId: string; role: string }[] } };
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  await other?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('casework-sync command line', () => {
  it('refuses bad input with exit 2 and a message, creating nothing', () => {
    const data = join(root, 'bad');
    const noPassword = cli(['create-org', '--name', 'Firm', '--admin-email', 'a@example.test', '--data', data]);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('CASEWORK_ADMIN_PASSWORD');
    expect(noPassword.stdout).toBe('');
    const noName = cli(['create-org', '--admin-email', 'a@example.test', '--data', data], { CASEWORK_ADMIN_PASSWORD: 'pw-long-enough-1' });
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/--name/);
    const badPort = cli(['start', '--port', 'eighty', '--data', data]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/--port/);
    expect(existsSync(data)).toBe(false);
    if (process.getuid?.() === 0) {
      // A data folder the `postgres` system user cannot reach: a clear message, not an initdb trace.
      const closed = join(root, 'closed');
      mkdirSync(closed, { mode: 0o700 });
      const r = cli(['start', '--port', '0', '--data', join(closed, 'data')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`cannot enter ${closed}`);
    }
  });

  it('starts on embedded Postgres, creates an org beside it, and shuts down cleanly on SIGTERM', async () => {
    const data = join(root, 'embedded');
    const port = await freePort();
    const s = await start(['--port', String(port), '--data', data]);
    expect(s.url).toBe(`http://127.0.0.1:${port}`);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);

    const created = cli(['create-org', '--name', 'Dupont Immigration', '--admin-email', 'owner@dupont.test', '--data', data], {
      CASEWORK_ADMIN_PASSWORD: 'owner-pass-123',
    });
    expect(created.code).toBe(0);
    const ids = JSON.parse(created.stdout) as { orgId: string; userId: string };
    expect(Object.keys(ids).sort()).toEqual(['orgId', 'userId']);
    expect(ids.orgId).toMatch(UUID);
    expect(ids.userId).toMatch(UUID);
    const ok = await login(s.url, 'owner@dupont.test', 'owner-pass-123');
    expect(ok.status).toBe(200);
    expect(ok.body.userId).toBe(ids.userId);
    expect(ok.body.memberships).toEqual([{ orgId: ids.orgId, role: 'owner' }]);
    expect((await login(s.url, 'owner@dupont.test', 'wrong-pass-123')).status).toBe(401);

    const pid = Number(readFileSync(join(data, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    const listening = s.lines().filter((l) => l.includes('listening on'));
    expect(listening).toHaveLength(1);
    expect(JSON.parse(listening[0]!).url).toBe(s.url);
    for (const l of s.lines()) expect(() => JSON.parse(l)).not.toThrow();
    expect(s.lines().join('\n')).not.toContain('owner@dupont.test');
    expect(() => process.kill(pid, 0)).toThrow(); // the embedded postmaster is gone
    expect(existsSync(join(data, 'pg', 'postmaster.pid'))).toBe(false);

    // Data survives a restart on the same folder.
    const again = await start(['--port', String(port), '--data', data]);
    expect((await login(again.url, 'owner@dupont.test', 'owner-pass-123')).status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('serves an existing Postgres given --database-url', async () => {
    other = await startTestServer();
    const port = await freePort();
    const s = await start(['--port', String(port), '--database-url', other.databaseUrl, '--data', join(root, 'unused')]);
    const created = cli(['create-org', '--name', 'Remote', '--admin-email', 'owner@remote.test', '--database-url', other.databaseUrl], {
      CASEWORK_ADMIN_PASSWORD: 'remote-pass-123',
    });
    expect(created.code).toBe(0);
    const { orgId } = JSON.parse(created.stdout) as { orgId: string };
    // Both servers share the one Postgres of record.
    expect((await login(s.url, 'owner@remote.test', 'remote-pass-123')).body.memberships).toEqual([{ orgId, role: 'owner' }]);
    expect((await login(other.url, 'owner@remote.test', 'remote-pass-123')).status).toBe(200);
    expect(existsSync(join(root, 'unused', 'pg'))).toBe(false);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  });
});
