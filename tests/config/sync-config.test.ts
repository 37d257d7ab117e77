/**
 * Configuration edits reach a second laptop through the real sync server (embedded Postgres), issue 16:
 * laptop A proposes and approves a change of a case type's fields; after a sync, laptop B has the proposal,
 * the new version and the change-log line, opens a case under that version, and its values are checked
 * by it; a pack switched off on A is off on B. Laptops are real vaults driven through the real CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { TestServer } from '../../sync-server/src/testing';
import type { ConfigDefinition } from '../../src-shared/config';
import { tempDir } from '../support/cli';
import { joinedLaptop, startServer, type Laptop } from '../sync-client/support';

describe('configuration syncs to every laptop', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let org: Awaited<ReturnType<TestServer['createOrg']>>;
  let a: Laptop;
  let b: Laptop;

  beforeAll(async () => {
    srv = await startServer();
    org = await srv.createOrg();
    a = await joinedLaptop(srv.url, org.email, org.password, 'a');
    b = await joinedLaptop(srv.url, org.email, org.password, 'b');
  }, 180_000);
  afterAll(async () => srv?.stop());

  it('a field added and approved on A is the form of a new case on B', async () => {
    const shown = await a.json(['config', 'show', 'DEBT_ADVICE']);
    const def = shown.definition as ConfigDefinition;
    def.fields.push({
      key: 'council_tax_band',
      type: 'select',
      label: { en: 'Council tax band', fr: "Tranche de taxe d'habitation" },
      options: ['a', 'b', 'c'].map((v) => ({ value: v, label: { en: v.toUpperCase(), fr: v.toUpperCase() } })),
    });
    def.forms[0].sections[0].items.push({ field: 'council_tax_band' });
    const file = join(tempDir(), 'def.json');
    writeFileSync(file, JSON.stringify(def));
    const p = await a.json(['config', 'propose', 'DEBT_ADVICE', '--file', file, '--summary', 'Council tax band']);
    expect((await a.json(['config', 'approve', p.id])).status).toBe('APPLIED');
    const pushed = await a.sync();
    expect(pushed.rejected).toBe(0);

    await b.sync();
    const onB = await b.json(['config', 'show', 'DEBT_ADVICE']);
    expect(onB.latestVersion).toBe(1);
    expect(onB.definition.fields.map((f: { key: string }) => f.key)).toContain('council_tax_band');
    expect((await b.json(['config', 'proposals']))[0]).toMatchObject({ id: p.id, status: 'APPLIED' });
    const c = await b.json(['case', 'create', '--type', 'DEBT_ADVICE', '--client', 'Dana Price']);
    const bad = await b.run(['config', 'set-fields', c.id, '--values', JSON.stringify({ council_tax_band: 'z' })]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/council_tax_band: Choose one of the options/);
    const fields = await b.json(['config', 'set-fields', c.id, '--values', JSON.stringify({ council_tax_band: 'b' })]);
    expect(fields).toMatchObject({ version: 1, values: { council_tax_band: 'b' } });
    expect((await b.sync()).rejected).toBe(0);
  }, 180_000);

  it('a pack disabled on A is disabled on B', async () => {
    await a.json(['pack', 'disable', 'debt-advice']);
    expect((await a.sync()).rejected).toBe(0);
    await b.sync();
    const packs = await b.json(['pack', 'list']);
    expect(packs.find((p: { id: string }) => p.id === 'debt-advice').enabled).toBe(false);
  }, 120_000);
});
