/**
 * A debt-advice client's details (seed 001 clients, issue 16): national insurance number (restricted:
 * masked wherever it is shown unless the caller asks for it), household, employment and housing tenure
 * from fixed lists, vulnerability flags with the client's consent, preferred contact.
 */
export const EMPLOYMENT_STATUSES = [
  'employed_full_time',
  'employed_part_time',
  'self_employed',
  'unemployed',
  'retired',
  'student',
  'carer',
  'unable_to_work_sickness_disability',
  'other',
] as const;
export const HOUSING_TENURES = [
  'owner_outright',
  'owner_mortgage',
  'shared_ownership',
  'private_tenant',
  'council_tenant',
  'housing_association_tenant',
  'living_with_family_friends',
  'temporary_accommodation',
  'homeless',
  'other',
] as const;
export const VULNERABILITY_FLAGS = [
  'mental_health',
  'physical_disability',
  'long_term_illness',
  'learning_difficulty',
  'low_literacy_numeracy',
  'language_barrier',
  'bereavement',
  'domestic_abuse',
  'addiction',
  'care_leaver',
  'financial_abuse',
  'other',
] as const;
export const CONTACT_METHODS = ['phone', 'email', 'letter', 'sms', 'in_person'] as const;
/** Children by age band (counts). The bands follow school stages; a guideline reads only the total. */
export const CHILD_AGE_BANDS = ['0_4', '5_10', '11_15', '16_18'] as const;

/** Columns that are restricted personal data: never printed unmasked unless asked for. */
export const RESTRICTED_CLIENT_FIELDS = ['ni_number'] as const;

const NI = /^(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$/;

/** "qq 12 34 56 c" -> "QQ123456C" when it is a well-formed NI number, else null. */
export function normaliseNiNumber(text: string): string | null {
  const s = text.replace(/\s+/g, '').toUpperCase();
  return NI.test(s) ? s : null;
}

/** "QQ123456C" -> "•••••456C": enough to confirm with the client, not enough to use. */
export function maskNiNumber(ni: string | null | undefined): string | null {
  if (!ni) return null;
  return `${'•'.repeat(Math.max(0, ni.length - 4))}${ni.slice(-4)}`;
}

export function childrenTotal(byBand: Record<string, unknown> | null | undefined): number {
  if (!byBand) return 0;
  return CHILD_AGE_BANDS.reduce((s, b) => s + (Number.isInteger(byBand[b]) ? (byBand[b] as number) : 0), 0);
}
