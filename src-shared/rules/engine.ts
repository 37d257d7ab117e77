/**
 * A rules engine for rules that are data (approved_rules rows): conditions and point formulas are JSON
 * Logic (json-logic-js), point grids are tables inside the rule, and every rule has effective dates and
 * a version. Evaluating facts on a date picks, per rule_id, the version in force that day; the result
 * lists every rule applied with its version, points and why it fired, so an answer can be explained and
 * reproduced later under the same versions (evaluateVersions).
 *
 * Two operations are added to JSON Logic for grids:
 *   {"band": [value, [[min, points], ...]]}  points of the first row (highest min first) with value >= min
 *   {"pick": [key, {"key": points, ...}]}     points for an exact key, 0 when absent
 */
import jsonLogic from 'json-logic-js';

jsonLogic.add_operation('band', (value: number, rows: Array<[number, number]>) => {
  for (const [min, pts] of rows) if (value >= min) return pts;
  return 0;
});
// Own keys only: a key such as "constructor" must not read through to Object.prototype.
jsonLogic.add_operation('pick', (key: string | number, table: Record<string, number>) =>
  table !== null && typeof table === 'object' && Object.hasOwn(table, String(key)) ? (table[String(key)] ?? 0) : 0,
);

export type Logic = unknown;

/** The fields of an approved_rules row the engine reads. */
export interface RuleRow {
  id?: string;
  rule_id: string;
  version: number;
  rule_category: string;
  rule_json: RuleBody;
  conditions_json?: Logic | Record<string, never>;
  effects_json: { points?: Logic; max?: Logic; unmet?: string };
  effective_from: string;
  effective_until?: string | null;
  source_url?: string | null;
  source_section?: string | null;
  description?: string | null;
}

/** Where a rule version comes from: the instrument or notice that made it law, and when. */
export interface RuleSource {
  title: string;
  url: string;
  /** The date the source was published or signed (YYYY-MM-DD). */
  date: string;
  /** What was and was not verified in the source, when that is less than the whole text. */
  note?: string;
}

export interface RuleBody {
  pack: string;
  /** 'points' adds points; 'cap' limits a group's sum; 'requirement' must hold or is reported unmet. */
  kind: 'points' | 'cap' | 'requirement';
  group: string;
  /** Dotted path inside the group's breakdown, e.g. "firstLanguage.listening". */
  factor: string;
  label: string;
  /** JSON Logic producing the text of why the rule fired (the facts it used). */
  explain?: Logic;
  asOf?: string;
  source?: RuleSource;
}

export interface Applied {
  ruleId: string;
  version: number;
  group: string;
  factor: string;
  label: string;
  points: number;
  reason: string;
}

export interface Evaluation {
  applied: Applied[];
  groups: Record<string, number>;
  breakdown: Record<string, Record<string, unknown>>;
  capsApplied: Array<{ ruleId: string; version: number; group: string; factor: string; max: number; before: number }>;
  unmet: Array<{ ruleId: string; version: number; label: string; message: string }>;
  /** Rules left out because their shape is unsafe or unknown (see ruleShapeProblem). */
  refused: Array<{ ruleId: string; version: number; reason: string }>;
  rulesVersion: string;
  total: number;
}

const day = (iso: string) => iso.slice(0, 10);

export function inForce(rule: RuleRow, date: string): boolean {
  const d = day(date);
  return day(rule.effective_from) <= d && (!rule.effective_until || d < day(rule.effective_until));
}

/** Per rule_id, the highest version in force on the date. */
export function selectInForce(rules: RuleRow[], pack: string, date: string): RuleRow[] {
  const best = new Map<string, RuleRow>();
  for (const r of rules) {
    if (r.rule_json.pack !== pack || !inForce(r, date)) continue;
    const cur = best.get(r.rule_id);
    if (!cur || r.version > cur.version) best.set(r.rule_id, r);
  }
  return [...best.values()];
}

/** Exactly the versions named (to reproduce a saved result); throws if one is missing. */
export function selectVersions(rules: RuleRow[], versions: Array<{ ruleId: string; version: number }>): RuleRow[] {
  return versions.map(({ ruleId, version }) => {
    const r = rules.find((x) => x.rule_id === ruleId && x.version === version);
    if (!r) throw new Error(`rule ${ruleId} version ${version} is not available`);
    return r;
  });
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A short, stable name for a set of rule versions: pack@latest-effective-date+hash. */
export function rulesVersionOf(pack: string, rules: RuleRow[]): string {
  const ids = rules.map((r) => `${r.rule_id}:${r.version}`).sort();
  const latest =
    rules
      .map((r) => day(r.effective_from))
      .sort()
      .pop() ?? '0000-00-00';
  return `${pack}@${latest}+${fnv1a(ids.join(','))}`;
}

/**
 * Group and factor names become keys of the result objects, so they are names, never paths into a
 * prototype: each dotted part is a letter then letters, digits or underscores, and not one of the
 * names an object carries itself. Rules arrive as data (approved by an owner, synced between laptops),
 * so a name like "__proto__" must be refused, not trusted.
 */
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const OBJECT_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype).concat(['prototype']));
const KINDS = new Set(['points', 'cap', 'requirement']);

