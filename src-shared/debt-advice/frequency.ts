/**
 * Every budget line is an amount and how often it is paid; the Standard Financial Statement shows
 * everything monthly. Conversion is exact rational arithmetic on whole pence:
 *
 *   weekly x 52/12, fortnightly x 26/12, four-weekly x 13/12, monthly x 1, quarterly x 4/12, yearly x 1/12
 *
 * ROUNDING (decided here, once): each LINE is converted and rounded to the nearest penny, halves away
 * from zero; every total is then the plain sum of the rounded monthly lines. So the monthly totals on a
 * statement always equal the sum of the monthly lines printed on it, to the penny, and a creditor who
 * adds up the column gets the figure on the page. (Rounding the exact total instead would make the
 * printed lines disagree with the printed total by up to a penny per line.) The alternative of carrying
 * fractions of pence is refused because no creditor's system accepts them.
 */
import type { Pence } from './money';

export const FREQUENCIES = ['weekly', 'fortnightly', 'four_weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** [numerator, denominator] of the factor that turns one payment at this frequency into a monthly amount. */
export const MONTHLY_FACTOR: Readonly<Record<Frequency, readonly [number, number]>> = {
  weekly: [52, 12],
  fortnightly: [26, 12],
  four_weekly: [13, 12],
  monthly: [1, 1],
  quarterly: [4, 12],
  yearly: [1, 12],
};

/** amount x num / den rounded to the nearest whole, halves away from zero, in BigInt (no float at any step). */
export function roundDiv(amount: bigint, num: bigint, den: bigint): bigint {
  const n = amount * num;
  const q = n / den;
  const r = n % den;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= den) return n < 0n ? q - 1n : q + 1n;
  return q;
}

/** The monthly equivalent of one line, rounded to the penny as documented above. */
export function toMonthly(amount: Pence, frequency: Frequency): Pence {
  const f = MONTHLY_FACTOR[frequency];
  if (!f) throw new Error(`unknown frequency "${String(frequency)}"`);
  return Number(roundDiv(BigInt(amount), BigInt(f[0]), BigInt(f[1])));
}
