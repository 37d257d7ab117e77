/**
 * The launcher's early start (bin/casework.mjs, before it loads the core): for a command that will unlock
 * the vault with CASEWORK_PASSPHRASE, start stretching it now. Bundled alone (out/core/early.cjs, with hosts/cli/early.ts) so
 * that loading it costs almost nothing. A wrong guess at the vault folder, or a command that does not
 * unlock, only wastes the stretch.
 */
import { defaultDataDir } from './data-dir';
import { prestretch } from '../../vault/prestretch';
import type { Prestretched } from '../../vault/prestretched';

export function prestretchFor(args: string[]): Prestretched | undefined {
  const passphrase = process.env.CASEWORK_PASSPHRASE;
  // Help and version never unlock, and a stretch in flight keeps the process alive until it ends.
  if (!passphrase || args.length === 0 || args.some((a) => ['--help', '-h', '--version', '-V', 'help'].includes(a))) return undefined;
  const at = args.findIndex((a) => a === '--data' || a.startsWith('--data='));
  const dataDir = at < 0 ? defaultDataDir() : args[at].startsWith('--data=') ? args[at].slice('--data='.length) : args[at + 1];
  return dataDir ? prestretch(dataDir, passphrase) : undefined;
}
