/**
 * The desktop app itself, where an Electron binary exists (its download is blocked on some build
 * machines, where this file reports its tests as skipped): Playwright's _electron launches the
 * electron-vite build, and the spec checks the window is locked down (no Node in the page, the typed
 * contract on window.casework, the CSP refuses inline script), runs the first-run journey's opening,
 * and quits cleanly (vault closed, WAL checkpointed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, screenshot } from './harness';
import { ROOT, tempDir } from '../support/cli';

/** The Electron binary npm installed, or null when its download was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD). */
function electronBinary(): string | null {
  try {
    const p: unknown = createRequire(import.meta.url)('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const ELECTRON = electronBinary();
const PASS = 'a long enough passphrase';

describe.skipIf(!ELECTRON)('the desktop app in Electron (needs the Electron binary)', () => {
  let app: ElectronApplication;
  let win: Page;
  const dataDir = join(tempDir('casework-electron-'), 'vault');

  beforeAll(async () => {
    const main = join(ROOT, 'out', 'main', 'index.js');
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0 || !existsSync(main)) throw new Error(`electron-vite build failed: ${r.stderr}`);
    app = await _electron.launch({ executablePath: ELECTRON!, args: [main], env: { ...(process.env as Record<string, string>), CASEWORK_DATA: dataDir } });
    win = await app.firstWindow();
  }, 300_000);
  afterAll(async () => {
    if (win) await screenshot(win, 'electron-final').catch(() => undefined);
    await app?.close().catch(() => undefined);
  });

  it('keeps Node out of the page and exposes only the typed contract', async () => {
    expect(await win.evaluate('typeof require')).toBe('undefined');
    expect(await win.evaluate('typeof process')).toBe('undefined');
    expect(await win.evaluate('Object.keys(window.casework).sort().join(",")')).toBe('invoke,on');
    // An inline script is refused by the CSP: the global it would set never appears.
    await win.evaluate(`(() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.head.appendChild(s); })()`);
    expect(await win.evaluate('typeof window.__inline')).toBe('undefined');
  });

  it('creates a vault and a case from the window', async () => {
    await win.getByRole('heading', { name: 'Welcome to Casework' }).waitFor();
    await win.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await win.getByLabel('Passphrase again').fill(PASS);
    await win.getByRole('button', { name: 'Create vault' }).click();
    await win.getByRole('heading', { name: 'Today' }).waitFor();
    await win.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    await win.getByRole('button', { name: 'New case' }).click();
    await win.getByRole('dialog').getByLabel('Client').fill('Amara Okafor');
    await win.getByRole('dialog').getByLabel('Type').selectOption({ label: 'Express Entry – Federal Skilled Worker' });
    await win.getByRole('dialog').getByRole('button', { name: 'Create case' }).click();
    await win.getByRole('heading', { name: 'Amara Okafor' }).waitFor();
    expect(await axeViolations(win)).toEqual([]);
  });

  it('quits cleanly: the vault is closed and its write-ahead log folded in', async () => {
    await screenshot(win, 'electron-final');
    await app.close();
    const wal = join(dataDir, 'casework.db-wal');
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
  });
});
