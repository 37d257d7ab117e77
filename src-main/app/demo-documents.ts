/**
 * The demo practice's paper: what its Express Entry clients sent in, made here so the demo shows the
 * document pipeline on real files (issue 17 item 10). Passports arrive as scans (PNG pictures of the
 * bio page with a machine-readable zone whose check digits verify), read by the app's own OCR in the
 * background once the vault is open, as a dropped scan would be; letters and test reports arrive as
 * digital PDFs whose text is read at once. Each passport carries its expiry, so Today's deadlines show
 * the ones running out. What the letters and reports say is also recorded on the client (education,
 * language test, work), as a consultant would, so the CRS form starts from it.
 */
import type { Core } from '../core/core';
import { addDocument, checkDigit, processQueue } from '../documents';
import { updatePerson } from '../cases/persons';
import { mustRead, type Row } from '../core/writer';

/** One demo client's file: who they are and what their papers say. */
export interface DemoClient {
  caseId: string;
  personId: string;
  first: string;
  last: string;
  dateOfBirth: string;
  /** ISO 3166 alpha-3 of the passport. */
  nation: string;
  passportNumber: string;
  passportExpiry: string;
  employer: string;
  jobTitle: string;
  years: number;
  country: string;
  ielts: { listening: number; reading: number; writing: number; speaking: number };
  education: 'bachelors' | 'masters' | 'two_or_more';
}

const NATIONS = ['NGA', 'IND', 'PHL', 'BRA', 'MEX', 'KEN'];
const COUNTRY_OF: Record<string, string> = { NGA: 'NG', IND: 'IN', PHL: 'PH', BRA: 'BR', MEX: 'MX', KEN: 'KE' };
const EMPLOYERS = [
  ['Lagos Data Systems Ltd', 'Senior software developer'],
  ['Pune Analytics Pvt Ltd', 'Financial analyst'],
  ['Manila Health Network', 'Registered nurse'],
  ['São Paulo Engineering SA', 'Civil engineer'],
  ['Monterrey Logistics SA de CV', 'Supply chain manager'],
  ['Nairobi Telecom Ltd', 'Network engineer'],
] as const;

