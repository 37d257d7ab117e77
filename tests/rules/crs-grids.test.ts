/**
 * The CRS pack against IRCC's published grids, row by row. Every expected value below is typed from
 * "Comprehensive Ranking System (CRS) criteria – Express Entry" (canada.ca, as in force 2025-03-25),
 * independently of the pack's own tables: if a grid in src-shared/rules/packs/crs.ts drifts, a row fails.
 * Each factor is isolated by a profile whose other factors score zero, and read from the breakdown.
 */
import { describe, expect, it } from 'vitest';
import { calculateCrs } from '../../src-shared/rules/calculators';
import { parseProfile, type Profile, type ProfileInput } from '../../src-shared/rules/profile';

const clb = (l: number, test = 'CLB') => ({ test, listening: l, reading: l, writing: l, speaking: l }) as ProfileInput['firstLanguage'];
const DATE = '2025-06-01';

function profile(over: Partial<ProfileInput> = {}): Profile {
  const p = parseProfile({ age: 50, education: 'none', firstLanguage: clb(0), canadianWorkYears: 0, ...over });
  if (!p.ok) throw new Error(p.message);
  return p.profile;
}
const withSpouse = (over: Partial<ProfileInput> = {}, spouse: ProfileInput['spouse'] = { education: 'none', language: null, canadianWorkYears: 0 }) =>
  profile({ hasSpouse: true, spouseAccompanying: true, spouseIsCanadianOrPR: false, spouse, ...over });
const crs = (p: Profile, date = DATE) => calculateCrs(p, { date });
const bd = (p: Profile, date = DATE) => crs(p, date).breakdown as Record<string, any>;
const sum = (o: Record<string, number> | undefined) => Object.values(o ?? {}).reduce((s, v) => s + v, 0);

// A. Core / human capital: [with spouse, without spouse]
const AGE: Record<number, [number, number]> = {
  17: [0, 0],
  18: [90, 99],
  19: [95, 105],
  20: [100, 110],
  21: [100, 110],
  22: [100, 110],
  23: [100, 110],
  24: [100, 110],
  25: [100, 110],
  26: [100, 110],
  27: [100, 110],
  28: [100, 110],
  29: [100, 110],
  30: [95, 105],
  31: [90, 99],
  32: [85, 94],
  33: [80, 88],
  34: [75, 83],
  35: [70, 77],
  36: [65, 72],
  37: [60, 66],
  38: [55, 61],
  39: [50, 55],
  40: [45, 50],
  41: [35, 39],
  42: [25, 28],
  43: [15, 17],
  44: [5, 6],
  45: [0, 0],
  46: [0, 0],
  50: [0, 0],
  70: [0, 0],
};
const EDUCATION: Record<string, [number, number]> = {
  none: [0, 0],
  secondary: [28, 30],
  one_year: [84, 90],
  two_year: [91, 98],
  bachelors: [112, 120],
  two_or_more: [119, 128],
  masters: [126, 135],
  doctoral: [140, 150],
};
// per ability, by CLB level
const FIRST_LANGUAGE: Record<number, [number, number]> = {
  0: [0, 0],
  3: [0, 0],
  4: [6, 6],
  5: [6, 6],
  6: [8, 9],
  7: [16, 17],
  8: [22, 23],
  9: [29, 31],
  10: [32, 34],
  12: [32, 34],
};
const SECOND_LANGUAGE: Record<number, number> = { 3: 0, 4: 0, 5: 1, 6: 1, 7: 3, 8: 3, 9: 6, 10: 6 };
const CANADIAN_WORK: Record<number, [number, number]> = { 0: [0, 0], 1: [35, 40], 2: [46, 53], 3: [56, 64], 4: [63, 72], 5: [70, 80], 8: [70, 80] };
// B. Spouse factors
const SPOUSE_EDUCATION: Record<string, number> = { none: 0, secondary: 2, one_year: 6, two_year: 7, bachelors: 8, two_or_more: 9, masters: 10, doctoral: 10 };
const SPOUSE_LANGUAGE: Record<number, number> = { 4: 0, 5: 1, 6: 1, 7: 3, 8: 3, 9: 5, 10: 5 };
const SPOUSE_WORK: Record<number, number> = { 0: 0, 1: 5, 2: 7, 3: 8, 4: 9, 5: 10, 7: 10 };

