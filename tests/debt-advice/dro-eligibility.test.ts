/**
 * Debt solutions as dated rules: DRO eligibility on each side of every limit and of each date the limits
 * changed (29 June 2021, 28 June 2024) and of the fee's end (6 April 2024); every criterion carries its
 * reason and its source; DMP, IVA and bankruptcy criteria; rule ids unique and shapes accepted.
 */
import { describe, expect, it } from 'vitest';
import { assessSolution, assessSolutions, type SolutionFacts } from '../../src-shared/debt-advice';
import { DEBT_SOLUTION_RULES } from '../../src-shared/rules/packs/debt-solutions';
import { BUILT_IN_RULES } from '../../src-shared/rules/calculators';
import { ruleShapeProblem } from '../../src-shared/rules/engine';

const ok: SolutionFacts = {
  totalDebtsPence: 1_000_000,
  monthlySurplusPence: 2_000,
  assetsPence: 50_000,
  vehiclePence: 0,
  vehicleAdapted: false,
  connectedToEnglandWales: true,
  unableToPay: true,
  droInLastSixYears: false,
  inOtherInsolvency: false,
  availableForNonPriorityPence: 2_000,
  nonPriorityDebtCount: 3,
};
const dro = (facts: Partial<SolutionFacts>, date: string) => assessSolution('dro_ew', { ...ok, ...facts }, date);
const criterion = (facts: Partial<SolutionFacts>, date: string, id: string) => {
  const c = dro(facts, date).criteria.find((x) => x.ruleId === id);
  if (!c) throw new Error(`no criterion ${id} on ${date}`);
  return c;
};

const periods = [
  // [a day in force, debts max, surplus max, property max, vehicle disregarded below]
  ['2021-06-28', 2_000_000, 5_000, 100_000, 100_000],
  ['2021-06-29', 3_000_000, 7_500, 200_000, 200_000],
  ['2024-06-27', 3_000_000, 7_500, 200_000, 200_000],
  ['2024-06-28', 5_000_000, 7_500, 200_000, 400_000],
  ['2026-11-27', 5_000_000, 7_500, 200_000, 400_000],
] as const;

