/**
 * Two people, two laptops (two browser shells over two encrypted vaults), one real sync server on
 * embedded Postgres: both change the same case field, the second to sync sees the clash side by side
 * on the Sync screen, keeps their own value, and the first laptop receives it on its next sync.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, openApp, screenshot, type App } from './harness';
import { startServer } from '../sync-client/support';

const PASS = 'a long enough passphrase';
// Page functions run in Chromium, where document exists; Node's tsconfig has no DOM types.
declare const document: { querySelector(s: string): unknown };
declare type HTMLSelectElement = { value: string };

/** A screen from the main navigation (Today's cards link to some of the same screens). */
const nav = (p: Page, name: string) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

async function createVault(p: Page) {
  await p.getByRole('heading', { name: 'Welcome to Casework' }).waitFor();
  await p.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await p.getByLabel('Passphrase again').fill(PASS);
  await p.getByRole('button', { name: 'Create vault' }).click();
  await p.getByRole('heading', { name: 'Today' }).waitFor();
}

async function connect(p: Page, server: string, email: string, password: string) {
  await nav(p, 'Sync');
  await p.getByRole('heading', { name: 'Connect to your firm' }).waitFor();
  await p.getByLabel('Server address').fill(server);
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Connect' }).click();
  await p.getByRole('button', { name: 'Sync now' }).waitFor();
}

/** Press "Sync now" on the Sync screen and wait until it is done and nothing is left to send. */
async function syncNow(p: Page) {
  await nav(p, 'Sync');
  const button = p.getByRole('button', { name: 'Sync now' });
  await button.click();
  await p.getByRole('button', { name: 'Syncing…' }).waitFor({ state: 'detached', timeout: 60_000 });
  await p.getByTestId('sync-pending').filter({ hasText: /^0$/ }).waitFor();
}

async function openCase(p: Page, client: string) {
  await nav(p, 'Cases');
  await p.getByTestId('case-row').filter({ hasText: client }).click();
  await p.getByRole('heading', { name: client }).waitFor();
}

/** The case page's priority once it reads `label` (a page first shows what it had, then refreshes). */
async function priorityShows(p: Page, label: string) {
  await p
    .getByTestId('case-priority')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .waitFor({ timeout: 15_000 });
}

async function setPriority(p: Page, label: string) {
  await p.getByRole('button', { name: 'Edit details' }).click();
  await p.getByLabel('Priority').selectOption({ label });
  await p.getByRole('button', { name: 'Save details' }).click();
  await p.getByTestId('case-priority').filter({ hasText: label }).waitFor();
}

