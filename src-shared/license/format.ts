/**
 * Casework licence files (issue 15): what a vendor signs and how the signed bytes are made. Pure: the
 * Ed25519 check itself is done by the caller with node:crypto (src-shared has no Node), through the
 * `Ed25519Verify` function it passes to verifyLicenseText.
 *
 * A file is JSON: {format, license, keyId, signature}. The signature (Ed25519, base64) covers
 * `casework-license/1\n` + the canonical JSON of `license` (keys sorted, no spaces), so re-indenting a
 * file keeps it valid and changing any field breaks it. keyId is the base64 of the raw 32-byte public
 * key that signed it: a verifier only tries keys it trusts, and names a foreign key in its refusal.
 */
import { z } from 'zod';

export const LICENSE_FORMAT = 'casework-license/1';

/** The domain packs a licence may enable (the folders' names with an underscore). */
export const LICENSE_MODULES = ['immigration', 'debt_advice'] as const;

const isoInstant = z.string().datetime({ offset: true });

export const License = z.strictObject({
  licenseId: z.string().uuid(),
  licensee: z.string().trim().min(1).max(200),
  /** The firm's org id on its sync server; null: any org (a solo vault, or a single-firm server). */
  orgId: z.string().uuid().nullable(),
  plan: z.string().min(1).max(50),
  seats: z.number().int().min(1).max(100_000),
  devicesPerUser: z.number().int().min(1).max(1000),
  modules: z.array(z.enum(LICENSE_MODULES)).max(LICENSE_MODULES.length),
  validFrom: isoInstant,
  validUntil: isoInstant,
  graceDays: z.number().int().min(0).max(365),
  issuedAt: isoInstant,
});
export type License = z.infer<typeof License>;

export const LicenseFile = z.strictObject({
  format: z.literal(LICENSE_FORMAT),
  license: License,
  keyId: z.string().min(40).max(60),
  signature: z.string().min(80).max(100),
});
export type LicenseFile = z.infer<typeof LicenseFile>;

/** JSON with object keys sorted at every level and no whitespace: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The exact text signed (as UTF-8) for a licence. */
export function licenseSignedText(license: License): string {
  return `${LICENSE_FORMAT}\n${canonicalJson(license)}`;
}

/** Ed25519 check done by the caller: true when `signature` (base64) over `text` (UTF-8) is by `publicKey` (base64 raw 32 bytes). */
export type Ed25519Verify = (publicKey: string, text: string, signature: string) => boolean;

export type LicenseRefusal = 'malformed' | 'foreign_key' | 'bad_signature' | 'wrong_org';

export type VerifiedLicense = { ok: true; license: License; keyId: string } | { ok: false; refusal: LicenseRefusal; reason: string };

/**
 * Parse and check a licence file's text. `trustedKeys` are base64 raw public keys; `orgId`, when given,
 * must be the licence's org (a licence with no org fits any). Never throws on bad input.
 */
export function verifyLicenseText(text: string, opts: { trustedKeys: readonly string[]; verify: Ed25519Verify; orgId?: string }): VerifiedLicense {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, refusal: 'malformed', reason: 'this is not a Casework licence file (not JSON)' };
  }
  const parsed = LicenseFile.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.map(String).join('.')}: ` : '';
    return { ok: false, refusal: 'malformed', reason: `this is not a valid Casework licence file (${where}${first?.message ?? 'unexpected content'})` };
  }
  const file = parsed.data;
  if (!opts.trustedKeys.includes(file.keyId))
    return { ok: false, refusal: 'foreign_key', reason: `the licence is signed by a key Casework does not trust (key ${file.keyId.slice(0, 12)}…)` };
  let good = false;
  try {
    good = opts.verify(file.keyId, licenseSignedText(file.license), file.signature);
  } catch {
    good = false;
  }
  if (!good) return { ok: false, refusal: 'bad_signature', reason: 'the licence signature does not match its content: the file was altered' };
  if (Date.parse(file.license.validUntil) <= Date.parse(file.license.validFrom))
    return { ok: false, refusal: 'malformed', reason: 'the licence ends before it starts' };
  if (opts.orgId && file.license.orgId && file.license.orgId.toLowerCase() !== opts.orgId.toLowerCase())
    return { ok: false, refusal: 'wrong_org', reason: `the licence is for another organisation (${file.license.orgId})` };
  return { ok: true, license: file.license, keyId: file.keyId };
}
