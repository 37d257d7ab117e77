/** Helpers for turning user input (CLI --json, IPC) into row fields: camelCase accepted, JSON parsed. */
import { UserError } from '../../src-shared/errors';
import { parseJsonWithin } from '../../src-shared/json-limits';
import { columnsOf, tableSpec } from '../../src-shared/schema/tables';
import { isRealDateTime } from '../../src-shared/text/dates';

export function parseJsonArg(text: string, what: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = parseJsonWithin(text);
  } catch (e) {
    throw new UserError('invalid_input', `${what} is not valid JSON (${(e as Error).message})`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new UserError('invalid_input', `${what} must be a JSON object`);
  return v as Record<string, unknown>;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Accept firstName as first_name; leave unknown keys in place so validation names them. */
export function toColumns(table: string, input: Record<string, unknown>): Record<string, unknown> {
  const cols = columnsOf(tableSpec(table));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) out[k in cols ? k : snake(k) in cols ? snake(k) : k] = v;
  return out;
}

/** "2026-03-01" or a full ISO timestamp -> ISO timestamp; anything else is refused with the field's name. */
export function toTimestamp(value: string | undefined | null, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  const s = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00.000Z` : value;
  const t = Date.parse(s);
  if (Number.isNaN(t) || !isRealDateTime(value)) throw new UserError('invalid_input', `${field}: "${value}" is not a date (use YYYY-MM-DD)`);
  return new Date(t).toISOString();
}