describe('two laptops edit the same case field through the sync server', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let a: App;
  let b: App;
  let owner: { email: string; password: string };
  let colleague: { email: string; password: string };

  beforeAll(async () => {
    srv = await startServer();
    const org = await srv.createOrg({ name: 'Okafor Immigration' });
    owner = org;
    colleague = await srv.addUser(await srv.login(org.email, org.password), org.orgId, 'admin');
    a = await openApp();
    b = await openApp();
  });
  afterAll(async () => {
    if (a) await screenshot(a.page, 'sync-conflict-first-laptop').catch(() => undefined);
    if (b) await screenshot(b.page, 'sync-conflict-second-laptop').catch(() => undefined);
    await a?.close();
    await b?.close();
    await srv?.stop();
  });

  it('a case made on the first laptop reaches the second', async () => {
    await createVault(a.page);
    await connect(a.page, srv.url, owner.email, owner.password);
    await nav(a.page, 'Cases');
    await a.page.getByRole('button', { name: 'New case' }).click();
    await a.page.getByRole('dialog').getByLabel('Client').fill('Amara Okafor');
    await a.page.getByRole('dialog').getByLabel('Type').selectOption({ label: 'Express Entry – Federal Skilled Worker' });
    await a.page.getByRole('dialog').getByRole('button', { name: 'Create case' }).click();
    await a.page.getByRole('heading', { name: 'Amara Okafor' }).waitFor();
    await syncNow(a.page);

    // The colleague joins the firm from the first-run screen; a mistyped password leaves the new vault
    // in place and lands on the Sync screen with the reason, where the second try works.
    const p = b.page;
    await p.getByRole('heading', { name: 'Welcome to Casework' }).waitFor();
    await p.getByLabel('My firm runs a Casework server: connect to it now').check();
    await p.getByLabel('Server address').fill(srv.url);
    await p.getByLabel('Email').fill(colleague.email);
    await p.getByLabel('Password', { exact: true }).fill('not the password');
    await p.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await p.getByLabel('Passphrase again').fill(PASS);
    expect(await axeViolations(p)).toEqual([]);
    await p.getByRole('button', { name: 'Create vault' }).click();
    await p.getByRole('heading', { name: 'Connect to your firm' }).waitFor();
    // Issue 17 item 8: the reason in words, and what was typed kept (all but the password).
    const reason = (await p.getByRole('alert').textContent())!;
    expect(reason).toMatch(/^Your vault is ready, but signing in to the firm did not work/);
    expect(reason).toContain('The server did not accept this email and password.');
    expect(reason).not.toMatch(/login refused|not allowed/);
    expect(await p.getByLabel('Server address').inputValue()).toBe(srv.url);
    expect(await p.getByLabel('Email').inputValue()).toBe(colleague.email);
    expect(await p.getByLabel('Password').inputValue()).toBe('');
    await p.getByLabel('Password').fill(colleague.password);
    await p.getByRole('button', { name: 'Connect' }).click();
    await syncNow(b.page);
    await openCase(b.page, 'Amara Okafor');
    await priorityShows(b.page, 'Normal');
  });

  it('with sync live on both, an edit on one appears on the other without pressing anything', async () => {
    await openCase(a.page, 'Amara Okafor');
    await setPriority(a.page, 'Low');
    // B has the case page open; the change arrives through live sync and the page refreshes itself.
    await priorityShows(b.page, 'Low');
  });

  it('an edit made while offline clashes with a colleague’s; the laptop that comes back sees both side by side, keeps its own, and the other receives it', async () => {
    // The colleague works offline (sync paused) and changes the priority; the owner changes it too.
    await nav(b.page, 'Sync');
    await b.page.getByLabel('Sync automatically (untick to work offline)').uncheck();
    await b.page
      .getByTestId('sync-live')
      .filter({ hasText: /^Paused/ })
      .waitFor();
    await openCase(b.page, 'Amara Okafor');
    await setPriority(b.page, 'Urgent');
    await setPriority(a.page, 'High');
    await nav(a.page, 'Sync');
    await a.page.getByTestId('sync-pending').filter({ hasText: /^0$/ }).waitFor();

    // Back online: B's change goes up, the server reports the clash, and B's Sync screen shows it.
    await nav(b.page, 'Sync');
    await b.page.getByTestId('sync-pending').filter({ hasText: /^1$/ }).waitFor();
    await b.page.getByLabel('Sync automatically (untick to work offline)').check();
    const conflict = b.page.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.count()).toBe(1);
    expect(await conflict.locator('p').first().textContent()).toMatch(/^Amara Okafor \(\d{4}-\d{4}-\w+\) · Priority$/);
    expect(await conflict.locator('pre').allTextContents()).toEqual(['Urgent', 'High']);
    expect(await axeViolations(b.page)).toEqual([]);
    await screenshot(b.page, 'sync-conflict-side-by-side');
    // Until it is settled, the case shows what the server holds; the colleague's value waits in the conflict.
    await openCase(b.page, 'Amara Okafor');
    await priorityShows(b.page, 'High');

    await nav(b.page, 'Sync');
    await b.page.getByRole('button', { name: 'Keep mine' }).click();
    await b.page.getByText('No conflicts. Everything agrees with the server.').waitFor();
    await openCase(b.page, 'Amara Okafor');
    await priorityShows(b.page, 'Urgent');
    // Issue 17 item 7: the settled clash is on the case's timeline, with whose value stands.
    await b.page.getByRole('tab', { name: 'Timeline' }).click();
    await b.page.locator('.timeline li', { hasText: 'Sync conflict resolved: Priority (this laptop’s value kept)' }).waitFor();
    // The owner's laptop receives the resolution live; "Sync now" still works and changes nothing more.
    await openCase(a.page, 'Amara Okafor');
    await priorityShows(a.page, 'Urgent');
    await syncNow(a.page);
    await openCase(a.page, 'Amara Okafor');
    await priorityShows(a.page, 'Urgent');
  });

  it('the owner adds a colleague and changes their role from Administration, and sees both laptops', async () => {
    const p = a.page;
    await nav(p, 'Administration');
    const form = p.locator('form').filter({ has: p.getByRole('heading', { name: 'Add a colleague' }) });
    await form.waitFor();
    await form.getByLabel('First name').fill('Maya');
    await form.getByLabel('Last name').fill('Chen');
    await form.getByLabel('Email').fill('maya.chen@example.test');
    await form.getByLabel('Role').selectOption('staff');
    await form.getByLabel('First password (they change it after signing in)').fill('first-password-1');
    await form.getByRole('button', { name: 'Add colleague' }).click();
    // The account is the server's; it reaches this laptop's replica through live sync.
    const role = p.getByLabel('Role of maya.chen@example.test');
    await role.waitFor();
    expect(await role.inputValue()).toBe('staff');
    await role.selectOption('consultant');
    await p.waitForFunction(
      () => (document.querySelector('[aria-label="Role of maya.chen@example.test"]') as HTMLSelectElement | null)?.value === 'consultant',
    );
    // A colleague can sign in with the first password.
    expect((await srv.login('maya.chen@example.test', 'first-password-1')).accessToken).toBeTruthy();
    // Both laptops are listed as devices of the firm, with a revoke button for the other one.
    await p.getByTestId('admin-user').filter({ hasText: 'maya.chen@example.test' }).waitFor();
    expect(await p.getByRole('button', { name: 'Revoke' }).count()).toBeGreaterThanOrEqual(1);
    expect(await axeViolations(p)).toEqual([]);
  });
});
