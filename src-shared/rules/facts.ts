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

/** A yes-or-years answer: true means the person meets the requirement as worded; a number is years. */
const meets = (v: boolean | number | undefined, years: number) => v === true || (typeof v === 'number' && v >= years);

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
    // FSW. An explicit FSW answer always wins (false stays false); a CRS field is read only when the
    // FSW question was not answered, and only where it proves the same thing.
    fswWork,
    // s. 83(1): only an *accompanying* spouse earns adaptability points, and a spouse who is a Canadian
    // citizen or permanent resident does not accompany (the CRS side reads the same fact as spouseCounts).
    hasSpouseAccompanying: p.hasSpouse && p.spouseAccompanying && !p.spouseIsCanadianOrPR,
    fswArranged: p.arrangedEmploymentFsw ?? p.arrangedEmployment !== 'none',
    // s. 83(3): at least two academic years of full-time study. No CRS fallback: a Canadian credential
    // earns CRS points after eight months of study in Canada, which does not show two academic years.
    studiedInCanada: meets(p.studiedInCanada, 2),
    spouseStudiedInCanada: meets(p.spouseStudiedInCanada, 2),
    // s. 83(4): one year of full-time work in Canada (the CRS Canadian work years are that kind of work).
    workedInCanada: p.workedInCanada !== undefined ? meets(p.workedInCanada, 1) : p.canadianWorkYears >= 1,
    spouseWorkedInCanada: p.spouseWorkedInCanada !== undefined ? meets(p.spouseWorkedInCanada, 1) : (p.spouse?.canadianWorkYears ?? 0) >= 1,
    relativeInCanada: p.relativeInCanada ?? p.siblingInCanada,
  };
}

export type Facts = ReturnType<typeof profileFacts>;
export { ABILITIES };
