/**
 * Startup benchmark: how long `casework case list` takes, as a ratio against bench/reference-case-list.mjs
 * (the least a program can do: the same vault, the same Argon2id unwrapping, the same cipher, the same 50
 * rows), both run as fresh processes alternately in one run; target <= 1.5x. Also `casework --help`.
 * `npm run bench -- ui` prints these beside the window's start-up; alone: `npm run bench -- startup`.
 * Flags: --cases=N (default 100000), --runs=N (default 7).
 * CASEWORK_BENCH_BIN=<path to a casework.mjs> measures another checkout's command (before/after figures).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVault } from '../src-main/core/core';
import { BIN as REPO_BIN } from '../tests/support/cli';
import { bulkCases } from './store';
import { flag, percentile, table } from './_util';

const REFERENCE = join(dirname(fileURLToPath(import.meta.url)), 'reference-case-list.mjs');
export const BENCH_PASS = 'benchmark passphrase';
/** The command measured: this checkout's, or CASEWORK_BENCH_BIN's (bench/ui.ts serves with it too). */
export const BIN = process.env.CASEWORK_BENCH_BIN ?? REPO_BIN;

/** Wall time of one fresh process, from spawn to exit; throws with its stderr when it fails. */
function timed(args: string[], env: Record<string, string>): { ms: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

/** A passphrase vault holding n cases (the same rows bench/store.ts and bench/ui.ts use). */
export async function benchVault(dataDir: string, n: number): Promise<void> {
  const core = await createVault({ dataDir, passphrase: BENCH_PASS, prefer: 'passphrase' });
  try {
    bulkCases(core, n);
  } finally {
    core.close();
  }
}

/** Rows for the startup table: `casework case list` against the reference, alternating, median of runs. */
export function measureCaseList(dataDir: string, runs: number): Array<Record<string, string | number>> {
  const env = { CASEWORK_PASSPHRASE: BENCH_PASS };
  const ref: number[] = [];
  const cli: number[] = [];
  const help: number[] = [];
  // One untimed run of each warms the OS file cache (and builds the core if it was not built yet).
  const warmRef = timed([REFERENCE, dataDir], env);
  const warmCli = timed([BIN, 'case', 'list', '--data', dataDir, '--json'], env);
  const ids = (out: string) => (JSON.parse(out) as Array<{ id: string }>).map((r) => r.id).join();
  if (ids(warmRef.stdout) !== ids(warmCli.stdout)) throw new Error('the reference and `casework case list` did not read the same rows');
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first so drift on a shared machine hits both alike.
    const pair = [() => ref.push(timed([REFERENCE, dataDir], env).ms), () => cli.push(timed([BIN, 'case', 'list', '--data', dataDir, '--json'], env).ms)];
    if (i % 2) pair.reverse();
    for (const f of pair) f();
    help.push(timed([BIN, '--help'], {}).ms);
  }
  const med = (a: number[]) => percentile(a, 50);
  return [
    { measure: 'reference: unlock + 50 rows (node, no framework), median', value_ms: med(ref), ratio: 1, target: '' },
    { measure: '`casework case list` (50 rows), median', value_ms: med(cli), ratio: med(cli) / med(ref), target: '<= 1.5x' },
    { measure: '`casework --help`, median', value_ms: med(help), ratio: med(help) / med(ref), target: '' },
  ];
}

export async function run(args: string[]) {
  const n = flag(args, 'cases', 100_000);
  const runs = flag(args, 'runs', 7);
  const dir = mkdtempSync(join(tmpdir(), 'casework-bench-startup-'));
  try {
    const dataDir = join(dir, 'vault');
    await benchVault(dataDir, n);
    table(`Command-line start-up with ${n} cases (encrypted vault), ${runs} runs each, ${BIN}`, measureCaseList(dataDir, runs));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
