/** Priority classification by debt type with reasoned overrides, the guideline CSV import and warnings, and the compliance checks. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEBT_TYPE_NAMES,
  classifyDebt,
  computeBudget,
  guidelineFor,
  guidelineWarnings,
  importGuidelinesCsv,
  runChecks,
  maskNiNumber,
  normaliseNiNumber,
  type CaseSnapshot,
  type DebtType,
} from '../../src-shared/debt-advice';

describe('priority classification', () => {
  it('classes the debts named in issue 16 as priority and consumer credit as non-priority', () => {
    for (const t of [
      'council_tax',
      'rent',
      'mortgage',
      'energy',
      'magistrates_fine',
      'child_maintenance',
      'secured_loan',
      'income_tax_vat',
      'tv_licence',
    ] as DebtType[])
      expect(classifyDebt(t)).toMatchObject({ priority: true, source: 'type' });
    for (const t of [
      'credit_card',
      'personal_loan',
      'overdraft',
      'catalogue',
      'payday_loan',
      'water',
      'benefit_overpayment',
      'buy_now_pay_later',
    ] as DebtType[])
      expect(classifyDebt(t)).toMatchObject({ priority: false, source: 'type' });
    expect(DEBT_TYPE_NAMES.length).toBeGreaterThan(20);
  });

  it('an override needs a reason and keeps what the type said', () => {
    expect(() => classifyDebt('hire_purchase', { priority: false, reason: 'no' })).toThrow(/needs a reason/);
    expect(classifyDebt('hire_purchase', { priority: false, reason: 'car not needed for work or health' })).toEqual({
      priority: false,
      byType: true,
      source: 'override',
      reason: 'car not needed for work or health',
    });
    // An "override" that agrees with the type is not an override.
    expect(classifyDebt('rent', { priority: true, reason: '' })).toMatchObject({ source: 'type' });
    expect(() => classifyDebt('constructor' as DebtType)).toThrow(/unknown debt type/);
  });
});

describe('spending guidelines', () => {
  const csv = readFileSync(join(__dirname, '..', '..', 'src-shared', 'debt-advice', 'testdata', 'guidelines-test.csv'), 'utf8');

  it('imports the shipped test file and finds the row for a household and date', () => {
    const r = importGuidelinesCsv(csv);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.rows.length).toBeGreaterThan(10);
    const g = guidelineFor(r.rows, 'food_and_housekeeping', { adults: 1, children: 7 }, '2025-06-01');
    expect(g).not.toBeNull();
    expect(g!.children).toBeLessThanOrEqual(7);
    expect(guidelineFor(r.rows, 'food_and_housekeeping', { adults: 1, children: 0 }, '2019-01-01')).toBeNull();
  });

  it('refuses a bad file whole, naming every bad line', () => {
    const bad = [
      'guideline_set,effective_from,effective_until,adults,children,category,monthly_amount',
      'Test,2025-01-01,,1,0,food_and_housekeeping,300.00',
      'Test,2025-02-30,,1,0,personal_costs,40.00',
      'Test,2025-01-01,,0,0,home_and_contents,12.345',
    ].join('\n');
    const r = importGuidelinesCsv(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/^line 3: effective_from/);
    expect(r.errors[1]).toMatch(/^line 4: .*adults.*category.*fractions of a penny/);
    expect(importGuidelinesCsv('a,b\n1,2').ok).toBe(false);
  });

  it('a flexible cost above its guideline needs a note before finalising', () => {
    const r = importGuidelinesCsv(csv);
    if (!r.ok) throw new Error('fixture');
    const g = guidelineFor(r.rows, 'communications_and_leisure', { adults: 1, children: 0 }, '2025-06-01')!;
    const over = computeBudget([{ category: 'communications_and_leisure', label: 'phone and broadband', amount: g.monthly + 1, frequency: 'monthly' }]);
    const w = guidelineWarnings(over, r.rows, { adults: 1, children: 0 }, '2025-06-01');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ category: 'communications_and_leisure', explained: false });
    const noted = computeBudget([
      { category: 'communications_and_leisure', label: 'phone', amount: g.monthly + 1, frequency: 'monthly', note: 'needs broadband to work from home' },
    ]);
    expect(guidelineWarnings(noted, r.rows, { adults: 1, children: 0 }, '2025-06-01')[0].explained).toBe(true);
    const at = computeBudget([{ category: 'communications_and_leisure', label: 'phone', amount: g.monthly, frequency: 'monthly' }]);
    expect(guidelineWarnings(at, r.rows, { adults: 1, children: 0 }, '2025-06-01')).toEqual([]);
  });
});

describe('compliance checks', () => {
  const base: CaseSnapshot = {
    asOf: '2026-03-15',
    budgets: [{ budgetDate: '2025-03-15', status: 'final' }],
    client: { vulnerabilityAssessedAt: '2025-03-15T10:00:00.000Z', vulnerabilityFlags: [], vulnerabilityConsent: null },
    recommendedSolution: null,
    debts: [],
    offers: [],
  };
  const byId = (s: CaseSnapshot) => Object.fromEntries(runChecks(s).map((c) => [c.id, c.ok]));

  it('budget older than 12 months fails, on the day after it turns 12 months old', () => {
    expect(byId(base).budget_current).toBe(true);
    expect(byId({ ...base, asOf: '2026-03-16' }).budget_current).toBe(false);
    expect(byId({ ...base, budgets: [{ budgetDate: '2026-01-01', status: 'awaiting_signoff' }] }).budget_current).toBe(false);
  });

  it('vulnerability not assessed, or flags without consent, fails', () => {
    expect(byId({ ...base, client: null }).vulnerability_assessed).toBe(false);
    expect(
      byId({ ...base, client: { vulnerabilityAssessedAt: '2025-01-01', vulnerabilityFlags: ['mental_health'], vulnerabilityConsent: false } })
        .vulnerability_assessed,
    ).toBe(false);
    expect(
      byId({ ...base, client: { vulnerabilityAssessedAt: '2025-01-01', vulnerabilityFlags: ['mental_health'], vulnerabilityConsent: true } })
        .vulnerability_assessed,
    ).toBe(true);
  });

  it('a solution recommended without a budget fails', () => {
    expect(byId({ ...base, recommendedSolution: 'dro_ew', budgets: [] }).solution_has_budget).toBe(false);
    expect(byId({ ...base, recommendedSolution: 'dro_ew' }).solution_has_budget).toBe(true);
  });

  it('offers to non-priority creditors while a priority debt in arrears has no plan fail', () => {
    const debts = [
      { id: 'rent', priority: true, arrears: 50000, arrearsOffer: null },
      { id: 'card', priority: false, arrears: 0, arrearsOffer: null },
    ];
    expect(byId({ ...base, debts, offers: [{ debtId: 'card', amount: 1000 }] }).priority_first).toBe(false);
    expect(byId({ ...base, debts: [{ ...debts[0], arrearsOffer: 2000 }, debts[1]], offers: [{ debtId: 'card', amount: 1000 }] }).priority_first).toBe(true);
    expect(byId({ ...base, debts, offers: [] }).priority_first).toBe(true);
  });
});

describe('national insurance number', () => {
  it('normalises, refuses malformed numbers and masks for display', () => {
    expect(normaliseNiNumber('ab 12 34 56 c')).toBe('AB123456C');
    expect(normaliseNiNumber('GB123456A')).toBeNull();
    expect(normaliseNiNumber('AB123456E')).toBeNull();
    expect(maskNiNumber('AB123456C')).toBe('•••••456C');
  });
});
