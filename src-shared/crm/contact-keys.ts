/**
 * The keys duplicate contacts are found on: an email address lower-cased and trimmed (the local part is
 * kept as typed otherwise: some providers treat dots and plus tags as distinct mailboxes), and a phone
 * number in E.164 through libphonenumber-js, read in the contact's country (or the org's) when it has no
 * international prefix. A number that is not a possible number for its country gives no key, so two
 * half-typed numbers never match each other.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

export function emailKey(email: string | null | undefined): string | null {
  const e = (email ?? '').trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) ? e : null;
}

export function phoneKey(phone: string | null | undefined, country?: string | null): string | null {
  const raw = (phone ?? '').trim();
  if (!raw) return null;
  const cc = country && /^[A-Z]{2}$/i.test(country) ? (country.toUpperCase() as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(raw, cc ? { defaultCountry: cc } : undefined);
  return parsed && parsed.isPossible() ? parsed.number : null;
}
