/**
 * Language test results to CLB/NCLC at every boundary, and the Federal Skilled Worker grid row by row.
 * Minimum scores are typed from IRCC's "Language test equivalency charts" (TEF Canada: the scale for
 * results from 2023-12-11) and the FSW grid from IRPR ss. 75 and 78 to 83 / IRCC "Six selection factors".
 */
import { describe, expect, it } from 'vitest';
import { levelOf, type Ability, type TestCode } from '../../src-shared/rules/language';
import { calculateFsw } from '../../src-shared/rules/calculators';
import { parseProfile, type Profile, type ProfileInput } from '../../src-shared/rules/profile';

// Minimum score for CLB/NCLC 4, 5, 6, 7, 8, 9, 10 per ability, and the smallest score step.
const CHARTS: Record<string, { step: number; abilities: Record<Ability, number[]> }> = {
  IELTS_GENERAL: {
    step: 0.5,
    abilities: {
      listening: [4.5, 5.0, 5.5, 6.0, 7.5, 8.0, 8.5],
      reading: [3.5, 4.0, 5.0, 6.0, 6.5, 7.0, 8.0],
      writing: [4.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5],
      speaking: [4.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5],
    },
  },
  CELPIP_G: {
    step: 1,
    abilities: { listening: [4, 5, 6, 7, 8, 9, 10], reading: [4, 5, 6, 7, 8, 9, 10], writing: [4, 5, 6, 7, 8, 9, 10], speaking: [4, 5, 6, 7, 8, 9, 10] },
  },
  PTE_CORE: {
    step: 1,
    abilities: {
      listening: [28, 39, 50, 60, 71, 82, 89],
      reading: [33, 42, 51, 60, 69, 78, 88],
      writing: [41, 51, 60, 69, 79, 88, 90],
      speaking: [42, 51, 59, 68, 76, 84, 89],
    },
  },
  TEF_CANADA: {
    step: 1,
    abilities: {
      listening: [306, 352, 393, 434, 462, 503, 546],
      reading: [306, 352, 393, 434, 462, 503, 546],
      writing: [268, 330, 379, 428, 472, 512, 558],
      speaking: [328, 387, 422, 456, 494, 518, 556],
    },
  },
  TCF_CANADA: {
    step: 1,
    abilities: {
      listening: [331, 369, 398, 458, 503, 523, 549],
      reading: [342, 375, 406, 453, 499, 524, 549],
      writing: [4, 6, 7, 10, 12, 14, 16],
      speaking: [4, 6, 7, 10, 12, 14, 16],
    },
  },
};

describe('language test equivalences: at and just below every boundary', () => {
  for (const [test, chart] of Object.entries(CHARTS)) {
    for (const [ability, mins] of Object.entries(chart.abilities)) {
      it(`${test} ${ability}`, () => {
        mins.forEach((min, i) => {
          const level = 4 + i;
          expect(levelOf(test as TestCode, ability as Ability, min), `${test} ${ability} ${min}`).toBe(level);
          const below = Math.round((min - chart.step) * 10) / 10;
          const expectedBelow = level === 4 ? 3 : level - 1;
          if (below > 0) expect(levelOf(test as TestCode, ability as Ability, below), `${test} ${ability} ${below}`).toBe(expectedBelow);
        });
      });
    }
  }
  it('refuses scores outside a test, naming the field', () => {
    for (const [lang, field] of [
      [{ test: 'IELTS_GENERAL', listening: 9.5, reading: 7, writing: 7, speaking: 7 }, 'firstLanguage.listening'],
      [{ test: 'IELTS_GENERAL', listening: 7.25, reading: 7, writing: 7, speaking: 7 }, 'firstLanguage.listening'],
      [{ test: 'PTE_CORE', listening: 60, reading: 91, writing: 60, speaking: 60 }, 'firstLanguage.reading'],
      [{ test: 'TCF_CANADA', listening: 500, reading: 500, writing: 21, speaking: 10 }, 'firstLanguage.writing'],
      [{ test: 'TOEFL', listening: 1, reading: 1, writing: 1, speaking: 1 }, 'firstLanguage.test'],
    ] as const) {
      const r = parseProfile({ age: 30, education: 'bachelors', firstLanguage: lang, canadianWorkYears: 0 });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain(field);
    }
  });
});

const clb = (l: number, test = 'CLB') => ({ test, listening: l, reading: l, writing: l, speaking: l }) as ProfileInput['firstLanguage'];
function profile(over: Partial<ProfileInput> = {}): Profile {
  const p = parseProfile({ age: 50, education: 'none', firstLanguage: clb(0), canadianWorkYears: 0, ...over });
  if (!p.ok) throw new Error(p.message);
  return p.profile;
}
const fsw = (p: Profile) => calculateFsw(p, { date: '2025-06-01' });

