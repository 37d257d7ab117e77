/**
 * A new practitioner's first session, in Chromium against the real core: create a vault, open a case,
 * add a person, add a scan and see its text appear, find it by search, run CRS, tick a checklist item,
 * switch to French, lock and unlock. axe-core finds no serious violation on the main screens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { axeViolations, fillCrsProfile, openApp, screenshot, type App } from './harness';
import { tempDir } from '../support/cli';

const PASS = 'a long enough passphrase';

describe('first session', () => {
  let app: App;
  beforeAll(async () => {
    app = await openApp();
  });
  afterAll(async () => {
    if (app) await screenshot(app.page, 'journey-final').catch(() => undefined);
    await app?.close();
  });

  it('creates a vault, a case and a person', async () => {
    const p = app.page;
    await p.getByRole('heading', { name: 'Welcome to Casework' }).waitFor();
    await p.getByLabel('Practice name').fill('Okafor Immigration');
    await p.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await p.getByLabel('Passphrase again').fill(PASS);
    await p.getByRole('button', { name: 'Create vault' }).click();
    await p.getByRole('heading', { name: 'Today' }).waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await p.getByRole('link', { name: 'Cases' }).click();
    await p.getByText('No cases yet.').waitFor();
    await p.getByRole('button', { name: 'New case' }).click();
    const dialog = p.getByRole('dialog');
    await dialog.getByLabel('Client').fill('Amara Okafor');
    await dialog.getByLabel('Type').selectOption({ label: 'Express Entry – Federal Skilled Worker' });
    await dialog.getByRole('button', { name: 'Create case' }).click();
    await p.getByRole('heading', { name: 'Amara Okafor' }).waitFor();
    await p.getByRole('tab', { name: 'People' }).click();
    await p.getByLabel('First name').fill('Chidi');
    await p.getByLabel('Last name').fill('Okafor');
    await p.getByRole('button', { name: 'Add person' }).click();
    await p.getByText('Chidi Okafor').waitFor();
    // Edit his details in place: only what changed is sent; an emptied name is refused before anything is.
    await p.getByTestId('person').filter({ hasText: 'Chidi Okafor' }).getByRole('button', { name: 'Edit' }).click();
    const edit = p.getByRole('form', { name: 'Edit Chidi Okafor' });
    await edit.getByLabel('First name').fill('');
    await edit.getByRole('button', { name: 'Save' }).click();
    expect(await edit.getByRole('alert').textContent()).toMatch(/First name: Fill this in\./);
    await edit.getByLabel('First name').fill('Chidi');
    await edit.getByLabel('Email').fill('chidi@example.ca');
    await edit.getByLabel('Phone').fill('+1 416 555 0199');
    await edit.getByLabel('Passport', { exact: true }).fill('P1234567');
    await edit.getByRole('button', { name: 'Save' }).click();
    await p.getByTestId('person').filter({ hasText: 'Passport P1234567' }).waitFor();
    expect(await p.getByTestId('person').filter({ hasText: 'Chidi Okafor' }).textContent()).toContain('+1 416 555 0199');
    expect(await axeViolations(p)).toEqual([]);
  });

  it('reads an added scan and finds it by search', async () => {
    const p = app.page;
    const img = join(tempDir(), 'statement.png');
    execFileSync('/usr/bin/convert', [
      '-size',
      '1200x260',
      'xc:white',
      '-font',
      'DejaVu-Sans',
      '-pointsize',
      '38',
      '-fill',
      'black',
      '-annotate',
      '+40+110',
      'Royal Bank of Canada statement',
      '-annotate',
      '+40+190',
      'Closing balance 12400 CAD',
      img,
    ]);
    await p.getByRole('tab', { name: 'Documents' }).click();
    await p.getByLabel('Choose files to add').setInputFiles(img);
    await p.getByRole('button', { name: 'statement' }).click();
    await p
      .getByTestId('extracted-text')
      .filter({ hasText: /Royal Bank of Canada/ })
      .waitFor({ timeout: 60_000 });
    await p.getByText('read', { exact: true }).waitFor();
    await p.keyboard.press('Control+k');
    await p.getByRole('heading', { name: 'Search' }).waitFor();
    await p.getByRole('searchbox', { name: 'Search' }).fill('royal bank');
    const hit = p.getByRole('list', { name: 'Results' }).getByRole('listitem').filter({ hasText: 'statement' });
    await hit.waitFor();
    expect(await hit.locator('mark').allTextContents()).toEqual(['Royal', 'Bank']);
  });

  it('runs CRS with a breakdown and ticks a checklist item', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Cases' }).click();
    await p.getByTestId('case-row').first().click();
    await p.getByRole('tab', { name: 'CRS & eligibility' }).click();
    await fillCrsProfile(p);
    await p.getByRole('button', { name: 'Calculate' }).click();
    const total = p.getByTestId('crs-total');
    await total.waitFor();
    expect(Number((await total.textContent())!.replace(/\D/g, ''))).toBeGreaterThan(300);
    expect(await p.getByRole('list', { name: 'Score breakdown' }).getByRole('listitem').count()).toBe(4);
    await p.getByRole('tab', { name: 'Tasks & checklist' }).click();
    const legend = p.locator('.checklist legend').first();
    const before = await legend.textContent();
    await p.locator('.checklist input[type=checkbox]').first().click();
    await p.waitForFunction((b) => (globalThis as any).document.querySelector('.checklist legend')?.textContent !== b, before);
    expect(await legend.textContent()).toMatch(/\(1\/\d+\)/);
    expect(await axeViolations(p)).toEqual([]);
  });

  it('switches to French, locks and unlocks', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Settings' }).click();
    // Settings is loaded lazily: until its heading shows, the case's checklist (with a "Language test" item) is still on screen.
    await p.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await p.getByRole('combobox', { name: /^Language/ }).selectOption('fr');
    await p.getByRole('link', { name: 'Dossiers' }).waitFor();
    await p.getByRole('button', { name: 'Verrouiller' }).click();
    await p.getByRole('heading', { name: 'Déverrouiller votre coffre' }).waitFor();
    await p.getByLabel('Phrase de passe').fill('not the passphrase');
    await p.getByRole('button', { name: 'Déverrouiller' }).click();
    await p.getByRole('alert').waitFor();
    expect(await p.getByRole('alert').textContent()).toMatch(/n’ouvre pas ce coffre/);
    await p.getByLabel('Phrase de passe').fill(PASS);
    await p.getByRole('button', { name: 'Déverrouiller' }).click();
    await p.getByRole('heading', { name: 'Paramètres' }).waitFor();
    expect(existsSync(join(app.dataDir, 'casework.db'))).toBe(true);
  });
});
