/**
 * FSW corrections from issue 17, on profiles the project never saw, totals computed by hand from IRPR
 * ss. 75 and 78 to 83: study in Canada needs two academic years of full-time study (s. 83(3)), for the
 * worker and for the spouse; a spouse who is a Canadian citizen or permanent resident does not
 * accompany and earns no adaptability points (s. 83(1)); an educational credential is a minimum
 * requirement (s. 75(2)(e)); an explicit "no" is never replaced by a fallback from the CRS fields; the
 * adaptability rules cite the right paragraph of s. 83(1).
 */
import { describe, expect, it } from 'vitest';
import { calculateFsw } from '../../src-shared/rules/calculators';
import { FSW_RULES } from '../../src-shared/rules/packs/fsw';
import { parseProfile, type Profile, type ProfileInput } from '../../src-shared/rules/profile';

const clb = (l: number, test = 'CLB') => ({ test, listening: l, reading: l, writing: l, speaking: l }) as ProfileInput['firstLanguage'];
function profile(over: Partial<ProfileInput>): Profile {
  const p = parseProfile({ age: 50, education: 'none', firstLanguage: clb(0), canadianWorkYears: 0, ...over });
  if (!p.ok) throw new Error(p.message);
  return p.profile;
}
const fsw = (p: Profile) => calculateFsw(p, { date: '2025-06-01' });
const adaptability = (over: Partial<ProfileInput>) => fsw(profile(over)).factors.adaptability;
const spouse = (over: Partial<NonNullable<ProfileInput['spouse']>> = {}) => ({ education: 'none' as const, language: null, canadianWorkYears: 0, ...over });

describe('FSW adaptability: study in Canada needs two academic years of full-time study', () => {
  it('the worker: 1 year earns nothing, 2 years or "yes, the requirement is met" earn 5', () => {
    expect(adaptability({ studiedInCanada: 1 })).toBe(0);
    expect(adaptability({ studiedInCanada: 2 })).toBe(5);
    expect(adaptability({ studiedInCanada: 4 })).toBe(5);
    expect(adaptability({ studiedInCanada: true })).toBe(5);
  });
  it('the accompanying spouse: the same two years', () => {
    const base = { hasSpouse: true, spouseAccompanying: true, spouse: spouse() };
    expect(adaptability({ ...base, spouseStudiedInCanada: 1 })).toBe(0);
    expect(adaptability({ ...base, spouseStudiedInCanada: 2 })).toBe(5);
  });
  it('a Canadian credential (CRS field) alone is not proof of two academic years', () => {
    expect(adaptability({ canadianEducation: 'one_or_two_year' })).toBe(0);
    expect(adaptability({ canadianEducation: 'three_or_more' })).toBe(0);
  });
});

describe('FSW adaptability: a spouse who is a Canadian citizen or permanent resident does not accompany', () => {
  const strongSpouse = { hasSpouse: true, spouseAccompanying: true, spouse: spouse({ language: clb(5) }), spouseStudiedInCanada: 2, spouseWorkedInCanada: 1 };
  it('earns 5 + 5 + 5 (capped at 10) when not a citizen or PR, nothing when one', () => {
    expect(adaptability({ ...strongSpouse, spouseIsCanadianOrPR: false })).toBe(10);
    expect(adaptability({ ...strongSpouse, spouseIsCanadianOrPR: true })).toBe(0);
  });
  it('decides eligibility: a profile at 76 with the spouse counted falls to 66 when the spouse is a PR', () => {
    // Age 33: 12. Master's: 23. CLB 8 in all four: 5 x 4 = 20. 3 years of skilled work: 11.
    // Spouse CLB 5 in all four (s. 83(1)(a)) 5 + spouse's two years of study (s. 83(3)(b)) 5 = 10.
    // 12 + 23 + 20 + 11 + 10 = 76; without the spouse's points 66, below the pass mark of 67.
    const over = { age: 33, education: 'masters' as const, firstLanguage: clb(8), fswWorkYears: 3, hasSpouse: true, spouseAccompanying: true };
    const counted = fsw(profile({ ...over, spouse: spouse({ language: clb(5) }), spouseStudiedInCanada: 2 }));
    expect(counted).toMatchObject({ total: 76, eligible: true, unmet: [] });
    const pr = fsw(profile({ ...over, spouseIsCanadianOrPR: true, spouse: spouse({ language: clb(5) }), spouseStudiedInCanada: 2 }));
    expect(pr.total).toBe(66);
    expect(pr.factors.adaptability).toBe(0);
    expect(pr.eligible).toBe(false);
  });
});

describe('FSW minimum requirement: an educational credential (s. 75(2)(e))', () => {
  // CLB 10 (6 x 4 = 24) + NCLC 5 second language 4 = 28; 6 years 15; age 30 12; arranged employment 10;
  // adaptability: arranged employment 5 + relative 5 = 10. 28 + 15 + 12 + 10 + 10 = 75 with no education.
  const over = {
    age: 30,
    firstLanguage: clb(10),
    secondLanguage: clb(5, 'NCLC'),
    fswWorkYears: 6,
    arrangedEmploymentFsw: true,
    relativeInCanada: true,
  } as const;
  it('75 points but no credential: not eligible, and the reason is named', () => {
    const r = fsw(profile({ ...over, education: 'none' }));
    expect(r.total).toBe(75);
    expect(r.eligible).toBe(false);
    expect(r.unmet).toEqual([expect.stringMatching(/educational credential/)]);
  });
  it('a secondary-school credential meets it (5 points more: 80)', () => {
    expect(fsw(profile({ ...over, education: 'secondary' }))).toMatchObject({ total: 80, eligible: true, unmet: [] });
  });
});

describe('FSW: an explicit answer is never replaced by a CRS fallback', () => {
  it('workedInCanada: false stays false although the CRS side has 2 Canadian years', () => {
    expect(adaptability({ canadianWorkYears: 2, workedInCanada: false })).toBe(0);
    expect(adaptability({ canadianWorkYears: 2, workedInCanada: 0 })).toBe(0);
    // Unanswered: the CRS Canadian work years (skilled, full-time, authorized) answer it.
    expect(adaptability({ canadianWorkYears: 2 })).toBe(10);
  });
  it("spouseWorkedInCanada: false stays false although the spouse's CRS Canadian work is 3 years", () => {
    const base = { hasSpouse: true, spouseAccompanying: true, spouse: spouse({ canadianWorkYears: 3 }) };
    expect(adaptability({ ...base, spouseWorkedInCanada: false })).toBe(0);
    expect(adaptability(base)).toBe(5);
  });
  it('studiedInCanada: false stays false beside a three-year Canadian credential', () => {
    expect(adaptability({ canadianEducation: 'three_or_more', studiedInCanada: false })).toBe(0);
  });
});

describe('FSW adaptability citations follow s. 83(1): (a) spouse language, (b) study, (c) work, (d) relatives, (e) arranged employment', () => {
  const section = (id: string) => FSW_RULES.find((r) => r.rule_id === `fsw.adaptability.${id}`)?.source_section ?? '';
  it.each([
    ['spouse_language', 's. 83(1)(a)'],
    ['study', 's. 83(1)(b), 83(3)(a)'],
    ['spouse_study', 's. 83(1)(b), 83(3)(b)'],
    ['work', 's. 83(1)(c), 83(4)(a)'],
    ['spouse_work', 's. 83(1)(c), 83(4)(b)'],
    ['relative', 's. 83(1)(d), 83(5)'],
    ['arranged_employment', 's. 83(1)(e)'],
  ])('%s cites %s', (id, cite) => expect(section(id).startsWith(cite)).toBe(true));
});
