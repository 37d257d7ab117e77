/**
 * Generated lead history with a known signal, for the scoring tests and `npm run bench -- crm`: each lead's
 * chance of being won follows a stated logistic law over source, response time, activity count, case type
 * and country. Case type and country matter in that law and the heuristic ignores them, so a model that
 * learns from the history should rank held-out leads better than the heuristic does. Seeded: the same seed
 * gives the same history.
 */
import type { ClosedLead } from '../scoring';

export const TRUE_EFFECTS = {
  intercept: -0.2,
  source: { referral: 1.2, walk_in: 0.6, event: 0.3, website: 0.2, social: -0.3, ads: -0.6 } as Record<string, number>,
  caseType: { EXPRESS_ENTRY_FSW: 0.9, DEBT_ADVICE: 0.3, STUDY_PERMIT: -0.5, VISITOR_VISA: -1.0 } as Record<string, number>,
  country: { IN: 0.6, PH: 0.4, NG: 0.2, GB: 0, MX: -0.3, FR: -0.7 } as Record<string, number>,
  perLogHour: -0.45,
  perLogActivity: 0.5,
};

/** mulberry32: a small seeded generator, so the history is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export function generateHistory(count: number, seed = 20): ClosedLead[] {
  const r = seeded(seed);
  const e = TRUE_EFFECTS;
  const sources = Object.keys(e.source);
  const types = Object.keys(e.caseType);
  const countries = Object.keys(e.country);
  const out: ClosedLead[] = [];
  for (let i = 0; i < count; i++) {
    const source = pick(r, sources);
    const caseType = pick(r, types);
    const country = pick(r, countries);
    // Response times spread from minutes to days (log-uniform); one in twelve never answered.
    const responseHours = r() < 1 / 12 ? null : Math.exp(r() * Math.log(24 * 14)) - 1 + r() * 0.2;
    const activities = Math.floor(r() * 9);
    const logit =
      e.intercept +
      e.source[source]! +
      e.caseType[caseType]! +
      e.country[country]! +
      e.perLogHour * Math.log1p(responseHours ?? 24 * 30) +
      e.perLogActivity * Math.log1p(activities);
    const won = r() < 1 / (1 + Math.exp(-logit));
    out.push({ source, responseHours, activities, caseType, country, won });
  }
  return out;
}
