/** Starts the browser shell as its own process (tests/support/shell-process.ts) and talks to it over real sockets. */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './cli';

export interface ShellProcess {
  url: string;
  origin: string;
  host: string;
  port: number;
  token: string;
  proc: ChildProcess;
  stderr(): string;
  /** POST /rpc with the session token (as the window sends it), or with the headers given. */
  rpc(method: string, input?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startShellProcess(dataDir: string, env: Record<string, string> = {}): Promise<ShellProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/support/shell-process.ts'), dataDir], {
    env: { ...process.env, CASEWORK_PASSPHRASE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the shell did not start: ${err}`)), 60_000);
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => reject(new Error(`the shell exited ${code}: ${err}`)));
  });
  const u = new URL(url);
  const token = u.searchParams.get('token')!;
  return {
    url,
    origin: u.origin,
    host: u.host,
    port: Number(u.port),
    token,
    proc,
    stderr: () => err,
    async rpc(method, input = {}, headers) {
      const res = await fetch(`${u.origin}/rpc`, {
        method: 'POST',
        headers: headers ?? { 'content-type': 'application/json', 'x-casework-token': token, cookie: `cw_token=${token}` },
        body: JSON.stringify({ method, input }),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, body };
    },
    close: async () => {
      if (proc.exitCode !== null || proc.signalCode) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

/** Sends raw bytes over TCP and returns everything the server answers before it closes (or 5 s pass). */
export function rawRequest(port: number, bytes: string | Buffer, waitMs = 5_000): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    const done = () => {
      clearTimeout(timer);
      s.destroy();
      resolve(got);
    };
    const timer = setTimeout(done, waitMs);
    s.on('data', (d) => {
      got += d.toString('latin1');
    });
    s.on('end', done);
    s.on('error', done);
    s.on('close', done);
    s.write(bytes);
  });
}
