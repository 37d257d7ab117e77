/**
 * The registry of domain packs. A new pack adds its pack.ts in its own folder and one line here; nothing
 * else in the engine names a pack. Case types no pack claims (HOME_CARE until its pack exists) belong to
 * the engine and are always offered.
 */
import { IMMIGRATION_PACK } from '../immigration/pack';
import { DEBT_ADVICE_PACK } from '../debt-advice/pack';
import { CRM_PACK } from '../crm/pack';
import { definitionSchema, EMPTY_DEFINITION, type ConfigDefinition } from './schema';
import type { PackDef } from './pack';

export const PACKS: readonly PackDef[] = [IMMIGRATION_PACK, DEBT_ADVICE_PACK, CRM_PACK];

export function packById(id: string): PackDef | undefined {
  return PACKS.find((p) => p.id === id);
}

export function packOfCaseType(code: string): PackDef | undefined {
  return PACKS.find((p) => p.caseTypes.includes(code));
}

/** Version 0 of a case type: its pack's default configuration, or nothing configured. */
export function defaultDefinition(caseType: string): ConfigDefinition {
  return packOfCaseType(caseType)?.defaultConfig[caseType] ?? EMPTY_DEFINITION;
}

/** Each pack's defaults must pass the same schema as an org's edits (tests/config checks it). */
export function packDefaultsProblems(): string[] {
  return PACKS.flatMap((p) =>
    Object.entries(p.defaultConfig).flatMap(([type, def]) => {
      const r = definitionSchema.safeParse(def);
      return r.success ? [] : [`${p.id} ${type}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`];
    }),
  );
}