describe('Debt Relief Order (England and Wales)', () => {
  it('a client well inside every limit is eligible on every encoded date, with a reason and a source for each criterion', () => {
    for (const [day] of periods) {
      const r = dro({}, day);
      expect(r.eligible).toBe(true);
      expect(r.criteria.map((c) => c.ruleId).sort()).toEqual([
        'dro_ew.connection',
        'dro_ew.debts',
        'dro_ew.no_other_procedure',
        'dro_ew.no_recent_dro',
        'dro_ew.property',
        'dro_ew.surplus',
        'dro_ew.unable_to_pay',
        'dro_ew.vehicle',
      ]);
      for (const c of r.criteria) {
        expect(c.reason.length).toBeGreaterThan(5);
        expect(c.source?.url).toMatch(/^https:\/\//);
      }
    }
  });

  for (const [day, debts, surplus, property, vehicle] of periods) {
    it(`on ${day}: debts <= £${debts / 100}, surplus <= £${surplus / 100}, property <= £${property / 100}, vehicle < £${vehicle / 100}`, () => {
      expect(criterion({ totalDebtsPence: debts }, day, 'dro_ew.debts').met).toBe(true);
      expect(criterion({ totalDebtsPence: debts + 1 }, day, 'dro_ew.debts').met).toBe(false);
      expect(criterion({ monthlySurplusPence: surplus }, day, 'dro_ew.surplus').met).toBe(true);
      expect(criterion({ monthlySurplusPence: surplus + 1 }, day, 'dro_ew.surplus').met).toBe(false);
      expect(criterion({ assetsPence: property }, day, 'dro_ew.property').met).toBe(true);
      expect(criterion({ assetsPence: property + 1 }, day, 'dro_ew.property').met).toBe(false);
      // The vehicle is disregarded below the prescribed amount ("less than", r. 9.9(1)(a)(ii)) ...
      expect(criterion({ vehiclePence: vehicle - 1, assetsPence: property }, day, 'dro_ew.vehicle').met).toBe(true);
      // ... at the amount itself it is not disregarded: it counts as property, and with anything else the
      // property limit is exceeded (until 2024 the disregard equalled the property limit, so a car worth
      // exactly that much and nothing else still fitted; see the next assertion).
      const at = criterion({ vehiclePence: vehicle, assetsPence: 1 }, day, 'dro_ew.vehicle');
      expect(at.met).toBe(false);
      expect(at.reason).toMatch(/counts as property/);
      expect(criterion({ vehiclePence: vehicle, assetsPence: 0 }, day, 'dro_ew.vehicle').met).toBe(vehicle <= property);
      // An adapted vehicle is disregarded whatever it is worth.
      expect(criterion({ vehiclePence: 2_500_000, vehicleAdapted: true }, day, 'dro_ew.vehicle').met).toBe(true);
      expect(dro({ totalDebtsPence: debts, monthlySurplusPence: surplus, assetsPence: property, vehiclePence: vehicle - 1 }, day).eligible).toBe(true);
      expect(dro({ totalDebtsPence: debts + 1 }, day).eligible).toBe(false);
    });
  }

  it('£40,000 of debts: not eligible the day before 28 June 2024, eligible on it', () => {
    expect(dro({ totalDebtsPence: 4_000_000 }, '2024-06-27').eligible).toBe(false);
    expect(dro({ totalDebtsPence: 4_000_000 }, '2024-06-28').eligible).toBe(true);
  });

  it('a £3,000 car: counts (not eligible) the day before 28 June 2024, disregarded on it', () => {
    expect(dro({ vehiclePence: 300_000 }, '2024-06-27').eligible).toBe(false);
    expect(dro({ vehiclePence: 300_000 }, '2024-06-28').eligible).toBe(true);
  });

  it('£60 surplus and £25,000 debts: not eligible the day before 29 June 2021, eligible on it', () => {
    expect(dro({ monthlySurplusPence: 6_000 }, '2021-06-28').eligible).toBe(false);
    expect(dro({ monthlySurplusPence: 6_000 }, '2021-06-29').eligible).toBe(true);
    expect(dro({ totalDebtsPence: 2_500_000 }, '2021-06-28').eligible).toBe(false);
    expect(dro({ totalDebtsPence: 2_500_000 }, '2021-06-29').eligible).toBe(true);
  });

  it('the £90 application fee applies until 5 April 2024 and not from 6 April 2024', () => {
    expect(dro({}, '2024-04-05').figures.applicationFee).toBe(9_000);
    expect(dro({}, '2024-04-06').figures.applicationFee).toBe(0);
  });

  it('the non-monetary criteria fail with their reasons', () => {
    const r = dro({ droInLastSixYears: true, inOtherInsolvency: true, connectedToEnglandWales: false, unableToPay: false }, '2025-01-01');
    expect(r.eligible).toBe(false);
    expect(r.criteria.filter((c) => !c.met).map((c) => c.ruleId)).toEqual([
      'dro_ew.connection',
      'dro_ew.no_other_procedure',
      'dro_ew.no_recent_dro',
      'dro_ew.unable_to_pay',
    ]);
  });

  it('the reason shows the figures (pence as pounds), negative surplus included', () => {
    expect(criterion({ totalDebtsPence: 5_000_001 }, '2025-01-01', 'dro_ew.debts').reason).toContain('£50000.01');
    expect(criterion({ monthlySurplusPence: -1205 }, '2025-01-01', 'dro_ew.surplus').reason).toContain('-£12.05');
  });

  it('before the earliest encoded period nothing is claimed', () => {
    const r = dro({}, '2015-09-30');
    expect(r.eligible).toBe(false);
    expect(r.note).toMatch(/no Debt Relief Order \(England and Wales\) rules are encoded/);
  });
});

describe('DMP, IVA and bankruptcy', () => {
  it('DMP needs money left after priority debts and a non-priority debt', () => {
    const [, , , dmp] = assessSolutions(ok, '2025-01-01');
    expect(dmp.solution).toBe('dmp');
    expect(dmp.eligible).toBe(true);
    expect(assessSolution('dmp', { ...ok, availableForNonPriorityPence: 0 }, '2025-01-01').eligible).toBe(false);
    expect(assessSolution('dmp', { ...ok, nonPriorityDebtCount: 0 }, '2025-01-01').eligible).toBe(false);
  });

  it('IVA needs something to offer; bankruptcy needs inability to pay and reports the fee and the petition threshold', () => {
    expect(assessSolution('iva_ew', { ...ok, monthlySurplusPence: 0, assetsPence: 0 }, '2025-01-01').eligible).toBe(false);
    expect(assessSolution('iva_ew', ok, '2025-01-01').eligible).toBe(true);
    const b = assessSolution('bankruptcy_ew', ok, '2025-01-01');
    expect(b.eligible).toBe(true);
    expect(b.figures).toMatchObject({ applicationFee: 68_000, creditorPetitionMinimum: 500_000 });
    expect(assessSolution('bankruptcy_ew', { ...ok, unableToPay: false }, '2025-01-01').eligible).toBe(false);
  });
});

describe('the rule data', () => {
  it('every version has a unique id, an accepted shape, a source and is part of the built-in rules', () => {
    expect(new Set(DEBT_SOLUTION_RULES.map((r) => r.id)).size).toBe(DEBT_SOLUTION_RULES.length);
    expect(new Set(DEBT_SOLUTION_RULES.map((r) => `${r.rule_id}@${r.version}`)).size).toBe(DEBT_SOLUTION_RULES.length);
    for (const r of DEBT_SOLUTION_RULES) {
      expect(ruleShapeProblem(r.rule_json)).toBeNull();
      expect(r.rule_json.source?.title).toBeTruthy();
      expect(r.source_url).toMatch(/^https:\/\//);
    }
    const ids = new Set(BUILT_IN_RULES.map((r) => r.id));
    for (const r of DEBT_SOLUTION_RULES) expect(ids.has(r.id!)).toBe(true);
  });

  it('versions of a rule never overlap in time', () => {
    const byRule = new Map<string, typeof DEBT_SOLUTION_RULES>();
    for (const r of DEBT_SOLUTION_RULES) byRule.set(r.rule_id, [...(byRule.get(r.rule_id) ?? []), r]);
    for (const versions of byRule.values()) {
      const sorted = [...versions].sort((a, b) => a.effective_from.localeCompare(b.effective_from));
      for (let i = 1; i < sorted.length; i++) expect(sorted[i - 1].effective_until).toBe(sorted[i].effective_from);
    }
  });
});
