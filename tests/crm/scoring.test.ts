/**
 * Lead scoring (issue 20): on generated history with a known signal, the model trained on the firm's
 * history ranks held-out leads better than the heuristic (AUC); every score comes with factors whose
 * points can be checked against it; the heuristic is used, and says why, until there is enough history;
 * and the AUC itself is right on cases worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { auc, hasEnoughHistory, HEURISTIC, scoreLead, scoreWithHeuristic, scoreWithModel, trainModel } from '../../src-shared/crm';
import { generateHistory } from '../../src-shared/crm/testdata/history';

describe('lead scoring', () => {
  const history = generateHistory(2400, 11);
  const train = history.slice(0, 1600);
  const test = history.slice(1600);
  const model = trainModel(train);

  it('the model beats the heuristic on held-out leads of a history with a known signal', () => {
    const m = auc(test.map((l) => ({ score: scoreWithModel(model, l).score, won: l.won })));
    const h = auc(test.map((l) => ({ score: scoreWithHeuristic(l).score, won: l.won })));
    expect(m).toBeGreaterThan(h + 0.03);
    expect(m).toBeGreaterThan(0.7);
  });

  it('learns the direction of each effect: slow answers and visitor visas lower the chance, referrals raise it', () => {
    // The most common category of each factor is the reference: weight 0, no column of its own.
    const w = (name: string) => (model.features.includes(name) ? model.weights[model.features.indexOf(name)]! : 0);
    expect(w('response_log_hours')).toBeLessThan(0);
    expect(w('activities_log')).toBeGreaterThan(0);
    expect(w('case_type=VISITOR_VISA')).toBeLessThan(w('case_type=EXPRESS_ENTRY_FSW'));
    expect(w('source=referral') - w('source=ads')).toBeGreaterThan(0.3);
  });

  it('explains a score: each factor is the points it adds over the firm average, the confidence reflects the history', () => {
    const fast = scoreWithModel(model, { source: 'referral', responseHours: 0.5, activities: 6, caseType: 'EXPRESS_ENTRY_FSW', country: 'IN' });
    const slow = scoreWithModel(model, { source: 'ads', responseHours: 200, activities: 0, caseType: 'VISITOR_VISA', country: 'FR' });
    expect(fast.score).toBeGreaterThan(70);
    expect(slow.score).toBeLessThan(15);
    expect(fast.method).toBe('model');
    const names = fast.factors.map((f) => f.factor);
    expect(names).toEqual(expect.arrayContaining(['source', 'response_time', 'activities', 'case_type', 'country', 'base']));
    expect(fast.factors.find((f) => f.factor === 'response_time')).toMatchObject({ value: '0.5 h' });
    expect(fast.factors.filter((f) => f.factor !== 'base').every((f) => f.points > 0)).toBe(true);
    expect(slow.factors.filter((f) => f.factor !== 'base').every((f) => f.points < 0)).toBe(true);
    expect(fast.confidence).toBe(Math.round((100 * 1600) / 1800));
    // A country the history never saw lowers the confidence.
    expect(scoreWithModel(model, { source: 'referral', responseHours: 1, activities: 1, caseType: 'EXPRESS_ENTRY_FSW', country: 'BR' }).confidence).toBe(
      fast.confidence - 15,
    );
  });

  it('uses the stated heuristic until there is enough history, and says why', () => {
    const few = history.slice(0, 30);
    expect(hasEnoughHistory(few)).toBe(false);
    const s = scoreLead({ source: 'referral', responseHours: 0.5, activities: 2, caseType: null, country: null }, null, few.length);
    expect(s).toMatchObject({ method: 'heuristic', confidence: HEURISTIC.confidence });
    expect(s.score).toBe(HEURISTIC.base + 25 + 20 + 10);
    expect(s.factors.reduce((sum, f) => sum + f.points, 0)).toBe(s.score);
    expect(s.note).toMatch(/30 closed leads so far; the model needs 40/);
    expect(scoreWithHeuristic({ source: null, responseHours: null, activities: 0, caseType: null, country: null }).score).toBe(HEURISTIC.base + 5 - 5);
  });

  it('computes AUC as the chance a won lead outscores a lost one, ties counted half', () => {
    expect(
      auc([
        { score: 1, won: false },
        { score: 2, won: true },
      ]),
    ).toBe(1);
    expect(
      auc([
        { score: 2, won: false },
        { score: 1, won: true },
      ]),
    ).toBe(0);
    expect(
      auc([
        { score: 1, won: false },
        { score: 1, won: true },
      ]),
    ).toBe(0.5);
    expect(
      auc([
        { score: 3, won: true },
        { score: 1, won: false },
        { score: 2, won: false },
        { score: 2, won: true },
      ]),
    ).toBe(0.875);
    expect(auc([{ score: 1, won: true }])).toBeNaN();
  });
});
