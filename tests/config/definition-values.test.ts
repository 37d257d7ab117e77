/**
 * The shared configuration schema and value validator (src-shared/config): what the editor may save and
 * what a case's values must be, the same code the core and the window run.
 */
import { describe, expect, it } from 'vitest';
import {
  configDiff,
  mergeValues,
  packDefaultsProblems,
  parseDefinition,
  PACKS,
  retiredKeys,
  riskOf,
  valueProblems,
  type ConfigDefinition,
} from '../../src-shared/config';

const L = (en: string) => ({ en, fr: `${en} (fr)` });

const def: ConfigDefinition = {
  fields: [
    { key: 'ref', type: 'text', label: L('Reference'), pattern: '[A-Z]{2}\\d{4}', required: true },
    { key: 'income', type: 'money', label: L('Income'), min: 0, max: 100000 },
    { key: 'children', type: 'number', label: L('Children'), min: 0, max: 20 },
    { key: 'seen_on', type: 'date', label: L('Seen on'), minDate: '2020-01-01' },
    {
      key: 'tenure',
      type: 'select',
      label: L('Tenure'),
      options: [
        { value: 'rent', label: L('Rent') },
        { value: 'own', label: L('Own') },
      ],
    },
    {
      key: 'benefits',
      type: 'multi_select',
      label: L('Benefits'),
      options: [
        { value: 'uc', label: L('UC') },
        { value: 'pip', label: L('PIP') },
      ],
    },
    { key: 'contact', type: 'person', label: L('Contact') },
    { key: 'referred', type: 'boolean', label: L('Referred') },
    { key: 'referred_to', type: 'text', label: L('Referred to'), required: true },
    { key: 'child_name', type: 'text', label: L('Name'), required: true },
    { key: 'child_age', type: 'number', label: L('Age'), min: 0, max: 17 },
  ],
  forms: [
    {
      key: 'intake',
      label: L('Intake'),
      sections: [
        {
          key: 'main',
          title: L('Main'),
          items: [
            { field: 'ref' },
            { field: 'income' },
            { field: 'children' },
            { field: 'seen_on' },
            { field: 'tenure' },
            { field: 'benefits' },
            { field: 'contact' },
          ],
        },
        { key: 'referral', title: L('Referral'), items: [{ field: 'referred' }, { field: 'referred_to', visibleWhen: { field: 'referred', equals: true } }] },
        { key: 'kids', title: L('Children'), items: [{ group: 'kids', label: L('Child'), fields: ['child_name', 'child_age'], maxRows: 3 }] },
      ],
    },
  ],
};

const paths = (values: Record<string, unknown>) => valueProblems(def, values).map((p) => p.path);

describe('the configuration schema', () => {
  it('accepts a definition with every field type, a condition and a repeatable group', () => {
    expect(parseDefinition(def)).toEqual({ ok: true, value: def });
  });

  it('refuses, in words naming the place, what would break a form', () => {
    const bad = (d: unknown) => {
      const r = parseDefinition(d);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.message;
    };
    expect(bad({ fields: [{ key: 'x', type: 'select', label: L('X') }], forms: [] })).toMatch(/fields\.0\.options: a choice field needs at least one option/);
    expect(bad({ fields: [{ key: 'x', type: 'text', label: L('X'), pattern: '([' }], forms: [] })).toMatch(/not a valid regular expression/);
    expect(bad({ fields: [{ key: 'x', type: 'date', label: L('X'), min: 1 }], forms: [] })).toMatch(/only text, number and money/);
    expect(bad({ fields: [{ key: 'Bad Key', type: 'text', label: L('X') }], forms: [] })).toMatch(/lower-case letters/);
    expect(bad({ fields: [{ key: 'x', type: 'text', label: { en: 'X', fr: '' } }], forms: [] })).toMatch(/French/);
    expect(bad({ ...def, fields: [...def.fields, def.fields[0]] })).toMatch(/two fields have the same key/);
    const noField = structuredClone(def);
    noField.forms[0].sections[0].items.push({ field: 'ghost' });
    expect(bad(noField)).toMatch(/does not exist: ghost/);
    const onGroup = structuredClone(def);
    onGroup.forms[0].sections[1].visibleWhen = { field: 'child_age', equals: 3 };
    expect(bad(onGroup)).toMatch(/cannot depend on a field of a repeatable group: child_age/);
  });

  it("every pack's default configuration passes the same schema, and immigration and debt advice are packs", () => {
    expect(packDefaultsProblems()).toEqual([]);
    expect(PACKS.map((p) => p.id)).toEqual(['immigration', 'debt-advice', 'crm']);
    expect(PACKS.find((p) => p.id === 'debt-advice')!.tables).toContain('debt_budgets');
    expect(PACKS.find((p) => p.id === 'immigration')!.rules.length).toBeGreaterThan(0);
  });
});

