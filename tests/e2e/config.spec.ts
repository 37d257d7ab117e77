/**
 * Configuration as data in the window (issue 16 part 1), in Chromium against the real core: a debt-advice
 * case shows its custom fields from configuration; in the configuration screen a field is relabelled and
 * made required and another removed, previewed live, proposed, and approved; the open case keeps its
 * version until moved on purpose, then shows the changed form with the removed field's value kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { axeViolations, openApp, screenshot, type App } from './harness';
import { cli, cliJson, tempDir, PASS } from '../support/cli';

describe('configuration: a field edited through a proposal reaches the form', () => {
  let app: App;
  let caseId: string;
  beforeAll(async () => {
    const dataDir = join(tempDir('casework-e2e-'), 'vault');
    const init = cli(['init', '--data', dataDir]);
    if (init.code !== 0) throw new Error(init.stderr);
    caseId = cliJson(['case', 'create', '--data', dataDir, '--type', 'DEBT_ADVICE', '--client', 'Dana Price']).id;
    app = await openApp({ dataDir, env: { CASEWORK_PASSPHRASE: PASS } });
    await app.page.getByRole('heading', { name: 'Today' }).waitFor();
  }, 180_000);
  afterAll(async () => {
    if (app) await screenshot(app.page, 'config-final').catch(() => undefined);
    await app?.close();
  });

  const openCase = async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Cases' }).click();
    await p.getByTestId('case-row').filter({ hasText: 'Dana Price' }).first().click();
    await p.getByRole('heading', { name: 'Dana Price' }).waitFor();
  };

  it('a case shows its custom fields from configuration, checked by the shared validator before saving', async () => {
    const p = app.page;
    await openCase();
    const form = p.getByRole('form', { name: 'Case fields' });
    await form.getByLabel('Total debt').fill('12500.505');
    await form.getByLabel('FCA outcome').fill('Advice given');
    await form.getByRole('button', { name: 'Save fields' }).click();
    expect(await form.getByRole('alert').first().textContent()).toContain('Enter an amount such as 1250.00.');
    // A field shown only when another says so.
    expect(await form.getByLabel('Referred to', { exact: true }).count()).toBe(0);
    await form.getByLabel('Referred to another agency').selectOption('yes');
    await form.getByLabel('Referred to', { exact: true }).waitFor();
    await form.getByLabel('Referred to another agency').selectOption('no');
    await form.getByLabel('Total debt').fill('12500.50');
    await form.getByRole('button', { name: 'Save fields' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(await p.getByTestId('config-version').textContent()).toContain('version 0');
  });

  it('an edit is previewed live, proposed with its diff, and approved', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Configuration' }).click();
    await p.getByRole('heading', { name: 'Configuration', level: 1 }).waitFor();
    await p.getByLabel('Case type').selectOption('DEBT_ADVICE');
    const total = p.getByRole('group', { name: 'total_debt' });
    await total.getByLabel('Label (English)').fill('Total owed');
    await total.getByLabel('Required').check();
    await p.getByRole('group', { name: 'fca_outcome' }).getByRole('button', { name: 'Remove field' }).click();
    const preview = p.locator('.config-preview');
    await preview.getByLabel('Total owed').waitFor();
    expect(await preview.getByLabel('FCA outcome').count()).toBe(0);
    await p.getByLabel('What is the change?').fill('Total owed, required; FCA outcome reported elsewhere');
    await p.getByRole('button', { name: 'Propose change' }).click();
    await p.getByRole('status').filter({ hasText: 'Proposed' }).waitFor();
    const proposal = p.getByTestId('config-proposal').filter({ hasText: 'Total owed, required' });
    await proposal.getByText('fields.total_debt.label.en').waitFor();
    expect(await proposal.textContent()).toContain('Removes fields (their values are kept on every case): fca_outcome');
    await proposal.getByRole('button', { name: 'Approve' }).click();
    await proposal.getByText('Applied').waitFor();
  });

  it('the open case keeps its version until moved; then the form changes and the removed value is kept', async () => {
    const p = app.page;
    await openCase();
    const form = p.getByRole('form', { name: 'Case fields' });
    await form.getByLabel('FCA outcome').waitFor();
    await p.getByTestId('config-version').filter({ hasText: 'Version 1 is newer.' }).waitFor();
    await p.getByRole('button', { name: 'Move this case to version 1' }).click();
    await form.getByLabel('Total owed').waitFor();
    expect(await form.getByLabel('Total owed').inputValue()).toBe('12500.50');
    expect(await form.getByLabel('FCA outcome').count()).toBe(0);
    expect(await p.getByTestId('retired-field').textContent()).toBe('FCA outcomeAdvice given');
    await screenshot(p, 'config-case-moved');
  });

  it('a letter template written in the window is filled in for the case, filed as a PDF, and offers only the lifecycle of its type', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Configuration' }).click();
    const editor = p.locator('[aria-labelledby="templates-title"]');
    await editor.getByRole('button', { name: 'New template' }).click();
    await editor.getByLabel('Name').fill('Debt summary');
    const text = editor.getByLabel('Text (merge fields in {{double braces}})');
    await text.fill('Dear {{client_nam}}, you owe {{custom.total_debt}}.');
    expect(await editor.getByRole('alert').textContent()).toContain('unknown merge field {{client_nam}}');
    await text.fill('Dear {{client_name}}, your case {{case_number}} shows a total owed of {{custom.total_debt}}.');
    expect(await editor.getByRole('alert').count()).toBe(0);
    await editor.getByRole('button', { name: 'Save template' }).click();
    await editor.getByRole('status').filter({ hasText: 'Saved: version 1.' }).waitFor();

    await openCase();
    const letters = p.locator('[aria-labelledby="letters-title"]');
    await letters.getByLabel('Template').selectOption({ label: 'Debt summary' });
    const preview = letters.getByLabel('What the letter will say');
    await preview.filter({ hasText: 'Dear Dana Price' }).waitFor();
    expect(await preview.textContent()).toContain('total owed of 12500.50');
    await letters.getByRole('button', { name: 'File the letter on this case' }).click();
    await letters.getByRole('status').filter({ hasText: 'Filed as' }).waitFor();
    await p.getByRole('tab', { name: 'Documents' }).click();
    await p
      .getByRole('tabpanel')
      .getByText(/Debt summary/)
      .first()
      .waitFor();
    // A debt-advice case moves along its pack's lifecycle: "In progress", never "Submitted".
    await p.getByRole('tab', { name: 'Overview' }).click();
    const moves = await p.getByLabel('Move to').locator('option').allTextContents();
    expect(moves).toEqual(['—', 'In progress', 'Cancelled']);
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, 'config-letter');
  });

  it('the lifecycle is edited in a grid and proposed with its risk', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Configuration' }).click();
    await p.getByLabel('Case type').selectOption('DEBT_ADVICE');
    const grid = p.getByRole('table', { name: 'Allowed moves (row: from, column: to)' });
    const cancel = grid.getByRole('checkbox', { name: 'Open → Cancelled' });
    expect(await cancel.isChecked()).toBe(true);
    await cancel.uncheck();
    await p.getByLabel('What is the change?').fill('An open file is not cancelled, it is closed');
    await p.getByRole('button', { name: 'Propose change' }).click();
    const proposal = p.getByTestId('config-proposal').filter({ hasText: 'An open file is not cancelled' });
    await proposal.getByText('workflow.transitions.draft→withdrawn').waitFor();
    expect(await proposal.textContent()).toContain('MEDIUM');
  });

  it('the CLI sees the same version and the kept value', () => {
    // The window's vault is open in the shell; the CLI reads it as a second process would.
    const r = cliJson(['config', 'fields', caseId, '--data', app.dataDir]);
    expect(r.version).toBe(1);
    expect(r.values).toMatchObject({ total_debt: '12500.50', fca_outcome: 'Advice given' });
  });
});
