/**
 * Issue 13, row 12: an approved rule is data that reaches every laptop of a firm (approved by an owner,
 * or forged, see row 11). Its group and factor names became keys of the result objects, so a group
 * "__proto__" or a factor "__proto__.shell" wrote onto Object.prototype: ({}).isAdmin was then true in
 * the whole process. The engine now refuses such names (and reports the rule it left out) and builds its
 * results in maps without a prototype; a proposal with such a name is refused before anyone reviews it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createVault } from '../../src-main/core/core';
import { propose } from '../../src-main/rules/rules-store';
import { rows } from '../../src-main/core/writer';
import { tempDir, PASS } from '../support/cli';
import { evaluate, ruleShapeProblem, type RuleRow } from '../../src-shared/rules/engine';
import { calculateCrs, BUILT_IN_RULES } from '../../src-shared/rules/calculators';
import { parseProfile } from '../../src-shared/rules/profile';

const polluted = () => ({}) as Record<string, unknown>;

function hostile(ruleId: string, group: string, factor: string): RuleRow {
  return {
    rule_id: ruleId,
    version: 1,
    rule_category: 'crs',
    rule_json: { pack: 'crs', kind: 'points', group, factor, label: 'hostile' },
    conditions_json: {},
    effects_json: { points: 1 },
    effective_from: '2000-01-01T00:00:00.000Z',
  };
}

afterEach(() => {
  // If the old code ran, undo what it did so that one failure does not poison the other tests.
  for (const k of ['isAdmin', 'shell', 'capped']) delete (Object.prototype as Record<string, unknown>)[k];
});

describe('rules cannot write onto Object.prototype', () => {
  it('a rule with group "__proto__" leaves ({}).isAdmin undefined and is reported as refused', () => {
    const e = evaluate('crs', [hostile('x.group', '__proto__', 'isAdmin')], {});
    expect(polluted().isAdmin).toBeUndefined();
    expect(e.refused).toEqual([{ ruleId: 'x.group', version: 1, reason: expect.stringMatching(/group "__proto__" is not a plain name/) }]);
    expect(e.total).toBe(0);
  });

  it('a rule with factor "__proto__.shell" leaves ({}).shell undefined', () => {
    const e = evaluate('crs', [hostile('x.factor', 'core', '__proto__.shell')], {});
    expect(polluted().shell).toBeUndefined();
    expect(e.refused.map((r) => r.ruleId)).toEqual(['x.factor']);
  });

  it('"constructor" and "prototype" are refused too, in any part of a dotted name', () => {
    for (const [group, factor] of [
      ['constructor', 'a'],
      ['core', 'a.constructor'],
      ['core', 'prototype.x'],
      ['core', 'toString'],
      ['core', ''],
      ['', 'a'],
    ]) {
      expect(ruleShapeProblem({ kind: 'points', group, factor }), `${group}/${factor}`).not.toBeNull();
    }
    expect(ruleShapeProblem({ kind: 'points', group: 'core', factor: 'firstLanguage.listening' })).toBeNull();
    expect(ruleShapeProblem({ kind: 'cap', group: 'core', factor: '' })).toBeNull();
  });

  it('a hostile rule beside the real pack changes nothing else: the score stays right and the result names it', () => {
    const p = parseProfile({
      age: 29,
      education: 'bachelors',
      firstLanguage: { test: 'CLB', listening: 9, reading: 9, writing: 9, speaking: 9 },
      canadianWorkYears: 0,
    });
    if (!p.ok) throw new Error(p.message);
    const clean = calculateCrs(p.profile, { date: '2025-06-01' });
    const rules = [...BUILT_IN_RULES, hostile('x.group', '__proto__', 'isAdmin'), hostile('x.factor', 'core', '__proto__.shell')];
    const r = calculateCrs(p.profile, { rules, date: '2025-06-01' });
    expect(polluted().isAdmin).toBeUndefined();
    expect(polluted().shell).toBeUndefined();
    expect(r.total).toBe(clean.total);
    expect(r.rulesRefused.map((x) => x.ruleId).sort()).toEqual(['x.factor', 'x.group']);
  });

  it('a "pick" table does not read inherited keys', () => {
    const rule: RuleRow = {
      ...hostile('x.pick', 'core', 'age'),
      effects_json: { points: { pick: [{ var: 'k' }, { a: 1, b: 2 }] } },
    };
    // Before, "constructor" read Object's constructor function (NaN, counted as 0 only by luck).
    expect(evaluate('crs', [rule], { k: 'constructor' }).applied[0].points).toBe(0);
    expect(evaluate('crs', [rule], { k: 'b' }).applied[0].points).toBe(2);
  });
});

describe('a proposal with such a name is refused before review', () => {
  it('refuses group "__proto__" and factor "__proto__.shell" in a real vault, writing nothing', async () => {
    const core = await createVault({ dataDir: join(tempDir(), 'vault'), passphrase: PASS, prefer: 'passphrase' });
    try {
      const before = rows(core, 'rule_proposals').length;
      for (const [group, factor] of [
        ['__proto__', 'isAdmin'],
        ['core', '__proto__.shell'],
      ]) {
        expect(() =>
          propose(core, {
            ruleId: 'crs.core.age',
            ruleJson: { pack: 'crs', kind: 'points', group, factor, label: 'x' },
            effectsJson: { points: 1 },
            summary: 'x',
          }),
        ).toThrow(/cannot be used: (group|factor) "__proto__/);
      }
      expect(rows(core, 'rule_proposals').length).toBe(before);
      expect(polluted().isAdmin).toBeUndefined();
    } finally {
      core.close();
    }
  });
});
