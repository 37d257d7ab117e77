/**
 * Modules a licence does not grant are hidden, their data kept (issue 15): a real encrypted vault with a
 * licence issued by the real `casework-license` for immigration only. The window's case-type list
 * (the handlers the window calls) leaves out the debt-advice pack's types and creating one is refused in
 * words; a debt-advice case made during the trial stays readable. The trial grants every module.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createVault, type Core } from '../../src-main/core/core';
import { handlers } from '../../src-main/app/handlers';
import { importLicense } from '../../src-main/app/license';
import { PASS, tempDir } from '../support/cli';
import { issue, keygen } from './support';

const dir = tempDir('cw-license-modules-');
const keys = keygen(join(dir, 'keys'));
process.env.CASEWORK_LICENSE_DEV_KEYS = keys.pub;

describe('unlicensed modules', () => {
  let core: Core;
  const types = () => (handlers['caseTypes.list'] as (c: Core, i: object) => { code: string }[])(core, {}).map((t) => t.code);
  const create = (caseType: string) =>
    (handlers['cases.create'] as (c: Core, i: object) => { id: string })(core, { caseType, client: 'Dana Price', priority: 'normal' });

  beforeAll(async () => {
    core = await createVault({ dataDir: join(dir, 'vault'), passphrase: PASS, prefer: 'passphrase' });
  });
  afterAll(() => core?.close());

  it('the trial offers every module; a licence for immigration only hides debt advice and refuses new debt cases in words; old ones stay', () => {
    expect(types()).toEqual(expect.arrayContaining(['DEBT_ADVICE', 'EXPRESS_ENTRY_FSW']));
    const old = create('DEBT_ADVICE');

    const file = issue(keys.key, join(dir, 'imm.json'), { modules: 'immigration', org: core.actor.orgId });
    expect(importLicense(core, readFileSync(file, 'utf8')).modules).toEqual(['immigration']);
    expect(types()).not.toContain('DEBT_ADVICE');
    expect(types()).toContain('EXPRESS_ENTRY_FSW');
    expect(() => create('DEBT_ADVICE')).toThrow(/Debt advice module, which your licence does not include/i);
    expect(create('EXPRESS_ENTRY_FSW').id).toBeTruthy();
    const shown = (handlers['cases.get'] as (c: Core, i: object) => { id: string; case_type: string })(core, { id: old.id });
    expect(shown).toMatchObject({ id: old.id, case_type: 'DEBT_ADVICE' });

    const both = issue(keys.key, join(dir, 'both.json'), { modules: 'immigration,debt_advice', org: core.actor.orgId });
    importLicense(core, readFileSync(both, 'utf8'));
    expect(types()).toContain('DEBT_ADVICE');
  });
});
