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
