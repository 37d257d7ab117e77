/**
 * Offers, debt solutions and compliance checks of a case, computed by the shared pure logic from what
 * the replica holds, and written through core/writer.ts. A supervised author's recommended solution
 * waits in 'awaiting_signoff' (as a statement does).
 */
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import {
  DEBT_SOLUTION_PACKS,
  assessSolutions,
  formatPence,
  isIsoDate,
  maySignOff,
  needsSignOff,
  parsePence,
  proRataOffers,
  runChecks,
  type DebtSolutionPack,
  type SolutionFacts,
} from '../../src-shared/debt-advice';
import { addCaseEvent } from '../cases';
import type { Core } from '../core/core';
import { rows, write, type Row } from '../core/writer';
import { SYSTEM_ORG_ID } from '../../src-shared/schema/tables';
import type { RuleRow } from '../../src-shared/rules/engine';

/** An approved_rules row as the engine reads it (the table's rule_version is the engine's version; the rules domain does the same). */
const toRuleRow = (row: Row): RuleRow => ({ ...(row as unknown as RuleRow), version: row.rule_version as number });
import { clientOf, debtCase, debtsOf, money, parseInput } from './clients';
import { budgetsOf, latestFinalBudget } from './budgets';

const pence = (v: unknown) => (v === null || v === undefined ? 0 : parsePence(v as string));

/** Monthly surplus of the latest final budget, less the arrears payments agreed on priority debts. */
function available(core: Core, caseId: string) {
  const b = latestFinalBudget(core, caseId);
  if (!b) throw new UserError('invalid_input', 'this case has no finalised (or signed-off) budget: offers and solutions rest on one');
  const debts = debtsOf(core, caseId);
  const priorityPayments = debts.filter((d) => d.is_priority).reduce((s, d) => s + pence(d.arrears_offer), 0);
  return { budget: b, debts, surplus: pence(b.surplus), priorityPayments, available: pence(b.surplus) - priorityPayments };
}

/** Replace the proposed offers of a case with new pro-rata (or token) offers from its latest final budget. */
export function makeOffers(core: Core, caseId: string, tokenPounds?: string) {
  debtCase(core, caseId);
  const token = tokenPounds === undefined ? undefined : money(tokenPounds, 'token');
  if (token !== undefined && token <= 0) throw new UserError('invalid_input', 'a token offer must be more than nothing');
  return core.tx(() => {
    const a = available(core, caseId);
    const nonPriority = a.debts.filter((d) => !d.is_priority);
    const plan = proRataOffers(
      a.available,
      nonPriority.map((d) => ({ id: d.id as string, balance: pence(d.balance) })),
      token,
    );
    for (const o of rows(core, 'debt_offers', "case_id = ? AND status = 'proposed'", [caseId]))
      write(core, { table: 'debt_offers', op: 'delete', id: o.id as string });
    const written = plan.offers.map((o) =>
      write(core, {
        table: 'debt_offers',
        op: 'insert',
        fields: {
          case_id: caseId,
          budget_id: a.budget.id,
          debt_id: o.debtId,
          amount: formatPence(o.amount),
          is_token: o.token,
          basis: o.token ? { token: true, available: formatPence(a.available) } : { exactSharePence: o.exactShare, available: formatPence(a.available) },
        },
      }),
    );
    return {
      surplus: formatPence(a.surplus),
      priorityPayments: formatPence(a.priorityPayments),
      available: formatPence(a.available),
      token: plan.token,
      total: formatPence(plan.total),
      offers: written,
    };
  });
}

export const offersOf = (core: Core, caseId: string): Row[] => rows(core, 'debt_offers', 'case_id = ?', [caseId], { orderBy: 'created_at' });

export const assetsInput = z.strictObject({
  assets: z.union([z.string(), z.number()]).optional(),
  vehicle: z.union([z.string(), z.number()]).optional(),
  vehicleAdapted: z.boolean().optional(),
  connectedToEnglandWales: z.boolean().optional(),
  unableToPay: z.boolean().optional(),
  droInLastSixYears: z.boolean().optional(),
  inOtherInsolvency: z.boolean().optional(),
});

