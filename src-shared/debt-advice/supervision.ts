/**
 * Supervision (seed 001: manager, advisor, trainee). A trainee's budget statement or recommended
 * solution waits in 'awaiting_signoff' until someone who may sign off clears it. Casework's roles are
 * owner/admin/consultant/staff/paralegal; until the access-control work lands a policy engine
 * (src-shared/policy did not exist when this was written), the mapping is:
 *   - may sign off: owner, admin (a debt-advice centre's managers), and 'manager' should the role exist;
 *   - supervised (trainees): staff and paralegal, and any member whose membership permissions say
 *     {"debt_advice": {"trainee": true}} (a consultant in training);
 *   - a consultant (an adviser) finalises directly.
 * The server does not enforce this yet: a trainee's own device could push 'final' (noted in the report).
 */
export const SIGN_OFF_ROLES: readonly string[] = ['owner', 'admin', 'manager'];
export const SUPERVISED_ROLES: readonly string[] = ['staff', 'paralegal', 'trainee'];

export const STATEMENT_STATUSES = ['draft', 'awaiting_signoff', 'final'] as const;
export type StatementStatus = (typeof STATEMENT_STATUSES)[number];

export const SOLUTION_STATUSES = ['none', 'awaiting_signoff', 'signed_off'] as const;
export type SolutionStatus = (typeof SOLUTION_STATUSES)[number];

export function maySignOff(role: string): boolean {
  return SIGN_OFF_ROLES.includes(role);
}

export function isTrainee(role: string, permissions?: unknown): boolean {
  if (maySignOff(role)) return false;
  if (SUPERVISED_ROLES.includes(role)) return true;
  const p = permissions as { debt_advice?: { trainee?: unknown } } | null | undefined;
  return p?.debt_advice?.trainee === true;
}

/** The status a statement takes when its author finalises it. */
export const statusOnFinalise = (role: string, permissions?: unknown): StatementStatus => (isTrainee(role, permissions) ? 'awaiting_signoff' : 'final');

/** The status a recommended solution takes when its author records it. */
export const solutionStatusOnRecommend = (role: string, permissions?: unknown): SolutionStatus =>
  isTrainee(role, permissions) ? 'awaiting_signoff' : 'signed_off';
