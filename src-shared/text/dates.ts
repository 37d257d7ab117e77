/**
 * Dates as people type them. JavaScript's Date quietly rolls impossible days over (2026-02-30 becomes
 * 2 March), which would store a date nobody typed; every boundary checks with these instead.
 */

/** Whether "YYYY-MM-DD" names a day that exists (no 30 February, no month 13). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

/** Whether an ISO 8601 date or date-time names a real day (its date part checked as above). */
export function isRealDateTime(s: string): boolean {
  return isCalendarDate(s.slice(0, 10)) && !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s));
}

/** Today's date (UTC) as "YYYY-MM-DD", for "not in the future" checks. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
