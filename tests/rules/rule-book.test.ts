/**
 * The rules page's arrangement (src-shared/rules/rule-book.ts) over the real built-in packs: one version
 * per rule in force on a day, the same one the engine computes with; the rest history or scheduled;
 * grouped by pack and factor group; found by words with or without accents.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULES } from '../../src-shared/rules/calculators';
import { selectInForce } from '../../src-shared/rules/engine';
import { filterRules, groupRules, standingOf, type RuleBookLine } from '../../src-shared/rules/rule-book';

const lines: RuleBookLine[] = BUILT_IN_RULES.map((r) => ({
  ruleId: r.rule_id,
  version: r.version,
  pack: r.rule_json.pack,
  group: r.rule_json.group,
  factor: r.rule_json.factor,
  from: r.effective_from.slice(0, 10),
  until: r.effective_until?.slice(0, 10) ?? null,
}));
const AE = 'crs.additional.arranged_employment';

describe('rule book', () => {
  it('puts in force on a day exactly the versions the engine uses that day, for every pack', () => {
    for (const day of ['2016-11-18', '2016-11-19', '2020-10-26', '2020-10-27', '2022-11-16', '2025-03-24', '2025-03-25', '2026-11-27']) {
      const standing = standingOf(lines, day);
      const mine = lines.filter((l) => standing.get(l) === 'inForce').map((l) => `${l.ruleId}@${l.version}`);
      const packs = [...new Set(lines.map((l) => l.pack))];
      const engine = packs.flatMap((p) => selectInForce(BUILT_IN_RULES, p, day).map((r) => `${r.rule_id}@${r.version}`));
      expect(mine.sort(), day).toEqual(engine.sort());
    }
  });

  it('shows arranged employment history: one version today, earlier ones ended, later ones scheduled on an earlier day', () => {
    const today = standingOf(lines, '2026-11-27');
    const ae = lines.filter((l) => l.ruleId === AE);
    expect(ae.length).toBeGreaterThan(3);
    expect(ae.filter((l) => today.get(l) === 'inForce')).toHaveLength(1);
    expect(ae.filter((l) => today.get(l) === 'inForce')[0].from).toBe('2025-03-25');
    expect(ae.filter((l) => today.get(l) === 'history').length).toBe(ae.length - 1);
    const before = standingOf(lines, '2016-11-18');
    expect(ae.filter((l) => before.get(l) === 'inForce')[0].from <= '2016-11-18').toBe(true);
    expect(ae.filter((l) => before.get(l) === 'scheduled').length).toBeGreaterThanOrEqual(3);
  });

  it('groups by pack then factor group, in the packs’ order, newest version first within a rule', () => {
    const packs = groupRules(lines);
    expect(packs.map((p) => p.pack).slice(0, 2)).toEqual(['crs', 'fsw']);
    expect(packs[0].groups.map((g) => g.group)).toEqual(['core', 'spouse', 'skillTransferability', 'additional']);
    expect(packs.reduce((n, p) => n + p.count, 0)).toBe(lines.length);
    const additional = packs[0].groups.find((g) => g.group === 'additional')!.lines.filter((l) => l.ruleId === AE);
    expect(additional.map((l) => l.version)).toEqual([...additional.map((l) => l.version)].sort((a, b) => b - a));
  });

  it('finds rules by every word of the query, ignoring case and accents', () => {
    const named = (l: RuleBookLine) => (l.ruleId === 'crs.additional.french' ? 'Compétences en français' : l.ruleId);
    expect(filterRules(lines, 'francais', named).every((l) => l.ruleId === 'crs.additional.french')).toBe(true);
    expect(filterRules(lines, 'FRANÇAIS compétences', named).length).toBeGreaterThan(0);
    expect(filterRules(lines, 'arranged employment', (l) => l.ruleId.replace(/_/g, ' ')).every((l) => /arranged_employment/.test(l.ruleId))).toBe(true);
    expect(filterRules(lines, '   ', named)).toHaveLength(lines.length);
    expect(filterRules(lines, 'no such rule', named)).toHaveLength(0);
  });
});
