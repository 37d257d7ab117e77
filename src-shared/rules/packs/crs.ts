/**
 * The Comprehensive Ranking System as rule data (approved_rules rows of the system org), with its
 * history: each change to the grid is a dated rule version that names its source.
 *
 * Core, spouse and skill-transferability grids: unchanged since the Ministerial Instructions Respecting
 * the Express Entry System came into force on 2015-01-01 (IRCC, "Comprehensive Ranking System (CRS)
 * criteria – Express Entry"). Additional points changed on:
 *   2016-11-19  arranged employment 600 -> 200 (NOC major group 00) / 50 (other 0, A, B); Canadian study 15 / 30
 *   2017-06-06  French-language points 15 / 30; brother or sister in Canada 15
 *   2020-10-27  French-language points raised to 25 / 50
 *   2022-11-16  NOC 2021: arranged employment by TEER (TEER 0 major group 00: 200; other TEER 0-3: 50)
 *   2025-03-25  arranged employment points removed
 * No change after 2025-03-25 is encoded: the high-wage occupation factor that secondary sources date
 * 2026-11-03 could not be confirmed from IRCC's own text (see the project's notes on issue 17).
 *
 * Versions already published (the rows made by rule(), ids 0xc01 upwards in call order) are never
 * edited in what they compute, only corrected by later versions: saved calculations replay under
 * exactly the versions they used, and a vault seeded earlier keeps those rows. Dated versions added
 * since (dated()) take ids derived from their rule id and version. For a date, the engine picks the
 * highest version in force, so a correction needs only a higher version covering the dates it fixes.
 */
import { SYSTEM_ORG_ID } from '../../schema/tables';
import type { Logic, RuleRow, RuleSource } from '../engine';
import { ABILITIES } from '../language';

export const CRS_SOURCE = 'https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/check-score/crs-criteria.html';
const FROM = '2015-01-01T00:00:00.000Z';
const AS_OF = '2025-03-25';
const MI_PAGES =
  'https://www.canada.ca/en/immigration-refugees-citizenship/corporate/mandate/policies-operational-instructions-agreements/ministerial-instructions/express-entry-application-management-system';

/** The sources of each version (title, address, date), as read for issue 17. */
export const CRS_SOURCES = {
  grid2015: {
    title:
      'Ministerial Instructions Respecting the Express Entry System (Canada Gazette, Part I, 1 December 2014), in force 1 January 2015; grids as published in IRCC, "Comprehensive Ranking System (CRS) criteria – Express Entry"',
    url: CRS_SOURCE,
    date: '2014-12-01',
  },
  before2016: {
    title:
      'ARCHIVED – Ministerial Instructions for the Express Entry Application Management System – May 30, 2015 to November 18, 2016 (600 points for a qualifying offer of arranged employment)',
    url: `${MI_PAGES}/30-may-2015-18-november-2016.html`,
    date: '2015-05-30',
  },
  mi2016: {
    title:
      'Ministerial Instructions Amending the Ministerial Instructions Respecting the Express Entry System, 2016-1 (Ottawa, 21 October 2016; Canada Gazette, Part I, Vol. 150, No. 46, 12 November 2016), in force 19 November 2016',
    url: `${MI_PAGES}/30-may-2015-18-november-2016.html`,
    date: '2016-11-12',
    note: "IRCC's notice on the archived page lists the changes in force 19 November 2016: 50 points for an offer in NOC 0, A or B, 200 for NOC major group 00; 15 points for a one- or two-year Canadian credential, 30 for three years or longer, a master's, professional or doctoral degree",
  },
  mi2017: {
    title:
      'Ministerial Instructions Amending the Ministerial Instructions Respecting the Express Entry System, 2017-1 (Ottawa, 29 May 2017), in force 6 June 2017',
    url: `${MI_PAGES}/amending-express-entry-system-2017.html`,
    date: '2017-05-29',
    note: 'in-force date read in the instrument; the amounts (NCLC 7 in all four French abilities: 15 with CLB 4 or less or no English, 30 with CLB 5 or more in all four; sibling 15) read in IRCC announcements of 2017, the section of the instrument itself was not seen',
  },
  french2020: {
    title:
      'IRCC news release "Additional points in Express Entry to increase Francophone immigration outside Quebec" (Ottawa, 27 October 2020): 15 to 25 and 30 to 50; current text in the Ministerial Instructions Respecting the Express Entry System',
    url: `${MI_PAGES}/current.html`,
    date: '2020-10-27',
    note: 'Date settled at 27 October 2020 from IRCC\'s release, which announces the change that day. The amending Ministerial Instructions of 2020 were not available to read; "as of October 20, 2020" was found only on a consultant\'s page quoting the same release, in no IRCC text.',
  },
  noc2021: {
    title: 'IRCC, Program delivery update: transition to NOC 2021 (TEER) on 16 November 2022',
    url: 'https://www.canada.ca/en/immigration-refugees-citizenship/corporate/publications-manuals/operational-bulletins-manuals/updates/2022-noc.html',
    date: '2022-11-16',
    note: 'points unchanged: 200 for TEER 0 major group 00, 50 for another qualifying offer in TEER 0, 1, 2 or 3',
  },
  mi2025: {
    title:
      'Ministerial Instructions Respecting the Express Entry System, version in force 25 March 2025 (the section awarding points for arranged employment removed)',
    url: `${MI_PAGES}/current.html`,
    date: '2025-03-25',
  },
} satisfies Record<string, RuleSource>;

