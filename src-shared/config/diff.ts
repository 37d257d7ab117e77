/**
 * What a configuration proposal changes, line by line, for the reviewer and the change log. Fields, forms,
 * sections and options are compared by their key (not by position), so moving a field reads as one change
 * of order rather than as every field after it changing.
 */
import type { ConfigDefinition } from './schema';

export interface ConfigChange {
  /** e.g. "fields.income.required" or "forms.intake.sections.household" */
  path: string;
  before: unknown;
  after: unknown;
}

type Keyed = { key?: string; value?: string; field?: string; group?: string; status?: string; from?: string; to?: string };

/** Lists of keyed things become objects by key (and keep their order as a separate, comparable list). */
function normalise(v: unknown): unknown {
  if (Array.isArray(v)) {
    const keyOf = (x: unknown) => {
      if (!x || typeof x !== 'object') return undefined;
      const k = x as Keyed;
      // A workflow's move is known by where it goes from and to.
      if (typeof k.from === 'string' && typeof k.to === 'string') return `${k.from}→${k.to}`;
      return k.key ?? k.value ?? k.field ?? k.group ?? k.status;
    };
    const keys = v.map(keyOf);
    if (v.length && keys.every((k) => typeof k === 'string') && new Set(keys).size === keys.length) {
      const out: Record<string, unknown> = { '(order)': keys };
      v.forEach((x, i) => (out[keys[i] as string] = normalise(x)));
      return out;
    }
    return v.map(normalise);
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return v;
}

function walk(a: unknown, b: unknown, path: string, out: ConfigChange[]) {
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  const isObj = (x: unknown) => x && typeof x === 'object' && !Array.isArray(x);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])];
    for (const k of keys) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
    return;
  }
  out.push({ path: path || '(root)', before: a ?? null, after: b ?? null });
}

export function configDiff(before: ConfigDefinition, after: ConfigDefinition): ConfigChange[] {
  const out: ConfigChange[] = [];
  walk(normalise(before), normalise(after), '', out);
  return out;
}

/**
 * Removed fields and changed types are high risk (data a person sees goes away or reads differently), as
 * is a status the lifecycle stops using (cases in it would have nowhere to go). Any other change of the
 * lifecycle, or a newly required field, is medium.
 */
export function riskOf(before: ConfigDefinition, after: ConfigDefinition): 'LOW' | 'MEDIUM' | 'HIGH' {
  const old = new Map(before.fields.map((f) => [f.key, f]));
  const next = new Map(after.fields.map((f) => [f.key, f]));
  for (const [k, f] of old) if (!next.has(k) || next.get(k)!.type !== f.type) return 'HIGH';
  if (before.workflow) {
    const kept = new Set(after.workflow?.statuses.map((s) => s.status) ?? []);
    if (after.workflow && before.workflow.statuses.some((s) => !kept.has(s.status))) return 'HIGH';
  }
  if (JSON.stringify(before.workflow ?? null) !== JSON.stringify(after.workflow ?? null)) return 'MEDIUM';
  for (const [k, f] of next) if (f.required && !old.get(k)?.required) return 'MEDIUM';
  return 'LOW';
}

/** The keys of fields a proposal removes (their values stay on every case). */
export function removedFields(before: ConfigDefinition, after: ConfigDefinition): string[] {
  const next = new Set(after.fields.map((f) => f.key));
  return before.fields.filter((f) => !next.has(f.key)).map((f) => f.key);
}
