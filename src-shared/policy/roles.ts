/**
 * The roles: eight built-ins in one hierarchy, and a firm's custom roles that inherit from one and add
 * or remove permissions. A permission is a CASL rule as plain JSON (action x subject x optional fields x
 * optional conditions on facts.ts's facts), so a role compiles to a list of rules that travel packed
 * (engine.ts) and mean the same on every device.
 *
 * The hierarchy (each role has everything of the one below it, plus its own):
 *
 *   owner            everything; the only one who may delete the organization
 *   └ admin          everything else: rule approvals, config, roles, security events, reveal
 *     └ manager      every case of the org (not only assigned ones), assigns work; may reveal
 *       ├ consultant restricted fields whole and consultant_only documents on cases they are consultant of;
 *       │            delegates their cases (case_assignments)
 *       └ advisor    seed 001's name for the same level: the consultant's permissions
 *         └ staff    money (invoices, payments) on cases whose grant allows it
 *           └ paralegal  writes on assigned cases; restricted fields as •••••123
 *             └ trainee  reads assigned cases (restricted fields hidden); every write needs sign-off
 *
 * manager sits above both consultant and advisor (it compiles consultant's rules, which are advisor's).
 * A role's rules compile in three layers so that a senior role's broad grant never undoes a guard:
 * grants (every level's, juniors first), then guards (inverted rules: restricted fields, document access
 * levels), then exceptions (what lifts a guard for a role). Later rules win (CASL's order).
 */
import { TABLES } from '../schema/tables';
import { DERIVED_TEXT_FIELDS, RESTRICTED_FIELDS } from './classification';

