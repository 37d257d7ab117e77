/**
 * Several sync server instances on one Postgres behind a real load balancer (issue 18): each instance is
 * `casework-sync start --database-url` in its own process, HAProxy (Debian's package) in front of them
 * with health checks, as a firm would run it. Used by tests/sync-server/live-instances and bench/sync-live.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../../sync-server/src/db/postgres';

const BIN = join(import.meta.dirname, '..', '..', 'sync-server', 'bin', 'casework-sync.mjs');
export const HAPROXY = '/usr/sbin/haproxy';

export interface Instance {
  url: string;
  port: number;
  child: ChildProcess;
  /** JSON lines the instance printed (its request log), as they come. */
  onLine(fn: (line: string) => void): void;
  stop(): Promise<void>;
  kill(): void;
}

/** `casework-sync start --database-url URL` in its own process; env adds to the server's environment. */
export async function startInstance(databaseUrl: string, auditKeyFile: string, env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cw-instance-'));
  const child = spawn(
    process.execPath,
    [BIN, 'start', '--port', String(port), '--data', dir, '--database-url', databaseUrl, '--audit-key-file', auditKeyFile],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } },
  );
  const lines = createInterface({ input: child.stdout! });
  const listeners: Array<(l: string) => void> = [];
  const url = await new Promise<string>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`casework-sync start exited with ${code}`)));
    lines.on('line', (l) => {
      for (const f of listeners) f(l);
      const m = /"url":"([^"]+)"/.exec(l);
      if (m) ok(m[1]!);
    });
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  return {
    url,
    port,
    child,
    onLine: (fn) => listeners.push(fn),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
    kill: () => child.kill('SIGKILL'),
  };
}

export interface Balancer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * HAProxy in front of `backends` (by device token, health-checked every 300 ms on /healthz, down after two failures, a request
 * whose connection fails is sent to another server). Its timeouts exceed the live channel's 25 s.
 */
export async function startHaproxy(backends: Array<{ port: number }>): Promise<Balancer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cw-haproxy-'));
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    `global
  maxconn 8000
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout http-keep-alive 30s
  timeout check 2s
  option redispatch
  retries 2
frontend casework
  bind 127.0.0.1:${port}
  default_backend sync
backend sync
  # A device's requests go to the same instance while it is up (its access stays cached there);
  # when that instance is down they are spread over the others.
  balance hdr(authorization)
  hash-type consistent
  option httpchk GET /healthz
  ${backends.map((b, i) => `server s${i + 1} 127.0.0.1:${b.port} check inter 300ms fall 2 rise 2 maxconn 10000`).join('\n  ')}
`,
  );
  const child = spawn(HAPROXY, ['-f', cfg, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  // Ready when it answers a health check through the frontend.
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`haproxy exited: ${err}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (i > 100) throw new Error(`haproxy did not come up: ${err}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
