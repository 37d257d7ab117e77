/**
 * The one policy engine, evaluated in-process by the laptop (write path, window) and by the server
 * (push, shapes, snapshots, blobs, admin routes).
 *
 * Why @casl/ability: it is small, dependency-light and pure JS (it runs in Node, in the window and in
 * src-shared's no-Node/no-DOM build); its rules are plain JSON (a role is data, editable per firm and
 * storable in a synced table); it knows fields (a rule may cover `passport_info.number` only) and
 * conditions (MongoDB-style, on our facts); later rules override earlier ones, which gives inheritance
 * with removals for free; and packRules/unpackRules give a compact wire form for shipping a user's
 * rules to their laptop. Alternatives weighed: casbin (string models, no field level, heavier, needs an
 * adapter), OPA/Cedar (not in-process in JS offline without WASM), our own (the brief's first rule:
 * reuse a well-kept library). What CASL lacks, we add here: masking (a `read_partial` action: a field a
 * role may read only as •••••123), a three-way decision (a rule's `reason` 'needs_signoff' marks a write
 * that waits for a supervisor) and a validator for rules that arrive as data.
 */
import { createMongoAbility, subject as asSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { packRules, unpackRules, type PackRule } from '@casl/ability/extra';
import { z } from 'zod';
import { TABLES } from '../schema/tables';
import { FACT_DOMAINS, FACT_KEYS, type Facts } from './facts';
import { RESTRICTED_FIELDS, type FieldAccess } from './classification';
import { ACTIONS, DOMAIN_SUBJECTS, NEEDS_SIGNOFF, type Action, type PolicyRule } from './roles';

export type Decision = 'allow' | 'deny' | 'needs_signoff';
type Ability = MongoAbility<[string, string | object]>;
export type PackedRules = PackRule<RawRuleOf<Ability>>[];

/** A user's compiled policy: their rules, ready to answer. One per distinct rule set (cache it). */
export class Policy {
  readonly ability: Ability;
  private readonly maskable = new Map<string, string[]>();
  constructor(readonly rules: readonly PolicyRule[]) {
    this.ability = createMongoAbility<Ability>(rules as RawRuleOf<Ability>[]);
  }
  static fromPacked(packed: PackedRules): Policy {
    return new Policy(unpackRules(packed) as PolicyRule[]);
  }
  /** The rules in CASL's packed form: what the server ships and the laptop unpacks. */
  pack(): PackedRules {
    return packRules(this.rules as RawRuleOf<Ability>[]);
  }

  /** Fields of `table` whose access may be other than full: restricted ones and any a rule names. */
  maskableFields(table: string): string[] {
    const hit = this.maskable.get(table);
    if (hit) return hit;
    const set = new Set(RESTRICTED_FIELDS[table] ?? []);
    for (const r of this.rules) {
      const subjects = [r.subject].flat();
      if (r.fields && (subjects.includes(table) || subjects.includes('all'))) for (const f of r.fields) set.add(f);
    }
    const out = [...set].filter((f) => f.split('.')[0]! in (TABLES[table]?.columns ?? {}));
    this.maskable.set(table, out);
    return out;
  }
}

const subj = (table: string, facts: Facts) => asSubject(table, { ...facts });

/** May the caller do `action` on a row of `table` with these facts (on `field`, if given)? */
export function decide(policy: Policy, action: Action, table: string, facts: Facts, field?: string): Decision {
  const s = subj(table, facts);
  if (!policy.ability.can(action, s, field)) return 'deny';
  const rule = policy.ability.relevantRuleFor(action, s, field);
  return rule?.reason === NEEDS_SIGNOFF ? 'needs_signoff' : 'allow';
}

/** How much of `field` the caller gets on a row they may read: whole, •••••123, or nothing. */
export function fieldAccess(policy: Policy, table: string, facts: Facts, field: string): FieldAccess {
  const s = subj(table, facts);
  if (policy.ability.can('read', s, field)) return 'full';
  return policy.ability.can('read_partial', s, field) ? 'partial' : 'hidden';
}

export interface RowAccess {
  visible: boolean;
  /** Maskable fields of the table and what the caller gets of each (full ones included). */
  fields: Record<string, FieldAccess>;
}

/** Whether a row reaches the caller at all, and how each maskable field of it does. */
export function rowAccess(policy: Policy, table: string, facts: Facts): RowAccess {
  const visible = policy.ability.can('read', subj(table, facts));
  const fields: Record<string, FieldAccess> = {};
  for (const f of policy.maskableFields(table)) fields[f] = visible ? fieldAccess(policy, table, facts, f) : 'hidden';
  return { visible, fields };
}

export interface WriteCheck {
  decision: Decision;
  /** Why not (for the refusal's message). */
  reason?: string;
}

/**
 * A write of `fields` (column names, or "col.key" for a key inside JSON) to a row with these facts:
 * denied if the action or any field is, needs sign-off if any part does.
 */
export function checkWrite(policy: Policy, op: 'create' | 'update' | 'delete', table: string, facts: Facts, fields: readonly string[] = []): WriteCheck {
  const whole = decide(policy, op, table, facts);
  if (whole === 'deny') return { decision: 'deny', reason: `may not ${op} ${table}` };
  let decision: Decision = whole;
  for (const f of fields) {
    const d = decide(policy, op, table, facts, f);
    if (d === 'deny') return { decision: 'deny', reason: `may not ${op} ${table}.${f}` };
    if (d === 'needs_signoff') decision = 'needs_signoff';
  }
  return decision === 'needs_signoff' ? { decision, reason: `${op} of ${table} needs a supervisor's sign-off` } : { decision };
}

const factValue = z.union([z.string().max(100), z.boolean(), z.null()]);
const condition = z.union([
  factValue,
  z.object({ $eq: factValue }).strict(),
  z.object({ $ne: factValue }).strict(),
  z.object({ $in: z.array(factValue).max(50) }).strict(),
  z.object({ $nin: z.array(factValue).max(50) }).strict(),
]);
const SUBJECTS = [...Object.keys(TABLES), ...DOMAIN_SUBJECTS];
const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t).min(1).max(60)]);

