/** Runs the real `casework-license` vendor tool, and issues licences for tests (issue 15). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, type CliResult } from '../support/cli';

export const LICENSE_BIN = join(ROOT, 'bin', 'casework-license.mjs');

export function licenseCli(args: string[], env: Record<string, string | undefined> = {}): CliResult {
  const r = spawnSync(process.execPath, [LICENSE_BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function keygen(dir: string): { key: string; pub: string; keyId: string } {
  const r = licenseCli(['keygen', '--out', dir]);
  if (r.code !== 0) throw new Error(`keygen failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export interface IssueOptions {
  licensee?: string;
  org?: string;
  seats?: number;
  devicesPerUser?: number;
  modules?: string;
  from?: string;
  until?: string;
  graceDays?: number;
}

export function issue(key: string, out: string, o: IssueOptions = {}): string {
  const args = ['issue', '--key', key, '--licensee', o.licensee ?? 'Okafor Immigration', '--seats', String(o.seats ?? 3)];
  args.push('--devices-per-user', String(o.devicesPerUser ?? 2), '--modules', o.modules ?? 'immigration');
  args.push('--from', o.from ?? '2025-01-01', '--until', o.until ?? '2030-12-31', '--grace-days', String(o.graceDays ?? 14), '--out', out);
  if (o.org) args.push('--org', o.org);
  const r = licenseCli(args);
  if (r.code !== 0) throw new Error(`issue failed: ${r.stderr}`);
  return out;
}
