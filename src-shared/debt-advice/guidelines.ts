/**
 * Spending guidelines for the flexible costs of the SFS, by household composition, as DATED data an
 * org imports from a CSV file: the official figures are licensed, so the product ships the format and
 * test figures only. A flexible category whose monthly total is above its guideline needs a note (on
 * one of its lines) before the statement can be finalised.
 *
 * CSV format (UTF-8, comma separated, a header row naming these columns in any order; quotes as RFC 4180):
 *   guideline_set   a name for the set, e.g. "SFS trigger figures 2025" (at most 255 characters)
 *   effective_from  YYYY-MM-DD, first day the figure applies
 *   effective_until YYYY-MM-DD or empty, first day it no longer applies
 *   adults          whole number 1..9
 *   children        whole number 0..19 (the last row for a number of adults also covers more children)
 *   category        communications_and_leisure | food_and_housekeeping | personal_costs
 *   monthly_amount  the guideline per month, e.g. 245.00
 * A file with any bad row is refused as a whole, every problem listed with its line number.
 */
import { isIsoDate as isCalendarDate } from './dates';
import { FLEXIBLE_CATEGORIES, type Category, type ComputedBudget } from './sfs';
import { parsePence, formatPence, type Pence } from './money';

export const GUIDELINE_COLUMNS = ['guideline_set', 'effective_from', 'effective_until', 'adults', 'children', 'category', 'monthly_amount'] as const;
export const MAX_GUIDELINE_ROWS = 5000;

export interface Guideline {
  guidelineSet: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
  adults: number;
  children: number;
  category: Category;
  monthly: Pence;
}

export type GuidelineImport = { ok: true; rows: Guideline[] } | { ok: false; errors: string[] };

/** RFC 4180 fields of one text; quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error('the file ends inside a quoted field');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

const wholeIn = (s: string, min: number, max: number) => (/^\d{1,2}$/.test(s) && Number(s) >= min && Number(s) <= max ? Number(s) : null);

export function importGuidelinesCsv(text: string): GuidelineImport {
  let table: string[][];
  try {
    table = parseCsv(text);
  } catch (e) {
    return { ok: false, errors: [(e as Error).message] };
  }
  if (table.length === 0) return { ok: false, errors: ['the file is empty'] };
  const header = table[0].map((h) => h.trim().toLowerCase());
  const missing = GUIDELINE_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(GUIDELINE_COLUMNS as readonly string[]).includes(h));
  if (missing.length || unknown.length)
    return {
      ok: false,
      errors: [
        `line 1: the header must name ${GUIDELINE_COLUMNS.join(', ')}${missing.length ? `; missing ${missing.join(', ')}` : ''}${unknown.length ? `; unknown ${unknown.join(', ')}` : ''}`,
      ],
    };
  if (table.length - 1 > MAX_GUIDELINE_ROWS) return { ok: false, errors: [`at most ${MAX_GUIDELINE_ROWS} rows`] };
  const col = (r: string[], name: (typeof GUIDELINE_COLUMNS)[number]) => (r[header.indexOf(name)] ?? '').trim();
  const errors: string[] = [];
  const rows: Guideline[] = [];
  const seen = new Map<string, number>();
  table.slice(1).forEach((r, i) => {
    const line = i + 2;
    const problems: string[] = [];
    if (r.length !== header.length) problems.push(`has ${r.length} fields, the header has ${header.length}`);
    const set = col(r, 'guideline_set');
    if (!set || set.length > 255) problems.push('guideline_set must be 1 to 255 characters');
    const from = col(r, 'effective_from');
    if (!isCalendarDate(from)) problems.push('effective_from must be a date YYYY-MM-DD');
    const untilText = col(r, 'effective_until');
    const until = untilText === '' ? null : untilText;
    if (until !== null && !isCalendarDate(until)) problems.push('effective_until must be a date YYYY-MM-DD or empty');
    if (until !== null && isCalendarDate(from) && isCalendarDate(until) && until <= from) problems.push('effective_until must be after effective_from');
    const adults = wholeIn(col(r, 'adults'), 1, 9);
    if (adults === null) problems.push('adults must be a whole number from 1 to 9');
    const children = wholeIn(col(r, 'children'), 0, 19);
    if (children === null) problems.push('children must be a whole number from 0 to 19');
    const category = col(r, 'category') as Category;
    if (!(FLEXIBLE_CATEGORIES as string[]).includes(category)) problems.push(`category must be one of ${FLEXIBLE_CATEGORIES.join(', ')}`);
    let monthly = 0;
    try {
      monthly = parsePence(col(r, 'monthly_amount'), 'monthly_amount');
      if (monthly < 0) problems.push('monthly_amount must not be negative');
    } catch (e) {
      problems.push((e as Error).message);
    }
    const key = `${set}|${from}|${adults}|${children}|${category}`;
    if (!problems.length && seen.has(key)) problems.push(`repeats line ${seen.get(key)}`);
    if (problems.length) {
      errors.push(`line ${line}: ${problems.join('; ')}`);
      return;
    }
    seen.set(key, line);
    rows.push({ guidelineSet: set, effectiveFrom: from, effectiveUntil: until, adults: adults!, children: children!, category, monthly });
  });
  if (rows.length === 0 && errors.length === 0) errors.push('the file has a header but no rows');
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

export interface Household {
  adults: number;
  children: number;
}

/**
 * The guideline for a category, household and date: rows in force that day for the same number of
 * adults; the row for exactly that many children, else the one for the most children below it (a
 * table's last row covers larger families). With several sets in force, the latest effective_from wins.
 */
export function guidelineFor(rows: readonly Guideline[], category: Category, household: Household, date: string): Guideline | null {
  const day = date.slice(0, 10);
  const candidates = rows.filter(
    (g) =>
      g.category === category &&
      g.adults === household.adults &&
      g.effectiveFrom <= day &&
      (!g.effectiveUntil || day < g.effectiveUntil) &&
      g.children <= household.children,
  );
  candidates.sort((a, b) => b.children - a.children || b.effectiveFrom.localeCompare(a.effectiveFrom));
  return candidates[0] ?? null;
}

export interface GuidelineWarning {
  category: Category;
  monthly: Pence;
  guideline: Pence;
  guidelineSet: string;
  /** True when a line of the category carries a note explaining the amount. */
  explained: boolean;
  message: string;
}

/** Flexible categories above their guideline; those without a note block finalising. */
export function guidelineWarnings(budget: ComputedBudget, rows: readonly Guideline[], household: Household, date: string): GuidelineWarning[] {
  const out: GuidelineWarning[] = [];
  for (const category of FLEXIBLE_CATEGORIES) {
    const monthly = budget.totals.byCategory[category];
    const g = guidelineFor(rows, category, household, date);
    if (!g || monthly <= g.monthly) continue;
    const explained = budget.lines.some((l) => l.category === category && (l.note ?? '').trim().length > 0);
    out.push({
      category,
      monthly,
      guideline: g.monthly,
      guidelineSet: g.guidelineSet,
      explained,
      message: `${category.replace(/_/g, ' ')} ${formatPence(monthly)} a month is above the guideline ${formatPence(g.monthly)} (${g.guidelineSet})${explained ? '' : ': add a note to one of its lines before finalising'}`,
    });
  }
  return out;
}
