/**
 * The days an org's office is closed for its SLA clocks: the public and bank holidays of its country and
 * region from `date-holidays` (observances such as Mother's Day do not close an office), plus the org's
 * own closed days. Kept apart from sla.ts so the arithmetic can be used without the holiday data.
 */
import Holidays from 'date-holidays';

const CLOSING_TYPES = new Set(['public', 'bank']);

export function holidayDates(country: string, region: string | null | undefined, years: readonly number[]): string[] {
  const hd = region ? new Holidays(country, region) : new Holidays(country);
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
