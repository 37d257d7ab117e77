/**
 * `casework`: the command line of the core. Each area registers its commands; all share --data/--json
 * and the error handling of run.ts.
 */
import { Command, CommanderError } from 'commander';
import { reportError } from './run';
import { register as registerCore } from './commands/core';

const registrations: Array<(p: Command) => void> = [registerCore];

/** Areas whose command files may not exist yet in a partial checkout are loaded if present. */
const optional = ['./commands/rules', './commands/docs', './commands/search', './commands/sync', './commands/serve'];

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('casework')
    .description('Casework: offline-first case workstation (encrypted local vault, OCR, search, rules, sync)')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError(false);
  for (const r of registrations) r(program);
  for (const m of optional) {
    try {
      const mod = (await import(m)) as { register?: (p: Command) => void };
      mod.register?.(program);
    } catch (e) {
      if ((e as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND' || !String((e as Error).message).includes(m.slice(2))) throw e;
    }
  }
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    return reportError(e);
  }
}
