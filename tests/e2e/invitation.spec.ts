/**
 * Inviting a colleague who already has an account (issue 13's invitations, issue 17's join flow), end
 * to end: a real sync server on embedded Postgres, two browser shells over two encrypted vaults. The
 * owner of one firm invites, from Administration, the owner of another firm; on a second laptop that
 * person signs in, is offered the invitation, joins the inviting firm with it, and receives its cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, openApp, screenshot, type App } from './harness';
import { startServer } from '../sync-client/support';

const PASS = 'a long enough passphrase';
const nav = (p: Page, name: string) => p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

async function createVault(p: Page) {
  await p.getByRole('heading', { name: 'Welcome to Casework' }).waitFor();
  await p.getByLabel('Passphrase', { exact: true }).fill(PASS);
  await p.getByLabel('Passphrase again').fill(PASS);
  await p.getByRole('button', { name: 'Create vault' }).click();
  await p.getByRole('heading', { name: 'Today' }).waitFor();
}

async function signIn(p: Page, server: string, email: string, password: string) {
  await nav(p, 'Sync');
  await p.getByRole('heading', { name: 'Connect to your firm' }).waitFor();
  await p.getByLabel('Server address').fill(server);
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Connect' }).click();
}

async function syncNow(p: Page) {
  await nav(p, 'Sync');
  await p.getByRole('button', { name: 'Sync now' }).click();
  await p.getByRole('button', { name: 'Syncing…' }).waitFor({ state: 'detached', timeout: 60_000 });
  await p.getByTestId('sync-pending').filter({ hasText: /^0$/ }).waitFor();
}

describe('a firm invites someone who has an account; they join it from a second laptop', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let a: App;
  let b: App;
  let inviter: { email: string; password: string; orgId: string };
  let invited: { email: string; password: string };

  beforeAll(async () => {
    srv = await startServer();
    inviter = await srv.createOrg({ name: 'Okafor Immigration' });
    // The invited person already runs their own practice on the same server.
    invited = await srv.createOrg({ name: 'Tremblay Conseil' });
    a = await openApp();
    b = await openApp();
  });
  afterAll(async () => {
    if (b) await screenshot(b.page, 'invitation-joined').catch(() => undefined);
    await a?.close();
    await b?.close();
    await srv?.stop();
  });

  it('the owner invites from Administration and is told an invitation was sent', async () => {
    const p = a.page;
    await createVault(p);
    await signIn(p, srv.url, inviter.email, inviter.password);
    await p.getByRole('button', { name: 'Sync now' }).waitFor();
    await nav(p, 'Cases');
    await p.getByRole('button', { name: 'New case' }).click();
    await p.getByRole('dialog').getByLabel('Client').fill('Amara Okafor');
    await p.getByRole('dialog').getByLabel('Type').selectOption({ label: 'Express Entry – Federal Skilled Worker' });
    await p.getByRole('dialog').getByRole('button', { name: 'Create case' }).click();
    await p.getByRole('heading', { name: 'Amara Okafor' }).waitFor();
    await syncNow(p);

    await nav(p, 'Administration');
    const form = p.locator('form').filter({ has: p.getByRole('heading', { name: 'Add a colleague' }) });
    await form.getByLabel('First name').fill('Julie');
    await form.getByLabel('Last name').fill('Tremblay');
    await form.getByLabel('Email').fill(invited.email);
    // An administrator sees every case of the firm (a consultant sees only the cases assigned to them).
    await form.getByLabel('Role').selectOption('admin');
    await form.getByLabel('First password (they change it after signing in)').fill('not-used-for-an-invitation');
    await form.getByRole('button', { name: 'Add colleague' }).click();
    const sent = p.getByTestId('user-added');
    await sent.waitFor();
    expect(await sent.textContent()).toMatch(new RegExp(`^Invitation sent to ${invited.email.replace(/\./g, '\\.')}: they join the firm when they accept it`));
  });

  it('on a second laptop the invited person is offered the invitation, joins that firm and receives its cases', async () => {
    const p = b.page;
    await createVault(p);
    await signIn(p, srv.url, invited.email, invited.password);
    const offers = p.getByTestId('invitations');
    await offers.waitFor();
    expect(await offers.textContent()).toContain('A firm has invited this account.');
    expect(await axeViolations(p)).toEqual([]);
    await offers.getByRole('button', { name: 'Join Okafor Immigration' }).click();
    await p.getByRole('button', { name: 'Sync now' }).waitFor();
    await syncNow(p);
    // This vault now replicates the inviting firm: its case is here, and the person is its administrator.
    await nav(p, 'Cases');
    await p.getByTestId('case-row').filter({ hasText: 'Amara Okafor' }).waitFor({ timeout: 30_000 });
    await nav(p, 'Settings');
    await p.getByTestId('practice-name').filter({ hasText: 'Okafor Immigration' }).waitFor();
    expect(await p.locator('main').textContent()).toContain(`${invited.email} · Administrator`);
    // The server now counts the person in both firms, in the inviting one with the role it gave.
    const again = await srv.login(invited.email, invited.password);
    expect(again.memberships).toEqual(expect.arrayContaining([expect.objectContaining({ orgId: inviter.orgId, role: 'admin' })]));
  });
});
