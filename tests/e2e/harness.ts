/**
 * End-to-end harness: a real `casework serve` (the browser shell over a real encrypted vault) and
 * Debian's Chromium driven by playwright-core. Playwright's own browser download is never used.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from '../support/cli';

export const CHROMIUM = process.env.CASEWORK_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface App {
  url: string;
  dataDir: string;
  server: ChildProcess;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Start the browser shell on a fresh (or given) vault folder and open it in Chromium. */
export async function openApp(opts: { dataDir?: string; env?: Record<string, string>; launcher?: (command: string[]) => string[] } = {}): Promise<App> {
  const dataDir = opts.dataDir ?? join(mkdtempSync(join(tmpdir(), 'casework-e2e-')), 'vault');
  // A launcher wraps the command (e.g. in a private D-Bus session); the shell then runs in its own
  // process group so that closing stops the wrapper and everything it started.
  const command = (opts.launcher ?? ((c) => c))([process.execPath, BIN, 'serve', '--data', dataDir]);
  const server = spawn(command[0], command.slice(1), {
    env: { ...process.env, CASEWORK_PASSPHRASE: '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: Boolean(opts.launcher),
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`casework serve did not start: ${err}`)), 60_000);
    server.stdout!.on('data', (d) => {
      out += d;
      const m = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.stderr!.on('data', (d) => (err += d));
    server.once('exit', (code) => reject(new Error(`casework serve exited ${code}: ${err}`)));
  });
  const cache = mkdtempSync(join(tmpdir(), 'casework-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    env: { ...process.env, XDG_CACHE_HOME: cache, XDG_CONFIG_HOME: cache },
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(url);
  return {
    url,
    dataDir,
    server,
    browser,
    page,
    close: async () => {
      await browser.close();
      if (opts.launcher) process.kill(-server.pid!, 'SIGTERM');
      else server.kill('SIGTERM');
      await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
    },
  };
}

export async function screenshot(page: Page, name: string) {
  const dir = join(ROOT, 'test-results');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** axe-core in the page: serious and critical violations, described. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the page's CSP (no inline scripts) stays as strict as in use.
  await page.evaluate(readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () =>
    (
      globalThis as unknown as { axe: { run(o?: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[]; help: string }> }> } }
    ).axe.run(),
  );
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.help}`);
}

/** Picks a day in the window's day / month / year field named `label` (src-renderer/app/ui.tsx DateField; English labels). */
export async function pickDate(page: Page, label: string, iso: string) {
  const [y, m, d] = iso.split('-').map(Number);
  await page.getByLabel(`${label}: Month`, { exact: true }).selectOption(String(m));
  await page.getByLabel(`${label}: Year`, { exact: true }).fill(String(y));
  await page.getByLabel(`${label}: Day`, { exact: true }).selectOption(String(d));
}

/**
 * Describes a client on the CRS tab (the form invents nothing, issue 17): age 30, a master's, CELPIP 9
 * in every ability, one year of Canadian and three of foreign work.
 */
export async function fillCrsProfile(page: Page) {
  await page.getByLabel('Age', { exact: true }).fill('30');
  await page
    .getByRole('combobox', { name: /^Education/ })
    .first()
    .selectOption('masters');
  const first = page.locator('fieldset', { hasText: 'First official language' });
  await first.getByLabel('Language test').selectOption('CELPIP_G');
  for (const a of ['Listening', 'Reading', 'Writing', 'Speaking']) await first.getByLabel(a).fill('9');
  await page.getByLabel('Years of Canadian work', { exact: true }).fill('1');
  await page.getByLabel('Years of foreign work', { exact: true }).fill('3');
}
