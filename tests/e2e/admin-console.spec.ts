/**
 * The firm admin's console in the browser shell (issue 15), over a real encrypted vault joined to a
 * real sync server on embedded Postgres: the licence card; the device table with the health this
 * laptop reported at its sync (this device marked) and a colleague's laptop that signed in and never
 * synced (warned); renaming a device; exporting the audit log with its chain proof (the file verifies
 * against the server's audit key); the same screen in French.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, openApp, screenshot, type App } from './harness';
import { startServer } from '../sync-client/support';
import { tempDir } from '../support/cli';
import { verifyAuditExport } from '../../sync-server/src/audit-export';

const PASS = 'a long enough passphrase';
declare const localStorage: { setItem(k: string, v: string): void };

const nav = (p: Page, name: string | RegExp) =>
  p
    .getByRole('navigation', { name: /Main|principale/ })
    .getByRole('link', { name })
    .click();

describe('the admin console', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let app: App;
  let owner: { email: string; password: string; orgId: string };
  let colleague: { email: string };
  const out = tempDir('cw-e2e-admin-');

  beforeAll(async () => {
    srv = await startServer();
    const org = await srv.createOrg({ name: 'Okafor Immigration' });
    owner = org;
    const c = await srv.addUser(await srv.login(org.email, org.password, 'owner phone'), org.orgId, 'paralegal');
    await srv.login(c.email, c.password, 'front desk'); // signs in, never syncs
    colleague = c;
    app = await openApp();
  }, 180_000);
  afterAll(async () => {
    if (app) await screenshot(app.page, 'admin-console').catch(() => undefined);
    await app?.close();
    await srv?.stop();
  });

  it('shows the licence, and the devices with the health real syncing laptops reported', async () => {
    const p = app.page;
    await p.getByRole('heading', { name: 'Welcome to Casework' }).waitFor();
    await p.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await p.getByLabel('Passphrase again').fill(PASS);
    await p.getByRole('button', { name: 'Create vault' }).click();
    await p.getByRole('heading', { name: 'Today' }).waitFor();
    await nav(p, 'Sync');
    await p.getByLabel('Server address').fill(srv.url);
    await p.getByLabel('Email').fill(owner.email);
    await p.getByLabel('Password').fill(owner.password);
    await p.getByRole('button', { name: 'Connect' }).click();
    await p.getByRole('button', { name: 'Sync now' }).click();
    await p.getByRole('button', { name: 'Syncing…' }).waitFor({ state: 'detached', timeout: 60_000 });

    await nav(p, 'Administration');
    const lic = p.getByTestId('licence');
    await lic.getByRole('heading', { name: 'Licence', exact: true }).waitFor();
    await expect.poll(() => p.getByTestId('licence-state').textContent()).toBe('Trial');

    const rows = p.getByTestId('device-row');
    const mine = rows.filter({ hasText: 'this device' });
    await mine.waitFor({ timeout: 30_000 });
    expect(await mine.textContent()).toContain(owner.email);
    await mine.getByText('healthy').waitFor({ timeout: 30_000 }); // its health report arrived with the sync
    expect(await mine.textContent()).toMatch(/on disk/);
    const desk = rows.filter({ hasText: 'front desk' });
    expect(await desk.textContent()).toContain(colleague.email);
    expect(await desk.getByTestId('device-warnings').textContent()).toContain('not synced for 7 days or more');

    await desk.getByRole('button', { name: 'Rename' }).click();
    // While renaming, the row shows an input instead of the name: reach it by its label.
    const table = p.getByTestId('devices');
    await table.getByLabel('New name for front desk').fill('Reception PC');
    await table.getByRole('button', { name: 'Save' }).click();
    await rows.filter({ hasText: 'Reception PC' }).waitFor();
    expect(await axeViolations(p)).toEqual([]);
  });

  it('exports the audit log with its chain proof; the file verifies against the server key', async () => {
    const p = app.page;
    const file = join(out, 'audit.jsonl');
    const box = p.getByTestId('audit-export');
    await box.getByLabel('Full path of the file to write').fill(file);
    await box.getByRole('button', { name: 'Export' }).click();
    await p.getByTestId('audit-exported').waitFor({ timeout: 30_000 });
    expect(await p.getByTestId('audit-exported').textContent()).toMatch(/entries written to .*audit\.jsonl, with the proof of their chain/);
    expect(existsSync(file)).toBe(true);
    const key = await srv.request('GET', `/v1/audit/checkpoints?orgId=${owner.orgId}`, { token: (await srv.login(owner.email, owner.password)).accessToken });
    const v = verifyAuditExport(readFileSync(file, 'utf8'), key.body.publicKey);
    expect(v).toMatchObject({ ok: true, format: 'jsonl' });
    expect(v.entries).toBeGreaterThan(3);
  });

  it('the same console in French', async () => {
    const p = app.page;
    await p.evaluate(() => localStorage.setItem('casework.lang', 'fr'));
    await p.reload();
    await p.getByRole('heading', { name: 'Appareils et état de la synchronisation' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => p.getByTestId('licence-state').textContent()).toBe('Essai');
    expect(await p.getByTestId('device-row').filter({ hasText: 'cet appareil' }).count()).toBe(1);
    await p.getByRole('heading', { name: 'Exporter le journal d’audit' }).waitFor();
    await p.evaluate(() => localStorage.setItem('casework.lang', 'en'));
  });
});
