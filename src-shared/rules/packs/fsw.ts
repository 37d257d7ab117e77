/**
 * Federal Skilled Worker Program selection grid (67 points) and minimum requirements, as rule data.
 * Source: Immigration and Refugee Protection Regulations, SOR/2002-227, ss. 75 and 78 to 83
 * (https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/), and IRCC, "Six selection factors –
 * Federal Skilled Worker Program" (https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/eligibility/federal-skilled-workers/six-selection-factors-federal-skilled-workers.html).
 *
 * s. 83(1) (adaptability) has five paragraphs: (a) the accompanying spouse's language, (b) previous
 * study in Canada (the worker's and the accompanying spouse's, detailed in s. 83(3)), (c) previous work
 * in Canada (the worker's 10 points and the spouse's 5, s. 83(4)), (d) a relative in Canada (s. 83(5);
 * the paragraph SOR/2014-140 replaced) and (e) arranged employment points under s. 82(2).
 *
 * The rows' ids are positional (0xf01 upwards in the order of rule() calls) and already sit in every
 * vault: new rules are appended, never inserted, so that an id keeps naming the same rule.
 */
import { SYSTEM_ORG_ID } from '../../schema/tables';
import type { RuleRow, RuleSource } from '../engine';
import { ABILITIES } from '../language';

const IRPR = 'https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/';
const FROM = '2013-05-04T00:00:00.000Z';
const SOURCE: RuleSource = {
  title: 'Immigration and Refugee Protection Regulations (SOR/2002-227), ss. 75 and 78 to 83, the selection grid in force from 4 May 2013',
  url: IRPR,
  date: '2013-05-04',
  note: "s. 83(1) paragraph letters: (d) relatives is confirmed by SOR/2014-140, s. 3 (Canada Gazette Part II, 18 June 2014), (a) and (b) by IRCC's FSW adaptability instructions; (c) and (e) follow from them",
};
const v = (path: string) => ({ var: path });
const cat = (...parts: unknown[]) => ({ cat: parts });

let n = 0;
function rule(partial: Omit<RuleRow, 'version' | 'rule_category' | 'effective_from'> & { section: string }): RuleRow {
  const { section, ...r } = partial;
  n++;
  return {
    id: `00000000-0000-4000-9000-${(0xf00 + n).toString(16).padStart(12, '0')}`,
    version: 1,
    rule_category: 'fsw',
    effective_from: FROM,
    effective_until: null,
    source_url: IRPR,
    source_section: section,
    ...r,
    rule_json: { ...r.rule_json, asOf: '2025-03-25', source: SOURCE },
  };
}

const AGE: Record<string, number> = {
  17: 0,
  18: 12,
  19: 12,
  20: 12,
  21: 12,
  22: 12,
  23: 12,
  24: 12,
  25: 12,
  26: 12,
  27: 12,
  28: 12,
  29: 12,
  30: 12,
  31: 12,
  32: 12,
  33: 12,
  34: 12,
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
};
const EDUCATION = { none: 0, secondary: 5, one_year: 15, two_year: 19, bachelors: 21, two_or_more: 22, masters: 23, doctoral: 25 };

