// The live loop as a user runs it (issue 18): the real `casework-sync start` server (embedded Postgres,
// a child process) and two real `casework` laptops. Laptop B runs `casework sync` (live, the one live
// channel); laptop A creates a case and syncs once; the case appears in B's vault while B's command is
// still running, read by another `casework` process beside it. Then SIGTERM: B stops cleanly (exit 0,
// its summary, nothing on stderr) and well within the shutdown bound.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../sync-server/src/db/postgres';
import { spawnCli } from '../support/cli';
import { joinedLaptop, type Laptop } from './support';

const SERVER_BIN = join(import.meta.dirname, '../../sync-server/bin/casework-sync.mjs');
const root = mkdtempSync(join(tmpdir(), 'cw-live-cli-'));
chmodSync(root, 0o711); // as root, the embedded cluster runs as `postgres`, which must traverse this folder
const EMAIL = 'owner@live.test';
const PASSWORD = 'live-pass-1234';
let server: ChildProcess;
let serverExit: Promise<number | null>;
let url: string;
let a: Laptop;
let b: Laptop;

beforeAll(async () => {
  const data = join(root, 'server');
  server = spawn(process.execPath, [SERVER_BIN, 'start', '--port', String(await freePort()), '--data', data], { stdio: ['ignore', 'pipe', 'pipe'] });
  serverExit = new Promise((r) => server.once('exit', (code) => r(code)));
  let out = '';
  let err = '';
  server.stderr!.on('data', (d) => (err += d));
  url = await new Promise<string>((ok, fail) => {
    server.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[^"\s]+)/.exec(out);
      if (m) ok(m[1]!);
    });
    void serverExit.then((code) => fail(new Error(`casework-sync exited ${code}: ${err}`)));
  });
  const made = spawnSync(process.execPath, [SERVER_BIN, 'create-org', '--name', 'Live Firm', '--admin-email', EMAIL, '--data', data], {
    env: { ...process.env, CASEWORK_ADMIN_PASSWORD: PASSWORD },
    encoding: 'utf8',
  });
  expect(made.status, made.stderr).toBe(0);
  a = await joinedLaptop(url, EMAIL, PASSWORD, 'live-a');
  b = await joinedLaptop(url, EMAIL, PASSWORD, 'live-b');
}, 180_000);
afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await serverExit;
  }
  rmSync(root, { recursive: true, force: true });
});

describe('casework sync (live) against casework-sync', () => {
  it("A's edit reaches B's vault while B's live command runs; B stops cleanly on SIGTERM", async () => {
    const live = spawnCli(['sync', '--data', b.data]);
    let stdout = '';
    let stderr = '';
    live.stdout!.on('data', (d) => (stdout += d));
    live.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => live.once('exit', (code, signal) => r({ code, signal })));
    try {
      // B's first round is done and its live loop runs: only that loop can bring A's case now.
      const banner = await Promise.race([
        new Promise<string>((ok) => createInterface({ input: live.stdout! }).on('line', (l) => /Syncing live/.test(l) && ok('live'))),
        exited.then((e) => `exited ${e.code}: ${stderr}`),
      ]);
      expect(banner).toBe('live');
      const c = await a.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Live Client']);
      const sent = await a.sync();
      expect(sent.applied).toBeGreaterThan(0);
      const pushedAt = Date.now();
      let seen: any;
      while (!seen && Date.now() - pushedAt < 60_000) {
        expect(live.exitCode, stderr).toBeNull();
        const r = await b.run(['case', 'show', c.id, '--json']);
        if (r.code === 0) seen = JSON.parse(r.stdout);
        else await new Promise((res) => setTimeout(res, 200));
      }
      const reachedMs = Date.now() - pushedAt;
      expect(seen?.case_number, `not on B after ${reachedMs} ms`).toBe(c.case_number);
      expect(seen.persons.map((p: any) => p.first_name)).toEqual(['Live']);
      console.log(`A's case readable in B's vault ${reachedMs} ms after A's push (includes one casework process start per poll)`);
      expect(live.exitCode).toBeNull();

      const stopAt = Date.now();
      live.kill('SIGTERM');
      const end = await exited;
      const stopMs = Date.now() - stopAt;
      console.log(`B stopped ${stopMs} ms after SIGTERM`);
      expect(end, stderr).toEqual({ code: 0, signal: null });
      expect(stderr).toBe('');
      // Its closing summary, after the banner.
      expect(stdout).toMatch(
        /Syncing live with http:\/\/127\.0\.0\.1:\d+ \(Ctrl-C to stop\)\nSent \d+ \(applied \d+, conflicts 0, rejected 0\); received \d+ records/,
      );
      expect(stopMs).toBeLessThan(5_000);
    } finally {
      if (live.exitCode === null) live.kill('SIGKILL');
    }
  }, 180_000);
});
