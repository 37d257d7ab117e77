/**
 * Passport machine-readable zone, ICAO Doc 9303 TD3 (two lines of 44 characters): parse it and verify
 * every check digit (document number, date of birth, expiry, personal number, composite). A zone whose
 * check digits fail is reported with the failing fields, never silently accepted.
 */
export interface MrzFields {
  documentType: string;
  issuingState: string;
  surname: string;
  givenNames: string;
  documentNumber: string;
  nationality: string;
  dateOfBirth: string | null;
  sex: 'M' | 'F' | 'X';
  expiryDate: string | null;
  personalNumber: string;
}

export interface MrzResult {
  fields: MrzFields;
  valid: boolean;
  /** Names of the checks that failed: documentNumber, dateOfBirth, expiryDate, personalNumber, composite. */
  failedChecks: string[];
  lines: [string, string];
}

const WEIGHTS = [7, 3, 1];
const value = (ch: string) => (ch === '<' ? 0 : /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);

export function checkDigit(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += value(s[i]) * WEIGHTS[i % 3];
  return sum % 10;
}

const checks = (field: string, digit: string) => (digit !== '<' ? checkDigit(field) === Number(digit) : /^<*$/.test(field));

/** YYMMDD to YYYY-MM-DD; birth dates in the future are last century, expiries within 50 years ahead. */
function mrzDate(s: string, kind: 'birth' | 'expiry', today = new Date()): string | null {
  if (!/^\d{6}$/.test(s)) return null;
  const yy = Number(s.slice(0, 2));
  const mm = Number(s.slice(2, 4));
  const dd = Number(s.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return null;
  const cy = today.getUTCFullYear() % 100;
  const century = kind === 'birth' ? (yy > cy ? 1900 : 2000) : yy >= cy + 50 ? 1900 : 2000;
  return `${century + yy}-${s.slice(2, 4)}-${s.slice(4, 6)}`;
}

/** Finds a TD3 zone in OCR text (tolerating spaces and a few common OCR slips) and parses it. */
export function findMrz(text: string): MrzResult | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+/g, '').replace(/«/g, '<').toUpperCase())
    .filter((l) => l.length >= 40);
  for (let i = 0; i + 1 < lines.length; i++) {
    if (/^P[A-Z<]/.test(lines[i]) && lines[i].length >= 44 && lines[i + 1].length >= 44) return parseTd3(lines[i].slice(0, 44), lines[i + 1].slice(0, 44));
  }
  return null;
}

export function parseTd3(line1: string, line2: string): MrzResult {
  if (line1.length !== 44 || line2.length !== 44 || !/^[A-Z0-9<]+$/.test(line1 + line2))
    throw new Error('a TD3 machine-readable zone is two lines of 44 characters A-Z, 0-9 and <');
  const [surname, given = ''] = line1.slice(5).split('<<');
  const l2 = line2;
  const docNo = l2.slice(0, 9);
  const dob = l2.slice(13, 19);
  const exp = l2.slice(21, 27);
  const personal = l2.slice(28, 42);
  const failed: string[] = [];
  if (!checks(docNo, l2[9])) failed.push('documentNumber');
  if (!checks(dob, l2[19])) failed.push('dateOfBirth');
  if (!checks(exp, l2[27])) failed.push('expiryDate');
  if (!checks(personal, l2[42])) failed.push('personalNumber');
  const composite = l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, 43);
  if (checkDigit(composite) !== Number(l2[43])) failed.push('composite');
  const sex = l2[20] === 'M' || l2[20] === 'F' ? l2[20] : 'X';
  return {
    fields: {
      documentType: line1.slice(0, 2).replace(/<+$/, ''),
      issuingState: line1.slice(2, 5).replace(/<+$/, ''),
      surname: surname.replace(/</g, ' ').trim(),
      givenNames: given.replace(/</g, ' ').replace(/\s+/g, ' ').trim(),
      documentNumber: docNo.replace(/<+$/, ''),
      nationality: l2.slice(10, 13).replace(/<+$/, ''),
      dateOfBirth: mrzDate(dob, 'birth'),
      sex,
      expiryDate: mrzDate(exp, 'expiry'),
      personalNumber: personal.replace(/<+$/, ''),
    },
    valid: failed.length === 0,
    failedChecks: failed,
    lines: [line1, line2],
  };
}
