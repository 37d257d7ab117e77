/**
 * The budget sheet in the structure of the Standard Financial Statement (SFS): income, fixed costs,
 * flexible costs and a savings contribution, each made of categories, each category of lines typed by
 * the adviser (benefits line by line, for instance). A line is an amount and a frequency; the sheet
 * shows it monthly (frequency.ts, which also documents the rounding). Totals are sums of the rounded
 * monthly lines, so they are exact to the penny by construction and recomputing them from the lines
 * always gives the same figures.
 */
import { toMonthly, type Frequency } from './frequency';
import { sumPence, type Pence } from './money';

export const SECTIONS = ['income', 'fixed', 'flexible', 'savings'] as const;
export type Section = (typeof SECTIONS)[number];

/** Category -> its SFS section, in the order the statement prints them. */
export const CATEGORY_SECTION = {
  earnings: 'income',
  benefits: 'income',
  pensions: 'income',
  other_income: 'income',
  home_and_contents: 'fixed',
  utilities: 'fixed',
  water: 'fixed',
  care_and_health: 'fixed',
  transport_and_travel: 'fixed',
  school: 'fixed',
  pensions_and_insurances: 'fixed',
  professional: 'fixed',
  other_essential: 'fixed',
  communications_and_leisure: 'flexible',
  food_and_housekeeping: 'flexible',
  personal_costs: 'flexible',
  savings_contribution: 'savings',
} as const satisfies Record<string, Section>;
export type Category = keyof typeof CATEGORY_SECTION;
export const CATEGORIES = Object.keys(CATEGORY_SECTION) as Category[];
export const FLEXIBLE_CATEGORIES = CATEGORIES.filter((c) => CATEGORY_SECTION[c] === 'flexible');

export interface BudgetLine {
  id?: string;
  category: Category;
  label: string;
  amount: Pence;
  frequency: Frequency;
  note?: string | null;
}

export interface MonthlyLine extends BudgetLine {
  section: Section;
  monthly: Pence;
}

export interface BudgetTotals {
  income: Pence;
  fixedCosts: Pence;
  flexibleCosts: Pence;
  savings: Pence;
  /** Fixed + flexible + savings contribution. */
  expenditure: Pence;
  /** Income - expenditure; negative is a deficit. */
  surplus: Pence;
  byCategory: Record<Category, Pence>;
}

export interface ComputedBudget {
  lines: MonthlyLine[];
  totals: BudgetTotals;
}

export function computeBudget(lines: readonly BudgetLine[]): ComputedBudget {
  const out: MonthlyLine[] = lines.map((l) => {
    const section = CATEGORY_SECTION[l.category];
    if (!section) throw new Error(`unknown budget category "${String(l.category)}"`);
    return { ...l, section, monthly: toMonthly(l.amount, l.frequency) };
  });
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, Pence>;
  for (const l of out) byCategory[l.category] += l.monthly;
  const of = (s: Section) => sumPence(out.filter((l) => l.section === s).map((l) => l.monthly));
  const income = of('income');
  const fixedCosts = of('fixed');
  const flexibleCosts = of('flexible');
  const savings = of('savings');
  const expenditure = fixedCosts + flexibleCosts + savings;
  return { lines: out, totals: { income, fixedCosts, flexibleCosts, savings, expenditure, surplus: income - expenditure, byCategory } };
}
