/**
 * A record's field and its value as a consultant reads them (the Sync screen's side-by-side view):
 * "Priority: Urgent" rather than "priority: urgent". Fields without words of their own keep their
 * column name with spaces; values without a translation are shown as they are.
 */
import type { TFunction } from 'i18next';

/** Field -> [its label key, the namespace of its coded values (if any)]. */
const FIELDS: Record<string, [string, string?]> = {
  priority: ['cases.priority', 'priority'],
  status: ['cases.status', 'status'],
  target_province: ['case.province', 'province'],
  immigration_program: ['case.program', 'program'],
  total_fees: ['money.total'],
  relationship_to_primary: ['people.relationship', 'relationship'],
  first_name: ['people.firstName'],
  last_name: ['people.lastName'],
  date_of_birth: ['people.dateOfBirth'],
  email: ['people.email'],
};

export function fieldLabel(field: string | null, t: TFunction): string {
  if (!field) return '';
  const f = FIELDS[field];
  return f ? t(f[0]) : field.replace(/_/g, ' ');
}

export function fieldValue(field: string | null, value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return '—';
  const ns = field ? FIELDS[field]?.[1] : undefined;
  if (ns && typeof value === 'string') return t(`${ns}.${value}`, { defaultValue: value });
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The edited text as the value to keep: text stays text when the field holds text; a number, a yes/no or
 * a list/object (either side of the clash) is read as JSON, so a JSON field is not turned into a string.
 */
export function editedValue(text: string, c: { mine: unknown; theirs: unknown }): { ok: true; value: unknown } | { ok: false } {
  const structured = [c.mine, c.theirs].some((v) => v !== null && v !== undefined && typeof v !== 'string');
  if (!structured) return { ok: true, value: text === '' ? null : text };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
