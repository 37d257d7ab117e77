/**
 * Budget arithmetic exact to the penny: conversions of every frequency, the documented rounding, totals
 * that always equal the sum of the converted lines (property test on generated statements), offers that
 * always add up to the amount available, and money parsing that refuses fractions of a penny.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CATEGORIES,
  CATEGORY_SECTION,
  FREQUENCIES,
  MONTHLY_FACTOR,
  computeBudget,
  formatPence,
  parsePence,
  proRataOffers,
  toMonthly,
  type BudgetLine,
} from '../../src-shared/debt-advice';

describe('money', () => {
  it('parses exact pence and refuses fractions of a penny and floats that are not what they look like', () => {
    expect(parsePence('1234.5')).toBe(123450);
    expect(parsePence('1234.500000')).toBe(123450);
    expect(parsePence('£1,234.56')).toBe(123456);
    expect(parsePence(0.3)).toBe(30);
    expect(parsePence('-0.05')).toBe(-5);
    expect(() => parsePence('12.345')).toThrow(/fractions of a penny/);
    expect(() => parsePence(0.1 + 0.2)).toThrow(); // 0.30000000000000004: refused, never rounded
    expect(() => parsePence('12,3a')).toThrow(/amount of money/);
    expect(formatPence(-5)).toBe('-0.05');
    expect(formatPence(123450)).toBe('1234.50');
  });
});

describe('monthly conversion', () => {
  it('uses 52/12, 26/12, 13/12 and /12, rounding each line half away from zero', () => {
    expect(toMonthly(10000, 'weekly')).toBe(43333); // 433.333.. -> 433.33
    expect(toMonthly(10000, 'fortnightly')).toBe(21667); // 216.666.. -> 216.67
    expect(toMonthly(10000, 'four_weekly')).toBe(10833); // 108.333.. -> 108.33
    expect(toMonthly(120000, 'yearly')).toBe(10000);
    expect(toMonthly(6, 'yearly')).toBe(1); // 0.5p rounds up
    expect(toMonthly(18, 'yearly')).toBe(2); // 1.5p rounds up
    expect(toMonthly(3, 'four_weekly')).toBe(3); // 3.25p -> 3
    expect(toMonthly(9000, 'quarterly')).toBe(3000);
    expect(toMonthly(12345, 'monthly')).toBe(12345);
  });

  it('matches exact rational arithmetic on any amount and frequency', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_00 }), fc.constantFrom(...FREQUENCIES), (amount, f) => {
        const [n, d] = MONTHLY_FACTOR[f];
        const exactTimes2d = BigInt(amount) * BigInt(n) * 2n; // 2 * d * exact
        const m = BigInt(toMonthly(amount, f));
        // |m - exact| <= 1/2, and exactly 1/2 only rounds up: 2d*m - d <= 2d*exact ... as integers
        expect(2n * BigInt(d) * m - BigInt(d) <= exactTimes2d).toBe(true);
        expect(exactTimes2d < 2n * BigInt(d) * m + BigInt(d)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

const lineArb: fc.Arbitrary<BudgetLine> = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  label: fc.string({ minLength: 1, maxLength: 12 }),
  amount: fc.integer({ min: 0, max: 5_000_000 }),
  frequency: fc.constantFrom(...FREQUENCIES),
});

describe('budget totals (property)', () => {
  it('every total equals the sum of the converted lines, and surplus = income - expenditure, to the penny', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 60 }), (lines) => {
        const b = computeBudget(lines);
        const sum = (pred: (c: string) => boolean) => lines.filter((l) => pred(l.category)).reduce((s, l) => s + toMonthly(l.amount, l.frequency), 0);
        expect(b.totals.income).toBe(sum((c) => CATEGORY_SECTION[c as keyof typeof CATEGORY_SECTION] === 'income'));
        expect(b.totals.fixedCosts).toBe(sum((c) => CATEGORY_SECTION[c as keyof typeof CATEGORY_SECTION] === 'fixed'));
        expect(b.totals.flexibleCosts).toBe(sum((c) => CATEGORY_SECTION[c as keyof typeof CATEGORY_SECTION] === 'flexible'));
        expect(b.totals.savings).toBe(sum((c) => c === 'savings_contribution'));
        expect(b.totals.expenditure).toBe(b.totals.fixedCosts + b.totals.flexibleCosts + b.totals.savings);
        expect(b.totals.surplus).toBe(b.totals.income - b.totals.expenditure);
        expect(b.lines.reduce((s, l) => s + l.monthly, 0)).toBe(b.totals.income + b.totals.expenditure);
        expect(Object.values(b.totals.byCategory).reduce((s, x) => s + x, 0)).toBe(b.totals.income + b.totals.expenditure);
        for (const l of b.lines) expect(Number.isSafeInteger(l.monthly)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a worked statement', () => {
    const b = computeBudget([
      { category: 'earnings', label: 'wages', amount: 32000, frequency: 'weekly' },
      { category: 'benefits', label: 'child benefit', amount: 4190, frequency: 'four_weekly' },
      { category: 'home_and_contents', label: 'rent', amount: 65000, frequency: 'monthly' },
      { category: 'food_and_housekeeping', label: 'food', amount: 9000, frequency: 'fortnightly' },
      { category: 'savings_contribution', label: 'savings', amount: 1000, frequency: 'monthly' },
    ]);
    // 138666.67 -> 138667; 4539.17 -> 4539; 19500
    expect(b.totals).toMatchObject({
      income: 138667 + 4539,
      fixedCosts: 65000,
      flexibleCosts: 19500,
      savings: 1000,
      expenditure: 85500,
      surplus: 143206 - 85500,
    });
  });
});

describe('pro-rata offers (property)', () => {
  it('offers add up exactly to the amount available, each within a penny of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000 }),
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 25 }),
        (available, balances) => {
          const debts = balances.map((balance, i) => ({ id: `d${i}`, balance }));
          const plan = proRataOffers(available, debts);
          expect(plan.token).toBe(false);
          expect(plan.offers.reduce((s, o) => s + o.amount, 0)).toBe(available);
          expect(plan.total).toBe(available);
          const total = balances.reduce((s, b) => s + b, 0);
          plan.offers.forEach((o, i) => {
            const exact = (available * balances[i]) / total;
            expect(Math.abs(o.amount - exact)).toBeLessThan(1);
          });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('gives the leftover pennies to the largest remainders, ties to the larger balance, deterministically', () => {
    const plan = proRataOffers(100, [
      { id: 'a', balance: 1 },
      { id: 'b', balance: 1 },
      { id: 'c', balance: 1 },
    ]);
    expect(plan.offers.map((o) => o.amount)).toEqual([34, 33, 33]);
    const p2 = proRataOffers(10000, [
      { id: 'card', balance: 300000 },
      { id: 'loan', balance: 600000 },
      { id: 'shop', balance: 100000 },
    ]);
    expect(p2.offers.map((o) => o.amount)).toEqual([3000, 6000, 1000]);
  });

  it('makes token offers when nothing is available, and ignores cleared debts', () => {
    const plan = proRataOffers(-2500, [
      { id: 'a', balance: 5000 },
      { id: 'b', balance: 0 },
      { id: 'c', balance: 100 },
    ]);
    expect(plan.token).toBe(true);
    expect(plan.offers).toEqual([
      { debtId: 'a', amount: 100, token: true },
      { debtId: 'c', amount: 100, token: true },
    ]);
    expect(proRataOffers(0, [{ id: 'a', balance: 1 }], 50).offers[0]).toMatchObject({ amount: 50, token: true });
  });
});
