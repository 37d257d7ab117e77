/**
 * The policy (src-shared/policy) enforced by the server: on push (every mutation and field), on shape
 * and snapshot pages (rows the caller may not read are left out, fields they may not see are stripped
 * and partial masks are computed here, so neither ever reaches their devices), on blobs, and on the
 * decisions reserved to some roles (approvals). The other modules call in here; the decisions
 * themselves are src-shared's, so the laptop, given the same rules, decides the same.
 *
 * Reads are filtered in Postgres, not in Node, so that a page keeps its cost (shape-messages.ts): the
 * facts a role's read rules look at (facts.ts: the caller's relation to the row's case, grants, access
 * level, classification) have finite domains, so the engine is asked once per combination of fact
 * values that matter (engine.ts factCombinations) and the answers become SQL: a key of the row's facts
 * (computed by a LATERAL subquery that restates facts.ts in SQL) and IN lists of keys. The decision for
 * a row is thus the engine's own answer for that row's facts, not a second implementation of the rules.
 */
import {
  FACT_DOMAINS,
  MASK_KEEP,
  MASK_PREFIX,
  NO_CASE,
  OTHER,
  PolicyRuleSchema,
  caseFacts,
  checkWrite,
  decide,
  factCombinations,
  hiddenValue,
  isBuiltIn,
  partialFits,
  policyForRole,
  restoreMasked,
  rowAccess,
  rowFacts,
  splitField,
  type Facts,
  type FieldAccess,
  type OrgPolicy,
  type Policy,
  type RoleDef,
} from '../../src-shared/policy';
import { columnsOf, tableSpec } from '../../src-shared/schema/tables';
import type { Mutation } from '../../src-shared/sync/protocol';
import type { Tx } from './db/postgres';
import { bumpEpoch, uuidLiteral, type Member } from './access';
import { recordSecurityEvent } from './security';

// ---- the firm's roles ----

/** SQL ($1 = org) of the firm's live roles. Reads ride with a page's BEGIN (orgRolesSql). */
const ORG_ROLES_SQL = `SELECT role_key, inherits, add_rules, remove_rules, supervised FROM org_roles WHERE org_id = $1 AND deleted_at IS NULL`;
export const orgRolesSql = (orgId: string) => ORG_ROLES_SQL.replace('$1', uuidLiteral(orgId));

/** A firm's roles from org_roles rows; a row whose rules do not validate is ignored (its built-in holds). */
export function orgPolicyOf(rows: Record<string, unknown>[]): OrgPolicy {
  const out = new Map<string, RoleDef>();
  for (const r of rows) {
    const def = roleDef(r);
    if (def) out.set(def.key, def);
  }
  return out;
}

function roleDef(r: Record<string, unknown>): RoleDef | null {
  const rules = (v: unknown) => (Array.isArray(v) ? v.map((x) => PolicyRuleSchema.safeParse(x)) : []);
  const add = rules(r.add_rules);
  const remove = rules(r.remove_rules);
  if (typeof r.role_key !== 'string' || typeof r.inherits !== 'string' || !isBuiltIn(r.inherits)) return null;
  if ([...add, ...remove].some((p) => !p.success)) return null;
  return {
    key: r.role_key,
    inherits: r.inherits,
    add: add.map((p) => p.data!),
    remove: remove.map((p) => p.data!),
    supervised: r.supervised === true,
  };
}

const rolesOfMember = new WeakMap<Member, OrgPolicy>();
/** Attach the firm's roles (read in the same transaction) to a member. */
export function withOrgRoles(m: Member, rows: Record<string, unknown>[] | undefined): Member {
  if (rows) rolesOfMember.set(m, orgPolicyOf(rows));
  return m;
}
export async function loadOrgRoles(tx: Tx, m: Member): Promise<Member> {
  if (rolesOfMember.has(m)) return m;
  const r = await tx.query(ORG_ROLES_SQL, [m.orgId]);
  return withOrgRoles(m, r.rows);
}

/** The member's compiled policy (a suspended member has none: they read nothing). */
export function policyOf(m: Member): Policy {
  return policyForRole(m.inactive ? 'none-inactive' : m.role, rolesOfMember.get(m));
}