describe('CRS A. core / human capital factors', () => {
  for (const [age, [w, wo]] of Object.entries(AGE)) {
    it(`age ${age}: ${w} with spouse, ${wo} without`, () => {
      expect(bd(withSpouse({ age: Number(age) })).core?.age ?? 0).toBe(w);
      expect(bd(profile({ age: Number(age) })).core?.age ?? 0).toBe(wo);
    });
  }
  for (const [edu, [w, wo]] of Object.entries(EDUCATION)) {
    it(`education ${edu}: ${w} / ${wo}`, () => {
      expect(bd(withSpouse({ education: edu as never })).core?.education ?? 0).toBe(w);
      expect(bd(profile({ education: edu as never })).core?.education ?? 0).toBe(wo);
    });
  }
  for (const [level, [w, wo]] of Object.entries(FIRST_LANGUAGE)) {
    it(`first official language CLB ${level}: ${w} / ${wo} per ability`, () => {
      const a = bd(withSpouse({ firstLanguage: clb(Number(level)) })).core?.firstLanguage ?? {};
      const b = bd(profile({ firstLanguage: clb(Number(level)) })).core?.firstLanguage ?? {};
      for (const ability of ['listening', 'reading', 'writing', 'speaking']) {
        expect(a[ability] ?? 0).toBe(w);
        expect(b[ability] ?? 0).toBe(wo);
      }
    });
  }
  for (const [level, pts] of Object.entries(SECOND_LANGUAGE)) {
    it(`second official language NCLC ${level}: ${pts} per ability (before the cap)`, () => {
      const b = bd(profile({ firstLanguage: clb(0), secondLanguage: clb(Number(level), 'NCLC') })).core?.secondLanguage ?? {};
      expect(b.listening ?? 0).toBe(pts);
      expect(b.speaking ?? 0).toBe(pts);
    });
  }
  it('second official language is capped at 22 with a spouse and 24 without', () => {
    expect(sum(bd(withSpouse({ secondLanguage: clb(10, 'NCLC') })).core?.secondLanguage)).toBe(22);
    expect(sum(bd(profile({ secondLanguage: clb(10, 'NCLC') })).core?.secondLanguage)).toBe(24);
  });
  for (const [years, [w, wo]] of Object.entries(CANADIAN_WORK)) {
    it(`Canadian work ${years} year(s): ${w} / ${wo}`, () => {
      expect(bd(withSpouse({ canadianWorkYears: Number(years) })).core?.canadianWork ?? 0).toBe(w);
      expect(bd(profile({ canadianWorkYears: Number(years) })).core?.canadianWork ?? 0).toBe(wo);
    });
  }
});

describe('CRS B. spouse or common-law partner factors', () => {
  for (const [edu, pts] of Object.entries(SPOUSE_EDUCATION)) {
    it(`spouse education ${edu}: ${pts}`, () => {
      expect(crs(withSpouse({}, { education: edu as never, language: null, canadianWorkYears: 0 })).spouse).toBe(pts);
    });
  }
  for (const [level, pts] of Object.entries(SPOUSE_LANGUAGE)) {
    it(`spouse language CLB ${level}: ${pts} per ability`, () => {
      expect(crs(withSpouse({}, { education: 'none', language: clb(Number(level)), canadianWorkYears: 0 })).spouse).toBe(pts * 4);
    });
  }
  for (const [years, pts] of Object.entries(SPOUSE_WORK)) {
    it(`spouse Canadian work ${years} year(s): ${pts}`, () => {
      expect(crs(withSpouse({}, { education: 'none', language: null, canadianWorkYears: Number(years) })).spouse).toBe(pts);
    });
  }
  it('the spouse counts only when accompanying and not a Canadian citizen or PR: otherwise the "without spouse" columns apply', () => {
    const spouse = { education: 'masters' as const, language: clb(9), canadianWorkYears: 3 };
    const counted = crs(withSpouse({ age: 29, education: 'bachelors' }, spouse));
    expect(counted.core).toBe(100 + 112);
    expect(counted.spouse).toBe(10 + 20 + 8);
    for (const over of [{ spouseAccompanying: false }, { spouseIsCanadianOrPR: true }, { hasSpouse: false }]) {
      const r = crs(withSpouse({ age: 29, education: 'bachelors', ...over }, spouse));
      expect(r.core).toBe(110 + 120);
      expect(r.spouse).toBe(0);
    }
  });
});

