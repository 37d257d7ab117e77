/**
 * What GET /v1/shape and GET /v1/snapshot share, so that the two read paths cannot drift apart on who
 * sees what: the request's checks, the page transaction's BEGIN (the safe version bound and the caller's
 * whole access question, access.accessSql), what its answers decide (403, 409 with the current handle,
 * or the rows), the rows query, and the handle that embeds the access epoch.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { LIMITS, SHAPE_HEADERS } from '../../src-shared/sync/protocol';
import type pg from 'pg';
import { accessOf, accessSql, shapeFilterLiteral, uuidLiteral, type Member } from './access';
import { HttpError, deviceRevoked, type Identity } from './auth';
import { VERSION_BOUND_SQL, versionBoundOf } from './versions';
import { messageSelect, type PageFormat } from './shape-messages';
import { orgRolesSql, readPlan, withOrgRoles } from './policy';
import { PAGE_FILE_KEY_SQL } from './keys/file-keys';

export function handleFor(m: Member, table: string, epoch: number): string {
  const h = createHash('sha256').update(`${m.orgId}|${m.userId}|${table}|${epoch}`).digest('hex').slice(0, 16);
  return `${h}-${epoch}`;
}

const REFUSED_PARAMS = ['where', 'params', 'subset__where', 'subset__where_expr', 'replica', 'columns'];

/**
 * A read request's query, checked: a client-sent filter or column list refused (the server decides a
 * shape: access.ts), the parameters parsed with `schema`, the org resolved (memberships: the caller's
 * orgs, asked only when the request names none).
 */
export async function pageRequest<Q extends { orgId?: string }>(
  schema: z.ZodType<Q>,
  raw: Record<string, unknown>,
  memberships: () => Promise<{ orgId: string }[]>,
): Promise<{ q: Q; orgId: string }> {
  for (const p of REFUSED_PARAMS) {
    if (Object.keys(raw).some((k) => k === p || k.startsWith(`${p}[`)))
      throw new HttpError(400, 'bad_request', `the server decides a shape's ${p}; do not send it`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, 'bad_request', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  checkOffset((parsed.data as { offset?: unknown }).offset);
  const orgId = parsed.data.orgId?.toLowerCase() ?? (await memberships())[0]?.orgId;
  if (!orgId) throw new HttpError(403, 'forbidden', 'no organization');
  return { q: parsed.data, orgId };
}

/**
 * An offset's version must be a safe integer: the protocol's pattern admits any run of digits, and
 * 400 nines became Infinity in the rows query (500 from a shape, a 200 cut short from a snapshot).
 */
export function checkOffset(offset: unknown): void {
  if (offset === undefined || offset === '-1' || offset === 'now') return;
  const m = typeof offset === 'string' ? /^(\d{1,16})_(\d{1,16})$/.exec(offset) : null;
  if (!m || !Number.isSafeInteger(Number(m[1])) || !Number.isSafeInteger(Number(m[2])))
    throw new HttpError(400, 'bad_request', `offset: must be -1 or <version>_<n> with version at most ${Number.MAX_SAFE_INTEGER}`);
}

/** The statements sent with a page's BEGIN (withOrg `begin`; their answers are pageAccess's `begun`). */
export function pageBegin(who: Identity, orgId: string): string {
  // Last: is the device revoked in this org (issue 13: revocation is per org membership)?
  const revoked = `SELECT org_id FROM device_revocations WHERE device_id = ${uuidLiteral(who.deviceId)} AND org_id = ${uuidLiteral(orgId)}`;
  // Then the firm's roles (policy.ts), so a page is read under the rules in force in its transaction.
  return `${VERSION_BOUND_SQL}; ${accessSql(who.deviceId, who.userId, orgId)}; ${revoked}; ${orgRolesSql(orgId)}`;
}

export type PageAccess =
  { kind: 'forbidden' } | { kind: 'refetch'; handle: string } | { kind: 'read'; member: Member; handle: string; epoch: number; bound: number };

/**
 * What BEGIN's answers decide: an unknown or revoked device (in general or in this org) throws (as
 * authentication would); not a
 * member: forbidden; a handle of older access (from a later offset): refetch; else the read may go on
 * up to the safe bound.
 */
export function pageAccess(begun: pg.QueryResult[], who: Identity, orgId: string, table: string, askedHandle: string | undefined, offset: string): PageAccess {
  const { member, epoch } = accessOf(begun[2]!.rows[0]!, who.userId, orgId);
  if (begun[3]?.rowCount) throw deviceRevoked([orgId]);
  if (!member) return { kind: 'forbidden' };
  const handle = handleFor(member, table, epoch);
  if (askedHandle && askedHandle !== handle && offset !== '-1') return { kind: 'refetch', handle };
  return { kind: 'read', member: withOrgRoles(member, begun[4]?.rows), handle, epoch, bound: versionBoundOf(begun) };
}

/** The rows query of a page (values as checked literals), sent with the transaction's COMMIT. */
export function pageSql(table: string, m: Member, since: number, bound: number, format: PageFormat): string {
  // Inlined as literals: anything but a safe integer is a bug upstream, never SQL text.
  if (!Number.isSafeInteger(since) || !Number.isSafeInteger(bound)) throw new Error('page bounds must be safe integers');
  // The policy (policy.ts): rows the caller may not read left out, masked fields computed in Postgres.
  // When its join keeps only the caller's cases, the plan's filter replaces the access filter.
  const plan = readPlan(table, m);
  // A document version's file key comes from the server's wrapping (keys/file-keys.ts), never the row;
  // a row the caller may not read is not in the page, so neither is its key.
  const columns = table === 'document_versions' ? { ...plan.columns, file_key: PAGE_FILE_KEY_SQL } : plan.columns;
  return `SELECT ${messageSelect(table, format, columns)} FROM "${table}" t ${plan.join}
    WHERE ${plan.filter ?? shapeFilterLiteral(table, m)} AND ${plan.where} AND t.version > ${Math.trunc(since)} AND t.version <= ${Math.trunc(bound)}
    ORDER BY t.version LIMIT ${LIMITS.maxShapeRowsPerResponse + 1}; COMMIT`;
}

export const notMember = () => new HttpError(403, 'forbidden', 'not an active member of this organization');

/** The answer to a handle of older access: drop the shape's rows and start again at offset -1. */
export function mustRefetch(handle: string): { status: number; headers: Record<string, string>; body: string } {
  return {
    status: 409,
    headers: { [SHAPE_HEADERS.handle]: handle, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify([{ headers: { control: 'must-refetch' } }]),
  };
}
