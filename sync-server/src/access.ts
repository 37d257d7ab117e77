/**
 * Who may see and write what (issue 3, "Who sees what"), decided from the caller's identity only:
 * membership and role in the org from the token's user; case access for consultant/staff/paralegal
 * through assigned_consultant_id, assigned_staff or a live case_assignments row; owner/admin see every
 * case of their org. Also the per-user access epoch that turns an access change into 409 must-refetch.
 */
import { SYSTEM_ORG_ID, tableSpec, type Role } from '../../src-shared/schema/tables';
import type { Tx } from './db/postgres';
import { HttpError, checkDevice, deviceSql } from './auth';
import { seesAllCases } from './policy';

export const MANAGER_ROLES: readonly Role[] = ['owner', 'admin'];

export interface Member {
  userId: string;
  orgId: string;
  role: Role;
  /**
   * A suspended or removed member (reads only): they see nothing, so their laptop's next read (a new
   * access epoch: 409 must-refetch, then an empty snapshot) takes every row of the org off it, where a
   * 403 would leave them there. Never set for writes (push and admin use the active role only).
   */
  inactive?: true;
}

/** SQL ($1 = org, $2 = user) selecting the role of an active membership (no row: not a member). */
export const ROLE_SQL = `SELECT role FROM org_memberships WHERE org_id = $1 AND user_id = $2 AND deleted_at IS NULL AND coalesce(status, 'active') = 'active'`;

/** The caller's active membership in orgId, or null. Runs under withOrg(orgId) (RLS-filtered). */
export async function membership(tx: Tx, userId: string, orgId: string): Promise<Member | null> {
  const r = await tx.query(ROLE_SQL, [orgId, userId]);
  return r.rowCount ? { userId, orgId, role: r.rows[0].role as Role } : null;
}

export const isManager = (m: Member) => MANAGER_ROLES.includes(m.role);

/** SQL (with $1 = org, $2 = user) selecting the ids of the cases a non-manager may see. */
export const VISIBLE_CASES_SQL = `SELECT c.id FROM cases c WHERE c.org_id = $1 AND (
  c.assigned_consultant_id = $2::uuid
  OR (jsonb_typeof(c.assigned_staff) = 'array' AND c.assigned_staff ? ($2::text))
  OR EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id AND a.org_id = $1 AND a.user_id = $2::uuid
             AND a.deleted_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now()) AND (a.valid_from IS NULL OR a.valid_from <= now())))`;

export async function canSeeCase(tx: Tx, m: Member, caseId: string): Promise<boolean> {
  // Whose role reads every case of the org is the policy's word (policy.ts): owner, admin, manager.
  if (seesAllCases(m)) {
    const r = await tx.query('SELECT 1 FROM cases WHERE id = $1 AND org_id = $2', [caseId, m.orgId]);
    return (r.rowCount ?? 0) > 0;
  }
  const r = await tx.query(`SELECT 1 FROM (${VISIBLE_CASES_SQL}) v WHERE v.id = $3`, [m.orgId, m.userId, caseId]);
  return (r.rowCount ?? 0) > 0;
}

/**
 * The where clause of a shape for this member, with its parameters ($1 org, $2 user); the server's
 * only source of a shape's filter (a client-sent where is refused).
 */
