/**
 * A case's custom field values checked against its configuration: the one validator the core runs before
 * it saves and the window runs as a person types, so the form and the core never disagree about what is
 * acceptable. Messages come in both languages; the core reports the English, the window the person's own.
 *
 * Stored forms of each type (cases.custom_fields, plain JSON):
 *   text -> string; number -> number; money -> "1234.50" (a decimal string, never a float);
 *   date -> "YYYY-MM-DD"; select -> an option's value; multi_select -> a list of option values;
 *   person -> a person's id on the case; boolean -> true/false; a repeatable group -> a list of rows.
 */
import { isCalendarDate } from '../text/dates';
import { isGroup, type Bilingual, type Condition, type ConfigDefinition, type FieldDef } from './schema';

export type Values = Record<string, unknown>;
export interface ValueProblem {
  /** The field's key, or group.row.field for a field in a repeatable group. */
  path: string;
  message: Bilingual;
}

const MONEY_RE = /^-?\d{1,12}(\.\d{1,2})?$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** Whether a condition holds on these values (a missing field holds no value). */
export function conditionHolds(c: Condition | undefined, values: Values): boolean {
  if (!c) return true;
  const v = values[c.field];
  if (c.filled !== undefined) return c.filled === !isEmpty(v);
  const wanted = Array.isArray(c.equals) ? c.equals : [c.equals];
  if (Array.isArray(v)) return v.some((x) => wanted.includes(x as string));
  return wanted.includes(v as string | number | boolean);
}

const say = (en: string, fr: string): Bilingual => ({ en, fr });

/** What is wrong with one value of a field, or null. An empty value is only wrong when required. */
export function fieldProblem(f: FieldDef, v: unknown): Bilingual | null {
  if (isEmpty(v)) return f.required ? say('This field is required.', 'Ce champ est obligatoire.') : null;
  switch (f.type) {
    case 'text': {
      if (typeof v !== 'string') return say('Enter text.', 'Saisissez du texte.');
      if (f.min !== undefined && v.length < f.min) return say(`Use at least ${f.min} characters.`, `Utilisez au moins ${f.min} caractères.`);
      if (f.max !== undefined && v.length > f.max) return say(`Use at most ${f.max} characters.`, `Utilisez au plus ${f.max} caractères.`);
      if (f.pattern && !new RegExp(`^(?:${f.pattern})$`, 'u').test(v))
        return f.patternMessage ?? say('This is not in the expected form.', "Ce n'est pas dans la forme attendue.");
      return null;
    }
    case 'number':
    case 'money': {
      const n = f.type === 'number' ? (typeof v === 'number' && Number.isFinite(v) ? v : NaN) : typeof v === 'string' && MONEY_RE.test(v) ? Number(v) : NaN;
      if (Number.isNaN(n))
        return f.type === 'number'
          ? say('Enter a number.', 'Saisissez un nombre.')
          : say('Enter an amount such as 1250.00.', 'Saisissez un montant comme 1250.00.');
      if (f.min !== undefined && n < f.min) return say(`Enter ${f.min} or more.`, `Saisissez ${f.min} ou plus.`);
      if (f.max !== undefined && n > f.max) return say(`Enter ${f.max} or less.`, `Saisissez ${f.max} ou moins.`);
      return null;
    }
    case 'date':
      if (typeof v !== 'string' || !isCalendarDate(v)) return say('Enter a real date.', 'Saisissez une date réelle.');
      if (f.minDate && v < f.minDate) return say(`Enter ${f.minDate} or later.`, `Saisissez le ${f.minDate} ou après.`);
      if (f.maxDate && v > f.maxDate) return say(`Enter ${f.maxDate} or earlier.`, `Saisissez le ${f.maxDate} ou avant.`);
      return null;
    case 'select':
      return typeof v === 'string' && f.options?.some((o) => o.value === v) ? null : say('Choose one of the options.', 'Choisissez une des options.');
    case 'multi_select':
      return Array.isArray(v) && v.every((x) => f.options?.some((o) => o.value === x)) && new Set(v).size === v.length
        ? null
        : say('Choose among the options.', 'Choisissez parmi les options.');
    case 'person':
      return typeof v === 'string' && UUID_RE.test(v) ? null : say('Choose a person on the case.', 'Choisissez une personne du dossier.');
    case 'boolean':
      return typeof v === 'boolean' ? null : say('Answer yes or no.', 'Répondez oui ou non.');
  }
}

