/**
 * Modules a licence does not grant are hidden, their data kept (issue 15): a domain pack's case types
 * are offered for new cases only when the vault's licence (its file, its firm's lease, or the trial,
 * which grants every module) names the pack's module. Existing cases of such a type stay readable,
 * searchable and exportable; only new ones are refused, in words.
 */
import { UserError } from '../../src-shared/errors';
import { packOfCaseType } from '../../src-shared/config/packs';
import type { Core } from '../core/core';
import { licenseStatus } from './license';

/** The licence module of a pack (pack ids use '-', licence modules '_': debt-advice / debt_advice). */
const moduleOf = (packId: string) => packId.replace(/-/g, '_');

/** The licence's modules, or null when the licence grants no module list to judge by (an invalid file). */
export function licensedModules(core: Core): Set<string> {
  return new Set(licenseStatus(core).modules);
}

/** A case type no pack claims is the engine's and always licensed. */
export function caseTypeLicensed(core: Core, caseType: string, modules = licensedModules(core)): boolean {
  const pack = packOfCaseType(caseType);
  return !pack || modules.has(moduleOf(pack.id));
}

export function assertCaseTypeLicensed(core: Core, caseType: string): void {
  if (!caseTypeLicensed(core, caseType)) {
    const pack = packOfCaseType(caseType)!;
    throw new UserError('forbidden', `${caseType} belongs to the ${pack.name.en} module, which your licence does not include`);
  }
}
