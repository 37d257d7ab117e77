/**
 * The CRS on the day before and the day each change to the grid took effect (issue 17), on profiles
 * the project never saw. Every expected total is added up by hand in the comment above it from the
 * grids (core / spouse / transferability unchanged since 2015-01-01) and the additional points of the
 * day:
 *   to 2016-11-18  arranged employment 600; no points for Canadian study, French or a sibling
 *   2016-11-19     arranged employment 200 (NOC 00) / 50; Canadian study 15 / 30
 *   2017-06-06     French NCLC 7+: 15 (CLB 4 or less in English) / 30 (CLB 5+); sibling 15
 *   2020-10-27     French 25 / 50
 *   2022-11-16     NOC 2021 (TEER): same points, new classification
 *   2025-03-25     arranged employment removed
 */
import { describe, expect, it } from 'vitest';
import { calculateCrs, BUILT_IN_RULES } from '../../src-shared/rules/calculators';
import { selectInForce } from '../../src-shared/rules/engine';
import { parseProfile, type Profile, type ProfileInput } from '../../src-shared/rules/profile';

const lang = (l: number, test: string) => ({ test, listening: l, reading: l, writing: l, speaking: l }) as ProfileInput['firstLanguage'];
function profile(p: Partial<ProfileInput>): Profile {
  const r = parseProfile({ canadianWorkYears: 0, ...p });
  if (!r.ok) throw new Error(r.message);
  return r.profile;
}
const crs = (p: Profile, date: string) => calculateCrs(p, { date });
const versionOf = (p: Profile, date: string, ruleId: string) => crs(p, date).rulesApplied.find((r) => r.ruleId === ruleId)?.version;

describe('2016-11-19: arranged employment 600 -> 50 / 200, Canadian study 15 / 30', () => {
  // Single, 27: 110. Bachelor's: 120. CLB 8 in all four: 23 x 4 = 92. Core 322.
  // Transferability: bachelor's + CLB 8 (7-8 band) 13; 2 foreign years + CLB 8 13: 26.
  const p = profile({
    age: 27,
    education: 'bachelors',
    firstLanguage: lang(8, 'CLB'),
    foreignWorkYears: 2,
    canadianEducation: 'one_or_two_year',
    arrangedEmployment: 'other',
  });
  it('2016-11-18: 600 for the offer, nothing for the Canadian credential: 322 + 26 + 600 = 948', () => {
    expect(crs(p, '2016-11-18')).toMatchObject({ core: 322, skillTransferability: 26, additional: 600, total: 948 });
  });
  it('2016-11-19: 50 for the offer (NOC 0, A or B) + 15 for a one- or two-year credential: 322 + 26 + 65 = 413', () => {
    expect(crs(p, '2016-11-19')).toMatchObject({ additional: 65, total: 413 });
  });
  it('2016-11-19 with a NOC 00 offer and a three-year credential: 200 + 30 = 230, total 578', () => {
    const senior = profile({ ...p, arrangedEmployment: 'noc_00', canadianEducation: 'three_or_more' });
    expect(crs(senior, '2016-11-18').additional).toBe(600);
    expect(crs(senior, '2016-11-19')).toMatchObject({ additional: 230, total: 578 });
  });
});

describe('2017-06-06: French-language points 15 / 30 and a sibling in Canada 15', () => {
  // Single, 35: 77. Two-year credential: 98. First language NCLC 7 (TEF levels) in all four: 17 x 4 = 68.
  // Second language CLB 5 in all four: 1 x 4 = 4. One Canadian year: 40. Core 287.
  // Transferability: two-year + NCLC 7: 13; two-year + 1 Canadian year: 13: 26.
  const p = profile({
    age: 35,
    education: 'two_year',
    firstLanguage: lang(7, 'NCLC'),
    secondLanguage: lang(5, 'CLB'),
    canadianWorkYears: 1,
    siblingInCanada: true,
  });
  it('2017-06-05: no additional points: 287 + 26 = 313', () => {
    expect(crs(p, '2017-06-05')).toMatchObject({ core: 287, skillTransferability: 26, additional: 0, total: 313 });
  });
  it('2017-06-06: French with CLB 5 English 30 + sibling 15: 313 + 45 = 358', () => {
    expect(crs(p, '2017-06-06')).toMatchObject({ additional: 45, total: 358 });
  });
  it('2017-06-06 without an English result: French 15 (+ sibling 15), core 283: 283 + 26 + 30 = 339', () => {
    const frenchOnly = profile({ ...p, secondLanguage: null });
    expect(crs(frenchOnly, '2017-06-05').total).toBe(309);
    expect(crs(frenchOnly, '2017-06-06')).toMatchObject({ additional: 30, total: 339 });
  });
});

