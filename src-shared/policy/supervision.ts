/**
 * When a draft takes effect (issue 14, supervision). On a pack's draft tables a supervised role (a
 * trainee) writes the draft; what makes it take effect, a status reaching its effective value or a
 * sign-off being recorded, is the 'finalise' action, which the policy holds for a supervisor
 * (roles.ts supervise: needs_signoff). The laptop's write path and the server's push ask the same
 * question here, so a trainee's own device cannot push a statement as final.
 */
import { decide, type WriteCheck, type Policy } from './engine';
import type { Facts } from './facts';

type Row = Record<string, unknown>;

/** Per draft table: the status column and the values at which the draft is in effect, and the sign-off columns. */
export const DRAFT_EFFECTS: Readonly<Record<string, { status: string; effective: readonly string[]; signOff: readonly string[] }>> = {
  debt_budgets: { status: 'status', effective: ['final'], signOff: ['signed_off_by', 'signed_off_at'] },
  debt_clients: { status: 'solution_status', effective: ['signed_off'], signOff: ['solution_signed_off_by', 'solution_signed_off_at'] },
};

/** Does this write (the stored row, undefined for an insert, and the columns written) make a draft take effect? */
export function takesEffect(table: string, before: Row | undefined, changed: Row): boolean {
  const e = DRAFT_EFFECTS[table];
  if (!e) return false;
  const same = (k: string) => JSON.stringify(before?.[k] ?? null) === JSON.stringify(changed[k] ?? null);
  if (e.status in changed && e.effective.includes(String(changed[e.status])) && !same(e.status)) return true;
  return e.signOff.some((k) => k in changed && changed[k] != null && !same(k));
}

/**
 * A write that makes a draft take effect, by a role whose 'finalise' waits for sign-off: refused (the
 * draft itself is theirs to write, its effect is not). Everything else is the write's own decision.
 */
export function checkFinalise(policy: Policy, table: string, facts: Facts, before: Row | undefined, changed: Row): WriteCheck {
  if (!takesEffect(table, before, changed)) return { decision: 'allow' };
  if (decide(policy, 'finalise', table, facts) !== 'needs_signoff') return { decision: 'allow' };
  return { decision: 'needs_signoff', reason: `${table} takes effect only when a supervisor signs it off` };
}
