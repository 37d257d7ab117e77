/**
 * A screenshot of every screen in both languages and both themes, for a person to look through
 * (test-results/screens/<screen>.<lang>.<theme>.png), over the demo practice. Each screen is also
 * checked for what issue 17 removed: raw codes and ISO days in the visible text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, type App } from './harness';
import { cli, PASS, ROOT, tempDir } from '../support/cli';

// Page functions run in Chromium; Node's tsconfig has no DOM types.
declare const localStorage: { setItem(k: string, v: string): void };

const DIR = join(ROOT, 'test-results', 'screens');
const CASE_TABS = ['overview', 'people', 'tasks', 'timeline', 'communications', 'appointments', 'money', 'documents', 'crs'];

describe('screens in both languages and both themes', () => {
  let app: App;
  beforeAll(async () => {
    const dataDir = join(tempDir('casework-e2e-'), 'vault');
    const r = cli(['demo', '--data', dataDir, '--cases', '40']);
    if (r.code !== 0) throw new Error(r.stderr);
    // The demo's passport scans are read now, not while the screens are walked: the screenshots show
    // them read, and the lists do not refresh under a click as each scan finishes.
    const read = cli(['doc', 'process', '--data', dataDir]);
    if (read.code !== 0) throw new Error(read.stderr);
    app = await openApp({ dataDir, env: { CASEWORK_PASSPHRASE: PASS } });
    mkdirSync(DIR, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  for (const lang of ['en', 'fr'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`walks every screen in ${lang}, ${theme}`, async () => {
        const p = app.page;
        await p.evaluate(
          ([l, th]) => {
            localStorage.setItem('casework.lang', l);
            localStorage.setItem('casework.theme', th);
          },
          [lang, theme] as const,
        );
        await p.goto(app.url);
        await p.locator('.sidebar').waitFor();
        const shot = async (name: string) => {
          await p.waitForTimeout(250);
          await p.screenshot({ path: join(DIR, `${name}.${lang}.${theme}.png`), fullPage: true });
          const text = (await p.locator('main').textContent()) ?? '';
          expect(text, name).not.toMatch(/\b(BC_PNP_TECH|EXPRESS_ENTRY_\w+|IELTS_GENERAL|police_certificate|document_metadata)\b/);
        };
        const nav = (i: number) => p.locator('.sidebar a').nth(i);
        await nav(0).click();
        await p.locator('.grid3').waitFor();
        await shot('today');
        await nav(1).click();
        await p.getByTestId('case-row').first().waitFor();
        await shot('cases-list');
        await p.locator('header .primary').click();
        await p.getByRole('dialog').waitFor();
        await p.getByRole('dialog').locator('button[type=submit]').click();
        await shot('new-case-errors');
        await p.keyboard.press('Escape');
        if (await p.getByRole('dialog').count()) await p.getByRole('dialog').locator('button[type=button]').first().click();
        await p.getByTestId('case-row').first().click();
        await p.locator('[role=tablist]').waitFor();
        for (const tab of CASE_TABS) {
          await p.locator(`#tab-${tab}`).click();
          await p.locator(`#panel-${tab}`).waitFor();
          if (tab === 'crs') await p.locator('#panel-crs form button[type=submit]').click();
          await shot(`case-${tab}`);
        }
        await nav(2).click();
        await p.locator('input[type=search]').fill(lang === 'fr' ? 'passeport' : 'passport');
        await p.waitForTimeout(600);
        await shot('search');
        for (const [i, name] of [
          [3, 'rules'],
          [4, 'sync'],
        ] as const) {
          await nav(i).click();
          await p.locator('main h1').first().waitFor();
          await shot(name);
        }
        await p.locator('.sidebar a[href$="/settings"]').click();
        await p.locator('main h1').first().waitFor();
        await shot('settings');
        if (await p.locator('.sidebar a[href$="/admin"]').count()) {
          await p.locator('.sidebar a[href$="/admin"]').click();
          await p.locator('main h1').first().waitFor();
          await shot('admin');
        }
      });
    }
  }
});
