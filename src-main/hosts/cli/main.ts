/**
 * `casework`: the command line of the core. Each area registers its commands; all share --data/--json
 * and the error handling of run.ts.
 */
import { Command, CommanderError } from 'commander';
import { reportError } from './run';
import { offerPrestretched, type Prestretched } from '../../vault/prestretched';
import { register as registerCore } from './commands/core';
import { register as registerRules } from './commands/rules';
import { register as registerDocs } from './commands/docs';
import { register as registerSearch } from './commands/search';
import { register as registerSync } from './commands/sync';
import { offerFront, register as registerServe } from './commands/serve';
import type { Front } from '../shell/front';
import { register as registerDebt } from './commands/debt';
import { register as registerLicense } from './commands/license';
import { register as registerKeys } from './commands/keys';
import { register as registerPrivacy } from './commands/privacy';
import { register as registerConfig } from './commands/config';
import { register as registerCrm } from './commands/crm';

// Static imports, so the bundle (scripts/build-core.mjs) holds every command; heavy libraries stay
// behind dynamic imports inside the commands that need them.
const registrations: Array<(p: Command) => void> = [
  registerCore,
  registerRules,
  registerDocs,
  registerSearch,
  registerSync,
  registerServe,
  registerDebt,
  registerLicense,
  registerKeys,
  registerConfig,
  registerPrivacy,
  registerCrm,
];

/**
 * `early`: what the launcher started before loading this bundle (hosts/cli/early.ts): the passphrase
 * stretch, and for `serve` the listening front door.
 */
export async function main(argv: string[], early: { prestretched?: Prestretched; front?: Promise<Front> } = {}): Promise<number> {
  offerPrestretched(early.prestretched);
  offerFront(early.front);
  const program = new Command();
  program
    .name('casework')
    .description('Casework: offline-first case workstation (encrypted local vault, OCR, search, rules, sync)')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError(false);
  for (const r of registrations) r(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    return reportError(e);
  }
}