/** Every debt solution on a date, from the case's debts and latest final budget and the facts given. */
export function assessCase(core: Core, caseId: string, raw: unknown, date?: string) {
  const day = date ?? new Date().toISOString().slice(0, 10);
  if (!isIsoDate(day)) throw new UserError('invalid_input', 'the date must be YYYY-MM-DD');
  const i = parseInput(assetsInput, raw ?? {}, 'solution facts');
  debtCase(core, caseId);
  const a = available(core, caseId);
  const facts: SolutionFacts = {
    totalDebtsPence: a.debts.reduce((s, d) => s + pence(d.balance), 0),
    monthlySurplusPence: a.surplus,
    assetsPence: i.assets === undefined ? 0 : money(i.assets, 'assets'),
    vehiclePence: i.vehicle === undefined ? 0 : money(i.vehicle, 'vehicle'),
    vehicleAdapted: i.vehicleAdapted ?? false,
    connectedToEnglandWales: i.connectedToEnglandWales ?? true,
    unableToPay: i.unableToPay ?? true,
    droInLastSixYears: i.droInLastSixYears ?? false,
    inOtherInsolvency: i.inOtherInsolvency ?? false,
    availableForNonPriorityPence: a.available,
    nonPriorityDebtCount: a.debts.filter((d) => !d.is_priority).length,
  };
  // The vault's approved rules: the system packs and any versions this org approved.
  const rules = rows(core, 'approved_rules', 'org_id IN (?, ?) AND is_active = 1', [core.actor.orgId, SYSTEM_ORG_ID]).map(toRuleRow);
  return { date: day, facts, solutions: assessSolutions(facts, day, rules) };
}

export function recommendSolution(core: Core, caseId: string, solution: string) {
  if (!(DEBT_SOLUTION_PACKS as readonly string[]).includes(solution))
    throw new UserError('invalid_input', `solution must be one of ${DEBT_SOLUTION_PACKS.join(', ')}`);
  const c = debtCase(core, caseId);
  return core.tx(() => {
    const client = clientOf(core, caseId);
    if (!client) throw new UserError('invalid_input', 'record the client details first (casework debt client set)');
    const status = needsSignOff(core.actor.role, 'debt_clients') ? 'awaiting_signoff' : 'signed_off';
    const now = new Date().toISOString();
    const row = write(core, {
      table: 'debt_clients',
      op: 'update',
      id: client.id as string,
      fields: {
        recommended_solution: solution as DebtSolutionPack,
        solution_status: status,
        solution_recommended_by: core.actor.userId,
        solution_signed_off_by: status === 'signed_off' ? core.actor.userId : null,
        solution_signed_off_at: status === 'signed_off' ? now : null,
      },
      description: status === 'signed_off' ? 'solution recommended' : 'solution recommended, awaits sign-off',
    });
    addCaseEvent(core, { caseId: c.id as string, type: 'debt_solution_recommended', title: `Recommended: ${solution}`, data: { solution, status } });
    return { recommended: row.recommended_solution, status: row.solution_status };
  });
}

export function signOffSolution(core: Core, caseId: string) {
  if (!maySignOff(core.actor.role)) throw new UserError('forbidden', 'only a manager, admin or owner may sign off a recommended solution');
  return core.tx(() => {
    const client = clientOf(core, caseId);
    if (!client || client.solution_status !== 'awaiting_signoff')
      throw new UserError('invalid_transition', 'no recommended solution awaits sign-off on this case');
    if (client.solution_recommended_by === core.actor.userId) throw new UserError('forbidden', 'a recommendation cannot be signed off by its own author');
    const row = write(core, {
      table: 'debt_clients',
      op: 'update',
      id: client.id as string,
      fields: { solution_status: 'signed_off', solution_signed_off_by: core.actor.userId, solution_signed_off_at: new Date().toISOString() },
      description: 'recommended solution signed off',
    });
    addCaseEvent(core, { caseId, type: 'debt_solution_signed_off', title: `Signed off: ${row.recommended_solution}`, data: {} });
    return { recommended: row.recommended_solution, status: row.solution_status };
  });
}

export function caseChecks(core: Core, caseId: string, asOf?: string) {
  debtCase(core, caseId);
  const day = asOf ?? new Date().toISOString().slice(0, 10);
  if (!isIsoDate(day)) throw new UserError('invalid_input', 'the date must be YYYY-MM-DD');
  const client = clientOf(core, caseId);
  // A solution awaiting sign-off is recommended all the same for the checks (it still needs a budget).
  const checks = runChecks({
    asOf: day,
    budgets: budgetsOf(core, caseId).map((b) => ({ budgetDate: b.budget_date as string, status: b.status as string })),
    client: client
      ? {
          vulnerabilityAssessedAt: (client.vulnerability_assessed_at as string | null) ?? null,
          vulnerabilityFlags: (client.vulnerability_flags as string[]) ?? [],
          vulnerabilityConsent: (client.vulnerability_consent as boolean | null) ?? null,
        }
      : null,
    recommendedSolution: (client?.recommended_solution as string | null) ?? null,
    debts: debtsOf(core, caseId).map((d) => ({
      id: d.id as string,
      priority: d.is_priority as boolean,
      arrears: pence(d.arrears),
      arrearsOffer: d.arrears_offer === null || d.arrears_offer === undefined ? null : pence(d.arrears_offer),
    })),
    offers: offersOf(core, caseId)
      .filter((o) => o.status !== 'withdrawn' && o.status !== 'rejected')
      .map((o) => ({ debtId: o.debt_id as string, amount: pence(o.amount) })),
  });
  return { asOf: day, ok: checks.every((c) => c.ok), checks };
}