describe('CRS C. skill transferability', () => {
  // [education, first-language level, Canadian years, foreign years, certificate] -> expected sub-scores
  const cases: Array<{ name: string; p: Partial<ProfileInput>; education: number; foreign: number; cert: number }> = [
    { name: 'one-year credential, CLB 7', p: { education: 'one_year', firstLanguage: clb(7) }, education: 13, foreign: 0, cert: 0 },
    { name: 'one-year credential, CLB 9', p: { education: 'one_year', firstLanguage: clb(9) }, education: 25, foreign: 0, cert: 0 },
    { name: "master's, CLB 7", p: { education: 'masters', firstLanguage: clb(7) }, education: 25, foreign: 0, cert: 0 },
    { name: "master's, CLB 9", p: { education: 'masters', firstLanguage: clb(9) }, education: 50, foreign: 0, cert: 0 },
    { name: 'secondary only, CLB 9: no education combination', p: { education: 'secondary', firstLanguage: clb(9) }, education: 0, foreign: 0, cert: 0 },
    {
      name: 'bachelor, CLB 6, 1 Canadian year',
      p: { education: 'bachelors', firstLanguage: clb(6), canadianWorkYears: 1 },
      education: 13,
      foreign: 0,
      cert: 0,
    },
    {
      name: 'bachelor, CLB 6, 2 Canadian years',
      p: { education: 'bachelors', firstLanguage: clb(6), canadianWorkYears: 2 },
      education: 25,
      foreign: 0,
      cert: 0,
    },
    { name: 'PhD, CLB 6, 1 Canadian year', p: { education: 'doctoral', firstLanguage: clb(6), canadianWorkYears: 1 }, education: 25, foreign: 0, cert: 0 },
    {
      name: 'PhD, CLB 9, 2 Canadian years: education family capped at 50',
      p: { education: 'doctoral', firstLanguage: clb(9), canadianWorkYears: 2 },
      education: 50,
      foreign: 0,
      cert: 0,
    },
    { name: '1 foreign year, CLB 7', p: { foreignWorkYears: 1, firstLanguage: clb(7) }, education: 0, foreign: 13, cert: 0 },
    { name: '2 foreign years, CLB 9', p: { foreignWorkYears: 2, firstLanguage: clb(9) }, education: 0, foreign: 25, cert: 0 },
    { name: '3 foreign years, CLB 7', p: { foreignWorkYears: 3, firstLanguage: clb(7) }, education: 0, foreign: 25, cert: 0 },
    { name: '3 foreign years, CLB 9', p: { foreignWorkYears: 3, firstLanguage: clb(9) }, education: 0, foreign: 50, cert: 0 },
    {
      name: '1 foreign year, CLB 6, 1 Canadian year',
      p: { foreignWorkYears: 1, firstLanguage: clb(6), canadianWorkYears: 1 },
      education: 0,
      foreign: 13,
      cert: 0,
    },
    {
      name: '1 foreign year, CLB 6, 2 Canadian years',
      p: { foreignWorkYears: 1, firstLanguage: clb(6), canadianWorkYears: 2 },
      education: 0,
      foreign: 25,
      cert: 0,
    },
    {
      name: '3 foreign years, CLB 6, 1 Canadian year',
      p: { foreignWorkYears: 3, firstLanguage: clb(6), canadianWorkYears: 1 },
      education: 0,
      foreign: 25,
      cert: 0,
    },
    {
      name: '3 foreign years, CLB 9, 2 Canadian years: foreign family capped at 50',
      p: { foreignWorkYears: 3, firstLanguage: clb(9), canadianWorkYears: 2 },
      education: 0,
      foreign: 50,
      cert: 0,
    },
    { name: 'certificate, CLB 5', p: { certificateOfQualification: true, firstLanguage: clb(5) }, education: 0, foreign: 0, cert: 25 },
    { name: 'certificate, CLB 7', p: { certificateOfQualification: true, firstLanguage: clb(7) }, education: 0, foreign: 0, cert: 50 },
    { name: 'certificate, CLB 4', p: { certificateOfQualification: true, firstLanguage: clb(4) }, education: 0, foreign: 0, cert: 0 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = bd(profile(c.p)).skillTransferability ?? {};
      expect(sum(r.education)).toBe(c.education);
      expect(sum(r.foreignWork)).toBe(c.foreign);
      expect(r.certificate ?? 0).toBe(c.cert);
    });
  }
  it('is capped at 100 in all', () => {
    const r = crs(profile({ education: 'masters', firstLanguage: clb(10), canadianWorkYears: 3, foreignWorkYears: 3, certificateOfQualification: true }));
    expect(r.skillTransferability).toBe(100);
    expect(r.capsApplied.map((c) => c.ruleId)).toContain('crs.transfer.cap');
  });
  it('a mixed language result takes the lowest ability for the combination band', () => {
    const lang = { test: 'CLB', listening: 9, reading: 9, writing: 9, speaking: 8 } as ProfileInput['firstLanguage'];
    expect(sum(bd(profile({ education: 'masters', firstLanguage: lang })).skillTransferability?.education)).toBe(25);
  });
});

