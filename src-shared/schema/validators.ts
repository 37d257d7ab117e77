/**
 * zod validators made from the one spec, used at every boundary that accepts a row: the local writer,
 * the sync server's push, the CLI's --json input. Wire format per kind is documented in columns.ts.
 */
import { z } from 'zod';
import type { ColumnSpec } from './columns';
import { columnsOf, tableSpec, type TableSpec } from './tables';
import { describeIssues } from '../errors';
import { jsonDepthProblem } from '../json-limits';
import { isCalendarDate, isRealDateTime, todayIso } from '../text/dates';

/** Columns the writer and the server own; a client never sets them directly. */
export const SYSTEM_COLUMNS = ['id', 'org_id', 'version', 'created_at', 'updated_at', 'updated_by'] as const;
const MAX_JSON_BYTES = 1_000_000;
const MAX_TEXT = 2_000_000;

const isoTimestamp = z
  .string()
  .max(40)
  .refine((s) => /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/.test(s) && isRealDateTime(s), {
    message: 'must be an ISO 8601 date-time',
  })
  .transform((s) => new Date(s).toISOString());

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isCalendarDate, 'must be a real calendar date');

const decimalValue = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((s) => /^-?\d{1,15}(\.\d{1,6})?$/.test(s), 'must be a decimal number such as 1250.00');

const uuidValue = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a UUID')
  .transform((x) => x.toLowerCase());
const MAX_UUID_LIST = 500;

/** Any JSON value a json column accepts: serialisable, at most MAX_JSON_BYTES, nested at most MAX_JSON_DEPTH deep. */
function checkJson(v: unknown, ctx: z.RefinementCtx) {
  // Depth first, without recursion: a value nested thousands deep must never reach a recursive walker
  // (JSON.stringify below, the server's canonical JSON for audit hashes, jsonb).
  const deep = jsonDepthProblem(v);
  if (deep) {
    ctx.addIssue({ code: 'custom', message: deep });
    return;
  }
  let s: string | undefined;
  try {
    s = JSON.stringify(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON' });
    return;
  }
  if (s === undefined) ctx.addIssue({ code: 'custom', message: 'must be JSON' });
  else if (s.length > MAX_JSON_BYTES) ctx.addIssue({ code: 'custom', message: `is larger than ${MAX_JSON_BYTES} bytes` });
}
const jsonValue = z.unknown().superRefine(checkJson);

export function columnSchema(col: ColumnSpec): z.ZodType {
  let s: z.ZodType;
  switch (col.kind) {
    case 'uuid':
      s = uuidValue;
      break;
    case 'text':
      if (col.enum) s = z.enum(col.enum as [string, ...string[]]);
      else s = z.string().max(col.maxLength ?? MAX_TEXT, `must be at most ${col.maxLength ?? MAX_TEXT} characters`);
      break;
    case 'int':
      s = z.number().int('must be a whole number').min(-2147483648).max(2147483647);
      break;
    case 'bigint':
      s = z.number().int('must be a whole number').refine(Number.isSafeInteger, 'is out of range');
      break;
    case 'decimal':
      s = decimalValue;
      break;
    case 'bool':
      s = z.boolean();
      break;
    case 'timestamp':
      s = isoTimestamp;
      break;
    case 'date':
      s = col.pastOrToday ? isoDate.refine((d) => d <= todayIso(), 'cannot be in the future') : isoDate;
      break;
    case 'json':
      // A column whose default is a list or an object holds that shape (tags, depends_on, settings...).
      if (col.uuidList) s = z.array(uuidValue).max(MAX_UUID_LIST, `must list at most ${MAX_UUID_LIST} user ids`);
      else if (Array.isArray(col.default)) s = z.array(z.unknown()).superRefine(checkJson);
      else if (col.default !== null && typeof col.default === 'object') s = z.record(z.string(), z.unknown()).superRefine(checkJson);
      else s = jsonValue;
      break;
  }
  return col.notNull ? s : s.nullable();
}

export type RowMode = 'insert' | 'update';
const cache = new Map<string, z.ZodType>();

/**
 * The schema of the fields a writer may send for a table. Insert: every NOT NULL column without a
 * default is required. Update: every field optional. Unknown fields and system columns are refused.
 */
export function rowSchema(table: string, mode: RowMode): z.ZodType<Record<string, unknown>> {
  const key = `${table}:${mode}`;
  const hit = cache.get(key);
  if (hit) return hit as z.ZodType<Record<string, unknown>>;
  const spec: TableSpec = tableSpec(table);
  const shape: Record<string, z.ZodType> = {};
  for (const [name, col] of Object.entries(columnsOf(spec))) {
    if ((SYSTEM_COLUMNS as readonly string[]).includes(name)) continue;
    const base = columnSchema(col);
    const required = mode === 'insert' && col.notNull && col.default === undefined && name !== 'deleted_at';
    shape[name] = required ? base : base.optional();
  }
  let schema: z.ZodType = z.strictObject(shape);
  if (table === 'config_feature_flags') {
    schema = schema.refine((r: any) => r.rollout_percentage == null || (r.rollout_percentage >= 0 && r.rollout_percentage <= 100), {
      message: 'rollout_percentage must be between 0 and 100',
      path: ['rollout_percentage'],
    });
  }
  cache.set(key, schema);
  return schema as z.ZodType<Record<string, unknown>>;
}

export type ValidationResult = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

export function validateRow(table: string, mode: RowMode, fields: unknown): ValidationResult {
  const r = rowSchema(table, mode).safeParse(fields);
  if (r.success) {
    const problem = tableSpec(table).checkRow?.(r.data);
    return problem ? { ok: false, message: `${table}: ${problem}` } : { ok: true, value: r.data };
  }
  return { ok: false, message: `${table}: ${describeIssues(r.error.issues)}` };
}
