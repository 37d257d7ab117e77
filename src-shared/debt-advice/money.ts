/**
 * Money in the debt-advice pack is whole pence held in a JavaScript integer, never a binary float:
 * a budget line, a total, a surplus and an offer are all counts of pence, and the wire form is the
 * decimal string the schema stores ("1234.50"). Parsing refuses anything that is not an exact amount
 * of pence, so "12.345" is an error rather than a silent rounding.
 */

/** Whole pence. Always a safe integer. */
export type Pence = number;

/** Largest amount accepted anywhere in the pack (£100,000,000): far above any household, far below 2^53 / 52. */
export const MAX_PENCE = 10_000_000_000;

const AMOUNT = /^(-)?(\d{1,13})(?:\.(\d{1,6}))?$/;

export class MoneyError extends Error {}

/**
 * "1234.5", "1234.50", "1234.500000" (what Postgres numeric(21,6) returns), 1234.5 or "£1,234.50" -> 123450.
 * Digits past the pence must be zeros; a number is read through its shortest decimal text, so 0.1 + 0.2
 * (0.30000000000000004) is refused rather than rounded.
 */
export function parsePence(value: string | number, what = 'amount'): Pence {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim().replace(/^£/, '').replace(/,/g, '');
  const m = AMOUNT.exec(text);
  if (!m) throw new MoneyError(`${what} must be an amount of money such as 1234.50 (got "${String(value).slice(0, 40)}")`);
  const [, minus, pounds, frac = ''] = m;
  if (/[1-9]/.test(frac.slice(2))) throw new MoneyError(`${what} has fractions of a penny ("${text}")`);
  const pence = Number(pounds) * 100 + Number(frac.slice(0, 2).padEnd(2, '0'));
  if (pence > MAX_PENCE) throw new MoneyError(`${what} is larger than £${MAX_PENCE / 100}`);
  return minus && pence !== 0 ? -pence : pence;
}

/** 123450 -> "1234.50"; -5 -> "-0.05". */
export function formatPence(p: Pence): string {
  if (!Number.isSafeInteger(p)) throw new MoneyError(`not a whole number of pence: ${p}`);
  const sign = p < 0 ? '-' : '';
  const a = Math.abs(p);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** 123450 -> "£1,234.50" for people (statements, the CLI's text output). */
export function displayPence(p: Pence): string {
  const [whole, frac] = formatPence(Math.abs(p)).split('.');
  return `${p < 0 ? '-' : ''}£${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

export const sumPence = (xs: readonly Pence[]): Pence => xs.reduce((s, x) => s + x, 0);
