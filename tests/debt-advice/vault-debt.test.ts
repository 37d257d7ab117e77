/**
 * The debt-advice pack in a real encrypted vault: a client taken from intake to a signed-off statement,
 * offers and a recommended solution, every write through core/writer.ts (an outbox entry per synced
 * write, the local audit chain intact); a trainee's statement and recommendation are blocked until a
 * manager signs them off; bad input changes nothing; and the real CLI answers `casework debt checks`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { createVault, type Core } from '../../src-main/core/core';
import { createCase } from '../../src-main/cases/cases';
import { rows, write } from '../../src-main/core/writer';
import { verifyLocalAudit } from '../../src-main/core/audit';
import {
  addCreditor,
  addDebt,
  addLine,
  assessCase,
  caseChecks,
  createBudget,
  finaliseBudget,
  importGuidelines,
  makeOffers,
  noteLine,
  recommendSolution,
  setClient,
  showBudget,
  signOffBudget,
  signOffSolution,
  statementPdf,
} from '../../src-main/debt-advice';
import { cli, cliJson, tempDir, PASS } from '../support/cli';

const ROOT = join(__dirname, '..', '..');

describe('debt advice in a vault', () => {
  let core: Core;
  let dir: string;
  let caseId: string;
  let ownerId: string;
  const as = (role: string, userId: string) => {
    core.setMeta('role', role);
    core.setMeta('user_id', userId);
  };

  beforeAll(async () => {
    dir = join(tempDir(), 'vault');
    core = await createVault({ dataDir: dir, passphrase: PASS, prefer: 'passphrase' });
    ownerId = core.actor.userId;
    caseId = createCase(core, { caseType: 'DEBT_ADVICE', client: 'Dana Price' }).id as string;
  });
  afterAll(() => core?.close());

  it('records the client with the NI number masked unless revealed, and refuses bad details without writing', () => {
    const before = rows(core, 'debt_clients', '1=1').length;
    expect(() => setClient(core, caseId, { niNumber: 'not-a-number' })).toThrow(/national insurance/);
    expect(() => setClient(core, caseId, { vulnerability: { flags: ['mental_health'], consent: false } })).toThrow(/consent/);
    expect(() => setClient(core, caseId, { tenure: 'castle' })).toThrow(/tenure/);
    expect(rows(core, 'debt_clients', '1=1').length).toBe(before);
    const c = setClient(core, caseId, {
      niNumber: 'ab 12 34 56 c',
      adults: 1,
      childrenByAge: { '5_10': 1 },
      employment: 'employed_part_time',
      tenure: 'private_tenant',
      vulnerability: { flags: ['mental_health'], consent: true },
      preferredContact: 'phone',
    });
    expect(c!.ni_number).toBe('•••••456C');
    expect(setClient(core, caseId, {}, true)!.ni_number).toBe('AB123456C');
    expect(rows(core, 'debt_clients', 'case_id = ?', [caseId])[0].data_classification).toBe('restricted');
  });

  it('adds creditors and debts, priority from the type or a reasoned override', () => {
    const bank = addCreditor(core, { name: 'Example Bank', acceptsSfs: true, address: { lines: ['1 High St'], postcode: 'AB1 2CD' } });
    const rent = addDebt(core, caseId, { type: 'rent', balance: '1200.00', arrears: '1200.00', arrearsOffer: '20.00' });
    expect(rent.is_priority).toBe(true);
    const card = addDebt(core, caseId, { type: 'credit_card', balance: '3000.00', creditorId: bank.id, accountReference: '4929123412341234' });
    expect(card).toMatchObject({ is_priority: false, account_reference: '••••••••••••1234' });
    addDebt(core, caseId, { type: 'personal_loan', balance: '6000.00' });
    addDebt(core, caseId, { type: 'catalogue', balance: '1000.00' });
    expect(() => addDebt(core, caseId, { type: 'hire_purchase', balance: '100', priorityOverride: { priority: false, reason: 'x' } })).toThrow(
      /needs a reason/,
    );
    expect(() => addDebt(core, caseId, { type: 'credit_card', balance: '12.345' })).toThrow(/fractions of a penny/);
    const hp = addDebt(core, caseId, { type: 'hire_purchase', balance: '0.00', priorityOverride: { priority: false, reason: 'sofa, not essential' } });
    expect(hp).toMatchObject({ is_priority: false, priority_override_reason: 'sofa, not essential' });
  });

  let budgetId: string;
  it("a trainee's statement: the guideline note first, then awaiting sign-off, cleared only by another manager", async () => {
    const csv = readFileSync(join(ROOT, 'src-shared', 'debt-advice', 'testdata', 'guidelines-test.csv'), 'utf8');
    expect(importGuidelines(core, csv)).toMatchObject({ added: 18 });
    expect(importGuidelines(core, csv)).toMatchObject({ added: 0, skipped: 18 });
    // A trainee works on the cases they are assigned to (the policy refuses writes elsewhere).
    write(core, { table: 'cases', op: 'update', id: caseId, fields: { assigned_staff: ['0190f000-0000-7000-8000-000000000001'] } });
    as('trainee', '0190f000-0000-7000-8000-000000000001');
    expect(() => importGuidelines(core, csv)).toThrow(/only an owner, admin or manager/);
    budgetId = createBudget(core, caseId, new Date().toISOString().slice(0, 10)).id as string;
    addLine(core, budgetId, { category: 'earnings', label: 'wages', amount: '320.00', frequency: 'weekly' });
    addLine(core, budgetId, { category: 'benefits', label: 'child benefit', amount: '104.75', frequency: 'four_weekly' });
    addLine(core, budgetId, { category: 'home_and_contents', label: 'rent', amount: '650.00', frequency: 'monthly' });
    addLine(core, budgetId, { category: 'food_and_housekeeping', label: 'food', amount: '250.00', frequency: 'fortnightly' });
    const shown = showBudget(core, budgetId);
    // 1386.67 + 113.48 (104.75 x 13/12 = 113.479..) - 650 - 541.67
    expect(shown.totals).toMatchObject({ income: '1500.15', expenditure: '1191.67', surplus: '308.48' });
    expect(shown.guidelineWarnings).toHaveLength(1); // food 541.67 > 420.00 for 1 adult, 1 child
    expect(() => finaliseBudget(core, budgetId)).toThrow(/add a note before finalising/);
    noteLine(core, shown.lines.find((l) => l.label === 'food')!.id!, 'special diet on medical advice');
    expect(finaliseBudget(core, budgetId).budget.status).toBe('awaiting_signoff');
    // Nothing rests on a statement awaiting sign-off.
    expect(() => makeOffers(core, caseId)).toThrow(/no finalised/);
    await expect(statementPdf(core, budgetId)).rejects.toThrow(/only a final/);
    expect(() => signOffBudget(core, budgetId)).toThrow(/only a manager, admin or owner/);
    expect(caseChecks(core, caseId).checks.find((c) => c.id === 'budget_current')!.ok).toBe(false);
    as('manager', '0190f000-0000-7000-8000-000000000002');
    expect(signOffBudget(core, budgetId).budget).toMatchObject({ status: 'final', signed_off_by: '0190f000-0000-7000-8000-000000000002' });
    expect(() => signOffBudget(core, budgetId)).toThrow(/not awaiting sign-off/);
    expect(() => addLine(core, budgetId, { category: 'water', label: 'water', amount: '30', frequency: 'monthly' })).toThrow(/final/);
  });

  it('offers share the surplus after priority arrears exactly; checks pass once priority debts are dealt with', () => {
    as('owner', ownerId);
    const r = makeOffers(core, caseId);
    // 308.48 surplus - 20.00 rent arrears = 288.48 shared over 3000 / 6000 / 1000 (the cleared HP debt gets none)
    expect(r).toMatchObject({ available: '288.48', total: '288.48', token: false });
    expect(r.offers.map((o) => o.amount)).toEqual(['86.54', '173.09', '28.85']);
    const checks = caseChecks(core, caseId);
    expect(checks.ok).toBe(true);
  });

  it("DRO and the other solutions are assessed from the case's figures; a trainee's recommendation awaits sign-off", () => {
    const a = assessCase(core, caseId, { assets: '150.00', vehicle: '3500.00' }, '2025-01-01');
    expect(a.facts.totalDebtsPence).toBe(1_120_000);
    const dro = a.solutions.find((s) => s.solution === 'dro_ew')!;
    expect(dro.eligible).toBe(false); // surplus 308.48 > 75
    expect(dro.criteria.find((c) => c.ruleId === 'dro_ew.surplus')!.met).toBe(false);
    expect(dro.criteria.find((c) => c.ruleId === 'dro_ew.vehicle')!.met).toBe(true); // 3,500 < 4,000 on 2025-01-01
    expect(assessCase(core, caseId, { vehicle: '3500.00' }, '2024-06-27').solutions[0].criteria.find((c) => c.ruleId === 'dro_ew.vehicle')!.met).toBe(false);
    expect(a.solutions.find((s) => s.solution === 'dmp')!.eligible).toBe(true);
    as('trainee', '0190f000-0000-7000-8000-000000000001');
    expect(recommendSolution(core, caseId, 'dmp')).toEqual({ recommended: 'dmp', status: 'awaiting_signoff' });
    expect(() => signOffSolution(core, caseId)).toThrow(/only a manager/);
    expect(() => recommendSolution(core, caseId, 'lottery')).toThrow(/solution must be one of/);
    as('admin', '0190f000-0000-7000-8000-000000000003');
    expect(signOffSolution(core, caseId)).toEqual({ recommended: 'dmp', status: 'signed_off' });
    as('owner', ownerId);
  });

  it('the financial statement PDF for creditors holds the lines, the totals and the offers, references masked', async () => {
    const bytes = await statementPdf(core, budgetId);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) text += (await (await doc.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    for (const s of [
      'Financial statement',
      'Dana Price',
      '£1,500.15',
      '£1,191.67',
      '£308.48',
      '£173.09 / month',
      '£288.48 / month',
      'Example Bank',
      '••••1234',
      'special',
    ])
      expect(text).toContain(s);
    expect(text).not.toContain('AB123456C');
    expect(text).not.toContain('4929123412341234');
  });

  it('every debt-advice write is in the outbox for sync and in the intact local audit chain', () => {
    const counts = core.db.prepare("SELECT table_name, count(*) AS n FROM sync_outbox WHERE table_name LIKE 'debt%' GROUP BY table_name").all() as Array<{
      table_name: string;
      n: number;
    }>;
    const by = Object.fromEntries(counts.map((c) => [c.table_name, c.n]));
    for (const t of ['debt_clients', 'debt_creditors', 'debts', 'debt_budgets', 'debt_budget_lines', 'debt_offers', 'debt_spending_guidelines'])
      expect(by[t]).toBeGreaterThan(0);
    expect(verifyLocalAudit(core.db).ok).toBe(true);
  });

  it('the CLI answers debt checks and refuses a bad guidelines file', () => {
    core.close();
    const r = cliJson<{ ok: boolean; checks: unknown[] }>(['debt', 'checks', '--case', caseId, '--data', dir]);
    expect(r.ok).toBe(true);
    expect(r.checks).toHaveLength(4);
    const bad = join(tempDir(), 'bad.csv');
    writeFileSync(bad, 'guideline_set,effective_from\nx,2025-13-01\n');
    const out = cli(['debt', 'budget', 'import-guidelines', bad, '--data', dir]);
    expect(out.code).not.toBe(0);
    expect(out.stderr).toMatch(/guidelines CSV refused/);
    const pdf = join(tempDir(), 'statement.pdf');
    expect(cliJson<{ bytes: number }>(['debt', 'budget', 'pdf', budgetId, '--out', pdf, '--data', dir]).bytes).toBeGreaterThan(1000);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(cli(['debt', 'budget', 'pdf', budgetId, '--out', pdf, '--data', dir]).stderr).toMatch(/already exists/);
    const shown = cliJson<{ ni_number: string }>(['debt', 'client', 'show', '--case', caseId, '--data', dir]);
    expect(shown.ni_number).toBe('•••••456C');
  });
});