const addDays = (days: number) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const printed = (iso: string) => `${iso.slice(8, 10)} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/** The two TD3 lines (ICAO 9303) of a passport, every check digit computed. */
export function passportMrz(
  c: Pick<DemoClient, 'first' | 'last' | 'nation' | 'passportNumber' | 'dateOfBirth' | 'passportExpiry'>,
  sex = 'F',
): [string, string] {
  const name = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[^A-Za-z ]/g, '')
      .toUpperCase()
      .replace(/ /g, '<');
  const line1 = `P<${c.nation}${name(c.last)}<<${name(c.first)}`.padEnd(44, '<').slice(0, 44);
  const number = c.passportNumber.padEnd(9, '<');
  const dob = yymmdd(c.dateOfBirth);
  const exp = yymmdd(c.passportExpiry);
  const personal = '<'.repeat(14);
  const body = `${number}${checkDigit(number)}${c.nation}${dob}${checkDigit(dob)}${sex}${exp}${checkDigit(exp)}${personal}<`;
  const composite = `${number}${checkDigit(number)}${dob}${checkDigit(dob)}${exp}${checkDigit(exp)}${personal}<`;
  return [line1, `${body}${checkDigit(composite)}`];
}

/** A passport bio page as a scanner would give it: a PNG picture, no text layer. */
export async function passportScan(c: DemoClient): Promise<Buffer> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(1240, 880);
  const g = canvas.getContext('2d');
  g.fillStyle = 'white';
  g.fillRect(0, 0, 1240, 880);
  g.fillStyle = 'black';
  g.font = 'bold 34px DejaVu Sans, sans-serif';
  // Bilingual, as many passports are: a search in either language finds it.
  g.fillText('PASSPORT / PASSEPORT', 60, 80);
  g.font = '28px DejaVu Sans, sans-serif';
  const lines = [
    `Surname: ${c.last.toUpperCase()}`,
    `Given names: ${c.first.toUpperCase()}`,
    `Passport No: ${c.passportNumber}`,
    `Date of birth: ${printed(c.dateOfBirth)}`,
    `Date of expiry: ${printed(c.passportExpiry)}`,
  ];
  lines.forEach((l, i) => g.fillText(l, 60, 160 + i * 60));
  g.font = '34px DejaVu Sans Mono, monospace';
  const [l1, l2] = passportMrz(c);
  g.fillText(l1, 40, 720);
  g.fillText(l2, 40, 780);
  return canvas.toBuffer('image/png');
}

/** A digital letter or report: a PDF with a text layer, one line per entry. */
export async function textPdf(lines: string[]): Promise<Buffer> {
  // Loaded here, not at the top: pdf-lib is a megabyte that every start of the core would otherwise pay for.
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, 792]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  // The standard PDF fonts cover WinAnsi only: accents stay, anything else becomes its base letter.
  const safe = (s: string) => s.normalize('NFC').replace(/[^\x20-\x7e\u00a0-\u00ff]/g, (ch) => ch.normalize('NFD').replace(/[^\x20-\x7e]/g, '') || '?');
  lines.forEach((l, i) => page.drawText(safe(l), { x: 56, y: 730 - i * 22, size: 12, font }));
  return Buffer.from(await pdf.save());
}

function employmentLetter(c: DemoClient): string[] {
  const since = new Date(Date.now() - c.years * 365.25 * 86400_000).getUTCFullYear();
  return [
    c.employer,
    '',
    'To whom it may concern',
    '',
    `This letter confirms that ${c.first} ${c.last} has been employed full time by ${c.employer}`,
    `as ${c.jobTitle} since ${since}, working 40 hours per week.`,
    'Main duties: planning and delivering projects, supervising a team of four, reporting to the director.',
    'Annual salary and benefits are stated in the attached pay slips.',
    '',
    'Human Resources',
  ];
}

function ieltsReport(c: DemoClient): string[] {
  const s = c.ielts;
  const overall = Math.round(((s.listening + s.reading + s.writing + s.speaking) / 4) * 2) / 2;
  return [
    'IELTS General Training Test Report Form',
    `Candidate: ${c.last.toUpperCase()}, ${c.first}`,
    `Test date: ${printed(addDays(-120))}`,
    `Listening ${s.listening}  Reading ${s.reading}  Writing ${s.writing}  Speaking ${s.speaking}`,
    `Overall band score ${overall}`,
    'This test report is valid for two years from the test date.',
  ];
}

/** The demo's documented clients, from cases fillDemo made (deterministic: the same for every demo vault). */
export function demoClients(core: Core, caseIds: string[]): DemoClient[] {
  return caseIds.map((caseId, i) => {
    const c = mustRead(core, 'cases', caseId, 'case');
    const p: Row = mustRead(core, 'persons', c.primary_applicant_id as string, 'person');
    const nation = NATIONS[i % NATIONS.length];
    const [employer, jobTitle] = EMPLOYERS[i % EMPLOYERS.length];
    // Two passports run out within Today's 60-day window; the others are years away.
    const expiryDays = [24, 51, 900, 1400, 1700, 2100][i % 6];
    return {
      caseId,
      personId: p.id as string,
      first: p.first_name as string,
      last: p.last_name as string,
      dateOfBirth: (p.date_of_birth as string | null) ?? '1990-01-01',
      nation,
      passportNumber: `${nation[0]}${String(4_812_730 + i * 7_919).padStart(8, '0')}`,
      passportExpiry: addDays(expiryDays),
      employer,
      jobTitle,
      years: 2 + (i % 4),
      country: COUNTRY_OF[nation],
      ielts: [
        { listening: 8, reading: 7, writing: 7, speaking: 7.5 },
        { listening: 7.5, reading: 6.5, writing: 6.5, speaking: 7 },
        { listening: 8.5, reading: 8, writing: 7.5, speaking: 8 },
      ][i % 3],
      education: (['bachelors', 'masters', 'two_or_more'] as const)[i % 3],
    };
  });
}

export interface DemoDocumentsResult {
  documents: number;
  /** Scans left for the app's reader (OCR), which starts when the vault is opened. */
  scansToRead: number;
}

/**
 * Adds each client's papers and records what they say on the client. The PDFs are read here (their
 * text layer, no OCR); the scans are left pending for the app's OCR, or `casework doc process`.
 */
export async function addDemoDocuments(core: Core, clients: DemoClient[]): Promise<DemoDocumentsResult> {
  let documents = 0;
  for (const c of clients) {
    updatePerson(core, c.personId, {
      education: [{ level: c.education, country: c.country }],
      language_tests: [{ test: 'IELTS_GENERAL', ...c.ielts, date: addDays(-120) }],
      work_experience: [{ employer: c.employer, title: c.jobTitle, country: c.country, years: c.years }],
    });
    await addDocument(core, {
      caseId: c.caseId,
      personId: c.personId,
      filename: `employment-letter-${c.last.toLowerCase()}.pdf`,
      bytes: await textPdf(employmentLetter(c)),
      type: 'employment_letter',
      title: `Employment letter, ${c.employer}`,
    });
    await addDocument(core, {
      caseId: c.caseId,
      personId: c.personId,
      filename: `ielts-${c.last.toLowerCase()}.pdf`,
      bytes: await textPdf(ieltsReport(c)),
      type: 'language_test',
      title: 'IELTS General Training results',
      issuedAt: addDays(-120),
    });
    documents += 2;
  }
  await processQueue(core, { untilEmpty: true });
  for (const c of clients) {
    await addDocument(core, {
      caseId: c.caseId,
      personId: c.personId,
      filename: `passport-scan-${c.last.toLowerCase()}.png`,
      bytes: await passportScan(c),
      type: 'passport',
      title: `Passport, ${c.first} ${c.last}`,
      expiresAt: c.passportExpiry,
    });
    documents += 1;
  }
  return { documents, scansToRead: clients.length };
}
