/**
 * Versioned configuration in a real encrypted vault (src-main/config): a change proposed, diffed and
 * approved becomes a new version (synced rows in the outbox, a change-log line, the audit chain intact);
 * a case keeps the version it was opened under until moved on purpose; removing a field never loses its
 * data; packs switch per org; the real CLI answers `casework pack` and `casework config`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { createVault, type Core } from '../../src-main/core/core';
import { createCase } from '../../src-main/cases/cases';
import { rows } from '../../src-main/core/writer';
import { verifyLocalAudit } from '../../src-main/core/audit';
import { handlers } from '../../src-main/app/handlers';
import {
  approveConfig,
  caseFields,
  definitionAt,
  listPacks,
  migrateCase,
  proposeConfig,
  rejectConfig,
  saveCaseFields,
  setPackEnabled,
} from '../../src-main/config';
import type { ConfigDefinition } from '../../src-shared/config';
import { cli, cliJson, tempDir, PASS } from '../support/cli';

const outbox = (core: Core, table: string) => (core.db.prepare('SELECT COUNT(*) FROM sync_outbox WHERE table_name = ?').pluck().get(table) as number) ?? 0;

describe('configuration as data in a vault', () => {
  let core: Core;
  let dir: string;
  let ownerId: string;
  let oldCase: string;
  const as = (role: string, userId: string) => {
    core.setMeta('role', role);
    core.setMeta('user_id', userId);
  };
  const v0 = () => definitionAt(core, 'DEBT_ADVICE', 0);
  const withoutFca = (): ConfigDefinition => {
    const d = structuredClone(v0());
    d.fields = d.fields.filter((f) => f.key !== 'fca_outcome');
    for (const f of d.forms) for (const s of f.sections) s.items = s.items.filter((i) => !('field' in i) || i.field !== 'fca_outcome');
    return d;
  };

  beforeAll(async () => {
    dir = join(tempDir(), 'vault');
    core = await createVault({ dataDir: dir, passphrase: PASS, prefer: 'passphrase' });
    ownerId = core.actor.userId;
    oldCase = createCase(core, { caseType: 'DEBT_ADVICE', client: 'Dana Price' }).id as string;
  });
  afterAll(() => core?.close());

  it("a case starts on its pack's default (version 0), and its values are checked by the shared validator", () => {
    const v = caseFields(core, oldCase);
    expect(v.version).toBe(0);
    expect(v.definition.fields.map((f) => f.key)).toContain('total_debt');
    const before = rows(core, 'cases', 'id = ?', [oldCase])[0].version;
    expect(() => saveCaseFields(core, oldCase, { total_debt: 12500.5 })).toThrow(/total_debt: Enter an amount/);
    expect(() => saveCaseFields(core, oldCase, { referred: true })).toThrow(/referred_to: This field is required/);
    expect(() => saveCaseFields(core, oldCase, { not_a_field: 1 })).toThrow(/not a field of this case's configuration \(version 0\): not_a_field/);
    expect(rows(core, 'cases', 'id = ?', [oldCase])[0].version).toBe(before);
    const saved = saveCaseFields(core, oldCase, { total_debt: '12500.50', fca_outcome: 'Advice given', debt_solution: 'dro' });
    expect(saved.values).toMatchObject({ total_debt: '12500.50', fca_outcome: 'Advice given', debt_solution: 'dro' });
    expect(rows(core, 'cases', 'id = ?', [oldCase])[0].config_version).toBe(0);
  });

  it('a proposal shows its diff; only an owner or admin approves; approval makes version 1, logged and queued for sync', () => {
    expect(() => proposeConfig(core, { caseType: 'DEBT_ADVICE', definition: v0(), summary: 'nothing' })).toThrow(/nothing to propose/);
    expect(() =>
      proposeConfig(core, {
        caseType: 'DEBT_ADVICE',
        definition: { fields: [{ key: 'x', type: 'select', label: { en: 'X', fr: 'X' } }], forms: [] },
        summary: 'bad',
      }),
    ).toThrow(/a choice field needs at least one option/);
    expect(() => proposeConfig(core, { caseType: 'NO_SUCH_TYPE', definition: withoutFca(), summary: 's' })).toThrow(/no case type NO_SUCH_TYPE/);
    const p = proposeConfig(core, { caseType: 'DEBT_ADVICE', definition: withoutFca(), summary: 'FCA outcome is reported elsewhere' });
    expect(p.status).toBe('PENDING');
    expect(p.riskLevel).toBe('HIGH');
    expect(p.removedFields).toEqual(['fca_outcome']);
    expect(p.changes.map((c) => c.path)).toContain('fields.fca_outcome');

    as('consultant', ownerId);
    expect(() => approveConfig(core, p.id)).toThrow(/only an owner or admin/);
    as('owner', ownerId);
    const queued = outbox(core, 'config_versions');
    const applied = approveConfig(core, p.id);
    expect(applied.status).toBe('APPLIED');
    expect(() => approveConfig(core, p.id)).toThrow(/already applied/);
    expect(outbox(core, 'config_versions')).toBe(queued + 1);
    const log = rows(core, 'config_change_log', 'proposal_id = ?', [p.id]);
    expect(log).toHaveLength(1);
    expect(log[0].new_values).toEqual({ caseType: 'DEBT_ADVICE', version: 1 });
    expect(verifyLocalAudit(core.db).ok).toBe(true);
  });

  it('the case opened before keeps version 0 and shows its field; a new case follows version 1', () => {
    const old = caseFields(core, oldCase);
    expect(old.version).toBe(0);
    expect(old.latestVersion).toBe(1);
    expect(old.definition.fields.map((f) => f.key)).toContain('fca_outcome');
    const fresh = createCase(core, { caseType: 'DEBT_ADVICE', client: 'Sam Lee' }).id as string;
    const v = caseFields(core, fresh);
    expect(v.version).toBe(1);
    expect(v.definition.fields.map((f) => f.key)).not.toContain('fca_outcome');
    expect(() => saveCaseFields(core, fresh, { fca_outcome: 'x' })).toThrow(/not a field of this case's configuration \(version 1\)/);
  });

  it('moved on purpose to the new version, the case keeps the removed field’s value, through later saves too', () => {
    const moved = migrateCase(core, oldCase);
    expect(moved.version).toBe(1);
    expect(moved.retired).toEqual([{ key: 'fca_outcome', label: { en: 'FCA outcome', fr: 'Résultat FCA' }, value: 'Advice given' }]);
    const saved = saveCaseFields(core, oldCase, { total_debt: '13000.00', debt_solution: '' });
    expect(saved.values).toEqual({ total_debt: '13000.00', fca_outcome: 'Advice given' });
    expect(saved.retired.map((r) => r.key)).toEqual(['fca_outcome']);
  });

  it('a proposal made against an older version cannot undo a newer one; a rejection needs a reason', () => {
    const a = proposeConfig(core, { caseType: 'DEBT_ADVICE', definition: v0(), summary: 'bring FCA outcome back' });
    const b = proposeConfig(core, {
      caseType: 'DEBT_ADVICE',
      definition: { ...withoutFca(), fields: withoutFca().fields.map((f) => (f.key === 'total_debt' ? { ...f, required: true } : f)) },
      summary: 'total debt required',
    });
    expect(b.riskLevel).toBe('MEDIUM');
    approveConfig(core, a.id);
    expect(() => approveConfig(core, b.id)).toThrow(/has changed since this proposal \(it was made against version 1, now 2\)/);
    expect(() => rejectConfig(core, b.id, ' ')).toThrow(/say why/);
    expect(rejectConfig(core, b.id, 'made against an old version').status).toBe('REJECTED');
  });

  it('a pack switched off is not offered for new cases; its cases stay; only an owner or admin switches it', async () => {
    expect(listPacks(core).map((p) => [p.id, p.enabled])).toEqual([
      ['immigration', true],
      ['debt-advice', true],
      ['crm', true],
    ]);
    as('consultant', ownerId);
    expect(() => setPackEnabled(core, 'debt-advice', false)).toThrow(/only an owner or admin/);
    as('owner', ownerId);
    expect(() => setPackEnabled(core, 'home-care', false)).toThrow(/there is no pack "home-care"/);
    expect(setPackEnabled(core, 'debt-advice', false).enabled).toBe(false);
    const types = (await handlers['caseTypes.list'](core, {})).map((t) => t.code);
    expect(types).not.toContain('DEBT_ADVICE');
    expect(types).toContain('EXPRESS_ENTRY_FSW');
    expect(types).toContain('HOME_CARE'); // no pack claims it yet
    expect(() => handlers['cases.create'](core, { caseType: 'DEBT_ADVICE', client: 'New Person' })).toThrow(/Debt advice pack, which this firm has disabled/);
    expect(caseFields(core, oldCase).caseType).toBe('DEBT_ADVICE');
    expect(rows(core, 'config_change_log', 'change_type = ?', ['pack_disabled'])).toHaveLength(1);
    expect(setPackEnabled(core, 'debt-advice', true).enabled).toBe(true);
  });

  it('the real CLI: pack list, config show, propose, diff, approve, fields', () => {
    core.close();
    const packs = cliJson(['pack', 'list', '--data', dir]);
    expect(packs.map((p: { id: string }) => p.id)).toEqual(['immigration', 'debt-advice', 'crm']);
    const shown = cliJson(['config', 'show', 'EXPRESS_ENTRY_FSW', '--data', dir]);
    expect(shown.version).toBe(0);
    const def = shown.definition as ConfigDefinition;
    def.fields.find((f) => f.key === 'noc_code')!.required = true;
    const file = join(dir, '..', 'ee.json');
    writeFileSync(file, JSON.stringify(def));
    const p = cliJson(['config', 'propose', 'EXPRESS_ENTRY_FSW', '--file', file, '--summary', 'NOC required', '--data', dir]);
    expect(cliJson(['config', 'diff', p.id, '--data', dir]).changes).toEqual([{ path: 'fields.noc_code.required', before: null, after: true }]);
    expect(cliJson(['config', 'approve', p.id, '--data', dir]).status).toBe('APPLIED');
    const bad = cli(['config', 'propose', 'EXPRESS_ENTRY_FSW', '--file', join(dir, 'missing.json'), '--summary', 'x', '--data', dir]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/cannot read the definition file/);
    cliJson(['pack', 'disable', 'debt-advice', '--data', dir]);
    const refused = cli(['case', 'create', '--type', 'DEBT_ADVICE', '--client', 'Ann Lee', '--data', dir]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Debt advice pack, which this firm has disabled \(casework pack enable debt-advice\)/);
    expect(cliJson(['pack', 'enable', 'debt-advice', '--data', dir]).enabled).toBe(true);
    const text = cli(['config', 'fields', oldCase, '--data', dir]);
    expect(text.stdout).toMatch(/fca_outcome \(removed from the configuration, kept\): "Advice given"/);
  });
});
