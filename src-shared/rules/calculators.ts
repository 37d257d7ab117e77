/**
 * CRS and FSW calculations over whichever rules are given (the built-in packs, or a vault's approved
 * rules, where an org's versions stand beside the system's), on a date or under named versions.
 */
import { evaluate, selectInForce, selectVersions, type Evaluation, type RuleRow } from './engine';
import { profileFacts } from './facts';
import type { Profile } from './profile';
import { CRS_RULES } from './packs/crs';
import { FSW_PASS_MARK, FSW_RULES } from './packs/fsw';
import { DEBT_SOLUTION_RULES } from './packs/debt-solutions';

/** Every system pack, seeded into each vault as approved_rules rows: CRS, FSW and the debt solutions (DRO, bankruptcy, IVA, DMP). */
export const BUILT_IN_RULES: RuleRow[] = [...CRS_RULES, ...FSW_RULES, ...DEBT_SOLUTION_RULES];

export interface AppliedRef {
  ruleId: string;
  version: number;
  points: number;
  reason: string;
}

export interface CrsResult {
  total: number;
  core: number;
  spouse: number;
  skillTransferability: number;
  additional: number;
  breakdown: Evaluation['breakdown'];
  rulesVersion: string;
  rulesApplied: AppliedRef[];
  capsApplied: Evaluation['capsApplied'];
  /** Rules of the set that were not used because their shape is unsafe (named so the loss is visible). */
  rulesRefused: Evaluation['refused'];
  date: string;
}

export interface FswResult {
  total: number;
  passMark: number;
  eligible: boolean;
  factors: Record<string, number>;
  breakdown: Evaluation['breakdown'];
  unmet: string[];
  /** The minimum requirements not met, by rule id, so a window can name them in its own language. */
  unmetRuleIds: string[];
  /** Below the pass mark (also worded in `unmet`). */
  belowPassMark: boolean;
  rulesVersion: string;
  rulesApplied: AppliedRef[];
  rulesRefused: Evaluation['refused'];
  date: string;
}

export interface RuleChoice {
  rules?: RuleRow[];
  date?: string;
  /** Reproduce: exactly these versions (a saved calculation's rulesApplied + caps). */
  versions?: Array<{ ruleId: string; version: number }>;
}

const today = () => new Date().toISOString().slice(0, 10);

function pick(pack: string, choice: RuleChoice): RuleRow[] {
  const rules = choice.rules ?? BUILT_IN_RULES;
  return choice.versions ? selectVersions(rules, choice.versions) : selectInForce(rules, pack, choice.date ?? today());
}

const refs = (e: Evaluation) => e.applied.map((a) => ({ ruleId: a.ruleId, version: a.version, points: a.points, reason: a.reason }));

export function calculateCrs(profile: Profile, choice: RuleChoice = {}): CrsResult & { versionsUsed: Array<{ ruleId: string; version: number }> } {
  const rules = pick('crs', choice);
  const e = evaluate('crs', rules, profileFacts(profile) as never);
  return {
    total: e.total,
    core: e.groups.core ?? 0,
    spouse: e.groups.spouse ?? 0,
    skillTransferability: e.groups.skillTransferability ?? 0,
    additional: e.groups.additional ?? 0,
    breakdown: e.breakdown,
    rulesVersion: e.rulesVersion,
    rulesApplied: refs(e),
    capsApplied: e.capsApplied,
    rulesRefused: e.refused,
    date: choice.date ?? today(),
    versionsUsed: rules.map((r) => ({ ruleId: r.rule_id, version: r.version })),
  };
}

export function calculateFsw(profile: Profile, choice: RuleChoice = {}): FswResult & { versionsUsed: Array<{ ruleId: string; version: number }> } {
  const rules = pick('fsw', choice);
  const e = evaluate('fsw', rules, profileFacts(profile) as never);
  const unmet = e.unmet.map((u) => u.message);
  return {
    total: e.total,
    passMark: FSW_PASS_MARK,
    eligible: e.total >= FSW_PASS_MARK && unmet.length === 0,
    factors: {
      language: e.groups.language ?? 0,
      education: e.groups.education ?? 0,
      experience: e.groups.experience ?? 0,
      age: e.groups.age ?? 0,
      arrangedEmployment: e.groups.arrangedEmployment ?? 0,
      adaptability: e.groups.adaptability ?? 0,
    },
    breakdown: e.breakdown,
    unmet: [...unmet, ...(e.total < FSW_PASS_MARK ? [`${e.total} points is below the pass mark of ${FSW_PASS_MARK}`] : [])],
    unmetRuleIds: e.unmet.map((u) => u.ruleId),
    belowPassMark: e.total < FSW_PASS_MARK,
    rulesVersion: e.rulesVersion,
    rulesApplied: refs(e),
    rulesRefused: e.refused,
    date: choice.date ?? today(),
    versionsUsed: rules.map((r) => ({ ruleId: r.rule_id, version: r.version })),
  };
}
