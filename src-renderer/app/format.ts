/**
 * One date, time and money format per language, from Intl: "24 March 2026" / "24 mars 2026" everywhere
 * (lists, headers, Sync), "CA$3,500.00" / "3 500,00 $ CA" for money. Stored values are ISO strings; a
 * date-only value ("2026-03-24") is a calendar day and is never shifted by the computer's time zone.
 */

const locale = (lng: string) => (lng.startsWith('fr') ? 'fr-CA' : 'en-CA');
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFmt(lng: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `d:${lng}:${withTime}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lng), {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : { timeZone: 'UTC' }),
    });
    cache.set(key, f);
  }
  return f;
}

const isDateOnly = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** A calendar day ("2026-03-24" or the day of a timestamp) as words: "24 March 2026". */
export function formatDate(value: unknown, lng: string): string {
  if (!value) return '—';
  const s = String(value);
  const d = new Date(isDateOnly(s.slice(0, 10)) ? `${s.slice(0, 10)}T00:00:00Z` : s);
  return Number.isNaN(d.getTime()) ? s : dateFmt(lng, false).format(d);
}

/** A moment (a timestamp) in the computer's time zone, to the minute: "24 March 2026, 15:46". */
export function formatDateTime(value: unknown, lng: string): string {
  if (!value) return '—';
  const s = String(value);
  if (isDateOnly(s)) return formatDate(s, lng);
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : dateFmt(lng, true).format(d);
}

/** An amount (decimal string as stored, or a number) with its currency: "CA$3,500.00". */
export function formatMoney(amount: unknown, currency: string | null | undefined, lng: string): string {
  const n = typeof amount === 'number' ? amount : Number(String(amount ?? '').trim());
  if (amount === null || amount === undefined || amount === '' || !Number.isFinite(n)) return '—';
  const cur = (currency || 'CAD').toUpperCase();
  const key = `m:${lng}:${cur}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale(lng), { style: 'currency', currency: cur });
    cache.set(key, f);
  }
  return f.format(n);
}

/** Month names of a language, January first, for the date field. */
export function monthNames(lng: string): string[] {
  const f = new Intl.DateTimeFormat(locale(lng), { month: 'long', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => f.format(new Date(Date.UTC(2000, i, 1))));
}

/** Whether the language writes the day before the month ("24 mars") or after ("March 24"). */
export function dayFirst(lng: string): boolean {
  const parts = new Intl.DateTimeFormat(locale(lng), { day: 'numeric', month: 'long' }).formatToParts(new Date(Date.UTC(2000, 2, 24)));
  return parts.findIndex((p) => p.type === 'day') < parts.findIndex((p) => p.type === 'month');
}
