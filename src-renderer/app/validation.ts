/**
 * Validation written for people, in one place. The window checks a form with the same zod schema the
 * core will apply (the contract's, or a table's row schema) and turns each issue into a sentence in the
 * person's language, keyed by the field at fault so the form can mark that field (aria-invalid) and
 * put the sentence next to it. A refusal that still comes back from the core ("client: must be at most
 * 200 characters; total_fees: must be a decimal number") is read the same way: field, then reason.
 */
import type { TFunction } from 'i18next';
import type { z } from 'zod';

/** Field path ("firstLanguage.listening") -> sentence; "" for a problem with the form as a whole. */
export type FieldErrors = Record<string, string>;

interface IssueLike {
  code?: string;
  path?: ReadonlyArray<PropertyKey>;
  message: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
  format?: string;
  expected?: string;
  input?: unknown;
  params?: Record<string, unknown>;
}

/**
 * Reasons written by the shared rules (src-shared: validators, client name, passphrase, profile) and
 * the core, recognised by their words. The first match wins.
 */
const REASONS: Array<[RegExp, (m: RegExpExecArray, t: TFunction) => string]> = [
  [/real calendar date|does not exist|not a real (day|date)/i, (_m, t) => t('validation.realDate')],
  [/in the future/i, (_m, t) => t('validation.future')],
  [/must be a date|YYYY-MM-DD/i, (_m, t) => t('validation.date')],
  [/enter the client'?s name/i, (_m, t) => t('validation.clientEmpty')],
  [/first and last names must each be at most (\d+)/i, (m, t) => t('validation.namePartTooLong', { max: m[1] })],
  [/decimal number|amount such as/i, (_m, t) => t('validation.money')],
  [/at least (\d+) characters/i, (m, t) => (Number(m[1]) >= 12 ? t('validation.passphrase') : t('validation.tooShort', { count: Number(m[1]) }))],
  [/(?:at most|<=)\s*(\d+) characters/i, (m, t) => t('validation.tooLong', { count: Number(m[1]) })],
  [/wrong passphrase or key/i, (_m, t) => t('validation.wrongKey')],
  [/scores are ([\d.]+) to ([\d.]+)/i, (m, t) => t('validation.score', { min: m[1], max: m[2] })],
  [/second official language must be the other/i, (_m, t) => t('validation.secondLanguage')],
  [/email/i, (_m, t) => t('validation.email')],
  [/whole number/i, (_m, t) => t('validation.notWhole')],
  [/must be one of|expected one of|invalid option/i, (_m, t) => t('validation.choose')],
  [/required|enter your|say what/i, (_m, t) => t('validation.required')],
];

/** A zod issue (or a core reason) as a sentence. */
export function issueSentence(issue: IssueLike, t: TFunction): string {
  const text = issue.message ?? '';
  for (const [re, say] of REASONS) {
    const m = re.exec(text);
    if (m) return say(m, t);
  }
  switch (issue.code) {
    case 'too_big':
      return issue.origin === 'string' ? t('validation.tooLong', { count: Number(issue.maximum) }) : t('validation.tooBig', { max: String(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t('validation.required') : t('validation.tooShort', { count: Number(issue.minimum) });
      return t('validation.tooSmall', { min: String(issue.minimum) });
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null || issue.input === '') return t('validation.required');
      return issue.expected === 'number' ? t('validation.notNumber') : t('validation.other');
    case 'invalid_value':
      return t('validation.choose');
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.other');
    case 'not_multiple_of':
      return t('validation.notWhole');
    case undefined:
      // A reason from the core that has no sentence here yet: its own words beat a vague one.
      return text || t('validation.other');
    default:
      return t('validation.other');
  }
}

const key = (path: ReadonlyArray<PropertyKey> | undefined) => (path ?? []).map(String).join('.');

/** Every problem of a zod result, as sentences by field (the first problem of a field wins). */
export function zodErrors(error: z.ZodError, t: TFunction, prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const i of error.issues) {
    const k = prefix && key(i.path).startsWith(prefix) ? key(i.path).slice(prefix.length) : key(i.path);
    out[k] ??= issueSentence(i as IssueLike, t);
  }
  return out;
}

/** Check a value with a schema; the sentences by field, or null when it passes. */
export function check(schema: z.ZodType, value: unknown, t: TFunction, prefix = ''): FieldErrors | null {
  const r = schema.safeParse(value);
  return r.success ? null : zodErrors(r.error, t, prefix);
}

/**
 * The core's message for a refused input, in the describeIssues form "a.b: reason; c: reason" (or a
 * bare reason), as sentences by field. Fields named by the core may carry the method's outer keys
 * ("person.first_name", "fields.total_fees"): the last part is the form's field.
 */
export function coreErrors(message: string, t: TFunction): FieldErrors {
  const out: FieldErrors = {};
  for (const part of message.split(/;\s+/)) {
    const m = /^([\w.]+):\s+(.*)$/.exec(part);
    const field = m ? m[1].replace(/^(input|fields|person|communication|appointment|profile)\./, '') : '';
    const reason = m ? m[2] : part;
    out[field === 'input' ? '' : field] ??= issueSentence({ message: reason }, t);
  }
  return out;
}

/** Props for a control whose field may be at fault: aria-invalid and the id of its message. */
export function invalidProps(errors: FieldErrors | null | undefined, field: string, id: string) {
  const bad = Boolean(errors?.[field]);
  return { 'aria-invalid': bad || undefined, 'aria-describedby': bad ? `${id}-error` : undefined } as const;
}