/**
 * Every problem with these values under a definition: fields shown by some form (and visible under the
 * values' own conditions) and fields no form shows. Values of keys the definition does not know are
 * ignored here: they belong to fields removed since, and are kept, never judged.
 */
export function valueProblems(def: ConfigDefinition, values: Values): ValueProblem[] {
  const fields = new Map(def.fields.map((f) => [f.key, f]));
  const problems: ValueProblem[] = [];
  const seen = new Set<string>();
  const hidden = new Set<string>();
  for (const form of def.forms)
    for (const section of form.sections) {
      const sectionShown = conditionHolds(section.visibleWhen, values);
      for (const item of section.items) {
        const shown = sectionShown && conditionHolds(item.visibleWhen, values);
        if (isGroup(item)) {
          seen.add(item.group);
          for (const k of item.fields) seen.add(k);
          if (!shown) continue;
          const rows = values[item.group];
          if (rows !== undefined && !Array.isArray(rows)) {
            problems.push({ path: item.group, message: say('This list is not in the expected form.', "Cette liste n'est pas dans la forme attendue.") });
            continue;
          }
          const list = (rows ?? []) as unknown[];
          if (item.minRows !== undefined && list.length < item.minRows)
            problems.push({ path: item.group, message: say(`Add at least ${item.minRows}.`, `Ajoutez-en au moins ${item.minRows}.`) });
          if (item.maxRows !== undefined && list.length > item.maxRows)
            problems.push({ path: item.group, message: say(`Add at most ${item.maxRows}.`, `Ajoutez-en au plus ${item.maxRows}.`) });
          list.forEach((row, i) => {
            const r = row && typeof row === 'object' && !Array.isArray(row) ? (row as Values) : {};
            for (const k of item.fields) {
              const f = fields.get(k);
              const m = f && fieldProblem(f, r[k]);
              if (m) problems.push({ path: `${item.group}.${i}.${k}`, message: m });
            }
          });
        } else {
          seen.add(item.field);
          if (!shown) {
            hidden.add(item.field);
            continue;
          }
          hidden.delete(item.field);
          const f = fields.get(item.field);
          const m = f && fieldProblem(f, values[item.field]);
          if (m) problems.push({ path: item.field, message: m });
        }
      }
    }
  // A field on no form is still a field of the case type (the CLI can set it): its type still holds.
  for (const f of def.fields)
    if (!seen.has(f.key) && !hidden.has(f.key)) {
      const m = fieldProblem(f, values[f.key]);
      if (m) problems.push({ path: f.key, message: m });
    }
  // The same field on two forms, shown on one: a problem reported once.
  const unique = new Map(problems.map((p) => [p.path, p]));
  return [...unique.values()];
}

/** The keys of values that no field or group of this definition names: the data of removed fields. */
export function retiredKeys(def: ConfigDefinition, values: Values): string[] {
  const known = new Set(def.fields.map((f) => f.key));
  for (const form of def.forms) for (const s of form.sections) for (const i of s.items) if (isGroup(i)) known.add(i.group);
  return Object.keys(values).filter((k) => !known.has(k));
}

/**
 * The case's values after a save: what was typed replaces the fields the definition knows; every other key
 * (a removed field's data) is carried over untouched. An empty value removes its key, so "cleared" is stored
 * as absent rather than as "".
 */
export function mergeValues(def: ConfigDefinition, stored: Values, typed: Values): Values {
  const out: Values = { ...stored };
  const known = new Set([...def.fields.map((f) => f.key), ...def.forms.flatMap((f) => f.sections.flatMap((s) => s.items.filter(isGroup).map((g) => g.group)))]);
  for (const [k, v] of Object.entries(typed)) {
    if (!known.has(k)) continue;
    if (isEmpty(v)) delete out[k];
    else out[k] = v;
  }
  return out;
}
