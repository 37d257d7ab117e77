/**
 * Compliance checks of a debt-advice case, as pure functions of what the case holds on a date, so the
 * same answer comes from the CLI, the window and a test:
 *  - budget_current: a finalised budget no older than 12 months (calendar months, addMonths);
 *  - vulnerability_assessed: the client's vulnerability has been assessed (flags or "none", with consent
 *    recorded where there are flags);
 *  - solution_has_budget: a recommended solution rests on a finalised budget;
 *  - priority_first: no offer to a non-priority creditor while a priority debt in arrears has no
 *    arrears payment agreed (priority debts are dealt with first).
 */
import { addMonths } from './dates';
import type { Pence } from './money';

export const CHECK_IDS = ['budget_current', 'vulnerability_assessed', 'solution_has_budget', 'priority_first'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface CaseSnapshot {
  asOf: string;
  budgets: Array<{ budgetDate: string; status: string }>;
  client: { vulnerabilityAssessedAt: string | null; vulnerabilityFlags: string[]; vulnerabilityConsent: boolean | null } | null;
  recommendedSolution: string | null;
  debts: Array<{ id: string; priority: boolean; arrears: Pence; arrearsOffer: Pence | null }>;
  offers: Array<{ debtId: string; amount: Pence }>;
}

export interface CheckResult {
  id: CheckId;
  ok: boolean;
  message: string;
}

export const BUDGET_MAX_AGE_MONTHS = 12;

export function runChecks(s: CaseSnapshot): CheckResult[] {
  const today = s.asOf.slice(0, 10);
  const finals = s.budgets.filter((b) => b.status === 'final').sort((a, b) => b.budgetDate.localeCompare(a.budgetDate));
  const latest = finals[0];
  const out: CheckResult[] = [];
  if (!latest) out.push({ id: 'budget_current', ok: false, message: 'no finalised budget' });
  else {
    const expires = addMonths(latest.budgetDate, BUDGET_MAX_AGE_MONTHS);
    out.push(
      today > expires
        ? { id: 'budget_current', ok: false, message: `the latest finalised budget (${latest.budgetDate}) is older than ${BUDGET_MAX_AGE_MONTHS} months` }
        : { id: 'budget_current', ok: true, message: `budget of ${latest.budgetDate} is current until ${expires}` },
    );
  }
  const c = s.client;
  if (!c || !c.vulnerabilityAssessedAt) out.push({ id: 'vulnerability_assessed', ok: false, message: 'vulnerability not assessed' });
  else if (c.vulnerabilityFlags.length > 0 && c.vulnerabilityConsent !== true)
    out.push({ id: 'vulnerability_assessed', ok: false, message: "vulnerability flags recorded without the client's consent" });
  else out.push({ id: 'vulnerability_assessed', ok: true, message: `vulnerability assessed on ${c.vulnerabilityAssessedAt.slice(0, 10)}` });
  if (!s.recommendedSolution) out.push({ id: 'solution_has_budget', ok: true, message: 'no solution recommended yet' });
  else
    out.push(
      latest
        ? { id: 'solution_has_budget', ok: true, message: `${s.recommendedSolution} recommended on the budget of ${latest.budgetDate}` }
        : { id: 'solution_has_budget', ok: false, message: `${s.recommendedSolution} recommended without a finalised budget` },
    );
  const nonPriority = new Set(s.debts.filter((d) => !d.priority).map((d) => d.id));
  const offersToNonPriority = s.offers.some((o) => nonPriority.has(o.debtId) && o.amount > 0);
  const unplanned = s.debts.filter((d) => d.priority && d.arrears > 0 && !(d.arrearsOffer !== null && d.arrearsOffer > 0));
  out.push(
    offersToNonPriority && unplanned.length > 0
      ? {
          id: 'priority_first',
          ok: false,
          message: `${unplanned.length} priority debt(s) in arrears have no arrears payment while non-priority creditors have offers`,
        }
      : { id: 'priority_first', ok: true, message: 'priority debts are dealt with first' },
  );
  return out;
}
