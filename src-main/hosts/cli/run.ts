/**
 * Shared plumbing of every CLI command: open the vault from --data, run, print JSON (--json) or text,
 * and turn errors into one line on stderr with a non-zero exit. A failed command changes nothing:
 * the services run each command's writes in one transaction.
 */
import { isUserError } from '../../../src-shared/errors';
import { openCore, type Core } from '../../core/core';
import { installLicenseGate } from '../../app/license';
import { defaultDataDir } from './data-dir';

export interface CommonOptions {
  data?: string;
  json?: boolean;
}

export function dataDirOf(opts: CommonOptions): string {
  return opts.data ?? defaultDataDir();
}

export function passphraseFromEnv(): string | undefined {
  const p = process.env.CASEWORK_PASSPHRASE;
  return p === undefined || p === '' ? undefined : p;
}

/** Open the vault with its licence gate (issue 15): in a read-only state every write is refused in words. */
export async function openFromOptions(opts: CommonOptions): Promise<Core> {
  const core = await openCore({ dataDir: dataDirOf(opts), passphrase: passphraseFromEnv() });
  try {
    installLicenseGate(core);
  } catch (e) {
    core.close();
    throw e;
  }
  return core;
}

export type Printer = (result: unknown) => string;

export function print(result: unknown, opts: CommonOptions, text?: Printer) {
  if (result === undefined) return;
  if (opts.json || !text) process.stdout.write(`${JSON.stringify(result, null, opts.json ? 2 : 2)}\n`);
  else process.stdout.write(`${text(result)}\n`);
}

/** Run `fn` with an unlocked core, print its result, always close the vault. */
export async function withCore<T>(opts: CommonOptions, fn: (core: Core) => T | Promise<T>, text?: Printer): Promise<void> {
  const core = await openFromOptions(opts);
  try {
    const result = await fn(core);
    print(result, opts, text);
  } finally {
    core.close();
  }
}

export function reportError(e: unknown): number {
  if (isUserError(e)) {
    process.stderr.write(`casework: ${e.message}\n`);
    return e.code === 'invalid_input' || e.code === 'invalid_transition' ? 2 : 1;
  }
  const err = e as { code?: string; message?: string };
  if (err?.code?.startsWith?.('commander.')) return 2;
  process.stderr.write(`casework: internal error: ${err?.message ?? String(e)}\n`);
  if (process.env.CASEWORK_DEBUG) process.stderr.write(`${(e as Error)?.stack}\n`);
  return 1;
}
