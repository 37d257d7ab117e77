/** What the window receives from the debt-advice methods of the contract (src-shared/contract). Money as decimal strings. */
import type { Frequency } from './frequency';
import type { GuidelineWarning } from './guidelines';
import type { Category, Section } from './sfs';
import type { StatementStatus } from './supervision';

export interface DebtBudgetRecord {
  id: string;
  case_id: string;
  budget_date: string;
  status: StatementStatus;
  household_adults: number | null;
  household_children: number | null;
  total_income: string;
  total_expenditure: string;
  surplus: string;
  finalised_by: string | null;
  finalised_at: string | null;
  signed_off_by: string | null;
  signed_off_at: string | null;
  updated_at: string;
}

export interface DebtBudgetLineView {
  id?: string;
  category: Category;
  section: Section;
  label: string;
  amount: string;
  frequency: Frequency;
  monthly: string;
  note?: string | null;
}

export interface DebtBudgetTotalsView {
  income: string;
  fixedCosts: string;
  flexibleCosts: string;
  savings: string;
  expenditure: string;
  surplus: string;
}

export interface DebtBudgetView {
  budget: DebtBudgetRecord;
  lines: DebtBudgetLineView[];
  totals: DebtBudgetTotalsView;
  guidelineWarnings: GuidelineWarning[];
}