export const FSW_RULES: RuleRow[] = [
  ...ABILITIES.map((a) =>
    rule({
      rule_id: `fsw.language.first.${a}`,
      rule_json: {
        pack: 'fsw',
        kind: 'points',
        group: 'language',
        factor: `first.${a}`,
        label: `First official language: ${a}`,
        explain: cat(`${a} level `, v(`first.${a}`)),
      },
      effects_json: {
        points: {
          band: [
            v(`first.${a}`),
            [
              [9, 6],
              [8, 5],
              [7, 4],
            ],
          ],
        },
      },
      section: 's. 79(2)(a): first official language, per ability (CLB 7: 4, CLB 8: 5, CLB 9+: 6)',
    }),
  ),
  rule({
    rule_id: 'fsw.language.second',
    rule_json: {
      pack: 'fsw',
      kind: 'points',
      group: 'language',
      factor: 'second',
      label: 'Second official language (CLB 5 in all four abilities)',
      explain: cat('second language minimum level ', v('second.min')),
    },
    conditions_json: { and: [v('hasSecond'), { '>=': [v('second.min'), 5] }] },
    effects_json: { points: 4 },
    section: 's. 79(2)(b): second official language',
  }),
  rule({
    rule_id: 'fsw.language.cap',
    rule_json: { pack: 'fsw', kind: 'cap', group: 'language', factor: '', label: 'Language: maximum 28' },
    effects_json: { max: 28 },
    section: 's. 79(2): maximum 28 points',
  }),
  rule({
    rule_id: 'fsw.education',
    rule_json: { pack: 'fsw', kind: 'points', group: 'education', factor: 'education', label: 'Education', explain: cat('education ', v('education')) },
    effects_json: { points: { pick: [v('education'), EDUCATION] } },
    section: 's. 78(2): education, maximum 25 points',
  }),
  rule({
    rule_id: 'fsw.experience',
    rule_json: {
      pack: 'fsw',
      kind: 'points',
      group: 'experience',
      factor: 'experience',
      label: 'Skilled work experience',
      explain: cat('skilled work ', v('fswWork'), ' year(s)'),
    },
    effects_json: {
      points: {
        band: [
          v('fswWork'),
          [
            [6, 15],
            [4, 13],
            [2, 11],
            [1, 9],
          ],
        ],
      },
    },
    section: 's. 80(1): experience, maximum 15 points',
  }),
  rule({
    rule_id: 'fsw.age',
    rule_json: { pack: 'fsw', kind: 'points', group: 'age', factor: 'age', label: 'Age', explain: cat('age ', v('age')) },
    effects_json: { points: { pick: [v('ageKey'), AGE] } },
    section: 's. 81: age, maximum 12 points',
  }),
  rule({
    rule_id: 'fsw.arranged_employment',
    rule_json: { pack: 'fsw', kind: 'points', group: 'arrangedEmployment', factor: 'arrangedEmployment', label: 'Arranged employment in Canada' },
    conditions_json: v('fswArranged'),
    effects_json: { points: 10 },
    section: 's. 82(2): arranged employment, 10 points',
  }),
  ...(
    [
      [
        'spouse_language',
        'spouseLanguage',
        "Spouse's language (CLB 4 in all four abilities)",
        { and: [v('hasSpouseAccompanying'), { '>=': [v('spouse.language.min'), 4] }] },
        5,
        's. 83(1)(a), 83(2)',
      ],
      ['study', 'studiedInCanada', 'Your past study in Canada (two academic years of full-time study)', v('studiedInCanada'), 5, 's. 83(1)(b), 83(3)(a)'],
      [
        'spouse_study',
        'spouseStudiedInCanada',
        "Spouse's past study in Canada (two academic years of full-time study)",
        { and: [v('hasSpouseAccompanying'), v('spouseStudiedInCanada')] },
        5,
        's. 83(1)(b), 83(3)(b)',
      ],
      ['work', 'workedInCanada', 'Your past work in Canada (1 year)', v('workedInCanada'), 10, 's. 83(1)(c), 83(4)(a)'],
      [
        'spouse_work',
        'spouseWorkedInCanada',
        "Spouse's past work in Canada (1 year)",
        { and: [v('hasSpouseAccompanying'), v('spouseWorkedInCanada')] },
        5,
        's. 83(1)(c), 83(4)(b)',
      ],
      ['arranged_employment', 'arrangedEmployment', 'Arranged employment', v('fswArranged'), 5, 's. 83(1)(e)'],
      ['relative', 'relativeInCanada', 'Relative in Canada', v('relativeInCanada'), 5, 's. 83(1)(d), 83(5)'],
    ] as const
  ).map(([id, factor, label, cond, pts, section]) =>
    rule({
      rule_id: `fsw.adaptability.${id}`,
      rule_json: { pack: 'fsw', kind: 'points', group: 'adaptability', factor, label },
      conditions_json: cond,
      effects_json: { points: pts },
      section: `${section}: adaptability`,
    }),
  ),
  rule({
    rule_id: 'fsw.adaptability.cap',
    rule_json: { pack: 'fsw', kind: 'cap', group: 'adaptability', factor: '', label: 'Adaptability: maximum 10' },
    effects_json: { max: 10 },
    section: 's. 83(1): adaptability, maximum 10 points',
  }),
  rule({
    rule_id: 'fsw.requirement.language',
    rule_json: {
      pack: 'fsw',
      kind: 'requirement',
      group: 'requirements',
      factor: 'language',
      label: 'CLB 7 in all four abilities of the first official language',
    },
    conditions_json: { '>=': [v('first.min'), 7] },
    effects_json: { unmet: 'first official language below CLB 7 in at least one ability' },
    section: 's. 75(2)(d): minimum language threshold',
  }),
  rule({
    rule_id: 'fsw.requirement.experience',
    rule_json: {
      pack: 'fsw',
      kind: 'requirement',
      group: 'requirements',
      factor: 'experience',
      label: 'One year of continuous full-time skilled work in the last 10 years',
    },
    conditions_json: { '>=': [v('fswWork'), 1] },
    effects_json: { unmet: 'less than one year of continuous skilled work experience' },
    section: 's. 75(2)(a): minimum work experience',
  }),
  // Appended (see the ids note above). Education is a minimum requirement, not only points.
  rule({
    rule_id: 'fsw.requirement.education',
    rule_json: {
      pack: 'fsw',
      kind: 'requirement',
      group: 'requirements',
      factor: 'education',
      label: 'An educational credential: Canadian, or foreign with an equivalency assessment',
    },
    conditions_json: { '!=': [v('education'), 'none'] },
    effects_json: { unmet: 'no educational credential (a Canadian one, or a foreign one with an equivalency assessment)' },
    section: 's. 75(2)(e): minimum education requirement',
  }),
].map((r) => ({ ...r, org_id: SYSTEM_ORG_ID })) as RuleRow[];

export const FSW_PASS_MARK = 67;