/** A deterministic id for a dated version, apart from the positional ids (9001 vs 9000 in the fourth group). */
function stableId(key: string): string {
  const fnv = (seed: number) => {
    let h = seed;
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  };
  const hex = (fnv(0x811c9dc5).toString(16).padStart(8, '0') + fnv(0x01000193).toString(16).padStart(8, '0')).slice(0, 12);
  return `00000000-0000-4000-9001-${hex}`;
}

const at = (day: string) => `${day}T00:00:00.000Z`;

/** A dated version of a rule: in force from `from` (inclusive) until `until` (exclusive), with its source. */
function dated(r: {
  rule_id: string;
  version: number;
  from: string;
  until?: string;
  rule_json: Omit<RuleRow['rule_json'], 'pack' | 'kind' | 'source'> & { kind?: RuleRow['rule_json']['kind'] };
  conditions_json?: RuleRow['conditions_json'];
  effects_json: RuleRow['effects_json'];
  source: RuleSource;
  section: string;
}): RuleRow {
  return {
    id: stableId(`${r.rule_id}@${r.version}`),
    rule_id: r.rule_id,
    version: r.version,
    rule_category: 'crs',
    effective_from: at(r.from),
    effective_until: r.until ? at(r.until) : null,
    source_url: r.source.url,
    source_section: r.section,
    rule_json: { pack: 'crs', kind: 'points', ...r.rule_json, asOf: r.from, source: r.source },
    conditions_json: r.conditions_json,
    effects_json: r.effects_json,
  };
}

/** What a first-encoded version that later versions correct says about itself. */
const SUPERSEDED: RuleSource = {
  ...CRS_SOURCES.grid2015,
  note: 'first encoding, dated 2015-01-01 for want of history; every date it covers is decided by a later, dated version of this rule. Kept unchanged so that calculations saved under it replay.',
};
const v = (path: string) => ({ var: path });
const bySpouse = (withSpouse: Logic, without: Logic) => ({ if: [v('spouseCounts'), withSpouse, without] });

let n = 0;
function rule(
  partial: Omit<RuleRow, 'version' | 'rule_category' | 'effective_from'> & { version?: number; effective_from?: string; section: string },
): RuleRow {
  const { section, ...r } = partial;
  n++;
  return {
    id: `00000000-0000-4000-9000-${(0xc00 + n).toString(16).padStart(12, '0')}`,
    version: 1,
    rule_category: 'crs',
    effective_from: FROM,
    effective_until: null,
    source_url: CRS_SOURCE,
    source_section: section,
    ...r,
    rule_json: { source: CRS_SOURCES.grid2015, ...r.rule_json, asOf: AS_OF },
  };
}

