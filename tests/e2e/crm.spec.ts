/**
 * The CRM pack in the window (issue 20), in Chromium against the real core: an enquiry typed into the
 * leads screen is scored with its factors shown, answered (the score rises and says why), and won into an
 * immigration case whose client is the lead's contact; on the pipeline board a deal is moved with the
 * keyboard alone (Space, Right, Space), a move into a full strict stage is refused in words and the deal
 * stays, and the "Move to" list moves another; a ticket shows its SLA clocks and is answered; the same
 * screens in French.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openApp, screenshot, type App } from './harness';
import { cli, cliJson, tempDir, PASS } from '../support/cli';

/** Pick up, one column right, drop; dnd-kit listens for the arrows only after the pick-up's next tick. */
async function keyboardMove(p: App['page']) {
  await p.keyboard.press('Space');
  await p.waitForTimeout(150);
  await p.keyboard.press('ArrowRight');
  await p.waitForTimeout(300);
  await p.keyboard.press('Space');
}

describe('the CRM screens', () => {
  let app: App;
  beforeAll(async () => {
    const dataDir = join(tempDir('casework-e2e-crm-'), 'vault');
    const init = cli(['init', '--data', dataDir]);
    if (init.code !== 0) throw new Error(init.stderr);
    const p = cliJson([
      'crm',
      'pipeline',
      'add',
      '--data',
      dataDir,
      '--fields',
      JSON.stringify({
        name: 'Enquiries',
        isDefault: true,
        stages: [
          { name: 'Enquiry', probability: 10 },
          { name: 'Consultation', probability: 40, wipLimit: 1, wipMode: 'strict' },
          { name: 'Retainer', probability: 75 },
          { name: 'Won', probability: 100, kind: 'won' },
        ],
      }),
    ]);
    const first = cliJson([
      'crm',
      'deal',
      'add',
      '--data',
      dataDir,
      '--fields',
      JSON.stringify({ title: 'Okafor family', value: '3000.00', stageId: p.stages[1].id }),
    ]);
    if (!first.id) throw new Error('no deal');
    cliJson(['crm', 'deal', 'add', '--data', dataDir, '--fields', JSON.stringify({ title: 'Tremblay', value: '1500.00' })]);
    const hours = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [['00:00', '24:00']]]));
    const target = { firstResponseMinutes: 240, resolutionMinutes: 2880 };
    cliJson([
      'crm',
      'sla',
      'set',
      '--data',
      dataDir,
      '--fields',
      JSON.stringify({ timeZone: 'America/Toronto', businessHours: hours, targets: { low: target, normal: target, high: target, urgent: target } }),
    ]);
    cliJson(['crm', 'ticket', 'add', '--data', dataDir, '--fields', JSON.stringify({ subject: 'Cannot upload passport', priority: 'high' })]);
    app = await openApp({ dataDir, env: { CASEWORK_PASSPHRASE: PASS } });
    await app.page.getByRole('heading', { name: 'Today' }).waitFor();
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('an enquiry is scored with its factors, answered, and won into an immigration case', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Clients & leads' }).click();
    await p.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
    await p.getByLabel('First name').fill('Amara');
    await p.getByLabel('Last name').fill('Okafor');
    await p.getByLabel('Email').fill('amara@example.com');
    await p.getByLabel('Source').selectOption('referral');
    await p.getByLabel('Type of case').selectOption('EXPRESS_ENTRY_FSW');
    await p.getByRole('button', { name: 'Add lead' }).click();
    const row = p.getByRole('row').filter({ hasText: 'Amara Okafor' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Referral');
    await row.getByRole('link').click();
    const why = p.getByRole('region', { name: /Why this score: 40 \/ 100/ });
    await why.waitFor();
    expect(await why.textContent()).toContain('Rule of thumb (not enough history yet)');
    expect(await why.locator('[data-factor=response_time]').textContent()).toMatch(/not answered yet.*−5 points/);
    await screenshot(p, 'crm-lead.en');
    await p.getByRole('button', { name: 'Record first answer' }).click();
    await p.getByRole('region', { name: /Why this score: 65 \/ 100/ }).waitFor();
    expect(await p.locator('[data-factor=response_time]').textContent()).toContain('+20 points');
    await p.getByRole('button', { name: 'Won: open the case' }).click();
    const done = p.getByRole('status').filter({ hasText: /Won\. Case .* is open\./ });
    await done.waitFor();
    await done.getByRole('link', { name: 'Open the case' }).click();
    await p.getByRole('heading', { name: 'Amara Okafor' }).waitFor();
  });

  it('moves deals on the board with the keyboard and the Move to list; a full strict stage refuses in words', async () => {
    const p = app.page;
    await p.goto(`${app.url}#/crm/pipeline`);
    await p.getByRole('heading', { name: /Pipeline · Enquiries/ }).waitFor();
    const stage = (name: string) => p.locator(`[data-stage="${name}"]`);
    await stage('Consultation').getByText('Limit 1 (strict)').waitFor();
    // Keyboard only: Tremblay from Enquiry toward Consultation, which is full.
    const handle = stage('Enquiry').getByRole('button', { name: 'Tremblay' });
    await handle.focus();
    await keyboardMove(p);
    await p
      .getByRole('alert')
      .filter({ hasText: /"Consultation" is full: its strict limit is 1/ })
      .waitFor();
    await stage('Enquiry').getByRole('button', { name: 'Tremblay' }).waitFor();
    // The Move to list frees the stage; then the keyboard move goes through.
    await stage('Consultation').locator('[data-deal="Okafor family"]').getByLabel('Move to').selectOption({ label: 'Retainer' });
    await stage('Retainer').getByRole('button', { name: 'Okafor family' }).waitFor();
    await stage('Enquiry').getByRole('button', { name: 'Tremblay' }).focus();
    await keyboardMove(p);
    await p.getByRole('status').filter({ hasText: 'Tremblay moved to Consultation.' }).waitFor();
    await stage('Consultation').getByRole('button', { name: 'Tremblay' }).waitFor();
    await screenshot(p, 'crm-board.en');
  });

  it('a ticket shows both SLA clocks and is answered', async () => {
    const p = app.page;
    await p.getByRole('link', { name: 'Tickets' }).click();
    const row = p.locator('[data-ticket="Cannot upload passport"]');
    await row.waitFor();
    expect(await row.locator('[data-state]').first().textContent()).toMatch(/On track · due/);
    await row.getByRole('button', { name: 'Answered' }).click();
    await row.locator('[data-state=met]').waitFor();
    await screenshot(p, 'crm-tickets.en');
  });

  it('the same screens in French', async () => {
    const p = app.page;
    await p.evaluate("localStorage.setItem('casework.lang', 'fr')");
    await p.goto(`${app.url}#/crm/leads`);
    await p.reload();
    await p.getByRole('heading', { name: 'Prospects', level: 1 }).waitFor();
    const row = p.getByRole('row').filter({ hasText: 'Amara Okafor' });
    await row.getByText('Gagné').waitFor();
    // The score's factors in French words, not the core's English values.
    await row.getByRole('link').click();
    const why = p.getByRole('region', { name: /Pourquoi cette note/ });
    await why.waitFor();
    expect(await why.locator('[data-factor=source]').textContent()).toBe('ProvenanceRecommandation+25 points');
    expect(await why.locator('[data-factor=base]').textContent()).toContain('règle empirique');
    expect(await why.textContent()).not.toMatch(/referral|heuristic|answered/);
    await p.getByRole('link', { name: 'Prospects', exact: true }).click();
    await p.getByRole('link', { name: 'Pipeline' }).click();
    await p.getByText('Limite 1 (stricte)').waitFor();
    await p.getByRole('link', { name: 'Tickets' }).click();
    await p.getByRole('heading', { name: 'Tickets de support' }).waitFor();
    await p.getByText('Respecté').first().waitFor();
    await screenshot(p, 'crm-tickets.fr');
    await p.evaluate("localStorage.setItem('casework.lang', 'en')");
  });
});
