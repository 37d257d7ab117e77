import { isCalendarDate } from '../text/dates';

/** Calendar dates as "YYYY-MM-DD" text: they compare correctly as strings and carry no time zone. */
export function isIsoDate(s: unknown): s is string {
  return typeof s === 'string' && isCalendarDate(s);
}

/** The same day N calendar months later (or earlier), clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