describe('FSW 67-point grid', () => {
  const LANGUAGE: Record<number, number> = { 4: 0, 6: 0, 7: 4, 8: 5, 9: 6, 10: 6 };
  for (const [level, pts] of Object.entries(LANGUAGE)) {
    it(`first official language CLB ${level}: ${pts} per ability`, () =>
      expect(fsw(profile({ firstLanguage: clb(Number(level)) })).factors.language).toBe(pts * 4));
  }
  it('second official language: 4 with CLB 5 in all four abilities, else 0; language maximum 28', () => {
    expect(fsw(profile({ firstLanguage: clb(9), secondLanguage: clb(5, 'NCLC') })).factors.language).toBe(28);
    expect(fsw(profile({ firstLanguage: clb(9), secondLanguage: { test: 'NCLC', listening: 5, reading: 5, writing: 5, speaking: 4 } })).factors.language).toBe(
      24,
    );
  });
  const EDUCATION: Record<string, number> = { none: 0, secondary: 5, one_year: 15, two_year: 19, bachelors: 21, two_or_more: 22, masters: 23, doctoral: 25 };
  for (const [edu, pts] of Object.entries(EDUCATION)) {
    it(`education ${edu}: ${pts}`, () => expect(fsw(profile({ education: edu as never })).factors.education).toBe(pts));
  }
  const EXPERIENCE: Record<number, number> = { 0: 0, 1: 9, 2: 11, 3: 11, 4: 13, 5: 13, 6: 15, 9: 15 };
  for (const [years, pts] of Object.entries(EXPERIENCE)) {
    it(`experience ${years} year(s): ${pts}`, () => expect(fsw(profile({ fswWorkYears: Number(years) })).factors.experience).toBe(pts));
  }
  const AGE: Record<number, number> = {
    17: 0,
    18: 12,
    25: 12,
    35: 12,
    36: 11,
    37: 10,
    38: 9,
    39: 8,
    40: 7,
    41: 6,
    42: 5,
    43: 4,
    44: 3,
    45: 2,
    46: 1,
    47: 0,
    60: 0,
  };
  for (const [age, pts] of Object.entries(AGE)) {
    it(`age ${age}: ${pts}`, () => expect(fsw(profile({ age: Number(age) })).factors.age).toBe(pts));
  }
  it('arranged employment: 10 (and 5 for adaptability)', () => {
    const r = fsw(profile({ arrangedEmploymentFsw: true }));
    expect(r.factors.arrangedEmployment).toBe(10);
    expect(r.factors.adaptability).toBe(5);
  });
  it('adaptability factors and their maximum of 10', () => {
    const spouse = { education: 'none' as const, language: clb(4), canadianWorkYears: 0 };
    expect(fsw(profile({ hasSpouse: true, spouseAccompanying: true, spouse })).factors.adaptability).toBe(5);
    expect(fsw(profile({ studiedInCanada: 2 })).factors.adaptability).toBe(5);
    expect(fsw(profile({ workedInCanada: 1 })).factors.adaptability).toBe(10);
    expect(fsw(profile({ relativeInCanada: true })).factors.adaptability).toBe(5);
    expect(
      fsw(profile({ hasSpouse: true, spouseAccompanying: true, spouseWorkedInCanada: 1, spouse: { ...spouse, language: null } })).factors.adaptability,
    ).toBe(5);
    expect(fsw(profile({ workedInCanada: 1, relativeInCanada: true, studiedInCanada: true })).factors.adaptability).toBe(10);
  });
  it('pass mark 67 and the minimum requirements', () => {
    // CLB 9: 24, bachelor's 21, 6 years 15, age 30: 12 = 72.
    const strong = fsw(profile({ age: 30, education: 'bachelors', firstLanguage: clb(9), fswWorkYears: 6 }));
    expect(strong).toMatchObject({ total: 72, passMark: 67, eligible: true, unmet: [] });
    // Same points but one ability at CLB 6: 18 + 21 + 15 + 12 = 66 and below the language minimum.
    const weak = fsw(
      profile({ age: 30, education: 'bachelors', firstLanguage: { test: 'CLB', listening: 9, reading: 9, writing: 9, speaking: 6 }, fswWorkYears: 6 }),
    );
    expect(weak.total).toBe(66);
    expect(weak.eligible).toBe(false);
    expect(weak.unmet.join(' ')).toMatch(/CLB 7/);
    expect(weak.unmet.join(' ')).toMatch(/pass mark/);
    const noWork = fsw(
      profile({
        age: 30,
        education: 'doctoral',
        firstLanguage: clb(10),
        secondLanguage: clb(9, 'NCLC'),
        fswWorkYears: 0,
        arrangedEmploymentFsw: true,
        relativeInCanada: true,
      }),
    );
    expect(noWork.total).toBeGreaterThanOrEqual(67);
    expect(noWork.eligible).toBe(false);
    expect(noWork.unmet.join(' ')).toMatch(/one year/);
  });
});
