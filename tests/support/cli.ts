/** Runs the real `casework` command line as a child process, the way a user or a script would. */
import { spawnSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'casework.mjs');
export const PASS = 'correct horse battery staple';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], env: Record<string, string | undefined> = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, CASEWORK_PASSPHRASE: PASS, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Like cli() but parses --json output and fails loudly with stderr when the command failed. */
export function cliJson<T = any>(args: string[], env: Record<string, string | undefined> = {}): T {
  // `person add --json '{...}'` takes its JSON object in --json and always prints JSON.
  const r = cli(args.includes('--json') ? args : [...args, '--json'], env);
  if (r.code !== 0) throw new Error(`casework ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export function spawnCli(args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CASEWORK_PASSPHRASE: PASS, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function tempDir(prefix = 'casework-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every regular file under a folder (recursively). */
export function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...allFiles(p));
    else if (statSync(p).isFile()) out.push(p);
  }
  return out;
}

/** Files under `dir` whose bytes contain `needle` as UTF-8 or UTF-16LE. */
export function filesContaining(dir: string, needle: string): string[] {
  const a = Buffer.from(needle, 'utf8');
  const b = Buffer.from(needle, 'utf16le');
  return allFiles(dir).filter((f) => {
    const data = readFileSync(f);
    return data.includes(a) || data.includes(b);
  });
}
