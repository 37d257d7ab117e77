/**
 * Facts: the profile normalised into the values the rule packs read (CLB/NCLC levels per ability,
 * which language is English and which French, whether the spouse's factors count, bands of years).
 * Keeping this in code and the points in data means a new grid is a new rule version, not a release.
 */
import { ABILITIES, languageOf, levelsOf, minLevel, type Levels } from './language';
import type { Profile } from './profile';

export interface LanguageFacts extends Levels {
  min: number;
  language: 'english' | 'french';
}

function lang(r: Profile['firstLanguage'] | null | undefined): LanguageFacts | null {
  if (!r) return null;
  const levels = levelsOf(r);
  return { ...levels, min: minLevel(levels), language: languageOf(r.test) };
}

const POST_SECONDARY_ONE_PLUS = ['one_year', 'two_year', 'bachelors'];
const POST_SECONDARY_ADVANCED = ['two_or_more', 'masters', 'doctoral'];

const yearsOf = (v: boolean | number | undefined) => (v === true ? 1 : typeof v === 'number' ? v : 0);

export function profileFacts(p: Profile) {
  const first = lang(p.firstLanguage)!;
  const second = lang(p.secondLanguage);
  const english = first.language === 'english' ? first : second?.language === 'english' ? second : null;
  const french = first.language === 'french' ? first : second?.language === 'french' ? second : null;
  const spouseCounts = p.hasSpouse && p.spouseAccompanying && !p.spouseIsCanadianOrPR;
  const spouseLang = lang(p.spouse?.language);
  const canadianWork = Math.min(p.canadianWorkYears, 5);
  const fswWork = p.fswWorkYears ?? p.foreignWorkYears + p.canadianWorkYears;
  return {
    age: p.age,
    ageKey: Math.max(17, Math.min(p.age, 47)),
    spouseCounts,
    education: p.education,
    postSecondary: POST_SECONDARY_ADVANCED.includes(p.education) ? 'advanced' : POST_SECONDARY_ONE_PLUS.includes(p.education) ? 'one_plus' : 'none',
    canadianEducation: p.canadianEducation,
    first,
    second: second ?? { listening: 0, reading: 0, writing: 0, speaking: 0, min: 0, language: null },
    hasSecond: second !== null,
    englishMin: english?.min ?? 0,
    frenchMin: french?.min ?? 0,
    canadianWork,
    canadianWorkBand: Math.min(p.canadianWorkYears, 2),
    foreignWork: p.foreignWorkYears,
    foreignWorkBand: p.foreignWorkYears >= 3 ? 3 : p.foreignWorkYears >= 1 ? 1 : 0,
    firstLanguageBand: first.min >= 9 ? 'clb9' : first.min >= 7 ? 'clb7' : 'none',
    certificateBand: !p.certificateOfQualification ? 'none' : first.min >= 7 ? 'clb7' : first.min >= 5 ? 'clb5' : 'none',
    certificateOfQualification: p.certificateOfQualification,
    siblingInCanada: p.siblingInCanada,
    provincialNomination: p.provincialNomination,
    arrangedEmployment: p.arrangedEmployment,
    spouse: {
      education: p.spouse?.education ?? 'none',
      language: spouseLang ?? { listening: 0, reading: 0, writing: 0, speaking: 0, min: 0, language: null },
      canadianWork: Math.min(p.spouse?.canadianWorkYears ?? 0, 5),
    },
    // FSW
    fswWork,
    hasSpouseAccompanying: p.hasSpouse && p.spouseAccompanying,
    fswArranged: p.arrangedEmploymentFsw ?? p.arrangedEmployment !== 'none',
    studiedInCanada: yearsOf(p.studiedInCanada) > 0 || p.canadianEducation !== 'none',
    spouseStudiedInCanada: yearsOf(p.spouseStudiedInCanada) > 0,
    workedInCanada: yearsOf(p.workedInCanada) >= 1 || p.canadianWorkYears >= 1,
    spouseWorkedInCanada: yearsOf(p.spouseWorkedInCanada) >= 1 || (p.spouse?.canadianWorkYears ?? 0) >= 1,
    relativeInCanada: p.relativeInCanada ?? p.siblingInCanada,
  };
}

export type Facts = ReturnType<typeof profileFacts>;
export { ABILITIES };
