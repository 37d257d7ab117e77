/**
 * Issue 14 in the browser shell, over real encrypted vaults joined to a real sync server on embedded
 * Postgres: a manager's laptop receives a client's passport number masked (•••••726) and reveals it
 * with a reason (shown, audited on the server, not stored); the owner's Administration lists the
 * firm's security events with their severity and category (that reveal, a failed sign-in), filters
 * them, and acknowledges one; and says why the manager sees the case and its numbers masked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, openApp, screenshot, type App } from './harness';
import { startServer } from '../sync-client/support';
import { newId } from '../../src-shared/ids';

const PASS = 'a long enough passphrase';
const PASSPORT = 'ZX9081726';
const REASON = 'checking the visa application form';

const nav = (p: Page, name: string | RegExp) =>
  p
    .getByRole('navigation', { name: /Main|principale/ })
    .getByRole('link', { name })
    .click();

async function joinAs(app: App, server: string, email: string, password: string) {
  const p = app.page;
  await p.getByRole('heading', { name: 'Welcome to Casework' }).waitFor();
  await p.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await p.getByLabel('Passphrase again').fill(PASS);
  await p.getByRole('button', { name: 'Create vault' }).click();
  await p.getByRole('heading', { name: 'Today' }).waitFor();
  await nav(p, 'Sync');
  await p.getByLabel('Server address').fill(server);
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Connect' }).click();
  await p.getByRole('button', { name: 'Sync now' }).click();
  await p.getByRole('button', { name: 'Syncing…' }).waitFor({ state: 'detached', timeout: 60_000 });
}

/** Every file of a folder, recursively (the vault's files: none may hold the revealed number in clear). */
const filesOf = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const x = join(dir, f);
    return statSync(x).isDirectory() ? filesOf(x) : [x];
  });

describe('masked values and the security console', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let org: Awaited<ReturnType<Awaited<ReturnType<typeof startServer>>['createOrg']>>;
  let manager: { email: string; password: string };
  const caseId = newId();
  let app: App | undefined;

  beforeAll(async () => {
    srv = await startServer();
    org = await srv.createOrg({ name: 'Okafor Immigration' });
    const owner = await srv.login(org.email, org.password, 'owner phone');
    manager = await srv.addUser(owner, org.orgId, 'manager');
    const r = await srv.request('POST', '/v1/push', {
      token: owner.accessToken,
      body: {
        clientId: newId(),
        orgId: org.orgId,
        mutations: [
          { mutationId: 1, table: 'cases', op: 'insert', id: caseId, base: null, fields: { case_number: 'SEC-1', case_type: 'EXPRESS_ENTRY_FSW' } },
          {
            mutationId: 2,
            table: 'persons',
            op: 'insert',
            id: newId(),
            base: null,
            fields: { case_id: caseId, first_name: 'Amara', last_name: 'Okafor', passport_info: { number: PASSPORT } },
          },
        ],
      },
    });
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied']);
    // A failed sign-in of the manager: a security event of the firm.
    expect((await srv.request('POST', '/v1/auth/login', { body: { email: manager.email, password: 'not-the-password', deviceName: 'x' } })).status).toBe(401);
  }, 180_000);
  afterAll(async () => {
    if (app) await screenshot(app.page, 'security-console').catch(() => undefined);
    await app?.close();
    await srv?.stop();
  });

  it('a manager sees the passport number masked and reveals it with a reason; it is not kept on the laptop', async () => {
    app = await openApp();
    const p = app.page;
    await joinAs(app, srv.url, manager.email, manager.password);
    await p.goto(`${app.url}#/cases/${caseId}`);
    await p.getByRole('tab', { name: 'People' }).click();
    const person = p.getByTestId('person').filter({ hasText: 'Amara' });
    await person.getByTestId('masked-value').waitFor({ timeout: 30_000 });
    expect(await person.getByTestId('masked-value').textContent()).toBe('•••••726');
    expect(await person.textContent()).not.toContain(PASSPORT);
    await person.getByRole('button', { name: 'Reveal: Passport Amara Okafor' }).click();
    // Too short a reason: the server refuses in words, nothing shown.
    await person.getByLabel('Why do you need to see it?').fill('why');
    expect(await axeViolations(p)).toEqual([]);
    await person.getByLabel('Why do you need to see it?').fill(REASON);
    await person.getByRole('button', { name: 'Show' }).click();
    await person.getByTestId('revealed-value').waitFor({ timeout: 30_000 });
    expect(await person.getByTestId('revealed-value').textContent()).toBe(PASSPORT);
    // Shown, not stored: no file of the vault holds the number in clear (the database is encrypted too).
    for (const f of filesOf(app.dataDir)) expect(readFileSync(f).includes(PASSPORT), f).toBe(false);
    await app.close();
    app = undefined;
  }, 240_000);

  it("the owner's console lists the reveal and the failed sign-in with severity and category, filters, and acknowledges", async () => {
    app = await openApp();
    const p = app.page;
    await joinAs(app, srv.url, org.email, org.password);
    await nav(p, 'Administration');
    const box = p.getByTestId('security-events');
    await box.getByRole('heading', { name: 'Security events' }).waitFor({ timeout: 30_000 });
    const rows = box.getByTestId('security-event');
    const reveal = rows.filter({ hasText: 'Masked value revealed' });
    await reveal.waitFor({ timeout: 30_000 });
    expect(await reveal.textContent()).toContain('Personal data');
    expect(await reveal.textContent()).toContain(manager.email);
    await rows.filter({ hasText: 'Failed sign-in' }).first().waitFor();

    await box.getByLabel('Category').selectOption({ label: 'Personal data' });
    // The filtered list replaces the whole one: only the reveal is left.
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
    await reveal.waitFor();
    expect(await rows.filter({ hasText: 'Failed sign-in' }).count()).toBe(0);
    await reveal.getByRole('button', { name: /^Acknowledge/ }).click();
    await expect.poll(async () => (await reveal.textContent()) ?? '').toContain('Acknowledged');
    await box.getByLabel('Status').selectOption({ label: 'Open' });
    await box.getByText('No security events match.').waitFor();
    expect(await axeViolations(p)).toEqual([]);

    // Who may see what: the manager sees the case, and its passport numbers as •••••123, and why.
    const why = p.getByTestId('why-access');
    await why.getByLabel('Colleague').selectOption({ label: 'Test manager (manager)' });
    await why.getByLabel('Case').selectOption({ label: 'SEC-1' });
    const answer = why.getByTestId('why-answer');
    await answer.waitFor({ timeout: 30_000 });
    expect(await answer.textContent()).toContain('Sees case SEC-1.');
    // The first row is the passport number (each rule names all three fields).
    const passport = why.getByTestId('why-field').first();
    expect(await passport.locator('td').first().textContent()).toBe('passport_info.number');
    expect(await passport.textContent()).toContain('the last 3 characters (•••••123)');
    expect(await passport.textContent()).toContain('allows read_partial on persons');
    expect(await axeViolations(p)).toEqual([]);
  }, 240_000);
});
