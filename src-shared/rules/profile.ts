/**
 * The candidate profile for CRS, FSW and what-if: ONE zod schema, used by the CLI (--profile FILE),
 * the IPC contract and the UI's form. Errors name the field ("firstLanguage.listening: ...").
 */
import { z } from 'zod';
import { ABILITIES, TEST_TABLES, type TestCode } from './language';

export const EDUCATION_LEVELS = ['none', 'secondary', 'one_year', 'two_year', 'bachelors', 'two_or_more', 'masters', 'doctoral'] as const;
export type Education = (typeof EDUCATION_LEVELS)[number];
export const CANADIAN_EDUCATION = ['none', 'one_or_two_year', 'three_or_more'] as const;
const TESTS = Object.keys(TEST_TABLES) as [TestCode, ...TestCode[]];

const education = z.enum(EDUCATION_LEVELS, {
  error: () => `must be one of ${EDUCATION_LEVELS.join(', ')}`,
});

export const languageSchema = z
  .object({
    test: z.enum(TESTS, { error: () => `must be one of ${TESTS.join(', ')}` }),
    listening: z.number(),
    reading: z.number(),
    writing: z.number(),
    speaking: z.number(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const t = TEST_TABLES[v.test];
    for (const a of ABILITIES) {
      const { min, max, step } = t.range[a];
      const s = v[a];
      const onStep = Math.abs(s / step - Math.round(s / step)) < 1e-9;
      if (!(s >= min && s <= max) || !onStep) {
        ctx.addIssue({
          code: 'custom',
          path: [a],
          message: `${v.test} ${a} scores are ${min} to ${max}${step !== 1 ? ` in steps of ${step}` : ' (whole numbers)'}; got ${s}`,
        });
      }
    }
  });

const years = (max = 60) => z.number().int('must be a whole number of years').min(0, 'cannot be negative').max(max);
const yesOrYears = z.union([z.boolean(), years()]);

export const profileSchema = z
  .object({
    age: z.number().int('must be a whole number').min(0, 'cannot be under 0').max(120, 'is not a plausible age'),
    hasSpouse: z.boolean().default(false),
    spouseAccompanying: z.boolean().default(false),
    spouseIsCanadianOrPR: z.boolean().default(false),
    education,
    canadianEducation: z.enum(CANADIAN_EDUCATION, { error: () => `must be one of ${CANADIAN_EDUCATION.join(', ')}` }).default('none'),
    firstLanguage: languageSchema,
    secondLanguage: languageSchema.nullable().default(null),
    canadianWorkYears: years(),
    foreignWorkYears: years().default(0),
    certificateOfQualification: z.boolean().default(false),
    siblingInCanada: z.boolean().default(false),
    provincialNomination: z.boolean().default(false),
    arrangedEmployment: z.enum(['none', 'noc_00', 'other'], { error: () => 'must be none, noc_00 or other' }).default('none'),
    spouse: z
      .object({
        education: education.default('none'),
        language: languageSchema.nullable().default(null),
        canadianWorkYears: years().default(0),
      })
      .strict()
      .nullable()
      .default(null),
    // FSW-only facts (optional). A yes-or-years answer: true means the requirement is met as the
    // regulation words it (study: two academic years of full-time study in a program of two years or
    // more, s. 83(3); work: one year of full-time work, s. 83(4)); a number is years; false or 0 is no.
    // When left out, work falls back to the CRS Canadian work years; study has no fallback.
    fswWorkYears: years().optional(),
    arrangedEmploymentFsw: z.boolean().optional(),
    studiedInCanada: yesOrYears.optional(),
    spouseStudiedInCanada: yesOrYears.optional(),
    workedInCanada: yesOrYears.optional(),
    spouseWorkedInCanada: yesOrYears.optional(),
    relativeInCanada: z.boolean().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.secondLanguage && TEST_TABLES[p.secondLanguage.test].language === TEST_TABLES[p.firstLanguage.test].language) {
      ctx.addIssue({ code: 'custom', path: ['secondLanguage', 'test'], message: 'the second official language must be the other one (English and French)' });
    }
  });

export type Profile = z.output<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;

export type ProfileResult = { ok: true; profile: Profile } | { ok: false; message: string };

export function parseProfile(input: unknown): ProfileResult {
  const r = profileSchema.safeParse(input);
  if (r.success) return { ok: true, profile: r.data };
  return { ok: false, message: r.error.issues.map((i) => `${i.path.map(String).join('.') || 'profile'}: ${i.message}`).join('; ') };
}
