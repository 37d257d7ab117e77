/**
 * Budget sheets (Standard Financial Statement) of a case: lines typed in any frequency, totals kept
 * equal to the sum of the monthly lines on every change, spending guidelines imported from CSV, and
 * finalising: refused while a flexible cost above its guideline has no note; a supervised author's
 * statement waits in 'awaiting_signoff' until a manager, admin or owner signs it off.
 */
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import {
  CATEGORIES,
  FREQUENCIES,
  childrenTotal,
  computeBudget,
  formatPence,
  guidelineWarnings,
  importGuidelinesCsv,
  isIsoDate,
  maySignOff,
  needsSignOff,
  parsePence,
  type BudgetLine,
  type Category,
  type Frequency,
  type Guideline,
  type DebtBudgetRecord,
  type DebtBudgetView,
} from '../../src-shared/debt-advice';
import { addCaseEvent } from '../cases';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { clientOf, debtCase, money, parseInput } from './clients';

const today = () => new Date().toISOString().slice(0, 10);

export function createBudget(core: Core, caseId: string, date?: string): Row {
  const c = debtCase(core, caseId);
  const day = date ?? today();
  if (!isIsoDate(day)) throw new UserError('invalid_input', 'the budget date must be a date YYYY-MM-DD');
  const client = clientOf(core, c.id as string);
  return write(core, {
    table: 'debt_budgets',
    op: 'insert',
    fields: {
      case_id: c.id,
      budget_date: day,
      status: 'draft',
      household_adults: (client?.household_adults as number | undefined) ?? 1,
      household_children: childrenTotal(client?.children_by_age as Record<string, unknown> | undefined),
    },
  });
}

export const lineInput = z.strictObject({
  category: z.enum(CATEGORIES as [Category, ...Category[]]),
  label: z.string().trim().min(1).max(255),
  amount: z.union([z.string(), z.number()]),
  frequency: z.enum(FREQUENCIES),
  note: z.string().max(2000).optional(),
});

const linesOf = (core: Core, budgetId: string) => rows(core, 'debt_budget_lines', 'budget_id = ?', [budgetId], { orderBy: 'display_order, created_at' });

function toLine(r: Row): BudgetLine {
  return {
    id: r.id as string,
    category: r.category as Category,
    label: r.label as string,
    amount: parsePence(r.amount as string),
    frequency: r.frequency as Frequency,
    note: r.note as string | null,
  };
}

function draftBudget(core: Core, budgetId: string): Row {
  const b = mustRead(core, 'debt_budgets', budgetId, 'budget');
  if (b.status !== 'draft') throw new UserError('invalid_transition', `this budget is ${b.status}: start a new budget to change it`);
  return b;
}

/** Recompute and store the totals from the lines (inside the caller's transaction). */
function storeTotals(core: Core, budgetId: string) {
  const computed = computeBudget(linesOf(core, budgetId).map(toLine));
  write(core, {
    table: 'debt_budgets',
    op: 'update',
    id: budgetId,
    fields: {
      total_income: formatPence(computed.totals.income),
      total_expenditure: formatPence(computed.totals.expenditure),
      surplus: formatPence(computed.totals.surplus),
    },
  });
  return computed;
}

export function addLine(core: Core, budgetId: string, raw: unknown) {
  const i = parseInput(lineInput, raw, 'budget line');
  const amount = money(i.amount, 'amount');
  if (amount < 0) throw new UserError('invalid_input', 'amount must not be negative');
  return core.tx(() => {
    const b = draftBudget(core, budgetId);
    const line: BudgetLine = { category: i.category, label: i.label, amount, frequency: i.frequency, note: i.note ?? null };
    const monthly = computeBudget([line]).lines[0].monthly;
    write(core, {
      table: 'debt_budget_lines',
      op: 'insert',
      fields: {
        case_id: b.case_id,
        budget_id: b.id,
        category: i.category,
        label: i.label,
        amount: formatPence(amount),
        frequency: i.frequency,
        monthly: formatPence(monthly),
        note: i.note ?? null,
        display_order: linesOf(core, budgetId).length,
      },
    });
    storeTotals(core, budgetId);
    return showBudget(core, budgetId);
  });
}

export function noteLine(core: Core, lineId: string, note: string) {
  const l = mustRead(core, 'debt_budget_lines', lineId, 'budget line');
  return core.tx(() => {
    draftBudget(core, l.budget_id as string);
    write(core, { table: 'debt_budget_lines', op: 'update', id: lineId, fields: { note: note.trim() || null } });
    return showBudget(core, l.budget_id as string);
  });
}

export function removeLine(core: Core, lineId: string) {
  const l = mustRead(core, 'debt_budget_lines', lineId, 'budget line');
  return core.tx(() => {
    draftBudget(core, l.budget_id as string);
    write(core, { table: 'debt_budget_lines', op: 'delete', id: lineId });
    storeTotals(core, l.budget_id as string);
    return showBudget(core, l.budget_id as string);
  });
}

export function loadGuidelines(core: Core): Guideline[] {
  return rows(core, 'debt_spending_guidelines', 'org_id = ?', [core.actor.orgId]).map((r) => ({
    guidelineSet: r.guideline_set as string,
    effectiveFrom: r.effective_from as string,
    effectiveUntil: (r.effective_until as string | null) ?? null,
    adults: r.adults as number,
    children: r.children as number,
    category: r.category as Category,
    monthly: parsePence(r.monthly_amount as string),
  }));
}

