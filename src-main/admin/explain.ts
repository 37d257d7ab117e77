/**
 * Administration's "why can this user see this case / field" and a user's effective permissions (issue
 * 14 item 6), answered from the replica with the same engine, rules and facts the server uses: the
 * user's role (org_memberships), the firm's compiled rules for it (org_roles' packed_rules, else the
 * built-in), and the user's relation to the case (consultant, staff, grants and their dates).
 */
import { UserError } from '../../src-shared/errors';
import {
  caseFacts,
  effectivePermissions,
  explainCase,
  policyForRole,
  policyFromPacked,
  rowFacts,
  type GrantRow,
  type PackedRules,
} from '../../src-shared/policy';
import type { UserPolicyView } from '../../src-shared/contract/views';
import type { Core } from '../core/core';
import { fromDb } from '../db/wire';

function requireManager(core: Core) {
  if (!['owner', 'admin'].includes(core.actor.role)) throw new UserError('forbidden', 'only an owner or admin can see who may see what');
}

export function explainUser(core: Core, input: { userId: string; caseId?: string }): UserPolicyView {
  requireManager(core);
  const m = core.db.prepare('SELECT role FROM org_memberships WHERE org_id = ? AND user_id = ? AND deleted_at IS NULL').get(core.actor.orgId, input.userId) as
    { role: string } | undefined;
  // A solo vault's own user has no membership row: their role is the vault's (as laptopPolicy reads it).
  const role = m?.role ?? (input.userId === core.actor.userId ? (core.actor.role ?? 'owner') : undefined);
  if (!role) throw new UserError('not_found', `no member of this firm with id ${input.userId}`);
  const u = core.db.prepare('SELECT email FROM users WHERE id = ?').get(input.userId) as { email: string } | undefined;
  const shipped = core.db.prepare('SELECT packed_rules FROM org_roles WHERE org_id = ? AND role_key = ? AND deleted_at IS NULL').get(core.actor.orgId, role) as
    { packed_rules: string | null } | undefined;
  const packed = shipped?.packed_rules ? (JSON.parse(shipped.packed_rules) as PackedRules) : [];
  const fromServer = Array.isArray(packed) && packed.length > 0;
  const policy = fromServer ? policyFromPacked(packed) : policyForRole(role);
  const out: UserPolicyView = {
    userId: input.userId,
    email: u?.email ?? null,
    role,
    source: fromServer ? 'server' : 'built-in',
    permissions: effectivePermissions(policy),
  };
  if (input.caseId) {
    const c = core.db.prepare('SELECT * FROM cases WHERE id = ? AND deleted_at IS NULL').get(input.caseId) as Record<string, unknown> | undefined;
    if (!c) throw new UserError('not_found', `no case with id ${input.caseId}`);
    const caseRow = fromDb('cases', c) as Record<string, unknown>;
    const grants = (
      core.db.prepare('SELECT * FROM case_assignments WHERE case_id = ? AND user_id = ?').all(input.caseId, input.userId) as Record<string, unknown>[]
    ).map((g) => fromDb('case_assignments', g) as unknown as GrantRow);
    const facts = rowFacts('cases', caseRow, caseFacts(input.userId, caseRow, grants));
    out.case = { caseId: input.caseId, caseNumber: (caseRow.case_number as string) ?? null, ...explainCase(policy, facts) };
  }
  return out;
}
