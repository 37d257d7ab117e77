/**
 * Issue 17, "what a consultant sees", driven as a consultant would over the demo practice: each item
 * is one spec that fails on the window before the fix (blank case types and a silent BC PNP default,
 * developer-speak errors, raw codes, ISO dates and bare amounts, an invented CRS profile, tasks and
 * deadlines without their client, no overdue flag on the case).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openApp, pickDate, type App } from './harness';
import { cli, PASS, tempDir } from '../support/cli';

// Page functions run in Chromium; Node's tsconfig has no DOM types.
declare const localStorage: { setItem(k: string, v: string): void };
declare const document: { createElement(tag: 'canvas'): { getContext(k: '2d'): { font: string; measureText(s: string): { width: number } } } };
declare function getComputedStyle(el: unknown): { font: string; paddingLeft: string; paddingRight: string };
interface Control {
  tagName: string;
  clientWidth: number;
  placeholder?: string;
  options?: { selectedIndex: number; [i: number]: { text: string } };
}

/** Whether a control's placeholder or chosen option is wider than the room the control gives it (cut off on screen). */
async function cutOff(locator: import('playwright-core').Locator): Promise<{ text: string; cut: boolean }> {
  return locator.evaluate((node) => {
    const el = node as unknown as Control;
    const cs = getComputedStyle(el);
    const select = el.tagName === 'SELECT';
    const text = select ? (el.options?.[el.options.selectedIndex]?.text ?? '') : (el.placeholder ?? '');
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = cs.font;
    // A select keeps about 24 px on the right for its arrow.
    const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - (select ? 24 : 0);
    return { text, cut: ctx.measureText(text).width > room };
  });
}

const ISO_DAY = /\b\d{4}-\d{2}-\d{2}\b/;
const RAW_CODE = /\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b|\b[a-z]+_[a-z_]+\b/;

