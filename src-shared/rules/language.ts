/**
 * Language test results to CLB (English) / NCLC (French) levels, per ability, from IRCC's equivalency
 * tables. The tables are data (ranges per level, highest level first); levels below 4 are reported as
 * the highest level the test can show (IELTS/PTE/TEF/TCF below the CLB 4 band -> 3, or 0 for none).
 *
 * Source: IRCC, "Language test equivalency charts" (Express Entry; Canadian Language Benchmarks),
 * https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/documents/language-requirements/language-testing.html
 * and the program delivery instructions "Language testing", as in force on 2025-03-25.
 * TEF Canada: the scale for results on or after 2023-12-11. PTE Core: accepted from 2024-01-08.
 */
/** Where the equivalency tables below come from, and the date they were checked against. */
export const LANGUAGE_SOURCE =
  'https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/documents/language-requirements/language-testing.html (as of 2025-03-25)';

export const ABILITIES = ['listening', 'reading', 'writing', 'speaking'] as const;
export type Ability = (typeof ABILITIES)[number];
export type TestCode = 'CLB' | 'NCLC' | 'IELTS_GENERAL' | 'CELPIP_G' | 'PTE_CORE' | 'TEF_CANADA' | 'TCF_CANADA';
export const ENGLISH_TESTS: readonly TestCode[] = ['CLB', 'IELTS_GENERAL', 'CELPIP_G', 'PTE_CORE'];
export const FRENCH_TESTS: readonly TestCode[] = ['NCLC', 'TEF_CANADA', 'TCF_CANADA'];

/** [level, min score] per ability, highest level first: the level is the first row whose min is met. */
type Thresholds = Record<Ability, Array<[number, number]>>;

export interface TestTable {
  test: TestCode;
  language: 'english' | 'french';
  /** Score range per ability and the step a score must be a multiple of. */
  range: Record<Ability, { min: number; max: number; step: number }>;
  thresholds?: Thresholds;
  source: string;
}

const all = <T>(v: T): Record<Ability, T> => ({ listening: v, reading: v, writing: v, speaking: v });

