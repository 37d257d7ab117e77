/**
 * Whether a write by this role needs a supervisor's sign-off, from the policy engine (src-shared/policy:
 * a trainee's writes are 'needs_signoff', and so are those of any firm role built that way), and who may
 * give it. The policy has no "sign off" action yet; issue 16 names manager, admin and owner, so
 * SIGN_OFF_ROLES (supervision.ts) decides that. Kept apart from supervision.ts because the schema's
 * tables.ts imports that file and the policy imports the schema.
 */
import { decide, policyForRole, type Facts } from '../policy';
import { maySignOff } from './supervision';

const CASE_FACTS: Facts = {
  as: 'consultant',
  grant_write: true,
  grant_documents: true,
  grant_money: true,
  case_type: 'DEBT_ADVICE',
  case_status: 'active',
  access_level: 'case_team',
  classification: 'confidential',
};

/** True when `role`'s update of `table` waits for sign-off under the built-in policy. */
export function needsSignOff(role: string, table: 'debt_budgets' | 'debt_clients', facts: Partial<Facts> = {}): boolean {
  if (maySignOff(role)) return false;
  return decide(policyForRole(role), 'finalise', table, { ...CASE_FACTS, ...facts }) === 'needs_signoff';
}

export { maySignOff };
