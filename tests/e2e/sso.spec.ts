/**
 * Single sign-on from the window (issue 15), end to end: the browser shell over a new encrypted vault,
 * a real sync server on embedded Postgres and a real OpenID Connect provider (oidc-provider). The
 * person presses "Sign in with your organisation" on the Sync screen; the core opens the provider's
 * page in "the system browser" — here the BROWSER command, a script that hands the address to the
 * test, which opens it in a second Chromium page and signs in there as a person would. The vault then
 * belongs to the firm (joined just in time) and syncs; a sign-in cancelled at the provider first is
 * said in words and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, screenshot, type App } from './harness';
import { startServer } from '../sync-client/support';
import { startIdp, type TestIdp } from '../support/oidc-idp';

const PASS = 'a long enough passphrase';
const nav = (p: Page, name: string) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

describe('single sign-on from the window', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let idp: TestIdp;
  let app: App;
  const dir = mkdtempSync(join(tmpdir(), 'cw-e2e-sso-'));
  const opened = join(dir, 'opened-url');
  const browserCmd = join(dir, 'browser.sh');

  beforeAll(async () => {
    writeFileSync(browserCmd, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
    chmodSync(browserCmd, 0o700);
    idp = await startIdp(new Map([['amara', { email: 'amara@okafor.test', given_name: 'Amara', family_name: 'Okafor' }]]));
    srv = await startServer();
    const org = await srv.createOrg({ name: 'Okafor Immigration', adminEmail: 'owner@okafor.test' });
    const owner = await srv.login(org.email, org.password);
    const r = await srv.request('PUT', `/v1/orgs/${org.orgId}/sso`, {
      token: owner.accessToken,
      body: { issuer: idp.issuer, clientId: 'casework', allowedDomains: ['okafor.test'], defaultRole: 'paralegal', passwordLogin: false },
    });
    expect(r.status).toBe(200);
    app = await openApp({ env: { BROWSER: browserCmd } });
  });
  afterAll(async () => {
    if (app) await screenshot(app.page, 'sso-signed-in').catch(() => undefined);
    await app?.close();
    await srv?.stop();
    await idp?.close();
  });

  it("signs in at the firm's provider in the browser and the vault joins the firm", async () => {
    const p = app.page;
    await p.getByRole('heading', { name: 'Welcome to Casework' }).waitFor();
    await p.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await p.getByLabel('Passphrase again').fill(PASS);
    await p.getByRole('button', { name: 'Create vault' }).click();
    await p.getByRole('heading', { name: 'Today' }).waitFor();
    await nav(p, 'Sync');
    await p.getByRole('heading', { name: 'Connect to your firm' }).waitFor();
    await p.getByLabel('Server address').fill(srv.url);
    await p.getByLabel('Email').fill('amara@okafor.test');
    // "the system browser": the address the core opened, in a page of its own
    const browserTab = async () => {
      for (let i = 0; i < 100 && !existsSync(opened); i++) await new Promise((r) => setTimeout(r, 100));
      const url = readFileSync(opened, 'utf8');
      rmSync(opened);
      expect(url.startsWith(`${idp.issuer}/auth?`)).toBe(true);
      const tab = await app.browser.newPage();
      await tab.goto(url);
      return tab;
    };

    // First the person changes their mind at the provider: said in words, the vault is still solo.
    // No password: the button asks only for the server and the email.
    await p.getByRole('button', { name: 'Sign in with your organisation' }).click();
    await p.getByRole('status').filter({ hasText: 'Finish signing in in your browser' }).waitFor();
    const cancelled = await browserTab();
    await cancelled.getByRole('link', { name: '[ Cancel ]' }).click();
    await cancelled.getByRole('heading', { name: 'Casework: not signed in' }).waitFor();
    await cancelled.close();
    await p.getByRole('alert').filter({ hasText: 'The sign-in was cancelled in the browser. Nothing changed' }).waitFor();
    await expect(p.getByRole('heading', { name: 'Connect to your firm' }).isVisible()).resolves.toBe(true);
    await screenshot(p, 'sso-cancelled');

    await p.getByRole('button', { name: 'Sign in with your organisation' }).click();
    const tab = await browserTab();
    await tab.locator('input[name=login]').fill('amara');
    await tab.locator('input[name=password]').fill('anything');
    await tab.locator('button[type=submit]').click();
    await tab.locator('button[type=submit]').filter({ hasText: 'Continue' }).click(); // the provider's consent
    await tab.getByRole('heading', { name: 'Casework: signed in' }).waitFor();
    expect(new URL(tab.url()).hostname).toBe('127.0.0.1');
    await tab.close();

    await p.getByRole('button', { name: 'Sync now' }).waitFor({ timeout: 30_000 });
    await expect(p.getByText(srv.url).first().isVisible()).resolves.toBe(true);
    // the tokens the sign-in stored sync like a password login's
    await p.getByRole('button', { name: 'Sync now' }).click();
    await p.getByRole('button', { name: 'Syncing…' }).waitFor({ state: 'detached', timeout: 60_000 });
    await p.getByText('Last received').locator('xpath=following-sibling::*[1]').filter({ hasNotText: 'never' }).waitFor({ timeout: 30_000 });
  }, 180_000);
});
