/**
 * The days an org's office is closed for its SLA clocks: the public and bank holidays of its country and
 * region from `date-holidays` (observances such as Mother's Day do not close an office), plus the org's
 * own closed days. Kept apart from src-shared/crm/sla.ts so the arithmetic can be used without the
 * holiday data.
 *
 * `date-holidays` is loaded on first use, not imported: with its calendars, moment-timezone and
 * astronomia it is 2 MB of JavaScript, which every command and every start of the window would otherwise
 * evaluate (it doubled the core bundle and put `casework case list` at 1.6x its reference). It stays out
 * of the bundle (scripts/build-core.mjs EXTERNAL) and is required here, synchronously, by the SLA code.
 */
import { createRequire } from 'node:module';
import type HolidaysClass from 'date-holidays';

let Holidays: typeof HolidaysClass | undefined;
function holidaysLib(): typeof HolidaysClass {
  if (!Holidays) {
    const mod = createRequire(import.meta.url)('date-holidays') as { default?: typeof HolidaysClass } & typeof HolidaysClass;
    Holidays = mod.default ?? mod;
  }
  return Holidays;
}

const CLOSING_TYPES = new Set(['public', 'bank']);

export function holidayDates(country: string, region: string | null | undefined, years: readonly number[]): string[] {
  const Lib = holidaysLib();
  const hd = region ? new Lib(country, region) : new Lib(country);
  if (!hd.getCountries()[country.toUpperCase()]) throw new Error(`no holiday calendar for country "${country}"`);
  const out = new Set<string>();
  for (const y of years) for (const h of hd.getHolidays(y) || []) if (CLOSING_TYPES.has(h.type)) out.add(h.date.slice(0, 10));
  return [...out].sort();
}

/** Holidays of the years around `atMs` (one before, three after: enough for any SLA target) and the extra days. */
export function closedDaysAround(atMs: number, country: string | null | undefined, region: string | null | undefined, extra: readonly string[] = []): string[] {
  const y = new Date(atMs).getUTCFullYear();
  const years = [y - 1, y, y + 1, y + 2, y + 3];
  return [...new Set([...(country ? holidayDates(country, region, years) : []), ...extra])].sort();
}