describe('CRS D. additional points', () => {
  it('sibling in Canada: 15', () => expect(crs(profile({ siblingInCanada: true })).additional).toBe(15));
  it('Canadian education: 1-2 years 15, 3+ years 30', () => {
    expect(crs(profile({ canadianEducation: 'one_or_two_year' })).additional).toBe(15);
    expect(crs(profile({ canadianEducation: 'three_or_more' })).additional).toBe(30);
  });
  it('provincial nomination: 600', () => expect(crs(profile({ provincialNomination: true })).additional).toBe(600));
  it('French: NCLC 7+ with no or weak English 25, with CLB 5+ English 50, NCLC 6 nothing', () => {
    expect(crs(profile({ firstLanguage: clb(7, 'NCLC') })).additional).toBe(25);
    expect(crs(profile({ firstLanguage: clb(7, 'NCLC'), secondLanguage: clb(4) })).additional).toBe(25);
    expect(crs(profile({ firstLanguage: clb(7, 'NCLC'), secondLanguage: clb(5) })).additional).toBe(50);
    expect(crs(profile({ firstLanguage: clb(9), secondLanguage: clb(7, 'NCLC') })).additional).toBe(50);
    expect(crs(profile({ firstLanguage: clb(9), secondLanguage: clb(6, 'NCLC') })).additional).toBe(0);
    const oneWeak = { test: 'NCLC', listening: 9, reading: 9, writing: 9, speaking: 6 } as ProfileInput['firstLanguage'];
    expect(crs(profile({ firstLanguage: oneWeak })).additional).toBe(0);
  });
  it('arranged employment: 200 (NOC 00) and 50 (other) up to 2025-03-24, nothing from 2025-03-25', () => {
    expect(crs(profile({ arrangedEmployment: 'noc_00' }), '2025-03-24').additional).toBe(200);
    expect(crs(profile({ arrangedEmployment: 'other' }), '2025-03-24').additional).toBe(50);
    expect(crs(profile({ arrangedEmployment: 'noc_00' }), '2025-03-25').additional).toBe(0);
    expect(crs(profile({ arrangedEmployment: 'other' }), '2025-03-25').additional).toBe(0);
    const before = crs(profile({ arrangedEmployment: 'noc_00' }), '2025-03-24');
    const after = crs(profile({ arrangedEmployment: 'noc_00' }), '2025-03-25');
    // On 2025-03-24 the dated NOC 2021 version (5) decides; the undated first encoding (1) is superseded.
    expect(before.rulesApplied.find((r) => r.ruleId === 'crs.additional.arranged_employment')?.version).toBe(5);
    expect(after.rulesApplied.find((r) => r.ruleId === 'crs.additional.arranged_employment')?.version).toBe(2);
    expect(before.rulesVersion).not.toBe(after.rulesVersion);
  });
  it('additional points are capped at 600', () => {
    expect(crs(profile({ provincialNomination: true, siblingInCanada: true, canadianEducation: 'three_or_more' })).additional).toBe(600);
  });
});

describe('CRS worked profiles (totals computed by hand)', () => {
  it("the issue's sample profile scores 473", () => {
    // IELTS L8 R7 W7 S7 = CLB 9 in all four. With spouse: age 29 -> 100, bachelor's -> 112,
    // CLB 9 -> 29 x 4 = 116, 1 Canadian year -> 35: core 363. Spouse: master's 10, CLB 7 -> 3 x 4 = 12,
    // no Canadian work: 22. Transferability: bachelor's + CLB 9 = 25, bachelor's + 1 Canadian year = 13
    // (education family 38); 3 foreign years + CLB 9 = 50, + 1 Canadian year = 25, family capped at 50:
    // 88. Total 363 + 22 + 88 = 473.
    const r = crs(
      withSpouse(
        {
          age: 29,
          education: 'bachelors',
          firstLanguage: { test: 'IELTS_GENERAL', listening: 8, reading: 7, writing: 7, speaking: 7 },
          canadianWorkYears: 1,
          foreignWorkYears: 3,
        },
        { education: 'masters', language: clb(7), canadianWorkYears: 0 },
      ),
    );
    expect({ total: r.total, core: r.core, spouse: r.spouse, skillTransferability: r.skillTransferability, additional: r.additional }).toEqual({
      total: 473,
      core: 363,
      spouse: 22,
      skillTransferability: 88,
      additional: 0,
    });
  });
  it('a single francophone PhD with a nomination scores 1099', () => {
    // Without spouse: age 31 -> 99, doctoral -> 150, NCLC 10 -> 34 x 4 = 136, 3 Canadian years -> 64:
    // core 449. Transferability: PhD + NCLC 10 = 50, PhD + 2+ Canadian years = 50 -> capped 50; no
    // foreign work: 50. Additional: French NCLC 7+ without English 25, PNP 600 -> capped at 600.
    // Total 449 + 50 + 600 = 1099.
    const r = crs(profile({ age: 31, education: 'doctoral', firstLanguage: clb(10, 'NCLC'), canadianWorkYears: 3, provincialNomination: true }));
    expect(r.core).toBe(449);
    expect(r.skillTransferability).toBe(50);
    expect(r.additional).toBe(600);
    expect(r.total).toBe(1099);
  });
});
