/**
 * Helpers of the sync client's tests: real laptops are real vault folders driven through the real
 * `casework` CLI (child processes); the server is the real sync server on embedded Postgres
 * (sync-server's startTestServer).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { spawnCli, tempDir, type CliResult } from '../support/cli';

/**
 * The CLI as an asynchronous child process: the server runs inside the test process, so a blocking
 * spawnSync would stop it from answering.
 */
export function run(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const p = spawnCli(args, env);
    let stdout = '';
    let stderr = '';
    p.stdout!.on('data', (d) => (stdout += d));
    p.stderr!.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export async function runJson<T = any>(args: string[], env: Record<string, string | undefined> = {}): Promise<T> {
  const r = await run(args.includes('--json') ? args : [...args, '--json'], env);
  if (r.code !== 0) throw new Error(`casework ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export interface Laptop {
  data: string;
  run(args: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
  json<T = any>(args: string[], env?: Record<string, string | undefined>): Promise<T>;
  sync(): Promise<any>;
}

export async function laptop(name = 'laptop'): Promise<Laptop> {
  const data = join(tempDir(`cw-sync-${name}-`), 'vault');
  await runJson(['init', '--data', data]);
  const l: Laptop = {
    data,
    run: (args, env = {}) => run([...args, '--data', data], env),
    json: (args, env = {}) => runJson([...args, '--data', data], env),
    sync: () => l.json(['sync', '--once']),
  };
  return l;
}

/** A new vault logged in to the server as this user. */
export async function joinedLaptop(server: string, email: string, password: string, name = 'laptop'): Promise<Laptop> {
  const l = await laptop(name);
  const r = await l.run(['login', '--server', server, '--email', email, '--json'], { CASEWORK_PASSWORD: password });
  if (r.code !== 0) throw new Error(`login failed: ${r.stderr}`);
  return l;
}

/**
 * The real sync server on a fresh embedded Postgres. Its folder is made world-traversable because
 * initdb runs as the `postgres` user when the tests run as root.
 */
export async function startServer(): Promise<TestServer & { stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'cw-sync-client-srv-'));
  chmodSync(dir, 0o755);
  const srv = await startTestServer({ dataDir: dir });
  return Object.assign(srv, {
    async stop() {
      await srv.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