export const TEST_TABLES: Record<TestCode, TestTable> = {
  CLB: { test: 'CLB', language: 'english', range: all({ min: 0, max: 12, step: 1 }), source: 'Canadian Language Benchmarks levels as reported' },
  NCLC: { test: 'NCLC', language: 'french', range: all({ min: 0, max: 12, step: 1 }), source: 'Niveaux de compétence linguistique canadiens as reported' },
  IELTS_GENERAL: {
    test: 'IELTS_GENERAL',
    language: 'english',
    range: all({ min: 0, max: 9, step: 0.5 }),
    thresholds: {
      listening: [
        [10, 8.5],
        [9, 8.0],
        [8, 7.5],
        [7, 6.0],
        [6, 5.5],
        [5, 5.0],
        [4, 4.5],
      ],
      reading: [
        [10, 8.0],
        [9, 7.0],
        [8, 6.5],
        [7, 6.0],
        [6, 5.0],
        [5, 4.0],
        [4, 3.5],
      ],
      writing: [
        [10, 7.5],
        [9, 7.0],
        [8, 6.5],
        [7, 6.0],
        [6, 5.5],
        [5, 5.0],
        [4, 4.0],
      ],
      speaking: [
        [10, 7.5],
        [9, 7.0],
        [8, 6.5],
        [7, 6.0],
        [6, 5.5],
        [5, 5.0],
        [4, 4.0],
      ],
    },
    source: `IRCC equivalency chart, IELTS General Training, ${LANGUAGE_SOURCE}`,
  },
  CELPIP_G: {
    test: 'CELPIP_G',
    language: 'english',
    // CELPIP-General reports levels 1-12 (and M, reported here as 0); level n is CLB n from 4 to 9, 10-12 is CLB 10.
    range: all({ min: 0, max: 12, step: 1 }),
    thresholds: all([
      [10, 10],
      [9, 9],
      [8, 8],
      [7, 7],
      [6, 6],
      [5, 5],
      [4, 4],
    ] as Array<[number, number]>),
    source: `IRCC equivalency chart, CELPIP-General, ${LANGUAGE_SOURCE}`,
  },
  PTE_CORE: {
    test: 'PTE_CORE',
    language: 'english',
    range: all({ min: 10, max: 90, step: 1 }),
    thresholds: {
      listening: [
        [10, 89],
        [9, 82],
        [8, 71],
        [7, 60],
        [6, 50],
        [5, 39],
        [4, 28],
      ],
      reading: [
        [10, 88],
        [9, 78],
        [8, 69],
        [7, 60],
        [6, 51],
        [5, 42],
        [4, 33],
      ],
      writing: [
        [10, 90],
        [9, 88],
        [8, 79],
        [7, 69],
        [6, 60],
        [5, 51],
        [4, 41],
      ],
      speaking: [
        [10, 89],
        [9, 84],
        [8, 76],
        [7, 68],
        [6, 59],
        [5, 51],
        [4, 42],
      ],
    },
    source: `IRCC equivalency chart, PTE Core, ${LANGUAGE_SOURCE}`,
  },
  TEF_CANADA: {
    test: 'TEF_CANADA',
    language: 'french',
    range: all({ min: 0, max: 699, step: 1 }),
    thresholds: {
      listening: [
        [10, 546],
        [9, 503],
        [8, 462],
        [7, 434],
        [6, 393],
        [5, 352],
        [4, 306],
      ],
      reading: [
        [10, 546],
        [9, 503],
        [8, 462],
        [7, 434],
        [6, 393],
        [5, 352],
        [4, 306],
      ],
      writing: [
        [10, 558],
        [9, 512],
        [8, 472],
        [7, 428],
        [6, 379],
        [5, 330],
        [4, 268],
      ],
      speaking: [
        [10, 556],
        [9, 518],
        [8, 494],
        [7, 456],
        [6, 422],
        [5, 387],
        [4, 328],
      ],
    },
    source: `IRCC equivalency chart, TEF Canada (results on or after 2023-12-11), ${LANGUAGE_SOURCE}`,
  },
  TCF_CANADA: {
    test: 'TCF_CANADA',
    language: 'french',
    range: {
      listening: { min: 0, max: 699, step: 1 },
      reading: { min: 0, max: 699, step: 1 },
      writing: { min: 0, max: 20, step: 1 },
      speaking: { min: 0, max: 20, step: 1 },
    },
    thresholds: {
      listening: [
        [10, 549],
        [9, 523],
        [8, 503],
        [7, 458],
        [6, 398],
        [5, 369],
        [4, 331],
      ],
      reading: [
        [10, 549],
        [9, 524],
        [8, 499],
        [7, 453],
        [6, 406],
        [5, 375],
        [4, 342],
      ],
      writing: [
        [10, 16],
        [9, 14],
        [8, 12],
        [7, 10],
        [6, 7],
        [5, 6],
        [4, 4],
      ],
      speaking: [
        [10, 16],
        [9, 14],
        [8, 12],
        [7, 10],
        [6, 7],
        [5, 6],
        [4, 4],
      ],
    },
    source: `IRCC equivalency chart, TCF Canada, ${LANGUAGE_SOURCE}`,
  },
};

export type LanguageResult = { test: TestCode } & Record<Ability, number>;
export type Levels = Record<Ability, number>;

/** CLB/NCLC level of one ability. Below the lowest band: 3 (a tested level under CLB 4). */
export function levelOf(test: TestCode, ability: Ability, score: number): number {
  const t = TEST_TABLES[test];
  if (!t.thresholds) return Math.floor(score);
  for (const [level, min] of t.thresholds[ability]) if (score >= min) return level;
  return score > t.range[ability].min ? 3 : 0;
}

export function levelsOf(r: LanguageResult): Levels {
  return {
    listening: levelOf(r.test, 'listening', r.listening),
    reading: levelOf(r.test, 'reading', r.reading),
    writing: levelOf(r.test, 'writing', r.writing),
    speaking: levelOf(r.test, 'speaking', r.speaking),
  };
}

export function languageOf(test: TestCode): 'english' | 'french' {
  return TEST_TABLES[test].language;
}

export const minLevel = (l: Levels) => Math.min(l.listening, l.reading, l.writing, l.speaking);