/** Import a guidelines CSV: all rows or none (a bad file changes nothing); rows already present are skipped. */
export function importGuidelines(core: Core, csv: string) {
  if (!maySignOff(core.actor.role)) throw new UserError('forbidden', 'only an owner, admin or manager may import spending guidelines');
  const r = importGuidelinesCsv(csv);
  if (!r.ok) throw new UserError('invalid_input', `guidelines CSV refused:\n${r.errors.slice(0, 20).join('\n')}`);
  return core.tx(() => {
    const have = new Set(loadGuidelines(core).map((g) => `${g.guidelineSet}|${g.effectiveFrom}|${g.adults}|${g.children}|${g.category}`));
    let added = 0;
    for (const g of r.rows) {
      if (have.has(`${g.guidelineSet}|${g.effectiveFrom}|${g.adults}|${g.children}|${g.category}`)) continue;
      write(core, {
        table: 'debt_spending_guidelines',
        op: 'insert',
        fields: {
          guideline_set: g.guidelineSet,
          effective_from: g.effectiveFrom,
          effective_until: g.effectiveUntil,
          adults: g.adults,
          children: g.children,
          category: g.category,
          monthly_amount: formatPence(g.monthly),
        },
      });
      added++;
    }
    return { rows: r.rows.length, added, skipped: r.rows.length - added };
  });
}

export function showBudget(core: Core, budgetId: string): DebtBudgetView {
  const b = mustRead(core, 'debt_budgets', budgetId, 'budget');
  const computed = computeBudget(linesOf(core, budgetId).map(toLine));
  const household = { adults: (b.household_adults as number) ?? 1, children: (b.household_children as number) ?? 0 };
  const warnings = guidelineWarnings(computed, loadGuidelines(core), household, b.budget_date as string);
  const t = computed.totals;
  return {
    budget: b as unknown as DebtBudgetRecord,
    lines: computed.lines.map((l) => ({ ...l, amount: formatPence(l.amount), monthly: formatPence(l.monthly) })),
    totals: {
      income: formatPence(t.income),
      fixedCosts: formatPence(t.fixedCosts),
      flexibleCosts: formatPence(t.flexibleCosts),
      savings: formatPence(t.savings),
      expenditure: formatPence(t.expenditure),
      surplus: formatPence(t.surplus),
    },
    guidelineWarnings: warnings,
  };
}

/** Finalise: refused while a guideline warning has no note; a supervised author's statement awaits sign-off. */
export function finaliseBudget(core: Core, budgetId: string) {
  return core.tx(() => {
    const b = draftBudget(core, budgetId);
    const shown = showBudget(core, budgetId);
    if (shown.lines.length === 0) throw new UserError('invalid_input', 'a budget with no lines cannot be finalised');
    const unexplained = shown.guidelineWarnings.filter((w) => !w.explained);
    if (unexplained.length) throw new UserError('invalid_input', `add a note before finalising: ${unexplained.map((w) => w.message).join('; ')}`);
    const status = needsSignOff(core.actor.role, 'debt_budgets') ? 'awaiting_signoff' : 'final';
    write(core, {
      table: 'debt_budgets',
      op: 'update',
      id: budgetId,
      fields: { status, finalised_by: core.actor.userId, finalised_at: new Date().toISOString() },
      description: status === 'final' ? 'financial statement finalised' : 'financial statement awaits sign-off',
    });
    addCaseEvent(core, {
      caseId: b.case_id as string,
      type: status === 'final' ? 'debt_budget_finalised' : 'debt_budget_awaiting_signoff',
      title: status === 'final' ? 'Financial statement finalised' : 'Financial statement awaits sign-off',
      data: { budgetId, surplus: shown.totals.surplus },
    });
    return showBudget(core, budgetId);
  });
}

export function signOffBudget(core: Core, budgetId: string) {
  if (!maySignOff(core.actor.role)) throw new UserError('forbidden', 'only a manager, admin or owner may sign off a financial statement');
  return core.tx(() => {
    const b = mustRead(core, 'debt_budgets', budgetId, 'budget');
    if (b.status !== 'awaiting_signoff') throw new UserError('invalid_transition', `this budget is ${b.status}, not awaiting sign-off`);
    if (b.finalised_by === core.actor.userId) throw new UserError('forbidden', 'a statement cannot be signed off by its own author');
    write(core, {
      table: 'debt_budgets',
      op: 'update',
      id: budgetId,
      fields: { status: 'final', signed_off_by: core.actor.userId, signed_off_at: new Date().toISOString() },
      description: 'financial statement signed off',
    });
    addCaseEvent(core, { caseId: b.case_id as string, type: 'debt_budget_signed_off', title: 'Financial statement signed off', data: { budgetId } });
    return showBudget(core, budgetId);
  });
}

export const budgetsOf = (core: Core, caseId: string): DebtBudgetRecord[] =>
  rows(core, 'debt_budgets', 'case_id = ?', [caseId], { orderBy: 'budget_date DESC, created_at DESC' }) as unknown as DebtBudgetRecord[];

/** The latest final budget of a case, or undefined. */
export const latestFinalBudget = (core: Core, caseId: string): DebtBudgetRecord | undefined => budgetsOf(core, caseId).find((b) => b.status === 'final');
