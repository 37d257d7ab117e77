/**
 * Which debt solutions a client meets on a date, under the dated rules of src-shared/rules/packs/
 * debt-solutions.ts (or an org's approved versions of them): every criterion in force that day is listed,
 * met or not, with the reason worked out from the client's figures and the source of the rule version.
 */
import jsonLogic from 'json-logic-js';
import { evaluate, selectInForce, type RuleRow, type RuleSource } from '../rules/engine';
import { DEBT_SOLUTION_PACKS, DEBT_SOLUTION_RULES, type DebtSolutionPack } from '../rules/packs/debt-solutions';
import type { Pence } from './money';

export interface SolutionFacts {
  totalDebtsPence: Pence;
  monthlySurplusPence: Pence;
  /** Savings and things of value, other than one vehicle. */
  assetsPence: Pence;
  vehiclePence: Pence;
  vehicleAdapted: boolean;
  connectedToEnglandWales: boolean;
  unableToPay: boolean;
  droInLastSixYears: boolean;
  inOtherInsolvency: boolean;
  availableForNonPriorityPence: Pence;
  nonPriorityDebtCount: number;
}

export interface Criterion {
  ruleId: string;
  version: number;
  label: string;
  met: boolean;
  reason: string;
  source: RuleSource | null;
  section: string | null;
}

export interface SolutionAssessment {
  solution: DebtSolutionPack;
  jurisdiction: 'england_wales' | 'uk';
  date: string;
  /** False also when no criterion is in force that day (nothing encoded for that date). */
  eligible: boolean;
  criteria: Criterion[];
  /** Figures of the pack in force that day, in pence (fees, thresholds). */
  figures: Record<string, number>;
  rulesVersion: string;
  note?: string;
}

export const SOLUTION_NAMES: Record<DebtSolutionPack, string> = {
  dro_ew: 'Debt Relief Order (England and Wales)',
  bankruptcy_ew: "Bankruptcy on the debtor's application (England and Wales)",
  iva_ew: 'Individual Voluntary Arrangement (England and Wales)',
  dmp: 'Debt Management Plan',
};

export function assessSolution(pack: DebtSolutionPack, facts: SolutionFacts, date: string, rules: RuleRow[] = DEBT_SOLUTION_RULES): SolutionAssessment {
  const day = date.slice(0, 10);
  const inForce = selectInForce(rules, pack, day);
  const e = evaluate(pack, inForce, facts as unknown as Record<string, unknown>);
  const unmet = new Set(e.unmet.map((u) => `${u.ruleId}@${u.version}`));
  const criteria: Criterion[] = inForce
    .filter((r) => r.rule_json.kind === 'requirement')
    .sort((a, b) => a.rule_id.localeCompare(b.rule_id))
    .map((r) => {
      const met = !unmet.has(`${r.rule_id}@${r.version}`);
      const why = r.rule_json.explain !== undefined ? String(jsonLogic.apply(r.rule_json.explain as never, facts as never)) : r.rule_json.label;
      return {
        ruleId: r.rule_id,
        version: r.version,
        label: r.rule_json.label,
        met,
        reason: met ? why : `${r.effects_json.unmet ?? r.rule_json.label} (${why})`,
        source: r.rule_json.source ?? null,
        section: r.source_section ?? null,
      };
    });
  const figures: Record<string, number> = {};
  for (const a of e.applied) figures[a.factor] = a.points;
  return {
    solution: pack,
    jurisdiction: pack === 'dmp' ? 'uk' : 'england_wales',
    date: day,
    eligible: criteria.length > 0 && criteria.every((c) => c.met) && e.refused.length === 0,
    criteria,
    figures,
    rulesVersion: e.rulesVersion,
    note: criteria.length === 0 ? `no ${SOLUTION_NAMES[pack]} rules are encoded for ${day}` : undefined,
  };
}

export function assessSolutions(facts: SolutionFacts, date: string, rules?: RuleRow[]): SolutionAssessment[] {
  return DEBT_SOLUTION_PACKS.map((p) => assessSolution(p, facts, date, rules));
}

export { DEBT_SOLUTION_PACKS, type DebtSolutionPack };
