/**
 * The policy on the laptop (issue 14): the same src-shared engine and the same rules as the server, so a
 * write the server would refuse is refused here before anything is queued, and the window can hide or
 * disable what the user may not do. The rules are the ones the server packed into org_roles for the
 * user's role (synced like any org table; a role change arrives with the next sync); without such a
 * row, the built-in role's rules, compiled here by the same function. A solo vault's user is its owner.
 */
import { UserError } from '../../src-shared/errors';
import {
  NO_CASE,
  caseFacts,
  checkFinalise,
  checkGrant,
  checkWrite,
  decide,
  fieldAccess,
  policyForRole,
  policyFromPacked,
  rowFacts,
  splitField,
  type Action,
  type Decision,
  type Facts,
  type GrantRow,
  type PackedRules,
  type Policy,
} from '../../src-shared/policy';
import { TABLES, tableSpec } from '../../src-shared/schema/tables';
import { fromDb } from '../db/wire';
import type { Core } from './core';

type Row = Record<string, unknown>;

function rowOf(core: Core, table: string, id: unknown): Row | undefined {
  if (typeof id !== 'string') return undefined;
  const r = core.db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
  return r ? fromDb(table, r) : undefined;
}

/** The user's role now (their membership row, synced) and its rules. */
export function laptopPolicy(core: Core): { role: string; source: 'server' | 'built-in'; policy: Policy } {
  const { orgId, userId } = core.actor;
  const m = core.db.prepare('SELECT role FROM org_memberships WHERE org_id = ? AND user_id = ? AND deleted_at IS NULL').get(orgId, userId) as
    { role: string } | undefined;
  const role = m?.role ?? core.actor.role ?? 'owner';
  const shipped = core.db.prepare('SELECT packed_rules FROM org_roles WHERE org_id = ? AND role_key = ? AND deleted_at IS NULL').get(orgId, role) as
    { packed_rules: string | null } | undefined;
  const packed = shipped?.packed_rules ? (JSON.parse(shipped.packed_rules) as PackedRules) : [];
  if (Array.isArray(packed) && packed.length) return { role, source: 'server', policy: policyFromPacked(packed) };
  return { role, source: 'built-in', policy: policyForRole(role) };
}

const DOC_CHILDREN = new Set(['document_versions', 'document_metadata']);

/** The facts of a row from the replica: its case, the user's grants on it, a document child's document. */
export function localFacts(core: Core, table: string, row: Row): Facts {
  const spec = tableSpec(table);
  if (spec.scope !== 'case') return rowFacts(table, row, NO_CASE);
  const caseId = row[spec.caseColumn ?? 'case_id'];
  const c = table === 'cases' ? row : rowOf(core, 'cases', caseId);
  const grants =
    typeof caseId === 'string'
      ? (core.db.prepare('SELECT * FROM case_assignments WHERE case_id = ? AND user_id = ?').all(caseId, core.actor.userId) as Row[]).map(
          (g) => fromDb('case_assignments', g) as unknown as GrantRow,
        )
      : [];
  const parent = DOC_CHILDREN.has(table) ? (rowOf(core, 'documents', row.document_id) ?? null) : undefined;
  return rowFacts(table, row, caseFacts(core.actor.userId, c, grants), parent);
}

/**
 * Before a write is queued: refused (forbidden) when the policy denies the action or a field, or when
 * it needs a supervisor's sign-off (the sign-off queue is not built yet: the write is not made).
 */
export function assertMayWrite(core: Core, table: string, op: 'create' | 'update' | 'delete', row: Row, changed: Row): void {
  const { policy } = laptopPolicy(core);
  const facts = localFacts(core, table, op === 'create' ? { ...row, ...changed } : row);
  const fields = op === 'delete' ? [] : Object.keys(changed);
  for (const f of policy.maskableFields(table)) {
    const { column, key } = splitField(f);
    if (key === undefined || !(column in changed)) continue;
    const before = (row[column] as Row | null | undefined)?.[key];
    const after = (changed[column] as Row | null | undefined)?.[key];
    if (JSON.stringify(before ?? null) !== JSON.stringify(after ?? null)) fields.push(f);
  }
  let check = checkWrite(policy, op, table, facts, fields);
  // As the server: a consultant's grant is a delegation, limited in time and role (src-shared/policy/grants.ts).
  if (check.decision === 'allow' && table === 'case_assignments' && op !== 'delete') check = checkGrant(policy, op, facts, { ...row, ...changed });
  // As the server (sync-server/src/policy.ts): a draft taking effect waits for a supervisor's sign-off.
  if (check.decision === 'allow' && op !== 'delete') check = checkFinalise(policy, table, facts, op === 'create' ? undefined : row, changed);
  if (check.decision !== 'allow') throw new UserError('forbidden', check.reason ?? `may not ${op} ${table}`);
}

/** What the window asks to hide or disable: may the user do `action` on `table` (a row of it, a field)? */
export function canDo(
  core: Core,
  action: Action,
  table: string,
  rowId?: string,
  field?: string,
): { decision: Decision; field?: 'full' | 'partial' | 'hidden'; role: string } {
  if (!(table in TABLES) && table !== 'roles' && table !== 'security_events') throw new UserError('invalid_input', `unknown table "${table}"`);
  const { policy, role } = laptopPolicy(core);
  const row = rowId && table in TABLES ? rowOf(core, table, rowId) : undefined;
  if (rowId && !row) throw new UserError('not_found', `no ${table} record with id ${rowId}`);
  const facts = row ? localFacts(core, table, row) : NO_CASE;
  const decision = decide(policy, action, table, facts, field);
  return field ? { decision, field: fieldAccess(policy, table, facts, field), role } : { decision, role };
}