function nameProblem(what: string, name: unknown, allowEmpty: boolean): string | null {
  if (typeof name !== 'string') return `${what} must be text`;
  if (name === '') return allowEmpty ? null : `${what} must not be empty`;
  for (const part of name.split('.')) {
    if (!NAME.test(part) || OBJECT_NAMES.has(part)) {
      return `${what} "${name.slice(0, 80)}" is not a plain name (letters, digits and underscores, starting with a letter, parts separated by dots)`;
    }
  }
  return null;
}

/** Why a rule body cannot be used, or null when it can. Used when a rule is proposed and when it is evaluated. */
export function ruleShapeProblem(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'rule_json must be an object';
  const b = body as Partial<RuleBody>;
  if (!KINDS.has(b.kind as string)) return `kind must be one of ${[...KINDS].join(', ')}`;
  // Only a cap may name a whole group (factor ''); points and requirements name the factor they set.
  return nameProblem('group', b.group, false) ?? nameProblem('factor', b.factor, b.kind === 'cap');
}

const table = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>;

function setPath(obj: Record<string, unknown>, path: string, value: number) {
  const parts = path.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) {
    if (!Object.hasOwn(o, p)) o[p] = table();
    const next = o[p];
    // A factor that is both a number and a parent ("a" and "a.b") keeps the number; the group total is unaffected.
    if (next === null || typeof next !== 'object') return;
    o = next as Record<string, unknown>;
  }
  o[parts[parts.length - 1]] = value;
}

const truthy = (v: unknown) => jsonLogic.truthy(v as never);
const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

export function evaluate(pack: string, given: RuleRow[], facts: Record<string, unknown>): Evaluation {
  const applied: Applied[] = [];
  const unmet: Evaluation['unmet'] = [];
  const refused: Evaluation['refused'] = [];
  const rules = given.filter((r) => {
    const reason = ruleShapeProblem(r.rule_json);
    if (reason) refused.push({ ruleId: String(r.rule_id), version: r.version, reason });
    return reason === null;
  });
  const ordered = [...rules].sort((a, b) => a.rule_id.localeCompare(b.rule_id));
  for (const r of ordered) {
    const body = r.rule_json;
    const cond = r.conditions_json;
    const holds = isEmpty(cond) || truthy(jsonLogic.apply(cond as never, facts));
    if (body.kind === 'requirement') {
      if (!holds) unmet.push({ ruleId: r.rule_id, version: r.version, label: body.label, message: r.effects_json.unmet ?? body.label });
      continue;
    }
    if (body.kind !== 'points' || !holds) continue;
    const raw = Number(jsonLogic.apply(r.effects_json.points as never, facts));
    const points = Number.isFinite(raw) ? raw : 0;
    const reason = body.explain ? String(jsonLogic.apply(body.explain as never, facts)) : body.label;
    applied.push({ ruleId: r.rule_id, version: r.version, group: body.group, factor: body.factor, label: body.label, points, reason });
  }
  // Caps: a cap's factor names a prefix inside its group ('' for the whole group); subgroups first.
  const caps = ordered.filter((r) => r.rule_json.kind === 'cap').sort((a, b) => b.rule_json.factor.length - a.rule_json.factor.length);
  const capsApplied: Evaluation['capsApplied'] = [];
  const adjustments: Array<{ group: string; factor: string; delta: number }> = [];
  const sumOf = (group: string, prefix: string) =>
    applied.filter((a) => a.group === group && (prefix === '' || a.factor === prefix || a.factor.startsWith(`${prefix}.`))).reduce((s, a) => s + a.points, 0) +
    adjustments
      .filter((a) => a.group === group && (prefix === '' || a.factor === prefix || a.factor.startsWith(`${prefix}.`)))
      .reduce((s, a) => s + a.delta, 0);
  for (const c of caps) {
    const cond = c.conditions_json;
    if (!(isEmpty(cond) || truthy(jsonLogic.apply(cond as never, facts)))) continue;
    const max = Number(jsonLogic.apply(c.effects_json.max as never, facts));
    const before = sumOf(c.rule_json.group, c.rule_json.factor);
    if (before > max) {
      adjustments.push({ group: c.rule_json.group, factor: c.rule_json.factor, delta: max - before });
      capsApplied.push({ ruleId: c.rule_id, version: c.version, group: c.rule_json.group, factor: c.rule_json.factor, max, before });
    }
  }
  // Maps without a prototype: a key is only ever an own entry (the names are checked above as well).
  const groups = table() as Record<string, number>;
  const breakdown = table() as Record<string, Record<string, unknown>>;
  const groupOf = (g: string) => (Object.hasOwn(breakdown, g) ? breakdown[g] : (breakdown[g] = table()));
  for (const a of applied) {
    groups[a.group] = (Object.hasOwn(groups, a.group) ? groups[a.group] : 0) + a.points;
    setPath(groupOf(a.group), a.factor, a.points);
  }
  for (const adj of adjustments) {
    groups[adj.group] = (Object.hasOwn(groups, adj.group) ? groups[adj.group] : 0) + adj.delta;
    const label = adj.factor === '' ? 'capped' : `${adj.factor}.capped`;
    setPath(groupOf(adj.group), label, adj.delta);
  }
  const total = Object.values(groups).reduce((s, v) => s + v, 0);
  return { applied, groups, breakdown, capsApplied, unmet, refused, rulesVersion: rulesVersionOf(pack, rules), total };
}
