/**
 * Which fields are classified above their table, and how a masked value looks. A field is a column
 * ("email") or a key inside a JSON column ("passport_info.number"). The defaults ship so that a new
 * server is safe before anyone configures it; a firm changes who sees them through its roles.
 */
import { tableSpec } from '../schema/tables';

export const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/**
 * Restricted fields: a passport number and national identity numbers. Persons keep SIN / NI numbers in
 * custom_fields (the schema has no column for them), under these keys.
 */
export const RESTRICTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  persons: ['passport_info.number', 'custom_fields.sin', 'custom_fields.ni_number'],
};

/**
 * Derived text: columns holding what was read from a document (OCR text, the MRZ's fields, an
 * extraction's proposal), which therefore carry the restricted values above. Each is a field of its
 * table in the policy (roles.ts guards it as persons' restricted fields are), and what the caller gets
 * of it is the whole text with those values masked as the fields would be: •••••123 for 'partial',
 * ••••• for 'hidden'. The rest of the text stays, so search and reading still work.
 */
export const DERIVED_TEXT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  document_metadata: ['extracted_text', 'extracted_data'],
  ai_actions: ['input_data', 'output_data'],
};

/**
 * Where derived rows keep a restricted value of their own, read before any person holds it (a passport's
 * MRZ document number, proposed and not yet approved): JSON paths, masked in the case's derived text too.
 */
export const DERIVED_VALUE_PATHS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  document_metadata: [
    ['extracted_data', 'mrz', 'fields', 'documentNumber'],
    ['extracted_data', 'mrz', 'fields', 'personalNumber'],
  ],
  ai_actions: [
    ['output_data', 'fields', 'documentNumber'],
    ['output_data', 'fields', 'personalNumber'],
  ],
};

export function isDerivedText(table: string, field: string): boolean {
  return (DERIVED_TEXT_FIELDS[table] ?? []).includes(field);
}

/** Values shorter than this are not masked inside text (a 1-3 character "number" would mask ordinary words). */
export const MIN_REDACTED_LENGTH = 4;

/**
 * The text with each restricted value masked: `partial` keeps its last 3 characters (•••••123), `hidden`
 * none. Longer values first, so one value inside another is not half masked. Postgres does the same on
 * the server (policy.ts redactSql); the laptop uses this on text it reads itself.
 */
export function redactValues(text: string, values: readonly string[], how: 'partial' | 'hidden'): string {
  const vs = [...new Set(values.filter((v) => v.length >= MIN_REDACTED_LENGTH))].sort((a, b) => b.length - a.length);
  if (!vs.length) return text;
  const esc = (v: string) => v.replace(/[^A-Za-z0-9]/g, (c) => `\\${c}`);
  const re = new RegExp(vs.map((v) => (how === 'partial' ? `${esc(v.slice(0, -MASK_KEEP))}(?=${esc(v.slice(-MASK_KEEP))})` : esc(v))).join('|'), 'g');
  return text.replace(re, MASK_PREFIX);
}

/** What the caller gets of a field. */
export type FieldAccess = 'full' | 'partial' | 'hidden';

/** The partial mask: five dots and the last 3 characters (•••••123). Postgres writes the same (policy.ts). */
export const MASK_PREFIX = '•••••';
export const MASK_KEEP = 3;
export function maskPartial(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return MASK_PREFIX + s.slice(-MASK_KEEP);
}

/** Split "col.key" into its column and the key inside it (undefined for a whole column). */
export function splitField(field: string): { column: string; key?: string } {
  const i = field.indexOf('.');
  return i < 0 ? { column: field } : { column: field.slice(0, i), key: field.slice(i + 1) };
}

/**
 * A partial mask keeps the value's type only for text columns and keys inside JSON; on any other column
 * (a date, a number) "partial" means hidden.
 */
export function partialFits(table: string, field: string): boolean {
  const { column, key } = splitField(field);
  const col = tableSpec(table).columns[column];
  return !!col && (key !== undefined ? col.kind === 'json' : col.kind === 'text');
}