/** Does the member read every case of the org (not only those they are on)? access.ts asks. */
export function seesAllCases(m: Member): boolean {
  return !m.inactive && decide(policyOf(m), 'read', 'cases', NO_CASE) === 'allow';
}

/** May the member make a decision reserved by role (approve a rule proposal or a config change)? */
export function mayApprove(m: Member, table: string): boolean {
  return decide(policyOf(m), 'approve', table, NO_CASE) === 'allow';
}

/**
 * A write to org_roles: its rules are checked, and packed_rules is set by the server (whatever the
 * client sent), so every laptop receives the compiled rules of its role at its next sync.
 */
export function prepareOrgRole(
  values: Record<string, unknown>,
  existing: Record<string, unknown> | undefined,
): { values: Record<string, unknown>; refused?: string } {
  const merged = { ...(existing ?? {}), ...values };
  const def = roleDef(merged);
  if (!def) return { values, refused: 'org_roles: inherits must be a built-in role and every rule must be a valid policy rule' };
  return { values: { ...values, packed_rules: policyForRole(def.key, new Map([[def.key, def]])).pack() } };
}

// ---- facts of a row, in Node (push) ----

const DOC_CHILDREN = new Set(['document_versions', 'document_metadata']);

/**
 * The facts of a row being written: its case (and the caller's grant on it) and, for a document's
 * children, the document; one round trip. `row` is the stored row (update, delete) or the new one.
 */
export async function factsForWrite(tx: Tx, m: Member, table: string, row: Record<string, unknown>): Promise<Facts> {
  const spec = tableSpec(table);
  if (spec.scope !== 'case') return rowFacts(table, row, NO_CASE);
  const caseId = row[spec.caseColumn ?? 'case_id'];
  const docId = DOC_CHILDREN.has(table) ? row.document_id : undefined;
  const r = await tx.query(
    `SELECT (SELECT row_to_json(c) FROM (SELECT assigned_consultant_id, assigned_staff, case_type, status FROM cases WHERE id = $1::uuid AND org_id = $3) c) AS c,
      (SELECT coalesce(json_agg(a), '[]') FROM (SELECT user_id, role, permissions, expires_at, deleted_at FROM case_assignments
        WHERE case_id = $1::uuid AND user_id = $2 AND org_id = $3) a) AS g,
      (SELECT row_to_json(d) FROM (SELECT access_level, data_classification FROM documents WHERE id = $4::uuid AND org_id = $3) d) AS d`,
    [typeof caseId === 'string' ? caseId : null, m.userId, m.orgId, typeof docId === 'string' ? docId : null],
  );
  const { c, g, d } = r.rows[0] as { c: Record<string, unknown> | null; g: Parameters<typeof caseFacts>[2]; d: Record<string, unknown> | null };
  // A new case is judged by itself (who it names as consultant and staff).
  const caseRow = table === 'cases' ? row : c;
  return rowFacts(table, row, caseFacts(m.userId, caseRow, g), DOC_CHILDREN.has(table) ? d : undefined);
}

// ---- push ----

/**
 * The policy's word on one mutation, after the row's stored version is known: masked values the
 * device sent back are restored (fields and base), then the action and every changed field (keys
 * inside JSON included) are checked. Returns the refusal's message, if any.
 */
export async function checkMutation(
  tx: Tx,
  m: Member,
  mut: Mutation,
  existing: Record<string, unknown> | undefined,
  fields: Record<string, unknown>,
): Promise<{ refused?: string; fields: Record<string, unknown>; base?: Record<string, unknown> }> {
  const policy = policyOf(m);
  const op = mut.op === 'insert' ? 'create' : mut.op;
  const facts = await factsForWrite(tx, m, mut.table, existing ?? fields);
  const access = existing ? rowAccess(policy, mut.table, facts).fields : {};
  const restored = restoreMasked(mut.table, fields, existing, access);
  const base = mut.base ? restoreMasked(mut.table, mut.base, existing, access) : undefined;
  const changed: string[] = [];
  for (const [k, v] of Object.entries(restored)) {
    if (existing && JSON.stringify(existing[k] ?? null) === JSON.stringify(v ?? null)) continue;
    changed.push(k);
  }
  // Keys inside JSON that the policy names (passport_info.number...): a change to one is a write of it.
  for (const f of policy.maskableFields(mut.table)) {
    const { column, key } = splitField(f);
    if (key === undefined || !(column in restored)) continue;
    const before = (existing?.[column] as Record<string, unknown> | null | undefined)?.[key];
    const after = (restored[column] as Record<string, unknown> | null | undefined)?.[key];
    if (JSON.stringify(before ?? null) !== JSON.stringify(after ?? null)) changed.push(f);
  }
  const check = checkWrite(policy, op, mut.table, facts, op === 'delete' ? [] : changed);
  if (check.decision === 'allow') return { fields: restored, base };
  return { refused: `role ${m.role}: ${check.reason}`, fields: restored, base };
}

