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
jsonLogic.add_operation('pick', (key: string | number, table: Record<string, number>) => table[String(key)] ?? 0);

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

function setPath(obj: Record<string, unknown>, path: string, value: number) {
  const parts = path.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) o = (o[p] ??= {}) as Record<string, unknown>;
  o[parts[parts.length - 1]] = value;
}

const truthy = (v: unknown) => jsonLogic.truthy(v as never);
const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

export function evaluate(pack: string, rules: RuleRow[], facts: Record<string, unknown>): Evaluation {
  const applied: Applied[] = [];
  const unmet: Evaluation['unmet'] = [];
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
  const groups: Record<string, number> = {};
  const breakdown: Record<string, Record<string, unknown>> = {};
  for (const a of applied) {
    groups[a.group] = (groups[a.group] ?? 0) + a.points;
    breakdown[a.group] ??= {};
    setPath(breakdown[a.group], a.factor, a.points);
  }
  for (const adj of adjustments) {
    groups[adj.group] = (groups[adj.group] ?? 0) + adj.delta;
    const label = adj.factor === '' ? 'capped' : `${adj.factor}.capped`;
    breakdown[adj.group] ??= {};
    setPath(breakdown[adj.group], label, adj.delta);
  }
  const total = Object.values(groups).reduce((s, v) => s + v, 0);
  return { applied, groups, breakdown, capsApplied, unmet, rulesVersion: rulesVersionOf(pack, rules), total };
}
