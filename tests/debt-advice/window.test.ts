/**
 * The window's side of the debt-advice pack: the contract's budget methods against a real encrypted
 * vault (bad input refused by the contract's schema before the core runs, a trainee's statement awaiting
 * sign-off), the live totals the budget sheet shows while a line is typed (equal to what the core
 * stores once it is added), and the pack's strings complete in English and French.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { parseInput, type Method } from '../../src-shared/contract';
import { handlers } from '../../src-main/app/handlers';
import { createVault, type Core } from '../../src-main/core/core';
import { createCase } from '../../src-main/cases/cases';
import { liveTotals, draftPence } from '../../src-renderer/debt-advice/live-totals';
import { DEBT_WORDS } from '../../src-renderer/debt-advice/locales';
import { tempDir, PASS } from '../support/cli';

const run = async (core: Core, method: Method, input: unknown): Promise<any> => {
  const p = parseInput(method, input);
  if (!p.ok) throw new Error(p.message);
  return (handlers as any)[method](core, p.value);
};

describe('debt-advice contract and budget sheet', () => {
  let core: Core;
  let caseId: string;
  beforeAll(async () => {
    core = await createVault({ dataDir: join(tempDir(), 'vault'), passphrase: PASS, prefer: 'passphrase' });
    caseId = createCase(core, { caseType: 'DEBT_ADVICE', client: 'Sam Ortiz' }).id as string;
  });
  afterAll(() => core?.close());

  it('creates a budget, adds lines, and the live totals while typing equal what the core then stores', async () => {
    const b = await run(core, 'debt.budget.create', { caseId });
    let view = await run(core, 'debt.budget.addLine', { budgetId: b.id, category: 'earnings', label: 'wages', amount: '320.00', frequency: 'weekly' });
    const draft = { category: 'utilities' as const, amount: '45.5', frequency: 'fortnightly' as const };
    const live = liveTotals(view, draft);
    expect(live.drafting).toBe(true);
    view = await run(core, 'debt.budget.addLine', { budgetId: b.id, category: 'utilities', label: 'gas', amount: '45.50', frequency: 'fortnightly' });
    expect(view.totals.surplus).toBe((live.computed.totals.surplus / 100).toFixed(2));
    expect(view.totals).toMatchObject({ income: '1386.67', fixedCosts: '98.58', surplus: '1288.09' });
    expect((await run(core, 'debt.budgets', { caseId })).map((x: any) => x.id)).toEqual([b.id]);
  });

  it('refuses a bad line in the contract before the core runs, and a half-typed amount adds nothing to the live totals', async () => {
    expect(parseInput('debt.budget.addLine', { budgetId: caseId, category: 'yachts', label: 'x', amount: '1', frequency: 'weekly' }).ok).toBe(false);
    const bad = parseInput('debt.budget.addLine', { budgetId: caseId, category: 'water', label: 'x', amount: '12.345', frequency: 'weekly' });
    expect(bad.ok).toBe(false);
    expect(draftPence('12.')).toBe(1200);
    expect(draftPence('12.3')).toBe(1230);
    expect(draftPence('abc')).toBeNull();
    expect(liveTotals(undefined, { category: 'water', amount: '1,0', frequency: 'monthly' }).drafting).toBe(false);
  });

  it("a trainee's statement finalised through the contract awaits sign-off", async () => {
    const [b] = await run(core, 'debt.budgets', { caseId });
    core.setMeta('role', 'trainee');
    const v = await run(core, 'debt.budget.finalise', { id: b.id });
    expect(v.budget.status).toBe('awaiting_signoff');
    core.setMeta('role', 'owner');
  });

  it('every string of the pack exists in English and French', () => {
    const keys = (o: unknown, prefix = ''): string[] =>
      o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => keys(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)];
    expect(keys(DEBT_WORDS.fr).sort()).toEqual(keys(DEBT_WORDS.en).sort());
    for (const k of keys(DEBT_WORDS.fr)) expect(k.length).toBeGreaterThan(0);
  });
});