export function shapeFilter(table: string, m: Member): { sql: string; params: unknown[] } {
  const spec = tableSpec(table);
  const params: unknown[] = [m.orgId, m.userId];
  if (m.inactive) return { sql: `FALSE AND $1::uuid IS NOT NULL AND $2::uuid IS NOT NULL`, params };
  switch (spec.scope) {
    case 'case': {
      const col = spec.caseColumn ?? 'case_id';
      if (seesAllCases(m)) return { sql: `t.org_id = $1 AND $2::uuid IS NOT NULL`, params };
      return { sql: `t.org_id = $1 AND t.${col} IN (${VISIBLE_CASES_SQL})`, params };
    }
    case 'org':
      return { sql: `(t.org_id = $1 OR t.org_id = '${SYSTEM_ORG_ID}') AND $2::uuid IS NOT NULL`, params };
    case 'self':
      return { sql: `(t.id = $1 OR t.id = '${SYSTEM_ORG_ID}') AND $2::uuid IS NOT NULL`, params };
    case 'directory':
      return { sql: `t.id IN (SELECT user_id FROM org_memberships WHERE org_id = $1) AND $2::uuid IS NOT NULL`, params };
    default:
      throw new Error(`${table} is not synced`);
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A checked UUID as an SQL literal, for statements that travel with BEGIN or COMMIT (no parameters). */
export function uuidLiteral(v: string): string {
  if (!UUID_RE.test(v)) throw new HttpError(400, 'bad_request', 'ids must be UUIDs');
  return `'${v.toLowerCase()}'`;
}

/**
 * One statement (literals, no parameters, so it can ride with BEGIN) answering a request's whole access
 * question: is the device known and not revoked (auth.checkDevice), the caller's role in the org (null:
 * not an active member) and their access epoch.
 */
export function accessSql(deviceId: string, userId: string, orgId: string): string {
  const [device, user, org] = [deviceId, userId, orgId].map(uuidLiteral);
  // The device check is auth's (revoked everywhere, or in this org only), with the literals written in.
  const deviceRow = deviceSql(org).replace('$1', device).replace('$2', user);
  return `SELECT (SELECT count(*) FROM (${deviceRow}) d) AS device_known,
    (SELECT revoked_at FROM (${deviceRow}) d) AS revoked_at,
    (${ROLE_SQL.replace('$1', org).replace('$2', user)}) AS role,
    EXISTS (SELECT 1 FROM org_memberships WHERE org_id = ${org} AND user_id = ${user}
      AND (deleted_at IS NOT NULL OR status = 'suspended')) AS inactive,
    ${epochSql(user, org)} AS epoch`;
}

/**
 * A user's access epoch in an org (SQL of two checked literals). Access changes by writes bump the
 * stored epoch (bumpEpoch); access also changes by itself when a case assignment's expires_at passes,
 * with no write to bump anything (and a grant's valid_from comes), so the epoch also counts the user's
 * expired and started grants. Between two
 * bumps that count only grows (an edit to a grant bumps), so (stored, expired) never repeats and
 * stored * 10^6 + expired changes whenever the visible set may have: the handle then changes and the
 * laptop's next read is 409 must-refetch, which takes the case off it.
 */
function epochSql(user: string, org: string): string {
  return `(coalesce((SELECT epoch FROM access_epochs WHERE user_id = ${user} AND org_id = ${org}), 0) * 1000000
    + (SELECT least(count(*) FILTER (WHERE expires_at <= now()) + count(*) FILTER (WHERE valid_from <= now()), 999999) FROM case_assignments
       WHERE org_id = ${org} AND user_id = ${user} AND deleted_at IS NULL AND (expires_at <= now() OR valid_from <= now())))`;
}

/** The answer of accessSql: throws as authenticate would for an unknown or revoked device. */
export function accessOf(row: Record<string, unknown>, userId: string, orgId: string): { member: Member | null; epoch: number } {
  checkDevice(Number(row.device_known) ? { revoked_at: row.revoked_at } : undefined);
  const role = row.role as Role | null;
  const epoch = Number(row.epoch);
  if (role) return { member: { userId, orgId, role }, epoch };
  // Suspended or removed: a member who sees nothing (their rows leave the laptop), not a stranger (403).
  // A negative epoch: their handle differs from any they held while active, even without a bump.
  if (row.inactive === true) return { member: { userId, orgId, role: 'paralegal', inactive: true }, epoch: -1 - epoch };
  return { member: null, epoch };
}

/** shapeFilter's SQL with its parameters written in as literals (for a statement sent with COMMIT). */
export function shapeFilterLiteral(table: string, m: Member): string {
  const f = shapeFilter(table, m);
  const lits = [uuidLiteral(m.orgId), uuidLiteral(m.userId)];
  return f.sql.replace(/\$([12])(?!\d)/g, (_, i: string) => lits[Number(i) - 1]!);
}

/** Current access epoch of (user, org); shapes' handles embed it. */
export async function accessEpoch(tx: Tx, userId: string, orgId: string): Promise<number> {
  const r = await tx.query(`SELECT ${epochSql(uuidLiteral(userId), uuidLiteral(orgId))} AS epoch`);
  return Number(r.rows[0].epoch);
}

/** The user's access changed: every shape they hold becomes must-refetch. */
export async function bumpEpoch(tx: Tx, userIds: Iterable<string>, orgId: string): Promise<void> {
  for (const u of new Set(userIds)) {
    await tx.query(
      `INSERT INTO access_epochs (user_id, org_id, epoch) VALUES ($1, $2, 1)
       ON CONFLICT (user_id, org_id) DO UPDATE SET epoch = access_epochs.epoch + 1`,
      [u, orgId],
    );
  }
}