/**
 * A rule that arrives as data (a firm's role, a server's answer) is checked before use: known actions
 * and subjects, fields of the subject, and conditions only on facts with equality and membership, so
 * the server's SQL translation (sync-server/src/policy.ts) stays exact.
 */
export const PolicyRuleSchema = z
  .object({
    action: oneOrMany(z.enum(ACTIONS)),
    subject: oneOrMany(z.enum(SUBJECTS as [string, ...string[]])),
    fields: z
      .array(z.string().regex(/^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)?$/))
      .max(100)
      .optional(),
    conditions: z
      .record(z.string(), condition)
      .refine((c) => Object.keys(c).every((k) => (FACT_KEYS as string[]).includes(k)), { message: `conditions may name only ${FACT_KEYS.join(', ')}` })
      .optional(),
    inverted: z.boolean().optional(),
    reason: z.string().max(100).optional(),
  })
  .strict();

/** Condition keys a table's read rules look at, with the values they mention (the server's SQL needs them). */
export function conditionValues(policy: Policy, table: string, actions: readonly Action[]): Map<keyof Facts, Set<string | boolean | null>> {
  const out = new Map<keyof Facts, Set<string | boolean | null>>();
  for (const a of actions) {
    for (const rule of policy.ability.rulesFor(a, table)) {
      for (const [k, v] of Object.entries((rule.conditions ?? {}) as Record<string, unknown>)) {
        const key = k as keyof Facts;
        const set = out.get(key) ?? new Set();
        out.set(key, set);
        const vals = v !== null && typeof v === 'object' ? Object.values(v as object).flat() : [v];
        for (const x of vals) set.add(x as string | boolean | null);
      }
    }
  }
  return out;
}

/**
 * Every combination of fact values that can change a decision on `table` for these actions: each
 * named key over its whole domain (open-ended strings: the values rules mention plus one standing for
 * "any other"), the rest fixed. Decisions on a combination hold for every row whose facts match it.
 */
export const OTHER = '\u0000other';
export function factCombinations(policy: Policy, table: string, actions: readonly Action[]): { keys: (keyof Facts)[]; combos: Facts[] } {
  const named = conditionValues(policy, table, actions);
  const keys = [...named.keys()];
  const base: Facts = {
    as: 'none',
    grant_write: false,
    grant_documents: false,
    grant_money: false,
    case_type: null,
    case_status: null,
    access_level: 'case_team',
    classification: 'internal',
  };
  let combos: Facts[] = [base];
  for (const k of keys) {
    const domain = FACT_DOMAINS[k] ?? [...[...named.get(k)!].filter((v) => typeof v === 'string'), OTHER, null];
    combos = combos.flatMap((c) => domain.map((v) => ({ ...c, [k]: v })));
  }
  return { keys, combos };
}