/** The value a hidden whole column takes (null, or the empty value of a NOT NULL column's kind). */
export function hiddenValue(table: string, column: string): unknown {
  const col = tableSpec(table).columns[column];
  if (!col?.notNull) return null;
  return col.kind === 'text' ? '' : col.kind === 'json' ? {} : col.kind === 'bool' ? false : col.kind === 'int' || col.kind === 'bigint' ? 0 : null;
}

/**
 * A copy of `row` with each field's access applied (fields absent from `access` are left whole).
 * Derived text is masked where it holds one of `restrictedValues` (the case's restricted values).
 */
export function applyAccess(
  table: string,
  row: Record<string, unknown>,
  access: Readonly<Record<string, FieldAccess>>,
  restrictedValues: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const [field, a] of Object.entries(access)) {
    if (a === 'full') continue;
    const { column, key } = splitField(field);
    if (!(column in out)) continue;
    if (isDerivedText(table, field)) {
      const v = out[column];
      if (typeof v === 'string') out[column] = redactValues(v, restrictedValues, a);
      else if (v != null) out[column] = JSON.parse(redactValues(JSON.stringify(v), restrictedValues, a)) as unknown;
      continue;
    }
    const partial = a === 'partial' && partialFits(table, field);
    if (key === undefined) {
      out[column] = partial && out[column] != null ? maskPartial(out[column]) : partial ? null : hiddenValue(table, column);
      continue;
    }
    const obj = out[column];
    if (!obj || typeof obj !== 'object' || Array.isArray(obj) || !(key in obj)) continue;
    const copy: Record<string, unknown> = { ...(obj as Record<string, unknown>) };
    if (partial && copy[key] != null) copy[key] = maskPartial(copy[key]);
    else if (partial) copy[key] = null;
    else delete copy[key];
    out[column] = copy;
  }
  return out;
}

/**
 * A write from a device that holds a masked copy: where the incoming value still carries the mask it
 * was given (the same partial text, or a hidden key left out), the stored value is put back, so that
 * editing another key of passport_info does not overwrite the number with its dots. Anything else is
 * a real change of the field (checked as a write of it).
 */
export function restoreMasked(
  table: string,
  incoming: Record<string, unknown>,
  stored: Record<string, unknown> | undefined,
  access: Readonly<Record<string, FieldAccess>>,
): Record<string, unknown> {
  if (!stored) return incoming;
  const out: Record<string, unknown> = { ...incoming };
  for (const [field, a] of Object.entries(access)) {
    if (a === 'full') continue;
    const { column, key } = splitField(field);
    if (!(column in out)) continue;
    // A device holding a masked copy of derived text sends it back as it was given: a text still
    // carrying the mask is never taken as the document's text (the stored one stays).
    if (isDerivedText(table, field)) {
      const v = out[column];
      if (v != null && (typeof v === 'string' ? v : JSON.stringify(v)).includes(MASK_PREFIX)) out[column] = stored[column];
      continue;
    }
    const masked = applyAccess(table, stored, { [field]: a })[column];
    if (key === undefined) {
      if (JSON.stringify(out[column] ?? null) === JSON.stringify(masked ?? null)) out[column] = stored[column];
      continue;
    }
    const inObj = out[column];
    const stObj = stored[column];
    if (!inObj || typeof inObj !== 'object' || Array.isArray(inObj) || !stObj || typeof stObj !== 'object' || !(key in (stObj as object))) continue;
    const have = (inObj as Record<string, unknown>)[key];
    const given = (masked as Record<string, unknown> | null)?.[key];
    if (!(key in inObj) ? a === 'hidden' || given === undefined : JSON.stringify(have) === JSON.stringify(given)) {
      out[column] = { ...(inObj as Record<string, unknown>), [key]: (stObj as Record<string, unknown>)[key] };
    }
  }
  return out;
}
