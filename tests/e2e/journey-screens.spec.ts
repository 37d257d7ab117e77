/**
 * A practitioner's working day over a filled vault (the CLI's demo practice, unlocked with
 * CASEWORK_PASSPHRASE): the case list pages, filters and keyboard, every tab of a case, sync, rules and
 * today in the dark theme; axe-core finds no serious or critical violation on any of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { existsSync, writeFileSync } from 'node:fs';
import { axeViolations, fillCrsProfile, openApp, pickDate, screenshot, type App } from './harness';
import { cli, PASS, tempDir } from '../support/cli';

// Page functions below run in Chromium, where document exists; Node's tsconfig has no DOM types.
declare const document: {
  querySelector(s: string): { textContent: string | null; getAttribute(n: string): string | null } | null;
  documentElement: { dataset: Record<string, string | undefined> };
};

const CASES = 400;

/** Cumulative layout shift of the page so far, from Chromium's buffered layout-shift entries (a string: see harness). */
const CLS = `new Promise((resolve) => {
  let sum = 0;
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) sum += e.value; }).observe({ type: 'layout-shift', buffered: true });
  setTimeout(() => resolve(sum), 300);
})`;

describe('working day over a filled vault', () => {
  let app: App;
  beforeAll(async () => {
    const dataDir = join(tempDir('casework-e2e-'), 'vault');
    const r = cli(['demo', '--data', dataDir, '--cases', String(CASES)]);
    if (r.code !== 0) throw new Error(r.stderr);
    app = await openApp({ dataDir, env: { CASEWORK_PASSPHRASE: PASS } });
  }, 180_000);
  afterAll(async () => {
    if (app) await screenshot(app.page, 'journey-screens-final').catch(() => undefined);
    await app?.close();
  });

  it('lists, filters and opens cases from the keyboard', async () => {
    const p = app.page;
    await p.getByRole('heading', { name: 'Today' }).waitFor();
    await p.getByRole('link', { name: 'Cases' }).click();
    const count = p.locator('.count');
    await p.getByTestId('case-row').first().waitFor();
    const all = Number((await count.textContent())!.replace(/\D/g, ''));
    expect(all).toBeGreaterThanOrEqual(CASES);
    // Only a screenful of rows is in the page, however many cases there are.
    expect(await p.getByTestId('case-row').count()).toBeLessThan(100);
    // No layout shift while the list and its count arrived (Chromium's own measure; 0.1 is "good").
    expect(await p.evaluate(CLS)).toBeLessThan(0.1);
    await p.getByLabel('Status').first().selectOption('active');
    await p.waitForFunction((n) => Number(document.querySelector('.count')?.textContent?.replace(/\D/g, '')) !== n, all);
    const active = Number((await count.textContent())!.replace(/\D/g, ''));
    expect(active).toBeGreaterThan(0);
    expect(active).toBeLessThan(all);
    for (const badge of await p.getByTestId('case-row').locator('.badge').allTextContents()) expect(badge).toBe('Active');
    expect(await axeViolations(p)).toEqual([]);
    // The demo practice's cases are all its owner's, who is the one signed in.
    await p.getByLabel('Consultant').selectOption('me');
    await p.getByTestId('case-row').first().waitFor();
    expect(Number((await count.textContent())!.replace(/\D/g, ''))).toBe(active);

    await p.getByTestId('case-row').first().focus();
    await p.keyboard.press('ArrowDown');
    const second = (await p.getByTestId('case-row').nth(1).locator('[role=cell]').first().textContent())!;
    await p.keyboard.press('Enter');
    await p.getByRole('tablist', { name: 'Case sections' }).waitFor();
    expect(await p.locator('.case-head').textContent()).toContain(second);
  });

  it('shows every tab of a case without accessibility problems', async () => {
    const p = app.page;
    for (const tab of ['Overview', 'People', 'Tasks & checklist', 'Timeline', 'Communications', 'Appointments', 'Money', 'Documents', 'CRS & eligibility']) {
      await p.getByRole('tab', { name: tab }).click();
      await p.waitForFunction((name) => document.querySelector('[role=tab][aria-selected=true]')?.textContent === name, tab);
      expect(await axeViolations(p), tab).toEqual([]);
    }
    // The person form applies the shared row schema before anything is sent: a first name longer than
    // the column allows is named, and nobody is added.
    await p.getByRole('tab', { name: 'People' }).click();
    const people = await p.locator('.panel ul.plain li').count();
    await p.getByLabel('First name').fill('x'.repeat(150));
    await p.getByLabel('Last name').fill('Person');
    await p.getByRole('button', { name: 'Add person' }).click();
    expect(await p.getByLabel('First name').getAttribute('aria-invalid')).toBe('true');
    await p.getByText('Use at most 100 characters.').waitFor();
    expect(await p.locator('.panel ul.plain li').count()).toBe(people);
    await p.getByLabel('First name').fill('Test');
    await p.getByLabel('Last name').fill('Person');
    // A birth date in the future is refused, on the field, and nothing is added.
    await pickDate(p, 'Date of birth', '2031-02-03');
    await p.getByRole('button', { name: 'Add person' }).click();
    await p.getByText('This date cannot be in the future.').first().waitFor();
    expect(await p.locator('.panel ul.plain li').count()).toBe(people);
    await pickDate(p, 'Date of birth', '1991-02-03');
    await p.getByRole('button', { name: 'Add person' }).click();
    await p.getByText('Test Person').waitFor();
    expect(await p.locator('.panel ul.plain li').count()).toBe(people + 1);
    // CRS for the case's principal applicant, saved to the case.
    await p.getByRole('tab', { name: 'CRS & eligibility' }).click();
    await fillCrsProfile(p);
    await p.getByRole('button', { name: 'Calculate' }).click();
    await p.getByTestId('crs-total').waitFor();
    const gains = (await p.locator('.whatif li').allTextContents()).map((x) => Number(/\+(\d+)/.exec(x)![1]));
    expect(gains.length).toBeGreaterThan(0);
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
    await p.getByRole('button', { name: 'Save to case' }).click();
    await p.getByRole('button', { name: 'Saved' }).waitFor();
    // Arrow keys walk the tab strip.
    await p.getByRole('tab', { name: 'CRS & eligibility' }).focus();
    await p.keyboard.press('ArrowRight');
    expect(await p.getByRole('tab', { selected: true }).textContent()).toBe('Overview');
  });

  it('logs a call, books an appointment, issues an invoice and records its payment', async () => {
    const p = app.page;
    await p.getByRole('tab', { name: 'Communications' }).click();
    await p.getByLabel('Subject').fill('Asked about proof of funds');
    await p.getByRole('button', { name: 'Log it' }).click();
    await p.getByText('Asked about proof of funds').waitFor();
    await p.getByRole('tab', { name: 'Appointments' }).click();
    await p.getByLabel('Kind').selectOption('biometrics');
    // Day, month and year in words and a time beside them (issue 17 item 9: no browser mm/dd/yyyy).
    await pickDate(p, 'Day', '2030-03-14');
    await p.getByLabel('Time', { exact: true }).fill('10:30');
    await p.getByLabel('Where').fill('Service Canada, Toronto');
    await p.getByRole('button', { name: 'Book it' }).click();
    await p.getByText('Service Canada, Toronto', { exact: false }).waitFor();
    // Shown as the app writes moments, the month in words (the browser here runs in UTC).
    const shown = await p.locator('.card li time').first().textContent();
    expect(shown).toMatch(/March 14, 2030|14 March 2030/);
    expect(shown).toMatch(/10:30/);
    expect(shown).not.toMatch(/\d+\/\d+\/\d+/);
    expect(await axeViolations(p)).toEqual([]);
    await p.getByRole('tab', { name: 'Money' }).click();
    const paidBefore = Number(await p.getByTestId('paid-amount').getAttribute('data-amount'));
    await p.getByLabel('What for').fill('Express Entry profile and ITA application');
    await p.getByLabel('Unit price').fill('1500.00');
    await p.getByRole('button', { name: 'Issue invoice' }).click();
    // 1,500.00 + 13 % tax.
    await p.getByText('1,695.00', { exact: false }).first().waitFor();
    await p.getByLabel('Amount').fill('500');
    await p.getByLabel('For invoice').selectOption({ index: 1 });
    await p.getByRole('button', { name: 'Record payment' }).click();
    await p.waitForFunction((before) => Number(document.querySelector('[data-testid=paid-amount]')?.getAttribute('data-amount')) === before + 500, paidBefore);
    expect(await axeViolations(p)).toEqual([]);
  });

  it('shows sync, rules and today, also in the dark theme', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Sync' }).click();
    await p.getByRole('heading', { name: 'Sync' }).waitFor();
    await p.locator('.empty, form.card, .card').first().waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await p.getByRole('link', { name: 'Rules' }).click();
    // The rules page in tabs (issue 17 item 10): in force today, history, proposals, law.
    await p.getByRole('heading', { name: 'Rules', exact: true }).waitFor();
    await p.getByTestId('rule-line').first().waitFor();
    await p.getByRole('tab', { name: /^Proposals/ }).click();
    await p.getByText('No proposed changes waiting for review.').waitFor();
    await p.getByRole('tab', { name: /^Law/ }).click();
    // Import a regulation saved from its address; search then finds its sections.
    const law = join(tempDir('casework-e2e-law-'), 'irpr.html');
    writeFileSync(
      law,
      '<html><head><title>Immigration and Refugee Protection Regulations</title></head><body><h2>Section 76 Selection criteria</h2><p>Settlement funds for a federal skilled worker.</p></body></html>',
    );
    await p.getByLabel('File (HTML, text or PDF)').setInputFiles(law);
    await p.getByLabel('Address it was published at').fill('https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/');
    await p.getByRole('button', { name: 'Import', exact: true }).click();
    await p
      .getByTestId('law-result')
      .filter({ hasText: /^Imported Immigration and Refugee Protection Regulations/ })
      .waitFor();
    await p.getByRole('listitem').filter({ hasText: 'laws-lois.justice.gc.ca' }).waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await p.keyboard.press('Control+k');
    await p.getByRole('searchbox', { name: 'Search' }).fill('settlement funds');
    await p
      .getByRole('list', { name: 'Results' })
      .getByRole('listitem')
      .filter({ hasText: 'Immigration and Refugee Protection Regulations' })
      .filter({ hasText: 'Selection criteria' })
      .waitFor();
    await p.getByRole('link', { name: 'Rules' }).click();
    // The demo vault's user owns it, so administration is offered.
    await p.getByRole('link', { name: 'Administration' }).click();
    await p.getByRole('heading', { name: 'Audit log', exact: true }).waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await p.getByRole('link', { name: 'Settings' }).click();
    await p.getByText('Passphrase (the key is derived from it and never written to disk)').waitFor();
    // A vault setting is the core's: it is still there after the window reloads.
    await p.getByLabel('Read new documents in').selectOption('eng+fra');
    await p.reload();
    await p.getByRole('heading', { name: 'Settings' }).waitFor();
    await p.getByText('Passphrase (the key is derived from it and never written to disk)').waitFor();
    expect(await p.getByLabel('Read new documents in').inputValue()).toBe('eng+fra');
    await p.getByLabel('Install a model from a folder on this computer').fill('/no/such/model');
    await p.getByRole('button', { name: 'Install', exact: true }).click();
    expect(await p.getByRole('alert').textContent()).toMatch(/no model folder at \/no\/such\/model/);
    const backup = join(tempDir('casework-e2e-backup-'), 'office.cwbackup');
    await p.getByLabel('Backup file').fill(backup);
    await p.getByLabel('Backup passphrase', { exact: true }).fill('backup passphrase');
    await p.getByLabel('Backup passphrase again').fill('backup passphrase');
    await p.getByRole('button', { name: 'Back up now' }).click();
    await p.getByTestId('backup-done').waitFor({ timeout: 60_000 });
    expect(await p.getByTestId('backup-done').textContent()).toContain(backup);
    expect(existsSync(backup)).toBe(true);
    expect(await axeViolations(p)).toEqual([]);
    await p.getByLabel('Theme').selectOption('dark');
    expect(await p.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await p.getByRole('link', { name: 'Today' }).click();
    await p.getByRole('heading', { name: 'Recent cases' }).waitFor();
    await p.locator('.grid3 .card li').first().waitFor();
    expect(await axeViolations(p)).toEqual([]);
  });

  it('records an Express Entry invitation to apply and Today counts the days left', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Cases' }).click();
    await p.getByLabel('Status').first().selectOption('active');
    await p.getByLabel('Type').selectOption('EXPRESS_ENTRY_FSW');
    await p.getByTestId('case-row').first().waitFor();
    await p.getByTestId('case-row').first().click();
    const received = new Date(Date.now() - 20 * 864e5).toISOString().slice(0, 10);
    // A day / month / year field (issue 17: no mm/dd/yyyy input), and the last day said in words.
    await pickDate(p, 'Invitation to apply received on', received);
    await p.getByRole('button', { name: 'Record the ITA' }).click();
    await p
      .getByRole('status')
      .filter({ hasText: /^Apply by [A-Z][a-z]+ \d{1,2}, \d{4}: a task is due that day\.$/ })
      .waitFor();
    await p.getByRole('link', { name: 'Today' }).click();
    await p.getByTestId('ita-window').filter({ hasText: '(40 days left)' }).first().waitFor();
    expect(await axeViolations(p)).toEqual([]);
  });
});