const AGE_WITH: Record<string, number> = {
  17: 0,
  18: 90,
  19: 95,
  20: 100,
  21: 100,
  22: 100,
  23: 100,
  24: 100,
  25: 100,
  26: 100,
  27: 100,
  28: 100,
  29: 100,
  30: 95,
  31: 90,
  32: 85,
  33: 80,
  34: 75,
  35: 70,
  36: 65,
  37: 60,
  38: 55,
  39: 50,
  40: 45,
  41: 35,
  42: 25,
  43: 15,
  44: 5,
};
const AGE_WITHOUT: Record<string, number> = {
  17: 0,
  18: 99,
  19: 105,
  20: 110,
  21: 110,
  22: 110,
  23: 110,
  24: 110,
  25: 110,
  26: 110,
  27: 110,
  28: 110,
  29: 110,
  30: 105,
  31: 99,
  32: 94,
  33: 88,
  34: 83,
  35: 77,
  36: 72,
  37: 66,
  38: 61,
  39: 55,
  40: 50,
  41: 39,
  42: 28,
  43: 17,
  44: 6,
};
const EDU_WITH = { none: 0, secondary: 28, one_year: 84, two_year: 91, bachelors: 112, two_or_more: 119, masters: 126, doctoral: 140 };
const EDU_WITHOUT = { none: 0, secondary: 30, one_year: 90, two_year: 98, bachelors: 120, two_or_more: 128, masters: 135, doctoral: 150 };
const FIRST_LANG_WITH: Array<[number, number]> = [
  [10, 32],
  [9, 29],
  [8, 22],
  [7, 16],
  [6, 8],
  [4, 6],
];
const FIRST_LANG_WITHOUT: Array<[number, number]> = [
  [10, 34],
  [9, 31],
  [8, 23],
  [7, 17],
  [6, 9],
  [4, 6],
];
const SECOND_LANG: Array<[number, number]> = [
  [9, 6],
  [7, 3],
  [5, 1],
];
const CDN_WORK_WITH = { 0: 0, 1: 35, 2: 46, 3: 56, 4: 63, 5: 70 };
const CDN_WORK_WITHOUT = { 0: 0, 1: 40, 2: 53, 3: 64, 4: 72, 5: 80 };
const SPOUSE_EDU = { none: 0, secondary: 2, one_year: 6, two_year: 7, bachelors: 8, two_or_more: 9, masters: 10, doctoral: 10 };
const SPOUSE_LANG: Array<[number, number]> = [
  [9, 5],
  [7, 3],
  [5, 1],
];
const SPOUSE_WORK = { 0: 0, 1: 5, 2: 7, 3: 8, 4: 9, 5: 10 };

const cat = (...parts: unknown[]) => ({ cat: parts });

