/**
 * The CRS/FSW form's state and the profile it makes (src-shared/rules/profile.ts). The form starts
 * from what the case knows about the principal applicant and the spouse (date of birth, language tests,
 * education, work) and leaves everything else unanswered: a blank is asked for, never assumed.
 */
import { EDUCATION_LEVELS } from '../../src-shared/rules/profile';
import type { PersonRecord } from '../../src-shared/contract/views';

export type Answer = '' | 'yes' | 'no';
export interface LanguageForm {
  test: string;
  listening: string;
  reading: string;
  writing: string;
  speaking: string;
}
export interface CrsForm {
  age: string;
  education: string;
  canadianEducation: string;
  first: LanguageForm;
  second: LanguageForm;
  canadianWorkYears: string;
  foreignWorkYears: string;
  certificateOfQualification: boolean;
  siblingInCanada: boolean;
  provincialNomination: boolean;
  arrangedEmployment: string;
  hasSpouse: boolean;
  spouseAccompanying: boolean;
  spouseIsCanadianOrPR: boolean;
  spouseEducation: string;
  spouseLanguage: LanguageForm;
  spouseCanadianWorkYears: string;
  fswWorkYears: string;
  arrangedEmploymentFsw: Answer;
  studiedInCanada: Answer;
  spouseStudiedInCanada: Answer;
  workedInCanada: Answer;
  spouseWorkedInCanada: Answer;
  relativeInCanada: Answer;
}

const blankLanguage = (): LanguageForm => ({ test: '', listening: '', reading: '', writing: '', speaking: '' });

const list = (v: unknown): Array<Record<string, unknown>> => {
  const parsed =
    typeof v === 'string'
      ? (() => {
          try {
            return JSON.parse(v) as unknown;
          } catch {
            return [];
          }
        })()
      : v;
  return Array.isArray(parsed) ? parsed.filter((x): x is Record<string, unknown> => Boolean(x) && typeof x === 'object') : [];
};

/** A column the person's view does not name (rows carry every column of the table). */
const col = (p: PersonRecord | undefined, k: string): unknown => (p ? (p as unknown as Record<string, unknown>)[k] : undefined);

/** Whole years between a date of birth and the day of the calculation. */
export function ageOn(dateOfBirth: unknown, onDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(dateOfBirth ?? ''));
  const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(onDate);
  if (!m || !d) return '';
  let age = Number(d[1]) - Number(m[1]);
  if (`${d[2]}-${d[3]}` < `${m[2]}-${m[3]}`) age -= 1;
  return age >= 0 ? String(age) : '';
}

/** The most recent test recorded on the person in this language family (or the first one). */
function languageOf(p: PersonRecord | undefined, index: number): LanguageForm {
  const tests = list(col(p, 'language_tests'));
  const t = tests[index];
  if (!t || typeof t.test !== 'string') return blankLanguage();
  const s = (k: string) => (typeof t[k] === 'number' || typeof t[k] === 'string' ? String(t[k]) : '');
  return { test: t.test, listening: s('listening'), reading: s('reading'), writing: s('writing'), speaking: s('speaking') };
}

/** The highest education level recorded on the person, or '' when none is. */
function educationOf(p: PersonRecord | undefined): string {
  let best = -1;
  for (const e of list(col(p, 'education'))) {
    const i = EDUCATION_LEVELS.indexOf(String(e.level ?? '') as (typeof EDUCATION_LEVELS)[number]);
    if (i > best) best = i;
  }
  return best >= 0 ? EDUCATION_LEVELS[best] : '';
}

/** Years of work recorded on the person, in Canada and elsewhere ('' when nothing is recorded). */
function workOf(p: PersonRecord | undefined): { canadian: string; foreign: string } {
  const jobs = list(col(p, 'work_experience'));
  if (!jobs.length) return { canadian: '', foreign: '' };
  let ca = 0;
  let other = 0;
  for (const j of jobs) {
    const y = Number(j.years ?? 0);
    if (!Number.isFinite(y)) continue;
    if (/^(ca|can|canada)$/i.test(String(j.country ?? ''))) ca += y;
    else other += y;
  }
  return { canadian: String(Math.floor(ca)), foreign: String(Math.floor(other)) };
}