// ---- reads: the policy as SQL ----

interface PlanCore {
  /** The fact keys the decisions depend on (empty: the same decisions for every row). */
  keys: (keyof Facts)[];
  /** Mentioned values of open-ended keys (case_type, case_status); others become OTHER in SQL. */
  mentioned: Partial<Record<keyof Facts, string[]>>;
  visible: Set<string>;
  all: number;
  fields: { field: string; partial: Set<string>; hidden: Set<string> }[];
}

const NULL_KEY = '~';
const keyPart = (v: unknown) => (v === null || v === undefined ? NULL_KEY : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v));
const factKey = (keys: readonly (keyof Facts)[], f: Facts) => keys.map((k) => keyPart(f[k])).join('|');

const plans = new WeakMap<Policy, Map<string, PlanCore>>();
/** The engine's decisions on every combination of facts that can matter, keyed as the SQL keys a row. */
function planCore(policy: Policy, table: string): PlanCore {
  let byTable = plans.get(policy);
  if (!byTable) plans.set(policy, (byTable = new Map()));
  const hit = byTable.get(table);
  if (hit) return hit;
  const { keys: named, combos } = factCombinations(policy, table, ['read', 'read_partial']);
  const answers = combos.map((c) => ({ c, a: rowAccess(policy, table, c) }));
  const sig = (x: (typeof answers)[number]) => `${x.a.visible}|${Object.values(x.a.fields).join(',')}`;
  // Keep only the keys whose value changes some answer (fewer facts: a cheaper key, often no join).
  const keys = named.filter((k) => {
    const groups = new Map<string, string>();
    for (const x of answers) {
      const g = factKey(
        named.filter((o) => o !== k),
        x.c,
      );
      const s = sig(x);
      if (groups.has(g) && groups.get(g) !== s) return true;
      groups.set(g, s);
    }
    return false;
  });
  const core: PlanCore = { keys, mentioned: {}, visible: new Set(), all: 0, fields: [] };
  for (const k of keys)
    if (FACT_DOMAINS[k] === null) core.mentioned[k] = [...new Set(combos.map((c) => c[k]).filter((v): v is string => typeof v === 'string' && v !== OTHER))];
  const seen = new Set<string>();
  const fieldMaps = new Map<string, { partial: Set<string>; hidden: Set<string> }>();
  for (const { c, a } of answers) {
    const key = factKey(keys, c);
    if (seen.has(key)) continue;
    seen.add(key);
    if (a.visible) core.visible.add(key);
    for (const [f, acc] of Object.entries(a.fields) as [string, FieldAccess][]) {
      const fm = fieldMaps.get(f) ?? { partial: new Set<string>(), hidden: new Set<string>() };
      fieldMaps.set(f, fm);
      if (acc === 'partial' && partialFits(table, f)) fm.partial.add(key);
      else if (acc !== 'full') fm.hidden.add(key);
    }
  }
  core.all = seen.size;
  for (const [field, fm] of fieldMaps) {
    // A row the caller does not see needs no mask: only visible keys count.
    const partial = new Set([...fm.partial].filter((k) => core.visible.has(k)));
    const hidden = new Set([...fm.hidden].filter((k) => core.visible.has(k)));
    if (partial.size || hidden.size) core.fields.push({ field, partial, hidden });
  }
  byTable.set(table, core);
  return core;
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const keyIn = (set: Set<string>, all: number) => (set.size === all ? 'TRUE' : set.size === 0 ? 'FALSE' : `pf.k IN (${[...set].map(lit).join(', ')})`);

/**
 * SQL of each fact for the rows of `table` (alias t), with the caller's literals: facts.ts's caseFacts
 * and rowFacts restated. `c` is the row's case, `a` the caller's live grant on it, `pd` a document
 * child's document.
 */
function factSql(table: string, k: keyof Facts, me: string, mentioned: string[] | undefined): string {
  const spec = tableSpec(table);
  const direct = `coalesce(c.assigned_consultant_id = ${me} OR (jsonb_typeof(c.assigned_staff) = 'array' AND c.assigned_staff ? (${me}::text)), false)`;
  const perm = (name: string, dflt: string) =>
    `(${direct} OR (a.id IS NOT NULL AND CASE a.permissions->'${name}' WHEN 'true'::jsonb THEN true WHEN 'false'::jsonb THEN false ELSE ${dflt} END))`;
  const bool = (e: string) => `CASE WHEN ${e} THEN 't' ELSE 'f' END`;
  const open = (e: string) =>
    `CASE WHEN ${e} IS NULL THEN '${NULL_KEY}' WHEN ${e} IN (${(mentioned ?? []).map(lit).join(', ') || 'NULL'}) THEN ${e} ELSE ${lit(OTHER)} END`;
  const src = DOC_CHILDREN.has(table) ? 'pd' : 't';
  switch (k) {
    case 'as':
      return `CASE WHEN c.assigned_consultant_id = ${me} OR a.role = 'consultant' THEN 'consultant'
        WHEN a.id IS NOT NULL THEN CASE WHEN a.role IN ('staff', 'paralegal', 'reviewer') THEN a.role ELSE 'staff' END
        WHEN ${direct} THEN 'staff' ELSE 'none' END`;
    case 'grant_write':
      return bool(perm('write', "a.role <> 'reviewer'"));
    case 'grant_documents':
      return bool(perm('documents', 'true'));
    case 'grant_money':
      return bool(perm('money', "a.role NOT IN ('reviewer', 'paralegal')"));
    case 'case_type':
      return open('c.case_type');
    case 'case_status':
      return open('c.status');
    case 'access_level':
      return 'access_level' in spec.columns || DOC_CHILDREN.has(table) ? `coalesce(${src}.access_level, 'case_team')` : `'case_team'`;
    case 'classification': {
      const own = 'data_classification' in spec.columns ? 't' : DOC_CHILDREN.has(table) ? 'pd' : null;
      const dflt = lit(rowFacts(table, {}, NO_CASE).classification);
      return own ? `coalesce(${own}.data_classification, ${dflt})` : dflt;
    }
  }
}

const CASE_KEYS = new Set<keyof Facts>(['as', 'grant_write', 'grant_documents', 'grant_money', 'case_type', 'case_status']);

export interface ReadPlan {
  /** FROM-clause addition (after `"table" t`): the LATERAL computing the row's fact key as pf.k. */
  join: string;
  /** WHERE-clause addition: the rows the caller may read. */
  where: string;
  /** Column -> SQL expression of its value for the caller (replacing t."column"); none when all are whole. */
  columns: Record<string, string>;
}

/** How `table`'s rows reach member `m`: which, and with which fields masked. */
/** The benchmark's switch (bench/policy.ts compares reads with and without the policy); always on otherwise. */
export const readEnforcement = { on: true };

export function readPlan(table: string, m: Member): ReadPlan {
  if (!readEnforcement.on) return { join: '', where: 'TRUE', columns: {} };
  const core = planCore(policyOf(m), table);
  const columns: Record<string, string> = {};
  for (const { field, partial, hidden } of core.fields) {
    const { column, key } = splitField(field);
    const cur = columns[column] ?? `t."${column}"`;
    columns[column] = maskExpr(table, column, key, cur, keyIn(partial, core.all), keyIn(hidden, core.all));
  }
  const where = keyIn(core.visible, core.all);
  if (!core.keys.length || (where === 'TRUE' && !Object.keys(columns).length)) {
    // Decisions that hold for every row: no facts to compute (pf.k is never named).
    return { join: '', where, columns };
  }
  const me = uuidLiteral(m.userId);
  const org = uuidLiteral(m.orgId);
  const spec = tableSpec(table);
  const needsCase = core.keys.some((k) => CASE_KEYS.has(k)) && spec.scope === 'case';
  const caseCol = spec.caseColumn ?? 'case_id';
  const joins = [
    needsCase
      ? `LEFT JOIN cases c ON c.id = t."${caseCol}" AND c.org_id = ${org}`
      : `LEFT JOIN (SELECT NULL::uuid AS assigned_consultant_id, NULL::jsonb AS assigned_staff, NULL::text AS case_type, NULL::text AS status) c ON false`,
    needsCase
      ? `LEFT JOIN case_assignments a ON a.case_id = c.id AND a.user_id = ${me} AND a.org_id = ${org} AND a.deleted_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now())`
      : `LEFT JOIN (SELECT NULL::uuid AS id, NULL::text AS role, NULL::jsonb AS permissions) a ON false`,
    DOC_CHILDREN.has(table) ? `LEFT JOIN documents pd ON pd.id = t.document_id AND pd.org_id = ${org}` : '',
  ];
  const key = core.keys.map((k) => factSql(table, k, me, core.mentioned[k])).join(` || '|' || `);
  return {
    join: `CROSS JOIN LATERAL (SELECT ${key} AS k FROM (SELECT 1) one ${joins.join(' ')}) pf`,
    where,
    columns,
  };
}

/** The masked value of t.column (or of one key inside it) as SQL, matching classification.ts applyAccess. */
function maskExpr(table: string, column: string, key: string | undefined, cur: string, partialWhen: string, hiddenWhen: string): string {
  const col = columnsOf(tableSpec(table))[column]!;
  const mask = (text: string) => `${lit(MASK_PREFIX)} || right(${text}, ${MASK_KEEP})`;
  if (key === undefined) {
    const hidden = hiddenValue(table, column);
    const hiddenSql =
      hidden === null
        ? 'NULL'
        : `${lit(typeof hidden === 'string' ? hidden : JSON.stringify(hidden))}::${col.kind === 'json' ? 'jsonb' : col.kind === 'bool' ? 'boolean' : col.kind === 'text' ? 'text' : 'bigint'}`;
    const partial = col.kind === 'text' ? `CASE WHEN ${cur} IS NULL THEN NULL ELSE ${mask(cur)} END` : 'NULL';
    return `(CASE WHEN ${partialWhen} THEN ${partial} WHEN ${hiddenWhen} THEN ${hiddenSql} ELSE ${cur} END)`;
  }
  const k = lit(key);
  const isObj = `jsonb_typeof(${cur}) = 'object' AND ${cur} ? ${k}`;
  const text = `CASE jsonb_typeof(${cur}->${k}) WHEN 'string' THEN ${cur}->>${k} ELSE (${cur}->${k})::text END`;
  const partial = `jsonb_set(${cur}, ARRAY[${k}], CASE WHEN ${cur}->${k} = 'null'::jsonb THEN 'null'::jsonb ELSE to_jsonb(${mask(text)}) END)`;
  return `(CASE WHEN NOT coalesce(${isObj}, false) THEN ${cur} WHEN ${partialWhen} THEN ${partial} WHEN ${hiddenWhen} THEN ${cur} - ${k} ELSE ${cur} END)`;
}

/**
 * After a write to org_roles: every member of the firm gets a new access epoch (their rows and masks
 * may have changed, so their next read starts again), and the change is a security event.
 */
export async function afterOrgRoleWrite(tx: Tx, m: Member, roleId: string): Promise<void> {
  const r = await tx.query('SELECT user_id FROM org_memberships WHERE org_id = $1', [m.orgId]);
  await bumpEpoch(
    tx,
    r.rows.map((x) => x.user_id as string),
    m.orgId,
  );
  rolesOfMember.delete(m);
  await recordSecurityEvent(tx, 'policy_change', { orgId: m.orgId, userId: m.userId, detail: { table: 'org_roles', id: roleId } });
}