export const CRS_RULES: RuleRow[] = [
  // A. Core / human capital factors
  rule({
    rule_id: 'crs.core.age',
    rule_json: {
      pack: 'crs',
      kind: 'points',
      group: 'core',
      factor: 'age',
      label: 'Age',
      explain: cat('age ', v('age'), ' (', bySpouse('with spouse', 'without spouse'), ')'),
    },
    effects_json: { points: bySpouse({ pick: [v('ageKey'), AGE_WITH] }, { pick: [v('ageKey'), AGE_WITHOUT] }) },
    section: 'A. Core / human capital factors: age',
  }),
  rule({
    rule_id: 'crs.core.education',
    rule_json: { pack: 'crs', kind: 'points', group: 'core', factor: 'education', label: 'Level of education', explain: cat('education ', v('education')) },
    effects_json: { points: bySpouse({ pick: [v('education'), EDU_WITH] }, { pick: [v('education'), EDU_WITHOUT] }) },
    section: 'A. Core / human capital factors: level of education',
  }),
  ...ABILITIES.map((a) =>
    rule({
      rule_id: `crs.core.first_language.${a}`,
      rule_json: {
        pack: 'crs',
        kind: 'points',
        group: 'core',
        factor: `firstLanguage.${a}`,
        label: `First official language: ${a}`,
        explain: cat(`${a} level `, v(`first.${a}`)),
      },
      effects_json: { points: bySpouse({ band: [v(`first.${a}`), FIRST_LANG_WITH] }, { band: [v(`first.${a}`), FIRST_LANG_WITHOUT] }) },
      section: 'A. Core / human capital factors: official languages proficiency, first official language',
    }),
  ),
  ...ABILITIES.map((a) =>
    rule({
      rule_id: `crs.core.second_language.${a}`,
      rule_json: {
        pack: 'crs',
        kind: 'points',
        group: 'core',
        factor: `secondLanguage.${a}`,
        label: `Second official language: ${a}`,
        explain: cat(`${a} level `, v(`second.${a}`)),
      },
      conditions_json: v('hasSecond'),
      effects_json: { points: { band: [v(`second.${a}`), SECOND_LANG] } },
      section: 'A. Core / human capital factors: official languages proficiency, second official language',
    }),
  ),
  rule({
    rule_id: 'crs.core.second_language.cap',
    rule_json: { pack: 'crs', kind: 'cap', group: 'core', factor: 'secondLanguage', label: 'Second official language: maximum 22 with spouse, 24 without' },
    effects_json: { max: bySpouse(22, 24) },
    section: 'A. Core / human capital factors: second official language maximum',
  }),
  rule({
    rule_id: 'crs.core.canadian_work',
    rule_json: {
      pack: 'crs',
      kind: 'points',
      group: 'core',
      factor: 'canadianWork',
      label: 'Canadian work experience',
      explain: cat('Canadian work ', v('canadianWork'), ' year(s)'),
    },
    effects_json: { points: bySpouse({ pick: [v('canadianWork'), CDN_WORK_WITH] }, { pick: [v('canadianWork'), CDN_WORK_WITHOUT] }) },
    section: 'A. Core / human capital factors: Canadian work experience',
  }),
  // B. Spouse or common-law partner factors
  rule({
    rule_id: 'crs.spouse.education',
    rule_json: {
      pack: 'crs',
      kind: 'points',
      group: 'spouse',
      factor: 'education',
      label: "Spouse's level of education",
      explain: cat('spouse education ', v('spouse.education')),
    },
    conditions_json: v('spouseCounts'),
    effects_json: { points: { pick: [v('spouse.education'), SPOUSE_EDU] } },
    section: 'B. Spouse or common-law partner factors: level of education',
  }),
  ...ABILITIES.map((a) =>
    rule({
      rule_id: `crs.spouse.language.${a}`,
      rule_json: {
        pack: 'crs',
        kind: 'points',
        group: 'spouse',
        factor: `language.${a}`,
        label: `Spouse's first official language: ${a}`,
        explain: cat(`spouse ${a} level `, v(`spouse.language.${a}`)),
      },
      conditions_json: v('spouseCounts'),
      effects_json: { points: { band: [v(`spouse.language.${a}`), SPOUSE_LANG] } },
      section: 'B. Spouse or common-law partner factors: official language proficiency',
    }),
  ),
  rule({
    rule_id: 'crs.spouse.canadian_work',
    rule_json: {
      pack: 'crs',
      kind: 'points',
      group: 'spouse',
      factor: 'canadianWork',
      label: "Spouse's Canadian work experience",
      explain: cat('spouse Canadian work ', v('spouse.canadianWork'), ' year(s)'),
    },
    conditions_json: v('spouseCounts'),
    effects_json: { points: { pick: [v('spouse.canadianWork'), SPOUSE_WORK] } },
    section: 'B. Spouse or common-law partner factors: Canadian work experience',
  }),
  // C. Skill transferability factors
  rule({
    rule_id: 'crs.transfer.education_language',
    rule_json: {
      pack: 'crs',
      kind: 'points',
      group: 'skillTransferability',
      factor: 'education.language',
      label: 'Education + official language proficiency',
      explain: cat('post-secondary ', v('postSecondary'), ', first language ', v('firstLanguageBand')),
    },
    effects_json: {
      points: {
        pick: [cat(v('postSecondary'), ':', v('firstLanguageBand')), { 'one_plus:clb7': 13, 'one_plus:clb9': 25, 'advanced:clb7': 25, 'advanced:clb9': 50 }],
      },
    },
    section: 'C. Skill transferability: education with official language proficiency',
  }),
  rule({
    rule_id: 'crs.transfer.education_canadian_work',
    rule_json: {
      pack: 'crs',
      kind: 'points',
      group: 'skillTransferability',
      factor: 'education.canadianWork',
      label: 'Education + Canadian work experience',
      explain: cat('post-secondary ', v('postSecondary'), ', Canadian work band ', v('canadianWorkBand')),
    },
    effects_json: {
      points: { pick: [cat(v('postSecondary'), ':', v('canadianWorkBand')), { 'one_plus:1': 13, 'one_plus:2': 25, 'advanced:1': 25, 'advanced:2': 50 }] },
    },
    section: 'C. Skill transferability: education with Canadian work experience',
  }),
  rule({
    rule_id: 'crs.transfer.education.cap',
    rule_json: { pack: 'crs', kind: 'cap', group: 'skillTransferability', factor: 'education', label: 'Education combinations: maximum 50' },
    effects_json: { max: 50 },
    section: 'C. Skill transferability: education maximum',
  }),
  rule({
    rule_id: 'crs.transfer.foreign_work_language',
    rule_json: {
      pack: 'crs',
      kind: 'points',
      group: 'skillTransferability',
      factor: 'foreignWork.language',
      label: 'Foreign work experience + official language proficiency',
      explain: cat('foreign work band ', v('foreignWorkBand'), ', first language ', v('firstLanguageBand')),
    },
    effects_json: { points: { pick: [cat(v('foreignWorkBand'), ':', v('firstLanguageBand')), { '1:clb7': 13, '1:clb9': 25, '3:clb7': 25, '3:clb9': 50 }] } },
    section: 'C. Skill transferability: foreign work experience with official language proficiency',
  }),
  rule({
    rule_id: 'crs.transfer.foreign_work_canadian_work',
    rule_json: {
      pack: 'crs',
      kind: 'points',
      group: 'skillTransferability',
      factor: 'foreignWork.canadianWork',
      label: 'Foreign work experience + Canadian work experience',
      explain: cat('foreign work band ', v('foreignWorkBand'), ', Canadian work band ', v('canadianWorkBand')),
    },
    effects_json: { points: { pick: [cat(v('foreignWorkBand'), ':', v('canadianWorkBand')), { '1:1': 13, '1:2': 25, '3:1': 25, '3:2': 50 }] } },
    section: 'C. Skill transferability: foreign work experience with Canadian work experience',
  }),
  rule({
    rule_id: 'crs.transfer.foreign_work.cap',
    rule_json: { pack: 'crs', kind: 'cap', group: 'skillTransferability', factor: 'foreignWork', label: 'Foreign work combinations: maximum 50' },
    effects_json: { max: 50 },
    section: 'C. Skill transferability: foreign work maximum',
  }),
  rule({
    rule_id: 'crs.transfer.certificate_language',
    rule_json: {
      pack: 'crs',
      kind: 'points',
      group: 'skillTransferability',
      factor: 'certificate',
      label: 'Certificate of qualification + official language proficiency',
      explain: cat('certificate of qualification, first language ', v('certificateBand')),
    },
    effects_json: { points: { pick: [v('certificateBand'), { clb5: 25, clb7: 50 }] } },
    section: 'C. Skill transferability: certificate of qualification (trade occupations)',
  }),
  rule({
    rule_id: 'crs.transfer.cap',
    rule_json: { pack: 'crs', kind: 'cap', group: 'skillTransferability', factor: '', label: 'Skill transferability: maximum 100' },
    effects_json: { max: 100 },
    section: 'C. Skill transferability: maximum',
  }),
  // D. Additional points
  rule({
    rule_id: 'crs.additional.sibling',
    rule_json: {
      source: SUPERSEDED,
      pack: 'crs',
      kind: 'points',
      group: 'additional',
      factor: 'sibling',
      label: 'Brother or sister living in Canada (citizen or permanent resident)',
    },
    conditions_json: v('siblingInCanada'),
    effects_json: { points: 15 },
    section: 'D. Additional points: brother or sister in Canada',
  }),
  rule({
    rule_id: 'crs.additional.french',
    rule_json: {
      source: SUPERSEDED,
      pack: 'crs',
      kind: 'points',
      group: 'additional',
      factor: 'french',
      label: 'French-language skills',
      explain: cat('NCLC ', v('frenchMin'), ' in all French abilities, CLB ', v('englishMin'), ' in English'),
    },
    conditions_json: { '>=': [v('frenchMin'), 7] },
    effects_json: { points: { if: [{ '>=': [v('englishMin'), 5] }, 50, 25] } },
    section: 'D. Additional points: French-language skills',
  }),
  rule({
    rule_id: 'crs.additional.canadian_education',
    rule_json: {
      source: SUPERSEDED,
      pack: 'crs',
      kind: 'points',
      group: 'additional',
      factor: 'canadianEducation',
      label: 'Post-secondary education in Canada',
      explain: cat('Canadian credential ', v('canadianEducation')),
    },
    effects_json: { points: { pick: [v('canadianEducation'), { one_or_two_year: 15, three_or_more: 30 }] } },
    section: 'D. Additional points: post-secondary education in Canada',
  }),
  rule({
    rule_id: 'crs.additional.arranged_employment',
    rule_json: {
      source: SUPERSEDED,
      pack: 'crs',
      kind: 'points',
      group: 'additional',
      factor: 'arrangedEmployment',
      label: 'Arranged employment',
      explain: cat('arranged employment ', v('arrangedEmployment')),
    },
    conditions_json: { '!=': [v('arrangedEmployment'), 'none'] },
    effects_json: { points: { pick: [v('arrangedEmployment'), { noc_00: 200, other: 50 }] } },
    effective_until: '2025-03-25T00:00:00.000Z',
    section: 'D. Additional points: arranged employment (NOC TEER 0 major group 00: 200; other: 50)',
  }),
  rule({
    rule_id: 'crs.additional.arranged_employment',
    version: 2,
    effective_from: '2025-03-25T00:00:00.000Z',
    rule_json: {
      source: CRS_SOURCES.mi2025,
      pack: 'crs',
      kind: 'points',
      group: 'additional',
      factor: 'arrangedEmployment',
      label: 'Arranged employment: no longer awarded (removed effective 2025-03-25)',
      explain: cat('arranged employment ', v('arrangedEmployment'), ': 0 points since 2025-03-25'),
    },
    conditions_json: { '!=': [v('arrangedEmployment'), 'none'] },
    effects_json: { points: 0 },
    section: 'D. Additional points: arranged employment removed (IRCC notice, 2025-03-25)',
    source_url: CRS_SOURCES.mi2025.url,
  }),
  rule({
    rule_id: 'crs.additional.provincial_nomination',
    rule_json: { pack: 'crs', kind: 'points', group: 'additional', factor: 'provincialNomination', label: 'Provincial or territorial nomination' },
    conditions_json: v('provincialNomination'),
    effects_json: { points: 600 },
    section: 'D. Additional points: provincial or territorial nomination',
  }),
  rule({
    rule_id: 'crs.additional.cap',
    rule_json: { pack: 'crs', kind: 'cap', group: 'additional', factor: '', label: 'Additional points: maximum 600' },
    effects_json: { max: 600 },
    section: 'D. Additional points: maximum',
  }),
  // ---- Dated versions (history of the additional points) ----
  dated({
    rule_id: 'crs.additional.arranged_employment',
    version: 3,
    from: '2015-01-01',
    until: '2016-11-19',
    rule_json: {
      group: 'additional',
      factor: 'arrangedEmployment',
      label: 'Arranged employment: 600 for a qualifying offer (to 2016-11-18)',
      explain: cat('arranged employment ', v('arrangedEmployment'), ': 600 before 2016-11-19'),
    },
    conditions_json: { '!=': [v('arrangedEmployment'), 'none'] },
    effects_json: { points: 600 },
    source: CRS_SOURCES.before2016,
    section: 'Additional points: qualifying offer of arranged employment, 600 points',
  }),
  dated({
    rule_id: 'crs.additional.arranged_employment',
    version: 4,
    from: '2016-11-19',
    until: '2022-11-16',
    rule_json: {
      group: 'additional',
      factor: 'arrangedEmployment',
      label: 'Arranged employment (NOC 2011): major group 00 200, skill type 0, A or B 50',
      explain: cat('arranged employment ', v('arrangedEmployment'), ' (NOC 2011)'),
    },
    conditions_json: { '!=': [v('arrangedEmployment'), 'none'] },
    effects_json: { points: { pick: [v('arrangedEmployment'), { noc_00: 200, other: 50 }] } },
    source: CRS_SOURCES.mi2016,
    section: 'Additional points: arranged employment, NOC major group 00: 200; other NOC 0, A or B: 50',
  }),
  dated({
    rule_id: 'crs.additional.arranged_employment',
    version: 5,
    from: '2022-11-16',
    until: '2025-03-25',
    rule_json: {
      group: 'additional',
      factor: 'arrangedEmployment',
      label: 'Arranged employment (NOC 2021): TEER 0 major group 00 200, other TEER 0 to 3 50',
      explain: cat('arranged employment ', v('arrangedEmployment'), ' (NOC 2021, TEER)'),
    },
    conditions_json: { '!=': [v('arrangedEmployment'), 'none'] },
    effects_json: { points: { pick: [v('arrangedEmployment'), { noc_00: 200, other: 50 }] } },
    source: CRS_SOURCES.noc2021,
    section: 'Additional points: arranged employment, TEER 0 major group 00: 200; other TEER 0, 1, 2 or 3: 50',
  }),
  dated({
    rule_id: 'crs.additional.canadian_education',
    version: 2,
    from: '2015-01-01',
    until: '2016-11-19',
    rule_json: {
      group: 'additional',
      factor: 'canadianEducation',
      label: 'Post-secondary education in Canada: not a CRS factor before 2016-11-19',
      explain: cat('Canadian credential ', v('canadianEducation'), ': no points before 2016-11-19'),
    },
    conditions_json: { '!=': [v('canadianEducation'), 'none'] },
    effects_json: { points: 0 },
    source: CRS_SOURCES.before2016,
    section: 'Additional points: none for Canadian study before 2016-11-19',
  }),
  dated({
    rule_id: 'crs.additional.canadian_education',
    version: 3,
    from: '2016-11-19',
    rule_json: {
      group: 'additional',
      factor: 'canadianEducation',
      label: 'Post-secondary education in Canada: 1 or 2 years 15, 3 years or more 30',
      explain: cat('Canadian credential ', v('canadianEducation')),
    },
    effects_json: { points: { pick: [v('canadianEducation'), { one_or_two_year: 15, three_or_more: 30 }] } },
    source: CRS_SOURCES.mi2016,
    section: 'Additional points: post-secondary education in Canada',
  }),
  dated({
    rule_id: 'crs.additional.sibling',
    version: 2,
    from: '2015-01-01',
    until: '2017-06-06',
    rule_json: { group: 'additional', factor: 'sibling', label: 'Brother or sister in Canada: not a CRS factor before 2017-06-06' },
    conditions_json: v('siblingInCanada'),
    effects_json: { points: 0 },
    source: CRS_SOURCES.before2016,
    section: 'Additional points: none for a sibling before 2017-06-06',
  }),
  dated({
    rule_id: 'crs.additional.sibling',
    version: 3,
    from: '2017-06-06',
    rule_json: { group: 'additional', factor: 'sibling', label: 'Brother or sister living in Canada (citizen or permanent resident)' },
    conditions_json: v('siblingInCanada'),
    effects_json: { points: 15 },
    source: CRS_SOURCES.mi2017,
    section: 'Additional points: brother or sister in Canada',
  }),
  dated({
    rule_id: 'crs.additional.french',
    version: 2,
    from: '2015-01-01',
    until: '2017-06-06',
    rule_json: {
      group: 'additional',
      factor: 'french',
      label: 'French-language skills: no additional points before 2017-06-06',
      explain: cat('NCLC ', v('frenchMin'), ' in all French abilities: no additional points before 2017-06-06'),
    },
    conditions_json: { '>=': [v('frenchMin'), 7] },
    effects_json: { points: 0 },
    source: CRS_SOURCES.before2016,
    section: 'Additional points: none for French before 2017-06-06',
  }),
  dated({
    rule_id: 'crs.additional.french',
    version: 3,
    from: '2017-06-06',
    until: '2020-10-27',
    rule_json: {
      group: 'additional',
      factor: 'french',
      label: 'French-language skills: NCLC 7+ 15, with CLB 5+ in English 30',
      explain: cat('NCLC ', v('frenchMin'), ' in all French abilities, CLB ', v('englishMin'), ' in English'),
    },
    conditions_json: { '>=': [v('frenchMin'), 7] },
    effects_json: { points: { if: [{ '>=': [v('englishMin'), 5] }, 30, 15] } },
    source: CRS_SOURCES.mi2017,
    section: 'Additional points: French-language skills (15 / 30)',
  }),
  dated({
    rule_id: 'crs.additional.french',
    version: 4,
    from: '2020-10-27',
    rule_json: {
      group: 'additional',
      factor: 'french',
      label: 'French-language skills: NCLC 7+ 25, with CLB 5+ in English 50',
      explain: cat('NCLC ', v('frenchMin'), ' in all French abilities, CLB ', v('englishMin'), ' in English'),
    },
    conditions_json: { '>=': [v('frenchMin'), 7] },
    effects_json: { points: { if: [{ '>=': [v('englishMin'), 5] }, 50, 25] } },
    source: CRS_SOURCES.french2020,
    section: 'Additional points: French-language skills (25 / 50)',
  }),
].map((r) => ({ ...r, org_id: SYSTEM_ORG_ID })) as RuleRow[];
