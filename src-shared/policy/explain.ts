/**
 * "Why can this user see this case / this field?" (issue 14 item 6): the engine's decision with the
 * rule that made it, in words, and the facts it was judged on (the user's relation to the case, what
 * their grant allows, the row's access level and classification). The same engine and facts as every
 * other decision, so the explanation cannot disagree with what the user actually gets.
 */
import { subject as asSubject } from '@casl/ability';
import { type Action, type PolicyRule } from './roles';
import { fieldAccess, type Policy } from './engine';
import { RESTRICTED_FIELDS, type FieldAccess } from './classification';
import type { Facts } from './facts';

export interface RuleWords {
  /** allows / forbids, the actions, the tables (or "everything"), the fields and the conditions. */
  text: string;
  inverted: boolean;
}

export interface Explanation {
  action: Action;
  table: string;
  field?: string;
  allowed: boolean;
  /** The deciding rule (none: nothing in the role allows it, so it is denied). */
  rule: RuleWords | null;
  facts: Facts;
}

const list = (v: string | string[]) => [v].flat().join(', ');

function condWords(c: Record<string, unknown>): string {
  return Object.entries(c)
    .map(([k, v]) => {
      if (v !== null && typeof v === 'object') {
        const [op, arg] = Object.entries(v as Record<string, unknown>)[0]!;
        const vals = Array.isArray(arg) ? arg.join(' or ') : String(arg);
        return op === '$ne' ? `${k} is not ${vals}` : op === '$nin' ? `${k} is not ${vals}` : `${k} is ${vals}`;
      }
      return `${k} is ${String(v)}`;
    })
    .join(' and ');
}

/** A rule in words, e.g. "allows read on persons (fields passport_info.number) when as is consultant". */
export function ruleWords(r: Pick<PolicyRule, 'action' | 'subject' | 'fields' | 'conditions' | 'inverted' | 'reason'>): RuleWords {
  const subj = list(r.subject as string | string[]) === 'all' ? 'everything' : list(r.subject as string | string[]);
  const parts = [`${r.inverted ? 'forbids' : 'allows'} ${list(r.action as string | string[])} on ${subj}`];
  if (r.fields?.length) parts.push(`(fields ${r.fields.join(', ')})`);
  if (r.conditions && Object.keys(r.conditions).length) parts.push(`when ${condWords(r.conditions)}`);
  if (r.reason === 'needs_signoff') parts.push("after a supervisor's sign-off");
  return { text: parts.join(' '), inverted: !!r.inverted };
}

/** The decision on `action` (on `field`, if given) for a row of `table` with these facts, and why. */
export function explain(policy: Policy, action: Action, table: string, facts: Facts, field?: string): Explanation {
  const s = asSubject(table, { ...facts });
  const allowed = policy.ability.can(action, s, field);
  const rule = policy.ability.relevantRuleFor(action, s, field);
  return { action, table, field, allowed, rule: rule ? ruleWords(rule as unknown as PolicyRule) : null, facts };
}

export interface CaseExplanation {
  read: Explanation;
  write: Explanation;
  /** Each restricted field of persons: what the user gets of it and why. */
  fields: { field: string; access: FieldAccess; because: Explanation }[];
}

/** A case (its facts for this user): may they read it, write on it, and what of persons' restricted fields they see. */
export function explainCase(policy: Policy, facts: Facts): CaseExplanation {
  return {
    read: explain(policy, 'read', 'cases', facts),
    write: explain(policy, 'update', 'cases', facts),
    fields: (RESTRICTED_FIELDS.persons ?? []).map((f) => {
      const access = fieldAccess(policy, 'persons', facts, f);
      return { field: f, access, because: explain(policy, access === 'partial' ? 'read_partial' : 'read', 'persons', facts, f) };
    }),
  };
}

/** A role's rules in words, in the order they apply (later ones win): its effective permissions. */
export function effectivePermissions(policy: Policy): RuleWords[] {
  return policy.rules.map((r) => ruleWords(r));
}
