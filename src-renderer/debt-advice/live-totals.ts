/**
 * The budget sheet's live totals: the stored lines plus the line being typed, through the same shared
 * arithmetic the core stores (whole pence, each line rounded, totals the sum of the lines), so what the
 * window shows while typing is exactly what the statement will say once the line is added.
 */
import { computeBudget, type BudgetLine, type Category } from '../../src-shared/debt-advice/sfs';
import { parsePence } from '../../src-shared/debt-advice/money';
import type { Frequency } from '../../src-shared/debt-advice/frequency';
import type { DebtBudgetView } from '../../src-shared/debt-advice/views';

/** The typed amount as pence, or null while it is not (yet) an amount ("12." counts as 12). */
export function draftPence(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,9}(\.\d{0,2})?$/.test(s)) return null;
  return parsePence(s.replace(/\.$/, ''));
}

export function liveTotals(view: Pick<DebtBudgetView, 'lines'> | undefined, draft: { category: Category; amount: string; frequency: Frequency }) {
  const lines: BudgetLine[] = (view?.lines ?? []).map((l) => ({ category: l.category, label: l.label, amount: parsePence(l.amount), frequency: l.frequency }));
  const p = draftPence(draft.amount);
  if (p !== null) lines.push({ category: draft.category, label: '', amount: p, frequency: draft.frequency });
  return { computed: computeBudget(lines), drafting: p !== null };
}