describe('validating values', () => {
  const ok = { ref: 'AB1234' };

  it('requires what is required and accepts the minimum', () => {
    expect(paths({})).toEqual(['ref']);
    expect(paths(ok)).toEqual([]);
  });

  it('checks patterns, ranges, money as decimal text, real dates, options, people and yes/no', () => {
    expect(paths({ ref: 'ab1234' })).toEqual(['ref']);
    expect(paths({ ...ok, income: 1200.5 })).toEqual(['income']); // a float is not money
    expect(paths({ ...ok, income: '1200.505' })).toEqual(['income']);
    expect(paths({ ...ok, income: '100000.01' })).toEqual(['income']);
    expect(paths({ ...ok, income: '1200.50', children: 2 })).toEqual([]);
    expect(paths({ ...ok, children: 21 })).toEqual(['children']);
    expect(paths({ ...ok, seen_on: '2026-02-30' })).toEqual(['seen_on']);
    expect(paths({ ...ok, seen_on: '2019-12-31' })).toEqual(['seen_on']);
    expect(paths({ ...ok, tenure: 'castle' })).toEqual(['tenure']);
    expect(paths({ ...ok, benefits: ['uc', 'uc'] })).toEqual(['benefits']);
    expect(paths({ ...ok, benefits: ['uc', 'pip'] })).toEqual([]);
    expect(paths({ ...ok, contact: 'Amara' })).toEqual(['contact']);
    expect(paths({ ...ok, referred: 'yes' })).toEqual(['referred']);
  });

  it('a hidden field is not required; shown, it is', () => {
    expect(paths({ ...ok, referred: false })).toEqual([]);
    expect(paths({ ...ok, referred: true })).toEqual(['referred_to']);
    expect(paths({ ...ok, referred: true, referred_to: 'Shelter' })).toEqual([]);
  });

  it('checks each row of a repeatable group and how many rows there are', () => {
    expect(paths({ ...ok, kids: [{ child_name: 'Ada', child_age: 4 }] })).toEqual([]);
    expect(paths({ ...ok, kids: [{ child_name: 'Ada', child_age: 18 }, { child_age: 2 }] })).toEqual(['kids.0.child_age', 'kids.1.child_name']);
    expect(paths({ ...ok, kids: [{ child_name: 'A' }, { child_name: 'B' }, { child_name: 'C' }, { child_name: 'D' }] })).toEqual(['kids']);
  });

  it('gives each message in English and French', () => {
    const [p] = valueProblems(def, {});
    expect(p.message).toEqual({ en: 'This field is required.', fr: 'Ce champ est obligatoire.' });
  });
});

describe('removing a field keeps its data', () => {
  const without: ConfigDefinition = {
    fields: def.fields.filter((f) => f.key !== 'tenure'),
    forms: [{ ...def.forms[0], sections: def.forms[0].sections.map((s) => ({ ...s, items: s.items.filter((i) => !('field' in i) || i.field !== 'tenure') })) }],
  };

  it('a save under the new definition carries the removed value over; typed values replace; cleared ones go', () => {
    const stored = { ref: 'AB1234', tenure: 'rent', income: '900.00' };
    expect(retiredKeys(without, stored)).toEqual(['tenure']);
    const merged = mergeValues(without, stored, { ref: 'CD5678', income: '', tenure: 'own' });
    expect(merged).toEqual({ ref: 'CD5678', tenure: 'rent' });
    expect(valueProblems(without, merged)).toEqual([]); // the retired value is never judged
  });

  it('the diff names the removal by key, and the change is high risk', () => {
    const changes = configDiff(def, without);
    expect(changes.map((c) => c.path)).toContain('fields.tenure');
    expect(changes.find((c) => c.path === 'fields.tenure')!.after).toBeNull();
    expect(riskOf(def, without)).toBe('HIGH');
    const required = structuredClone(def);
    required.fields.find((f) => f.key === 'children')!.required = true;
    expect(configDiff(def, required)).toEqual([{ path: 'fields.children.required', before: null, after: true }]);
    expect(riskOf(def, required)).toBe('MEDIUM');
  });
});
