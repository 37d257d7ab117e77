/**
 * What-if advice in the window's language: every kind of improvement the rules engine can propose has
 * its words in English and French, with exactly the placeholders the engine fills; in French nothing of
 * the engine's English descriptions is left.
 */
import { describe, expect, it } from 'vitest';
import { createInstance } from 'i18next';
import { crsWhatIf } from '../../src-shared/rules/whatif';
import { parseProfile, type Profile } from '../../src-shared/rules/profile';
import { whatIfText } from '../../src-renderer/immigration/whatif-text';
import { en } from '../../src-renderer/locales/en';
import { fr } from '../../src-renderer/locales/fr';

const profile = (over: Record<string, unknown>): Profile => {
  const p = parseProfile({
    age: 29,
    hasSpouse: false,
    education: 'secondary',
    canadianEducation: 'none',
    firstLanguage: { test: 'IELTS_GENERAL', listening: 6.0, reading: 5.5, writing: 5.5, speaking: 6.0 },
    canadianWorkYears: 0,
    foreignWorkYears: 1,
    ...over,
  });
  if (!p.ok) throw new Error(p.message);
  return p.profile;
};

// Between them these reach every branch of the engine: with and without a spouse, a second language
// to add or to raise, a one-or-two-year Canadian credential already held.
const PROFILES = [
  profile({}),
  profile({ hasSpouse: true, spouseAccompanying: true, spouseIsCanadianOrPR: false, spouse: { education: 'secondary', language: null, canadianWorkYears: 0 } }),
  profile({
    hasSpouse: true,
    spouseAccompanying: true,
    spouseIsCanadianOrPR: false,
    canadianEducation: 'one_or_two_year',
    secondLanguage: { test: 'TEF_CANADA', listening: 300, reading: 250, writing: 300, speaking: 300 },
    spouse: { education: 'bachelors', language: { test: 'CLB', listening: 5, reading: 5, writing: 5, speaking: 5 }, canadianWorkYears: 1 },
  }),
];
const improvements = PROFILES.flatMap((p) => crsWhatIf(p, { date: '2025-06-01' }).improvements);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('what-if advice in both languages', () => {
  it('has words for every kind of improvement, with the placeholders the engine fills', () => {
    const keys = new Set(improvements.map((i) => i.message.key));
    expect(keys.size).toBe(15);
    for (const i of improvements) {
      for (const [lang, locale] of [
        ['en', en],
        ['fr', fr],
      ] as const) {
        const text = (locale.whatif as Record<string, string>)[i.message.key];
        expect(text, `${lang} whatif.${i.message.key}`).toBeTruthy();
        expect(placeholders(text), `${lang} whatif.${i.message.key}`).toEqual(Object.keys(i.message.values).sort());
      }
    }
  });

  it('words the advice in French with French names for abilities and education', async () => {
    const i18n = createInstance();
    await i18n.init({ lng: 'fr', resources: { en: { translation: en }, fr: { translation: fr } }, interpolation: { escapeValue: false } });
    const texts = improvements.map((i) => whatIfText(i, i18n.t));
    for (const x of texts) expect(x).not.toMatch(/First official|Spouse|Education|one more year|to (bachelors|masters)/);
    expect(texts).toContain('Première langue officielle, compréhension écrite : CLB 6 à 7');
    expect(texts.some((x) => x.startsWith('Études : Diplôme d’études secondaires à '))).toBe(true);
  });
});