export const BUILT_IN_ROLES = ['owner', 'admin', 'manager', 'consultant', 'advisor', 'staff', 'paralegal', 'trainee'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

/** The role each built-in extends (null: the root). */
export const ROLE_PARENT: Readonly<Record<BuiltInRole, BuiltInRole | null>> = {
  trainee: null,
  paralegal: 'trainee',
  staff: 'paralegal',
  consultant: 'staff',
  advisor: 'staff',
  manager: 'consultant',
  admin: 'manager',
  owner: 'admin',
};

/** A role whose writes wait for a supervisor's sign-off. */
export const SUPERVISED_ROLES: readonly BuiltInRole[] = ['trainee'];

/**
 * 'finalise': a draft on a draftsUntilSignedOff table taking effect (a budget becoming the statement);
 * only a supervised role's finalise is ever decided (needs_signoff), everyone else's writes already take effect.
 */
export const ACTIONS = ['manage', 'read', 'read_partial', 'create', 'update', 'delete', 'approve', 'reveal', 'delegate', 'finalise'] as const;
export type Action = (typeof ACTIONS)[number];
/** Subjects beyond the tables: what is not a row. */
export const DOMAIN_SUBJECTS = ['all', 'security_events', 'roles'] as const;

/** A permission as JSON: CASL's raw rule with our vocabularies. */
export interface PolicyRule {
  action: Action | Action[];
  subject: string | string[];
  fields?: string[];
  conditions?: Record<string, unknown>;
  inverted?: boolean;
  /** 'needs_signoff': the write is allowed once a supervisor signs it off. */
  reason?: string;
}

export const NEEDS_SIGNOFF = 'needs_signoff';

const byScope = (s: string) =>
  Object.values(TABLES)
    .filter((t) => t.scope === s)
    .map((t) => t.name);
export const MONEY_TABLES = ['invoices', 'payments'];
export const DOCUMENT_TABLES = ['documents', 'document_versions', 'document_metadata'];
const CASE_TABLES = byScope('case');
/** Case rows anyone on the case works with (not money, documents, or the grants themselves). */
const PLAIN_CASE_TABLES = CASE_TABLES.filter((t) => !MONEY_TABLES.includes(t) && !DOCUMENT_TABLES.includes(t) && t !== 'case_assignments');
const ORG_WIDE = [...byScope('org'), ...byScope('self'), ...byScope('directory')];
/** Org-wide tables any member may add to (proposals, logs, leads): the rest are owner/admin's. */
const TEAM_ORG_TABLES = byScope('org').filter((t) => TABLES[t]!.writableBy.includes('paralegal'));
const WRITE: Action[] = ['create', 'update', 'delete'];
const ON_CASE = { as: { $ne: 'none' } };
const WRITE_ON_CASE = { ...ON_CASE, grant_write: true };

interface Layers {
  grants: PolicyRule[];
  guards: PolicyRule[];
  exceptions: PolicyRule[];
}

const restricted = (table: string) => [...(RESTRICTED_FIELDS[table] ?? [])];
/**
 * Derived text carries the restricted values (classification.ts DERIVED_TEXT_FIELDS): each rule on
 * persons' restricted fields comes with the same rule on those columns, so the two never disagree.
 */
const withDerived = (rule: PolicyRule): PolicyRule[] => [
  rule,
  ...Object.entries(DERIVED_TEXT_FIELDS).map(([table, fields]) => ({
    ...rule,
    subject: table,
    fields: [...fields],
    // CASL counts a rule on some fields as leave to read the row: on a document's text it must not
    // open a document its access level or the grant closes (those rows come through DOCUMENT_TABLES' rules).
    ...(!rule.inverted && DOCUMENT_TABLES.includes(table)
      ? { conditions: { ...rule.conditions, access_level: { $in: ['public', 'case_team'] }, grant_documents: true } }
      : {}),
  })),
];

function writes(reason?: string): PolicyRule[] {
  const r = reason ? { reason } : {};
  return [
    { action: WRITE, subject: PLAIN_CASE_TABLES, conditions: WRITE_ON_CASE, ...r },
    { action: WRITE, subject: DOCUMENT_TABLES, conditions: { ...WRITE_ON_CASE, grant_documents: true }, ...r },
    { action: ['create', 'update'], subject: TEAM_ORG_TABLES, ...r },
  ];
}

/** Each built-in's own layers (what it adds to its parent's). */
const OWN: Record<BuiltInRole, Layers> = {
  trainee: {
    grants: [
      { action: 'read', subject: ORG_WIDE },
      { action: 'read', subject: [...PLAIN_CASE_TABLES, 'case_assignments'], conditions: ON_CASE },
      { action: 'read', subject: DOCUMENT_TABLES, conditions: { ...ON_CASE, grant_documents: true } },
      // Waiting for sign-off: trainee is a supervised role, so builtInRules() marks these writes.
      ...writes(),
    ],
    guards: [
      { action: 'read', subject: DOCUMENT_TABLES, conditions: { access_level: { $in: ['consultant_only', 'admin_only'] } }, inverted: true },
      ...withDerived({ action: 'read', subject: 'persons', fields: restricted('persons'), inverted: true }),
    ],
    exceptions: [],
  },
  paralegal: {
    grants: writes(),
    guards: [],
    exceptions: withDerived({ action: 'read_partial', subject: 'persons', fields: restricted('persons') }),
  },
  staff: {
    grants: [{ action: ['read', ...WRITE], subject: MONEY_TABLES, conditions: { ...ON_CASE, grant_money: true } }],
    guards: [],
    exceptions: [],
  },
  consultant: consultantLayers(),
  advisor: consultantLayers(),
  manager: {
    grants: [
      { action: ['read', ...WRITE], subject: CASE_TABLES },
      { action: 'delegate', subject: 'case_assignments' },
    ],
    guards: [],
    exceptions: [{ action: 'reveal', subject: 'persons', fields: restricted('persons') }],
  },
  admin: {
    grants: [],
    guards: [],
    exceptions: [
      { action: 'manage', subject: 'all' },
      { action: 'delete', subject: 'organizations', inverted: true },
    ],
  },
  owner: { grants: [], guards: [], exceptions: [{ action: 'manage', subject: 'all' }] },
};

function consultantLayers(): Layers {
  return {
    // Delegating a case they are consultant of, and revoking it (grants.ts limits a delegation's length and role).
    grants: [{ action: ['create', 'update', 'delete', 'delegate'], subject: 'case_assignments', conditions: { as: 'consultant' } }],
    guards: [],
    exceptions: [
      ...withDerived({ action: 'read', subject: 'persons', fields: restricted('persons'), conditions: { as: 'consultant' } }),
      { action: 'read', subject: DOCUMENT_TABLES, conditions: { access_level: 'consultant_only', as: 'consultant', grant_documents: true } },
    ],
  };
}

/** The chain from the root to `role` (manager's goes through consultant). */
export function lineage(role: BuiltInRole): BuiltInRole[] {
  const out: BuiltInRole[] = [];
  for (let r: BuiltInRole | null = role; r; r = ROLE_PARENT[r]) out.unshift(r);
  return out;
}

export function isBuiltIn(role: string): role is BuiltInRole {
  return (BUILT_IN_ROLES as readonly string[]).includes(role);
}

/** A built-in role's rules (grants, guards, exceptions of its whole lineage). */
export function builtInRules(role: BuiltInRole): PolicyRule[] {
  const chain = lineage(role).map((r) => OWN[r]);
  const rules = [...chain.flatMap((l) => l.grants), ...chain.flatMap((l) => l.guards), ...chain.flatMap((l) => l.exceptions)];
  return SUPERVISED_ROLES.includes(role) ? supervise(rules) : rules;
}

/** Tables whose pack gates a draft's effect by the row's own sign-off status (TableSpec.draftsUntilSignedOff). */
const DRAFT_TABLES = [
  ...Object.values(TABLES)
    .filter((t) => t.draftsUntilSignedOff)
    .map((t) => t.name),
  // The case's timeline says what happened, including "prepared by a trainee, awaiting sign-off": an
  // entry takes nothing into effect, so it is not held back.
  'case_events',
];

/**
 * Every write a rule allows becomes one that waits for sign-off, except on draft tables, where the write
 * is the draft itself and the pack holds back its effect until a supervisor signs it off.
 */
function supervise(rules: PolicyRule[]): PolicyRule[] {
  const isWrite = (a: Action) => a === 'manage' || WRITE.includes(a);
  return rules.flatMap((r) => {
    if (r.inverted || ![r.action].flat().some(isWrite)) return [r];
    const subjects = [r.subject].flat();
    const drafts = subjects.filter((t) => DRAFT_TABLES.includes(t as string));
    const rest = subjects.filter((t) => !DRAFT_TABLES.includes(t as string));
    return [
      // The draft itself is written; its taking effect (finalise) waits for a supervisor.
      ...(drafts.length
        ? [
            { ...r, subject: drafts },
            { action: 'finalise' as Action, subject: drafts, conditions: r.conditions, reason: NEEDS_SIGNOFF },
          ]
        : []),
      ...(rest.length ? [{ ...r, subject: rest, reason: NEEDS_SIGNOFF }] : []),
    ];
  });
}

/**
 * A firm's role (a row of org_roles): a built-in it inherits from, rules it adds, rules it removes (as
 * inverted rules, last, so a removal always holds), and whether its writes need sign-off. A row whose
 * key is a built-in's changes that built-in for the firm.
 */
export interface RoleDef {
  key: string;
  inherits: BuiltInRole;
  add?: PolicyRule[];
  remove?: PolicyRule[];
  supervised?: boolean;
}

export function compileRole(def: RoleDef): PolicyRule[] {
  const rules = [...builtInRules(def.inherits), ...(def.add ?? []), ...(def.remove ?? []).map((r) => ({ ...r, inverted: true }))];
  return def.supervised ? supervise(rules) : rules;
}