describe('2020-10-27: French-language points raised to 25 / 50', () => {
  // With an accompanying spouse, 40: 45. Master's: 126. NCLC 9 in all four: 29 x 4 = 116. Core 287.
  // Spouse: bachelor's 8. Transferability: master's + NCLC 9: 50.
  const p = profile({
    age: 40,
    education: 'masters',
    firstLanguage: lang(9, 'NCLC'),
    hasSpouse: true,
    spouseAccompanying: true,
    spouse: { education: 'bachelors', language: null, canadianWorkYears: 0 },
  });
  it('2020-10-26: French without English 15: 287 + 8 + 50 + 15 = 360', () => {
    expect(crs(p, '2020-10-26')).toMatchObject({ core: 287, spouse: 8, skillTransferability: 50, additional: 15, total: 360 });
  });
  it('2020-10-27: 25: 370', () => {
    expect(crs(p, '2020-10-27')).toMatchObject({ additional: 25, total: 370 });
  });
  it('bilingual (CLB 6 English, 1 x 4 = 4 more core): 30 on 2020-10-26 (379), 50 on 2020-10-27 (399)', () => {
    const bilingual = profile({ ...p, secondLanguage: lang(6, 'CLB') });
    expect(crs(bilingual, '2020-10-26')).toMatchObject({ core: 291, additional: 30, total: 379 });
    expect(crs(bilingual, '2020-10-27')).toMatchObject({ additional: 50, total: 399 });
  });
});

describe('2022-11-16: NOC 2021 / TEER replaces NOC 2011 skill types for arranged employment', () => {
  // Single, 45: 0. Doctoral: 150. CLB 10 in all four: 34 x 4 = 136. Five Canadian years: 80. Core 366.
  // Transferability: PhD + CLB 10 50, PhD + 2+ Canadian years 50, education family capped at 50.
  const base = { age: 45, education: 'doctoral', firstLanguage: lang(10, 'CLB'), canadianWorkYears: 5 } as const;
  const senior = profile({ ...base, arrangedEmployment: 'noc_00' });
  const other = profile({ ...base, arrangedEmployment: 'other' });
  it('the points stay 200 (major group 00) and 50 (other) on both days: 616 and 466', () => {
    for (const day of ['2022-11-15', '2022-11-16']) {
      expect(crs(senior, day)).toMatchObject({ core: 366, skillTransferability: 50, additional: 200, total: 616 });
      expect(crs(other, day)).toMatchObject({ additional: 50, total: 466 });
    }
  });
  it('the version in force changes from the NOC 2011 one to the TEER one', () => {
    const id = 'crs.additional.arranged_employment';
    expect(versionOf(senior, '2022-11-15', id)).toBe(4);
    expect(versionOf(senior, '2022-11-16', id)).toBe(5);
    expect(crs(senior, '2022-11-15').rulesApplied.find((r) => r.ruleId === id)?.reason).toMatch(/NOC 2011/);
    expect(crs(senior, '2022-11-16').rulesApplied.find((r) => r.ruleId === id)?.reason).toMatch(/NOC 2021, TEER/);
  });
});

describe('2025-03-25: arranged employment points removed', () => {
  const other = profile({ age: 45, education: 'doctoral', firstLanguage: lang(10, 'CLB'), canadianWorkYears: 5, arrangedEmployment: 'other' });
  it('466 on 2025-03-24, 416 on 2025-03-25', () => {
    expect(crs(other, '2025-03-24').total).toBe(466);
    expect(crs(other, '2025-03-25')).toMatchObject({ additional: 0, total: 416 });
  });
});

describe('no change after 2025-03-25 is encoded', () => {
  it('the grid of 2026-11-03 is the grid of 2025-03-25 (the high-wage factor is not confirmed by IRCC text)', () => {
    const ids = (day: string) =>
      selectInForce(BUILT_IN_RULES, 'crs', day)
        .map((r) => `${r.rule_id}@${r.version}`)
        .sort();
    expect(ids('2026-11-03')).toEqual(ids('2025-03-25'));
    expect(ids('2026-11-02')).toEqual(ids('2025-03-25'));
  });
});

describe('every CRS version in force on any of these days names its source', () => {
  const days = ['2015-01-01', '2016-11-18', '2016-11-19', '2017-06-06', '2020-10-27', '2022-11-16', '2025-03-25'];
  it.each(days)('%s', (day) => {
    for (const r of selectInForce(BUILT_IN_RULES, 'crs', day)) {
      const s = r.rule_json.source;
      expect(s?.title, r.rule_id).toMatch(/\w/);
      expect(s?.url, r.rule_id).toMatch(/^https:\/\/www\.canada\.ca\//);
      expect(s?.date, r.rule_id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
  it('ids and (rule, version) pairs are unique across the built-in packs', () => {
    expect(new Set(BUILT_IN_RULES.map((r) => r.id)).size).toBe(BUILT_IN_RULES.length);
    expect(new Set(BUILT_IN_RULES.map((r) => `${r.rule_id}@${r.version}`)).size).toBe(BUILT_IN_RULES.length);
  });
});
