/**
 * Offers to non-priority creditors: the amount available (the monthly surplus after priority debts) is
 * shared pro rata to each debt's balance, in whole pence, rounded by the largest-remainder method so
 * that the offers add up EXACTLY to the amount available: every creditor first gets the floor of its
 * exact share, then the pence left over go one each to the largest remainders (ties: the larger
 * balance, then the earlier debt in the list, so the result never depends on anything but the input).
 *
 * When nothing is available (a deficit, or a surplus all taken by priority debts), each non-priority
 * creditor is offered a token payment (default £1 a month), marked as such: token offers do not add up
 * to an amount available, because there is none.
 */
import type { Pence } from './money';

export const DEFAULT_TOKEN_PENCE = 100;

export interface OfferDebt {
  id: string;
  balance: Pence;
}

export interface Offer {
  debtId: string;
  amount: Pence;
  token: boolean;
  /** The exact share as a fraction "numerator/denominator" of a penny, for the audit of a pro-rata offer. */
  exactShare?: string;
}

export interface OfferPlan {
  available: Pence;
  token: boolean;
  offers: Offer[];
  total: Pence;
}

export class OfferError extends Error {}

export function proRataOffers(available: Pence, debts: readonly OfferDebt[], tokenPence: Pence = DEFAULT_TOKEN_PENCE): OfferPlan {
  if (!Number.isSafeInteger(available)) throw new OfferError('the amount available must be whole pence');
  const live = debts.filter((d) => d.balance > 0);
  if (debts.some((d) => !Number.isSafeInteger(d.balance) || d.balance < 0)) throw new OfferError('balances must be whole pence and not negative');
  if (live.length === 0) return { available, token: false, offers: [], total: 0 };
  if (available <= 0) {
    const offers = live.map((d) => ({ debtId: d.id, amount: tokenPence, token: true }));
    return { available, token: true, offers, total: tokenPence * offers.length };
  }
  const total = live.reduce((s, d) => s + BigInt(d.balance), 0n);
  const a = BigInt(available);
  const shares = live.map((d, index) => {
    const n = a * BigInt(d.balance);
    return { d, index, floor: n / total, rem: n % total };
  });
  let left = a - shares.reduce((s, x) => s + x.floor, 0n);
  const order = [...shares].sort((x, y) => (y.rem > x.rem ? 1 : y.rem < x.rem ? -1 : y.d.balance - x.d.balance || x.index - y.index));
  const extra = new Set<number>();
  for (const x of order) {
    if (left <= 0n) break;
    extra.add(x.index);
    left -= 1n;
  }
  const offers = shares.map((x) => ({
    debtId: x.d.id,
    amount: Number(x.floor + (extra.has(x.index) ? 1n : 0n)),
    token: false,
    exactShare: `${a * BigInt(x.d.balance)}/${total}`,
  }));
  return { available, token: false, offers, total: offers.reduce((s, o) => s + o.amount, 0) };
}
