/**
 * What-if and advice: every single improvement that is possible for a profile, with the CRS change it
 * would bring under the same rules and date, sorted by gain. Impossible or useless ones are left out.
 */
import { calculateCrs, type RuleChoice } from './calculators';
import { ABILITIES, languageOf, levelsOf, type LanguageResult } from './language';
import { EDUCATION_LEVELS, type Profile } from './profile';

/**
 * The same advice as data, for a window that words it in its own language: `key` names the kind of
 * improvement; values are numbers, test names (CLB/NCLC), abilities and education codes.
 */
export interface ImprovementMessage {
  key: string;
  values: Record<string, string | number>;
}

export interface Improvement {
  id: string;
  description: string;
  message: ImprovementMessage;
  gain: number;
  newTotal: number;
}

const asLevels = (r: LanguageResult): LanguageResult => {
  const l = levelsOf(r);
  return { test: languageOf(r.test) === 'english' ? 'CLB' : 'NCLC', ...l };
};

export function crsWhatIf(profile: Profile, choice: RuleChoice = {}): { baseTotal: number; improvements: Improvement[] } {
  const base = calculateCrs(profile, choice).total;
  const candidates: Array<[string, string, Profile, ImprovementMessage]> = [];
  const add = (id: string, description: string, p: Profile, key: string, values: ImprovementMessage['values'] = {}) =>
    candidates.push([id, description, p, { key, values }]);
  const first = asLevels(profile.firstLanguage);
  const firstName = languageOf(profile.firstLanguage.test) === 'english' ? 'CLB' : 'NCLC';
  for (const a of ABILITIES) {
    if (first[a] < 10)
      add(
        `first_language.${a}`,
        `First official language ${a}: ${firstName} ${first[a]} to ${first[a] + 1}`,
        { ...profile, firstLanguage: { ...first, [a]: Math.max(first[a] + 1, 4) } },
        'firstLanguageAbility',
        { ability: a, test: firstName, from: first[a], to: first[a] + 1 },
      );
  }
  if (ABILITIES.some((a) => first[a] < 10)) {
    const up = { ...first };
    for (const a of ABILITIES) up[a] = Math.min(Math.max(first[a] + 1, 4), 10);
    add(
      'first_language.all',
      `First official language: one ${firstName} level more in all four abilities`,
      { ...profile, firstLanguage: up },
      'firstLanguageAll',
      { test: firstName },
    );
  }
  for (const target of [9, 10]) {
    if (ABILITIES.some((a) => first[a] < target)) {
      const up = { ...first };
      for (const a of ABILITIES) up[a] = Math.max(first[a], target);
      add(
        `first_language.${firstName.toLowerCase()}${target}`,
        `First official language: ${firstName} ${target} in all four abilities`,
        { ...profile, firstLanguage: up },
        'firstLanguageTarget',
        { test: firstName, level: target },
      );
    }
  }
  const otherTest = firstName === 'CLB' ? 'NCLC' : 'CLB';
  const second = profile.secondLanguage ? asLevels(profile.secondLanguage) : null;
  for (const level of [5, 7, 9]) {
    if (!second || ABILITIES.some((a) => second[a] < level)) {
      const l = { test: otherTest, listening: level, reading: level, writing: level, speaking: level } as LanguageResult;
      if (second) for (const a of ABILITIES) l[a] = Math.max(second[a], level);
      add(
        `second_language.${level}`,
        `${second ? 'Raise' : 'Add'} a second official language: ${otherTest} ${level} in all four abilities`,
        { ...profile, secondLanguage: l },
        second ? 'secondLanguageRaise' : 'secondLanguageAdd',
        { test: otherTest, level },
      );
    }
  }
  if (profile.canadianWorkYears < 5)
    add(
      'canadian_work',
      `One more year of Canadian work (${profile.canadianWorkYears} to ${profile.canadianWorkYears + 1})`,
      { ...profile, canadianWorkYears: profile.canadianWorkYears + 1 },
      'canadianWork',
      { from: profile.canadianWorkYears, to: profile.canadianWorkYears + 1 },
    );
  if (profile.foreignWorkYears < 3)
    add(
      'foreign_work',
      `One more year of foreign work (${profile.foreignWorkYears} to ${profile.foreignWorkYears + 1})`,
      { ...profile, foreignWorkYears: profile.foreignWorkYears + 1 },
      'foreignWork',
      { from: profile.foreignWorkYears, to: profile.foreignWorkYears + 1 },
    );
  const eduIdx = EDUCATION_LEVELS.indexOf(profile.education);
  for (const edu of EDUCATION_LEVELS.slice(eduIdx + 1))
    add(`education.${edu}`, `Education: ${profile.education} to ${edu}`, { ...profile, education: edu }, 'education', { from: profile.education, to: edu });
  if (profile.canadianEducation === 'none') {
    add(
      'canadian_education.one_or_two_year',
      'A one- or two-year Canadian post-secondary credential',
      { ...profile, canadianEducation: 'one_or_two_year' },
      'canadianEducationShort',
    );
    add(
      'canadian_education.three_or_more',
      'A Canadian credential of three years or more',
      { ...profile, canadianEducation: 'three_or_more' },
      'canadianEducationLong',
    );
  } else if (profile.canadianEducation === 'one_or_two_year')
    add(
      'canadian_education.three_or_more',
      'A Canadian credential of three years or more',
      { ...profile, canadianEducation: 'three_or_more' },
      'canadianEducationLong',
    );
  if (!profile.provincialNomination)
    add('provincial_nomination', 'A provincial or territorial nomination', { ...profile, provincialNomination: true }, 'provincialNomination');
  if (!profile.certificateOfQualification)
    add(
      'certificate_of_qualification',
      'A Canadian certificate of qualification in a trade',
      { ...profile, certificateOfQualification: true },
      'certificateOfQualification',
    );
  const spouseCounts = profile.hasSpouse && profile.spouseAccompanying && !profile.spouseIsCanadianOrPR;
  if (spouseCounts) {
    const sp = profile.spouse ?? { education: 'none' as const, language: null, canadianWorkYears: 0 };
    const sl = sp.language ? asLevels(sp.language) : null;
    for (const level of [5, 7, 9]) {
      if (!sl || ABILITIES.some((a) => sl[a] < level)) {
        const l = { test: sl?.test ?? 'CLB', listening: level, reading: level, writing: level, speaking: level } as LanguageResult;
        if (sl) for (const a of ABILITIES) l[a] = Math.max(sl[a], level);
        add(
          `spouse_language.${level}`,
          `Spouse ${sl ? 'reaches' : 'takes a test at'} ${l.test} ${level} in all four abilities`,
          { ...profile, spouse: { ...sp, language: l } },
          sl ? 'spouseLanguageRaise' : 'spouseLanguageAdd',
          { test: l.test, level },
        );
      }
    }
    const sIdx = EDUCATION_LEVELS.indexOf(sp.education);
    for (const edu of EDUCATION_LEVELS.slice(sIdx + 1))
      add(`spouse_education.${edu}`, `Spouse's education: ${sp.education} to ${edu}`, { ...profile, spouse: { ...sp, education: edu } }, 'spouseEducation', {
        from: sp.education,
        to: edu,
      });
    if (sp.canadianWorkYears < 5)
      add(
        'spouse_canadian_work',
        `Spouse: one more year of Canadian work`,
        { ...profile, spouse: { ...sp, canadianWorkYears: sp.canadianWorkYears + 1 } },
        'spouseCanadianWork',
      );
  }
  const improvements = candidates
    .map(([id, description, p, message]) => {
      const t = calculateCrs(p, choice).total;
      return { id, description, message, gain: t - base, newTotal: t };
    })
    .filter((i) => i.gain > 0)
    .sort((a, b) => b.gain - a.gain || a.id.localeCompare(b.id));
  return { baseTotal: base, improvements };
}