export function initialForm(persons: PersonRecord[], onDate: string): CrsForm {
  const principal = persons.find((p) => p.relationship_to_primary === 'primary') ?? persons[0];
  const spouse = persons.find((p) => p.relationship_to_primary === 'spouse');
  const work = workOf(principal);
  return {
    age: ageOn(principal?.date_of_birth, onDate),
    education: educationOf(principal),
    canadianEducation: 'none',
    first: languageOf(principal, 0),
    second: languageOf(principal, 1),
    canadianWorkYears: work.canadian,
    foreignWorkYears: work.foreign,
    certificateOfQualification: false,
    siblingInCanada: false,
    provincialNomination: false,
    arrangedEmployment: 'none',
    hasSpouse: Boolean(spouse),
    spouseAccompanying: Boolean(spouse),
    spouseIsCanadianOrPR: false,
    spouseEducation: educationOf(spouse),
    spouseLanguage: languageOf(spouse, 0),
    spouseCanadianWorkYears: workOf(spouse).canadian,
    fswWorkYears: '',
    arrangedEmploymentFsw: '',
    studiedInCanada: '',
    spouseStudiedInCanada: '',
    workedInCanada: '',
    spouseWorkedInCanada: '',
    relativeInCanada: '',
  };
}

// A blank stays undefined so the profile schema names it as missing (nothing is filled in for the person).
const num = (s: string) => (s.trim() === '' ? undefined : Number(s.replace(',', '.')));
const str = (s: string) => (s === '' ? undefined : s);
const yes = (a: Answer) => (a === '' ? undefined : a === 'yes');

function language(l: LanguageForm) {
  return { test: str(l.test), listening: num(l.listening), reading: num(l.reading), writing: num(l.writing), speaking: num(l.speaking) };
}
const anyLanguage = (l: LanguageForm) => Boolean(l.test || l.listening || l.reading || l.writing || l.speaking);

/** The profile as the contract takes it; blanks left out so the schema names what is missing. */
export function profileOf(f: CrsForm): Record<string, unknown> {
  const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return drop({
    age: num(f.age),
    education: str(f.education),
    canadianEducation: str(f.canadianEducation),
    firstLanguage: language(f.first),
    secondLanguage: anyLanguage(f.second) ? language(f.second) : null,
    canadianWorkYears: num(f.canadianWorkYears),
    foreignWorkYears: num(f.foreignWorkYears),
    certificateOfQualification: f.certificateOfQualification,
    siblingInCanada: f.siblingInCanada,
    provincialNomination: f.provincialNomination,
    arrangedEmployment: f.arrangedEmployment,
    hasSpouse: f.hasSpouse,
    spouseAccompanying: f.hasSpouse && f.spouseAccompanying,
    spouseIsCanadianOrPR: f.hasSpouse && f.spouseIsCanadianOrPR,
    spouse:
      f.hasSpouse && f.spouseAccompanying
        ? drop({
            education: str(f.spouseEducation),
            language: anyLanguage(f.spouseLanguage) ? language(f.spouseLanguage) : null,
            canadianWorkYears: num(f.spouseCanadianWorkYears) ?? 0,
          })
        : null,
    fswWorkYears: num(f.fswWorkYears),
    arrangedEmploymentFsw: yes(f.arrangedEmploymentFsw),
    studiedInCanada: yes(f.studiedInCanada),
    spouseStudiedInCanada: yes(f.spouseStudiedInCanada),
    workedInCanada: yes(f.workedInCanada),
    spouseWorkedInCanada: yes(f.spouseWorkedInCanada),
    relativeInCanada: yes(f.relativeInCanada),
  });
}