describe('issue 17: what a consultant sees', () => {
  let app: App;
  beforeAll(async () => {
    const dataDir = join(tempDir('casework-e2e-'), 'vault');
    const r = cli(['demo', '--data', dataDir, '--cases', '30']);
    if (r.code !== 0) throw new Error(r.stderr);
    app = await openApp({ dataDir, env: { CASEWORK_PASSPHRASE: PASS } });
    await app.page.getByRole('heading', { name: 'Today' }).waitFor();
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('1: the new-case Type select names every type and requires a choice (no silent BC PNP Tech)', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Cases' }).click();
    await p.getByRole('button', { name: 'New case' }).click();
    const dialog = p.getByRole('dialog');
    const type = dialog.getByLabel('Type');
    const options = await type.locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(5);
    for (const o of options) expect(o.trim()).not.toBe('');
    expect(options).toContain('Express Entry – Federal Skilled Worker');
    expect(await type.inputValue()).toBe('');
    await dialog.getByLabel('Client').fill('Amara Okafor');
    await dialog.getByRole('button', { name: 'Create case' }).click();
    expect(await type.getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('Choose the type of case.').waitFor();
    await type.selectOption({ label: 'Express Entry – Federal Skilled Worker' });
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await p.getByRole('tablist', { name: 'Case sections' }).waitFor();
    const head = (await p.locator('.case-head').textContent())!;
    expect(head).toContain('Express Entry – Federal Skilled Worker');
    expect(head).not.toMatch(/EXPRESS_ENTRY|BC_PNP/);
  });

  it('4: a refused client name is said in words on the field, not as a zod message', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Cases' }).click();
    await p.getByRole('button', { name: 'New case' }).click();
    const dialog = p.getByRole('dialog');
    const client = dialog.getByLabel('Client');
    await client.fill('x'.repeat(201));
    await dialog.getByLabel('Type').selectOption({ label: 'Study permit' });
    await dialog.getByRole('button', { name: 'Create case' }).click();
    expect(await client.getAttribute('aria-invalid')).toBe('true');
    const text = (await dialog.textContent())!;
    expect(text).toContain('Use at most 200 characters.');
    expect(text).not.toMatch(/Too big|expected string|client:/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('3 and 9: lists show words and dates in one format, never codes or ISO days; money has its currency', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Cases' }).click();
    await p.getByTestId('case-row').first().waitFor();
    for (const cell of await p.getByTestId('case-row').locator('[role=cell]:nth-child(3)').allTextContents()) expect(cell).not.toMatch(RAW_CODE);
    await p.getByRole('link', { name: 'Today' }).click();
    await p.getByRole('heading', { name: 'Tasks due this week or overdue' }).waitFor();
    await p.locator('.grid3 li').first().waitFor();
    expect((await p.locator('.grid3').textContent())!).not.toMatch(ISO_DAY);
    await p.getByRole('link', { name: 'Cases' }).click();
    await p.getByTestId('case-row').first().click();
    await p.getByRole('tab', { name: 'Money' }).click();
    await p.getByTestId('paid-amount').waitFor();
    expect(await p.getByTestId('paid-amount').textContent()).toMatch(/\$/);
    await p.getByRole('tab', { name: 'Timeline' }).click();
    expect((await p.locator('.timeline').textContent())!).not.toMatch(ISO_DAY);
  });

  it('7: tasks and deadlines on Today name their client and case; an overdue task is marked on the case', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Today' }).click();
    await p.getByTestId('task-context').first().waitFor();
    expect(await p.getByTestId('task-context').first().textContent()).toMatch(/ · \d{4}-/);
    // A task due yesterday, added on a case: flagged on the case page, listed with its client on Today.
    await p.getByRole('link', { name: 'Cases' }).click();
    await p.getByTestId('case-row').first().click();
    await p.getByRole('tab', { name: 'Tasks & checklist' }).click();
    await p.getByLabel('New task').fill('Chase the police certificate');
    const yesterday = new Date(Date.now() - 864e5).toISOString().slice(0, 10);
    await pickDate(p, 'Due date', yesterday);
    await p.getByRole('button', { name: 'Add', exact: true }).click();
    await p.getByText('Chase the police certificate').waitFor();
    const row = p.locator('li', { hasText: 'Chase the police certificate' });
    await row.getByTestId('overdue').waitFor();
    await p.getByRole('tab', { name: 'Timeline' }).click();
    await p.locator('.timeline li', { hasText: 'Task added: Chase the police certificate' }).waitFor();
    const client = (await p.locator('.case-head h1').textContent())!;
    await p.getByRole('link', { name: 'Today' }).click();
    const line = p.locator('li', { hasText: 'Chase the police certificate' });
    await line.waitFor();
    expect(await line.getByTestId('task-context').textContent()).toContain(client);
  });

  it('2: a date of birth cannot be an impossible day and the field says when it is incomplete', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Cases' }).click();
    await p.getByTestId('case-row').first().click();
    await p.getByRole('tab', { name: 'People' }).click();
    await p.getByLabel('Date of birth: Month', { exact: true }).selectOption('2');
    await p.getByLabel('Date of birth: Year', { exact: true }).fill('2026');
    const days = await p.getByLabel('Date of birth: Day', { exact: true }).locator('option').allTextContents();
    expect(days).not.toContain('30');
    expect(days).not.toContain('29');
    await p.getByText('Choose the day, the month and the year.').waitFor();
  });

  it('10: the rules page shows in force, history and proposals apart, grouped by program and factor, and finds a rule by words', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Rules' }).click();
    await p.getByRole('heading', { name: 'Rules', exact: true }).waitFor();
    const tabs = await p.getByRole('tab').allTextContents();
    expect(tabs.map((x) => x.replace(/\s*\(\d+\)$/, ''))).toEqual(['In force today', 'History', 'Proposals', 'Law']);
    const book = p.getByTestId('rule-book');
    await book.getByTestId('rule-line').first().waitFor();
    // One version per rule today: arranged employment (six versions since 2015) is listed once, without points.
    const crs = book.getByTestId('rule-pack').filter({ has: p.getByRole('heading', { name: /^CRS/ }) });
    expect(await crs.locator('h3').allTextContents()).toEqual([
      'Core: human capital',
      'Spouse or common-law partner',
      'Skill transferability',
      'Additional points',
    ]);
    expect(
      await crs
        .getByTestId('rule-line')
        .filter({ hasText: /^Arranged employment/ })
        .count(),
    ).toBe(1);
    const text = (await book.textContent())!;
    expect(text).not.toMatch(ISO_DAY);
    expect(text).not.toMatch(/crs\.|fsw\.|dro_ew/);
    // The law import is its own tab, not under 55 rows.
    expect(await p.getByRole('heading', { name: 'Import law or guidance' }).count()).toBe(0);
    // Search narrows to what matches every word.
    await p.getByLabel('Find a rule').fill('arranged employment');
    await p
      .getByText(/^\d+ rules?$/)
      .first()
      .waitFor();
    for (const line of await book.getByTestId('rule-line').allTextContents()) expect(line).toMatch(/arranged employment/i);
    // History holds the replaced versions of the same rule, each with its period and its source.
    await p.getByRole('tab', { name: /^History/ }).click();
    await p.getByLabel('Find a rule').fill('arranged employment');
    const past = book.getByTestId('rule-line').filter({ hasText: /^Arranged employment/ });
    await past.first().waitFor();
    expect(await past.count()).toBeGreaterThanOrEqual(4);
    expect(await past.first().textContent()).toMatch(/Source: /);
    await p.getByRole('tab', { name: /^Law/ }).click();
    await p.getByRole('heading', { name: 'Import law or guidance' }).waitFor();
    // In French the names, groups and search are French, and accents do not matter.
    await p.evaluate(() => localStorage.setItem('casework.lang', 'fr'));
    await p.reload();
    await p.getByRole('tab', { name: /^En vigueur aujourd’hui/ }).waitFor();
    await p.getByLabel('Trouver une règle').fill('competences francais');
    await p.getByTestId('rule-line').filter({ hasText: 'Compétences en français' }).first().waitFor();
    expect(await p.getByTestId('rule-book').locator('h3').allTextContents()).toEqual(['Points supplémentaires']);
    await p.evaluate(() => localStorage.setItem('casework.lang', 'en'));
    await p.reload();
  });

  it('6: French fields show their whole text (the cases search placeholder, the search-model select)', async () => {
    const p = app.page;
    await p.evaluate(() => localStorage.setItem('casework.lang', 'fr'));
    await p.reload();
    await p.getByRole('link', { name: 'Dossiers' }).click();
    const search = p.getByPlaceholder(/dossier/);
    await search.waitFor();
    expect(await cutOff(search)).toMatchObject({ cut: false });
    await p.getByRole('link', { name: 'Paramètres' }).click();
    const model = p.getByLabel('Modèle de recherche par le sens');
    await model.waitFor();
    expect(await cutOff(model)).toMatchObject({ cut: false });
    await p.evaluate(() => localStorage.setItem('casework.lang', 'en'));
    await p.reload();
  });

  it('8: a solo vault lists its one user as “you”, not a placeholder account, in users and in the audit log', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Administration' }).click();
    const user = p.getByTestId('admin-user');
    await user.first().waitFor();
    expect(await user.count()).toBe(1);
    expect(await user.textContent()).toMatch(/^You \(this vault works on its own\)/);
    await p.locator('table.simple tbody tr').first().waitFor();
    const main = (await p.locator('main').textContent())!;
    expect(main).not.toMatch(/Practitioner Owner|practitioner@localhost/);
    expect(await p.locator('table.simple tbody tr td:nth-child(2)').first().textContent()).toBe('You');
    expect(await p.getByRole('heading', { name: 'Add a colleague' }).count()).toBe(0);
  });

  it('5: the CRS form starts from the client’s recorded education, language test and work, which the person form records', async () => {
    const p = app.page;
    // A demo client whose passport runs out soon has a documented file (demo-documents.ts).
    await p.getByRole('link', { name: 'Today' }).click();
    const deadline = p.locator('.grid3 .card').nth(1).getByRole('link').first();
    await deadline.waitFor();
    await deadline.click();
    await p.getByRole('tab', { name: 'CRS & eligibility' }).click();
    expect(
      await p
        .getByRole('combobox', { name: /^Education/ })
        .first()
        .inputValue(),
    ).not.toBe('');
    const first = p.locator('fieldset', { hasText: 'First official language' });
    expect(await first.getByLabel('Language test').inputValue()).toBe('IELTS_GENERAL');
    expect(await first.getByLabel('Listening').inputValue()).not.toBe('');
    expect(await p.getByLabel('Years of foreign work', { exact: true }).inputValue()).toMatch(/^[1-9]/);
    // Recording them on a person in the People tab is what the form then starts from.
    await p.getByRole('tab', { name: 'People' }).click();
    await p.locator('li', { hasText: 'Principal applicant' }).getByRole('button', { name: 'Edit', exact: true }).first().click();
    const facts = p.getByTestId('person-crs-facts');
    await facts.getByLabel('Education').selectOption('doctoral');
    await facts.getByLabel('Language test').selectOption('CELPIP_G');
    for (const a of ['Listening', 'Reading', 'Writing', 'Speaking']) await facts.getByLabel(a).fill('10');
    await facts.getByLabel('Years of Canadian work').fill('2');
    await facts.getByLabel('Years of foreign work').fill('x');
    await p.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await facts.getByLabel('Years of foreign work').getAttribute('aria-invalid')).toBe('true');
    await facts.getByLabel('Years of foreign work').fill('4');
    await p.getByRole('button', { name: 'Save', exact: true }).click();
    await facts.waitFor({ state: 'detached' });
    await p.getByRole('tab', { name: 'CRS & eligibility' }).click();
    expect(
      await p
        .getByRole('combobox', { name: /^Education/ })
        .first()
        .inputValue(),
    ).toBe('doctoral');
    expect(await first.getByLabel('Language test').inputValue()).toBe('CELPIP_G');
    expect(await first.getByLabel('Speaking').inputValue()).toBe('10');
    expect(await p.getByLabel('Years of Canadian work', { exact: true }).inputValue()).toBe('2');
    expect(await p.getByLabel('Years of foreign work', { exact: true }).inputValue()).toBe('4');
  });

  it('5: the CRS form invents nothing, computes under a chosen day and words the FSW verdict in French', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Cases' }).click();
    await p.getByRole('button', { name: 'New case' }).click();
    await p.getByRole('dialog').getByLabel('Client').fill('Lena Fischer');
    await p.getByRole('dialog').getByLabel('Type').selectOption({ label: 'Express Entry – Federal Skilled Worker' });
    await p.getByRole('dialog').getByRole('button', { name: 'Create case' }).click();
    await p.getByRole('tab', { name: 'CRS & eligibility' }).click();
    // Nothing is pre-filled for a client nobody described.
    expect(
      await p
        .getByRole('combobox', { name: /^Education/ })
        .first()
        .inputValue(),
    ).toBe('');
    expect(await p.getByLabel('Years of foreign work', { exact: true }).inputValue()).toBe('');
    await p.getByRole('button', { name: 'Calculate' }).click();
    expect(await p.getByLabel('Age', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await p.getByTestId('crs-total').count()).toBe(0);
    await p.getByLabel('Age', { exact: true }).fill('29');
    await p
      .getByRole('combobox', { name: /^Education/ })
      .first()
      .selectOption('masters');
    const first = p.locator('fieldset', { hasText: 'First official language' });
    await first.getByLabel('Language test').selectOption('CELPIP_G');
    for (const a of ['Listening', 'Reading', 'Writing', 'Speaking']) await first.getByLabel(a).fill('9');
    await p.getByLabel('Years of Canadian work', { exact: true }).fill('1');
    await p.getByLabel('Years of foreign work', { exact: true }).fill('3');
    await pickDate(p, 'Compute under the rules in force on', '2025-03-24');
    await p.getByRole('button', { name: 'Calculate' }).click();
    await p.getByTestId('crs-total').waitFor();
    expect(await p.getByTestId('crs-rules').textContent()).toBe('Rules in force on March 24, 2025');
    await p.getByRole('button', { name: 'Save to case' }).click();
    await p.getByTestId('crs-saved').locator('li').first().waitFor();
    const saved = (await p.getByTestId('crs-saved').textContent())!;
    expect(saved).toContain('March 24, 2025');
    expect(saved).not.toMatch(/crs@|\+[0-9a-f]{8}/);
    // In French the FSW verdict is French.
    await p.evaluate(() => localStorage.setItem('casework.lang', 'fr'));
    await p.reload();
    await p.getByRole('tab', { name: 'SCG et admissibilité' }).click();
    await p.getByLabel('Âge', { exact: true }).fill('29');
    await p
      .getByRole('combobox', { name: /^Études/ })
      .first()
      .selectOption('masters');
    const premiere = p.locator('fieldset', { hasText: 'Première langue officielle' });
    await premiere.getByLabel('Test de langue').selectOption('CELPIP_G');
    for (const a of await premiere.locator('.small-input input').all()) await a.fill('9');
    await p
      .getByLabel(/travail au Canada/)
      .first()
      .fill('1');
    await p
      .getByLabel(/travail à l’étranger/)
      .first()
      .fill('3');
    await p.getByRole('button', { name: 'Calculer' }).click();
    const verdict = (await p.getByTestId('fsw-verdict').textContent())!;
    expect(verdict).toMatch(/Grille des travailleurs qualifiés/);
    expect(verdict).not.toMatch(/points is below|Meets the pass mark|Not eligible/);
    await p.evaluate(() => localStorage.setItem('casework.lang', 'en'));
    await p.reload();
  });
});
