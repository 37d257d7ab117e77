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
  DERIVED_VALUE_PATHS,
  FACT_DOMAINS,
  MIN_REDACTED_LENGTH,
  RESTRICTED_FIELDS,
  isDerivedText,
  MASK_KEEP,
  MASK_PREFIX,
  NO_CASE,
  OTHER,
  PolicyRuleSchema,
  caseFacts,
  checkFinalise,
  checkGrant,
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
      (SELECT coalesce(json_agg(a), '[]') FROM (SELECT user_id, role, permissions, expires_at, valid_from, deleted_at FROM case_assignments
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
  let check = checkWrite(policy, op, mut.table, facts, op === 'delete' ? [] : changed);
  // A grant written by a consultant is a delegation: limited in time and role (grants.ts).
  if (check.decision === 'allow' && mut.table === 'case_assignments' && op !== 'delete')
    check = checkGrant(policy, op, facts, { ...(existing ?? {}), ...restored });
  // A supervised role writes a draft; its taking effect (final, signed off) waits for a supervisor.
  if (check.decision === 'allow' && op !== 'delete') check = checkFinalise(policy, mut.table, facts, existing, restored);
  if (check.decision === 'allow') {
    // A grant removed is a revocation: on the security record (it joins this mutation's fate).
    if (mut.table === 'case_assignments' && op === 'delete')
      await recordSecurityEvent(tx, 'grant_revoked', {
        orgId: m.orgId,
        userId: m.userId,
        detail: { table: mut.table, id: mut.id, case: existing?.case_id ?? null },
      });
    return { fields: restored, base };
  }
  return { refused: `role ${m.role}: ${check.reason}`, fields: restored, base };
}

// ---- reads: the policy as SQL ----

interface PlanCore {
  /** The fact keys the decisions depend on (empty: the same decisions for every row); case facts first. */
  keys: (keyof Facts)[];
  /** Mentioned values of open-ended keys (case_type, case_status); others become OTHER in SQL. */
  mentioned: Partial<Record<keyof Facts, string[]>>;
  visible: Set<string>;
  /** Keys of rows on a case the caller has no relation to (as 'none'). */
  noRelation: Set<string>;
  /** Every key: the fact combinations the decisions were taken on. */
  allKeys: string[];
  fields: { field: string; partial: Set<string>; hidden: Set<string> }[];
}

/** Facts that come from the row's case and the caller's grant on it (the rest come from the row). */
const CASE_KEYS = new Set<keyof Facts>(['as', 'grant_write', 'grant_documents', 'grant_money', 'case_type', 'case_status']);

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
  // The case's facts lead the key: the SQL computes them once per case (readPlan's pc) and appends the row's.
  keys.sort((a, b) => Number(!CASE_KEYS.has(a)) - Number(!CASE_KEYS.has(b)));
  const core: PlanCore = { keys, mentioned: {}, visible: new Set(), noRelation: new Set(), allKeys: [], fields: [] };
  for (const k of keys)
    if (FACT_DOMAINS[k] === null) core.mentioned[k] = [...new Set(combos.map((c) => c[k]).filter((v): v is string => typeof v === 'string' && v !== OTHER))];
  const seen = new Set<string>();
  const fieldMaps = new Map<string, { partial: Set<string>; hidden: Set<string> }>();
  for (const { c, a } of answers) {
    const key = factKey(keys, c);
    if (seen.has(key)) continue;
    seen.add(key);
    if (a.visible) core.visible.add(key);
    if (keys.includes('as') && c.as === 'none') core.noRelation.add(key);
    for (const [f, acc] of Object.entries(a.fields) as [string, FieldAccess][]) {
      const fm = fieldMaps.get(f) ?? { partial: new Set<string>(), hidden: new Set<string>() };
      fieldMaps.set(f, fm);
      if (acc === 'partial' && (partialFits(table, f) || isDerivedText(table, f))) fm.partial.add(key);
      else if (acc !== 'full') fm.hidden.add(key);
    }
  }
  core.allKeys = [...seen];
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

export interface ReadPlan {
  /** FROM-clause addition (after `"table" t`): the joins the row's fact key needs (the case's, once per case). */
  join: string;
  /** WHERE-clause addition: the rows the caller may read. */
  where: string;
  /** Column -> SQL expression of its value for the caller (replacing t."column"); none when all are whole. */
  columns: Record<string, string>;
  /**
   * Set when `join` itself keeps only the rows of the caller's cases (an inner join to the cases they
   * are on): the filter that then replaces access.ts shapeFilter (the firm only), so that a page joins
   * the cases once rather than once to filter and once for the facts.
   */
  filter?: string;
}

/** The benchmark's switch (bench/policy.ts compares reads with and without the policy); always on otherwise. */
export const readEnforcement = { on: true };

/**
 * How `table`'s rows reach member `m`: which, and with which fields masked.
 *
 * The row's fact key is the case's part, computed once per case by one join to the firm's cases with
 * the caller's live grant on each (pc, hashed by the planner for a page of many rows), then the row's
 * own facts. For a member who reads only the cases they are on, pc holds exactly those cases (the
 * condition is access.ts VISIBLE_CASES_SQL's, written on the same grant row) and is an inner join
 * that replaces the access filter. A per-row lookup of the caller's relation to the case, beside a
 * second join to filter by visible cases, cost a page up to 70% of its throughput (bench policy, stop 11).
 */
export function readPlan(table: string, m: Member): ReadPlan {
  if (!readEnforcement.on) return { join: '', where: 'TRUE', columns: {} };
  const core = planCore(policyOf(m), table);
  const spec = tableSpec(table);
  // A suspended member's access filter is FALSE (access.ts): it is never replaced.
  const scoped = spec.scope === 'case' && !m.inactive && !seesAllCases(m);
  const caseKeys = core.keys.filter((k) => CASE_KEYS.has(k));
  const rowKeys = core.keys.filter((k) => !CASE_KEYS.has(k));
  const org = uuidLiteral(m.orgId);
  if (!core.keys.length && !scoped) {
    // Decisions that hold for every row: no facts to compute (the one key is '').
    const only = (set: Set<string>) => (set.size ? 'TRUE' : 'FALSE');
    return { join: '', where: only(core.visible), columns: maskColumns(table, core, (set) => only(set), org) };
  }
  const me = uuidLiteral(m.userId);
  const joins: string[] = [];
  const parts: string[] = [];
  if (spec.scope === 'case' && (caseKeys.length || scoped)) {
    const ck = caseKeys.length ? caseKeys.map((k) => factSql(table, k, me, core.mentioned[k])).join(` || '|' || `) : `''`;
    const direct = `c.assigned_consultant_id = ${me} OR (jsonb_typeof(c.assigned_staff) = 'array' AND c.assigned_staff ? (${me}::text))`;
    // (case_id, user_id) is unique in case_assignments: at most one grant row per case, no duplicates.
    joins.push(`${scoped ? 'JOIN' : 'LEFT JOIN'} (SELECT c.id, ${ck} AS ck FROM cases c
      LEFT JOIN case_assignments a ON a.case_id = c.id AND a.user_id = ${me} AND a.org_id = ${org} AND a.deleted_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now()) AND (a.valid_from IS NULL OR a.valid_from <= now())
      WHERE c.org_id = ${org}${scoped ? ` AND (${direct} OR a.id IS NOT NULL)` : ''}) pc ON pc.id = t."${spec.caseColumn ?? 'case_id'}"`);
    // A row with no case (or another firm's) is judged with no relation, as facts.ts's caseFacts(null).
    if (caseKeys.length) parts.push(scoped ? 'pc.ck' : `coalesce(pc.ck, ${lit(factKey(caseKeys, NO_CASE))})`);
  } else if (caseKeys.length) {
    parts.push(lit(factKey(caseKeys, NO_CASE)));
  }
  if (DOC_CHILDREN.has(table) && rowKeys.length) joins.push(`LEFT JOIN documents pd ON pd.id = t.document_id AND pd.org_id = ${org}`);
  for (const k of rowKeys) parts.push(factSql(table, k, me, core.mentioned[k]));
  const k = parts.length === 1 ? parts[0]! : `(${parts.join(` || '|' || `)})`;
  // The keys a row can have here: on an inner join to the caller's cases, never one with no relation.
  const reachable = new Set(core.allKeys.filter((x) => !(scoped && core.noRelation.has(x))));
  // A condition true of every key the row can have is TRUE: no key to compute for it.
  const within = (universe: Set<string>) => (set: Set<string>) => {
    const hits = [...set].filter((x) => universe.has(x));
    return hits.length === universe.size ? 'TRUE' : hits.length === 0 ? 'FALSE' : `${k} IN (${hits.map(lit).join(', ')})`;
  };
  const where = within(reachable)(core.visible);
  // Masks apply to rows that pass `where`: their keys are the visible ones.
  const columns = maskColumns(table, core, within(new Set([...core.visible].filter((x) => reachable.has(x)))), org);
  if (scoped) return { join: joins.join(' '), where, columns, filter: `t.org_id = ${org}` };
  // Decisions that need no fact after all: no join.
  if (where === 'TRUE' && !Object.keys(columns).length) return { join: '', where, columns };
  return { join: joins.join(' '), where, columns };
}

/**
 * Each masked column's value for the caller as SQL, matching classification.ts applyAccess. A JSON
 * column's keys are masked in one expression (remove the hidden keys, then overwrite the partial ones),
 * each key's value read from the stored column: nesting one key's mask inside the next repeated the
 * column's expression per key (custom_fields' two keys wrote it out 15 times).
 */
function maskColumns(table: string, core: PlanCore, keyIn: (set: Set<string>) => string, org: string): Record<string, string> {
  const byColumn = new Map<string, { key?: string; partial: string; hidden: string }[]>();
  const out: Record<string, string> = {};
  for (const { field, partial, hidden } of core.fields) {
    if (isDerivedText(table, field)) {
      const [p, h] = [keyIn(partial), keyIn(hidden)];
      const branches = [
        p !== 'FALSE' ? `WHEN ${p} THEN ${redactSql(table, field, 'partial', org)}` : '',
        h !== 'FALSE' ? `WHEN ${h} THEN ${redactSql(table, field, 'hidden', org)}` : '',
      ];
      if (p !== 'FALSE' || h !== 'FALSE') out[field] = `(CASE ${branches.filter(Boolean).join(' ')} ELSE t."${field}" END)`;
      continue;
    }
    const { column, key } = splitField(field);
    const list = byColumn.get(column) ?? [];
    byColumn.set(column, list);
    list.push({ key, partial: keyIn(partial), hidden: keyIn(hidden) });
  }
  for (const [column, masks] of byColumn) {
    const col = columnsOf(tableSpec(table))[column]!;
    const cur = `t."${column}"`;
    const mask = (text: string) => `${lit(MASK_PREFIX)} || right(${text}, ${MASK_KEEP})`;
    const whole = masks.find((x) => x.key === undefined);
    const hidden = hiddenValue(table, column);
    const hiddenSql =
      hidden === null
        ? 'NULL'
        : `${lit(typeof hidden === 'string' ? hidden : JSON.stringify(hidden))}::${col.kind === 'json' ? 'jsonb' : col.kind === 'bool' ? 'boolean' : col.kind === 'text' ? 'text' : 'bigint'}`;
    const keyed = masks.filter((x) => x.key !== undefined && (x.partial !== 'FALSE' || x.hidden !== 'FALSE'));
    let value = cur;
    if (keyed.length) {
      const removed = keyed
        .filter((x) => x.hidden !== 'FALSE')
        .map((x) => (x.hidden === 'TRUE' ? lit(x.key!) : `CASE WHEN ${x.hidden} THEN ${lit(x.key!)} END`));
      // jsonb - text[] skips NULL elements: a key whose mask does not apply to this row stays.
      let obj = removed.length ? `(${cur} - ARRAY[${removed.join(', ')}]::text[])` : cur;
      for (const x of keyed.filter((y) => y.partial !== 'FALSE')) {
        const k = lit(x.key!);
        // ->> is a string's text and any other value's JSON text, as maskPartial; JSON null stays null.
        const masked = `coalesce(to_jsonb(${mask(`${cur}->>${k}`)}), 'null'::jsonb)`;
        // create_if_missing false: a key the row does not have is not added.
        obj = `jsonb_set(${obj}, ARRAY[${k}], ${x.partial === 'TRUE' ? masked : `CASE WHEN ${x.partial} THEN ${masked} ELSE coalesce(${cur}->${k}, 'null'::jsonb) END`}, false)`;
      }
      value = `(CASE WHEN jsonb_typeof(${cur}) = 'object' THEN ${obj} ELSE ${cur} END)`;
    }
    if (whole && (whole.partial !== 'FALSE' || whole.hidden !== 'FALSE')) {
      // NULL || text is NULL: a NULL stays NULL.
      const partial = col.kind === 'text' ? mask(cur) : 'NULL';
      const branches = [
        whole.partial !== 'FALSE' ? `WHEN ${whole.partial} THEN ${partial}` : '',
        whole.hidden !== 'FALSE' ? `WHEN ${whole.hidden} THEN ${hiddenSql}` : '',
      ];
      value = `(CASE ${branches.filter(Boolean).join(' ')} ELSE ${value} END)`;
    }
    if (value !== cur) out[column] = value;
  }
  return out;
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

/**
 * The restricted values of the row's case (its persons' restricted fields, and numbers read from its
 * documents' MRZ before anyone approved them into a person), as SQL rows of one text column `v`.
 */
function caseRestrictedValuesSql(table: string, org: string): string {
  const cc = `t."${tableSpec(table).caseColumn ?? 'case_id'}"`;
  const personCase = tableSpec('persons').caseColumn ?? 'case_id';
  const exprs = (RESTRICTED_FIELDS.persons ?? []).map((f) => {
    const { column, key } = splitField(f);
    return key === undefined ? `(p."${column}"::text)` : `(p."${column}"->>${lit(key)})`;
  });
  const parts = [
    `SELECT x.v FROM persons p CROSS JOIN LATERAL (VALUES ${exprs.join(', ')}) x(v) WHERE p."${personCase}" = ${cc} AND p.org_id = ${org} AND p.deleted_at IS NULL`,
  ];
  for (const [dt, paths] of Object.entries(DERIVED_VALUE_PATHS))
    for (const [column, ...path] of paths)
      parts.push(
        `SELECT d."${column}" #>> ${lit(`{${path.join(',')}}`)} FROM "${dt}" d WHERE d.case_id = ${cc} AND d.org_id = ${org} AND d.deleted_at IS NULL`,
      );
  return parts.join(' UNION ');
}

/**
 * Derived text (classification.ts DERIVED_TEXT_FIELDS) with the case's restricted values masked, as
 * classification.ts redactValues does: one regular expression of the values, longest first; 'partial'
 * keeps the last 3 characters through a lookahead. Non-alphanumerics in a value are escaped. A JSON
 * column is masked in its text and kept only if still valid JSON; otherwise it is hidden whole.
 */
function redactSql(table: string, column: string, how: 'partial' | 'hidden', org: string): string {
  const json = tableSpec(table).columns[column]?.kind === 'json';
  const cur = `t."${column}"`;
  const text = json ? `${cur}::text` : cur;
  const esc = (e: string) => String.raw`regexp_replace(${e}, '([^A-Za-z0-9])', '\', 'g')`;
  const pat = how === 'partial' ? `${esc(`left(v, -${MASK_KEEP})`)} || '(?=' || ${esc(`right(v, ${MASK_KEEP})`)} || ')'` : esc('v');
  const masked = `(SELECT regexp_replace(${text}, string_agg(${pat}, '|' ORDER BY length(v) DESC), ${lit(MASK_PREFIX)}, 'g')
    FROM (${caseRestrictedValuesSql(table, org)}) rv(v) WHERE length(v) >= ${MIN_REDACTED_LENGTH})`;
  if (!json) return `coalesce(${masked}, ${cur})`;
  return `(SELECT CASE WHEN r IS NULL THEN ${cur} WHEN pg_input_is_valid(r, 'jsonb') THEN r::jsonb ELSE ${lit(JSON.stringify(hiddenValue(table, column) ?? {}))}::jsonb END FROM (SELECT ${masked} AS r) q)`;
}
