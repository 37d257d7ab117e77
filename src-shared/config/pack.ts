/**
 * What a domain pack is (issue 16): a bundle of case types with their default configuration, the tables it
 * adds, its rules, screens and CLI commands, switched on or off per org. Each pack declares itself in its own
 * folder (src-shared/<pack>/pack.ts); packs.ts lists them. Nothing here runs a pack: the declaration is
 * what the core, the CLI and the window read to know what a pack brings and whether an org has it.
 */
import type { Bilingual, ConfigDefinition } from './schema';

export interface PackDef {
  /** Stable id, also the feature flag `pack.<id>` that switches it per org. */
  id: string;
  name: Bilingual;
  description: Bilingual;
  /** Case type codes the pack brings (config_case_types.code). */
  caseTypes: readonly string[];
  /** Tables the pack adds to the schema (its own migrations). */
  tables: readonly string[];
  /** Version 0 of each case type's custom fields and forms: what an org starts from before any change. */
  defaultConfig: Readonly<Record<string, ConfigDefinition>>;
  /** The built-in rules it ships (approved_rules.rule_id). */
  rules: readonly string[];
  /** Window routes it adds (src-renderer/<pack>). */
  screens: readonly string[];
  /** `casework` top-level commands it adds. */
  cli: readonly string[];
  /** Whether an org that never chose has it. */
  enabledByDefault: boolean;
}

export const packFlag = (id: string) => `pack.${id}`;
