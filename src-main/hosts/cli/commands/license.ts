/** `casework license import FILE` and `casework license status` (issue 15): the vault's licence. */
import type { Command } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { UserError } from '../../../../src-shared/errors';
import { importLicense, licenseStatus, type VaultLicenseStatus } from '../../../app/license';
import { withCore, type CommonOptions } from '../run';

const common = (c: Command) =>
  c.option('--data <dir>', 'vault folder (default: the OS app-data folder for Casework)').option('--json', 'machine-readable output');

function statusText(s: VaultLicenseStatus): string {
  return [
    `state: ${s.state}${s.reason ? ` (${s.reason})` : ''}`,
    `licensee: ${s.licensee ?? '-'}`,
    `seats: ${s.seatsUsed} used of ${s.seats ?? 'unlimited (trial)'}`,
    `until: ${s.until ?? '-'}  grace until: ${s.graceUntil ?? '-'}`,
    `modules: ${s.modules.join(', ') || '-'}`,
  ].join('\n');
}

function view(s: VaultLicenseStatus) {
  const { state, reason, licensee, seats, seatsUsed, until, graceUntil, modules, clockRollback, source, licenseId } = s;
  return { state, ...(reason ? { reason } : {}), licensee, seats, seatsUsed, until, graceUntil, modules, clockRollback, source, licenseId };
}

export function register(program: Command) {
  const license = program.command('license').description('the licence of this vault (import a licence file, show its state)');
  common(license.command('import <file>'))
    .description('import a licence file signed by the vendor (a tampered or foreign file is refused with the reason)')
    .action((file: string, o: CommonOptions) => {
      let text: string;
      try {
        if (statSync(file).size > 64 * 1024) throw new UserError('invalid_input', `${file} is too large to be a licence file`);
        text = readFileSync(file, 'utf8');
      } catch (e) {
        if (e instanceof UserError) throw e;
        throw new UserError('invalid_input', `cannot read ${file}: ${(e as Error).message}`);
      }
      return withCore(
        o,
        (core) => view(importLicense(core, text)),
        (r) => `Licence imported.\n${statusText(r as VaultLicenseStatus)}`,
      );
    });
  common(license.command('status'))
    .description('valid, grace, read_only, invalid or none (trial), with seats and dates')
    .action((_o: CommonOptions, cmd: Command) =>
      withCore(
        cmd.optsWithGlobals<CommonOptions>(),
        (core) => view(licenseStatus(core)),
        (r) => statusText(r as VaultLicenseStatus),
      ),
    );
}
