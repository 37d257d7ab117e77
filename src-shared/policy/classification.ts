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

/** A copy of `row` with each field's access applied (fields absent from `access` are left whole). */
export function applyAccess(table: string, row: Record<string, unknown>, access: Readonly<Record<string, FieldAccess>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const [field, a] of Object.entries(access)) {
    if (a === 'full') continue;
    const { column, key } = splitField(field);
    if (!(column in out)) continue;
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
