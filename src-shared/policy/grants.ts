/**
 * Grants on a case (case_assignments) written by someone who is not a manager of the firm: a delegation.
 * A consultant may delegate a case they are consultant of (roles.ts: 'delegate' on case_assignments,
 * as consultant), but only for a while and never their own place: the grant must end (expires_at) within
 * MAX_DELEGATION_DAYS of when it starts, and may not make anyone the case's consultant. Managers, admins
 * and owners grant as they like (their rules allow writing case_assignments on any case). Both the
 * laptop (before queueing) and the server (push) ask this, so they never disagree.
 */
import { decide, type Decision, type Policy } from './engine';
import type { Facts } from './facts';

export const MAX_DELEGATION_DAYS = 30;
const DAY_MS = 86_400_000;

export interface GrantCheck {
  decision: Decision;
  reason?: string;
}

/** A stored row's time may be a Date (Postgres) or ISO text (the wire, SQLite). */
const time = (v: unknown) => (v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN);

/**
 * `row` is the grant as it will be (the stored row with the change applied); `facts` the writer's facts
 * on its case. A delete (revocation) is judged by checkWrite alone.
 */
export function checkGrant(policy: Policy, op: 'create' | 'update', facts: Facts, row: Record<string, unknown>, now = new Date()): GrantCheck {
  // Someone whose rules let them write grants on a case they have no relation to is not delegating.
  if (decide(policy, op, 'case_assignments', { ...facts, as: 'none' }) === 'allow') return { decision: 'allow' };
  if (decide(policy, 'delegate', 'case_assignments', facts) !== 'allow') return { decision: 'deny', reason: 'may not delegate this case' };
  if (row.role === 'consultant') return { decision: 'deny', reason: "a delegation may not make anyone the case's consultant" };
  const start = row.valid_from == null ? now.getTime() : time(row.valid_from);
  const end = row.expires_at == null ? NaN : time(row.expires_at);
  if (!Number.isFinite(end)) return { decision: 'deny', reason: `a delegation must end (expires_at) within ${MAX_DELEGATION_DAYS} days` };
  if (!Number.isFinite(start)) return { decision: 'deny', reason: 'valid_from must be a date and time' };
  if (end <= start) return { decision: 'deny', reason: 'a delegation must end after it starts' };
  if (end - Math.max(start, now.getTime()) > MAX_DELEGATION_DAYS * DAY_MS)
    return { decision: 'deny', reason: `a delegation may last at most ${MAX_DELEGATION_DAYS} days` };
  return { decision: 'allow' };
}
