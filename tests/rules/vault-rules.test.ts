/**
 * Rules inside a real encrypted vault: saved calculations that replay under their own rule versions
 * after a rule changes, the proposal -> diff -> approval/rejection flow with its change log and audit,
 * what-if advice, law sources split and re-imported, and bad profiles refused by the real CLI with
 * nothing changed.
 */
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { createVault, type Core } from '../../src-main/core/core';
import { createCase } from '../../src-main/cases/cases';
import { personsOfCase } from '../../src-main/cases/persons';
import {
  approve,
  propose,
  proposalDiff,
  recomputeSavedCrs,
  reject,
  saveCrs,
  saveFsw,
  crsForVault,
  whatIfForVault,
  listProposals,
} from '../../src-main/rules/rules-store';
import { importLawSource } from '../../src-main/rules/law';
import { rows } from '../../src-main/core/writer';
import { verifyLocalAudit } from '../../src-main/core/audit';
import { calculateCrs } from '../../src-shared/rules/calculators';
import { crsWhatIf } from '../../src-shared/rules/whatif';
import { parseProfile, type Profile } from '../../src-shared/rules/profile';
import { CRS_SOURCE } from '../../src-shared/rules/packs/crs';
import { cli, cliJson, tempDir, PASS } from '../support/cli';

const SAMPLE = {
  age: 29,
  hasSpouse: true,
  spouseAccompanying: true,
  spouseIsCanadianOrPR: false,
  education: 'bachelors',
  canadianEducation: 'none',
  firstLanguage: { test: 'IELTS_GENERAL', listening: 8.0, reading: 7.0, writing: 7.0, speaking: 7.0 },
  secondLanguage: null,
  canadianWorkYears: 1,
  foreignWorkYears: 3,
  certificateOfQualification: false,
  siblingInCanada: false,
  provincialNomination: false,
  arrangedEmployment: 'none',
  spouse: { education: 'masters', language: { test: 'CLB', listening: 7, reading: 7, writing: 7, speaking: 7 }, canadianWorkYears: 0 },
};
const sample = (): Profile => {
  const p = parseProfile(SAMPLE);
  if (!p.ok) throw new Error(p.message);
  return p.profile;
};

describe('rules in a vault', () => {
  let core: Core;
  let caseId: string;

  beforeAll(async () => {
    core = await createVault({ dataDir: join(tempDir(), 'vault'), passphrase: PASS, prefer: 'passphrase' });
    caseId = createCase(core, { caseType: 'EXPRESS_ENTRY_FSW', client: 'Amara Okafor' }).id as string;
  });
  afterAll(() => core?.close());

  it('what-if lists single improvements, best first, each gain the real difference', () => {
    const r = crsWhatIf(sample(), { date: '2025-06-01' });
    expect(r.baseTotal).toBe(473);
    const gains = r.improvements.map((i) => i.gain);
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
    expect(gains.every((g) => g > 0)).toBe(true);
    for (const i of r.improvements) expect(i.newTotal - r.baseTotal).toBe(i.gain);
    const byId = Object.fromEntries(r.improvements.map((i) => [i.id, i.gain]));
    expect(byId.provincial_nomination).toBe(600);
    // 1 -> 2 Canadian years: core 35 -> 46 (+11); bachelor's + Canadian work 13 -> 25 (+12); the foreign
    // work family is already at its cap of 50: +23.
    expect(byId.canadian_work).toBe(23);
    // The spouse from CLB 7 to 9 in all four: 3 -> 5 per ability.
    expect(byId['spouse_language.9']).toBe(8);
  });

  it('a saved calculation replays to its own numbers after the rule changes', () => {
    const saved = saveCrs(core, { caseId, personId: personsOfCase(core, caseId)[0].id as string, profile: sample(), date: '2025-06-01' });
    expect(saved.total_score).toBe(473);
    // A one-row table is read by JSON Logic as an operation: refused at proposal time, clearly.
    expect(() =>
      propose(core, {
        ruleId: 'crs.core.age',
        ruleJson: { pack: 'crs', kind: 'points', group: 'core', factor: 'age', label: 'x' },
        effectsJson: { points: { pick: [{ var: 'ageKey' }, { 29: 105 }] } },
        summary: 'x',
      }),
    ).toThrow(/does not evaluate/);
    // An org rule change: age points for 29 with a spouse raised to 105 (a test scenario, not law).
    const p = propose(core, {
      ruleId: 'crs.core.age',
      ruleJson: { pack: 'crs', kind: 'points', group: 'core', factor: 'age', label: 'Age (test change)' },
      effectsJson: { points: { if: [{ var: 'spouseCounts' }, { pick: [{ var: 'ageKey' }, { 29: 105, 30: 95 }] }, 0] } },
      summary: 'raise age points',
      effectiveFrom: '2025-01-01',
    });
    const diff = proposalDiff(core, p.id as string);
    expect(diff.changes.map((c) => c.path)).toEqual(expect.arrayContaining(['effects_json.points.if', 'rule_json.label']));
    const approved = approve(core, p.id as string, 'looks right');
    expect(approved.rule_version).toBe(2);
    const now = crsForVault(core, sample(), '2025-06-01');
    expect(now.core).toBe(363 + 5);
    const replay = recomputeSavedCrs(core, saved.id as string);
    expect(replay.recomputed.total).toBe(473);
    expect(replay.same).toBe(true);
    // The change is recorded: change log and audit entry, and the chain still verifies.
    expect(rows(core, 'config_change_log', 'target_id = ?', [approved.id]).length).toBe(1);
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE event_type = 'rule_approved' AND record_id = ?").pluck().get(approved.id)).toBe(1);
    expect(verifyLocalAudit(core.db).ok).toBe(true);
    expect(rows(core, 'rule_proposals', 'id = ?', [p.id])[0].status).toBe('approved');
    expect(listProposals(core).find((x) => x.id === p.id)?.status).toBe('approved');
    // What-if under the vault's rules starts from the changed total; the built-in pack still from 473.
    expect(whatIfForVault(core, sample(), '2025-06-01').baseTotal).toBe(473 + 5);
    expect(crsWhatIf(sample(), { date: '2025-06-01' }).baseTotal).toBe(473);
    // Saving FSW records the rule versions used.
    const fsw = saveFsw(core, { caseId, profile: sample(), date: '2025-06-01' });
    expect((fsw.rules_applied as { versions: unknown[] }).versions.length).toBeGreaterThan(10);
    expect(fsw.is_eligible).toBe(true);
  });

  it('saves a calculation only for a person of that case', () => {
    const other = createCase(core, { caseType: 'EXPRESS_ENTRY_FSW', client: 'Li Wei' }).id as string;
    const stranger = personsOfCase(core, other)[0].id as string;
    const before = rows(core, 'eligibility_assessments').length;
    expect(() => saveFsw(core, { caseId, personId: stranger, profile: sample(), date: '2025-06-01' })).toThrow(/not on this case/);
    expect(() => saveCrs(core, { caseId, personId: stranger, profile: sample(), date: '2025-06-01' })).toThrow(/not on this case/);
    expect(rows(core, 'eligibility_assessments').length).toBe(before);
  });

  it('rejection needs notes; a decided proposal cannot be decided again; only owners and admins review', () => {
    const p = propose(core, {
      ruleId: 'crs.additional.sibling',
      ruleJson: { pack: 'crs', kind: 'points', group: 'additional', factor: 'sibling', label: 'Sibling' },
      effectsJson: { points: 20 },
      summary: 'more for siblings',
    });
    expect(() => reject(core, p.id as string, '  ')).toThrow(/why/);
    const r = reject(core, p.id as string, 'not in the regulations');
    expect(r.status).toBe('rejected');
    expect(() => approve(core, p.id as string)).toThrow(/already rejected/);
    const p2 = propose(core, {
      ruleId: 'crs.additional.sibling',
      ruleJson: { pack: 'crs', kind: 'points', group: 'additional', factor: 'sibling', label: 'Sibling' },
      effectsJson: { points: 20 },
      summary: 'again',
    });
    core.setMeta('role', 'consultant');
    try {
      expect(() => approve(core, p2.id as string)).toThrow(/only an owner or admin/);
      expect(() => reject(core, p2.id as string, 'no')).toThrow(/only an owner or admin/);
    } finally {
      core.setMeta('role', 'owner');
    }
    expect(rows(core, 'rule_proposals', 'id = ?', [p2.id])[0].status).toBe('pending');
    expect(calculateCrs(sample(), { rules: rows(core, 'approved_rules') as never, date: '2025-06-01' }).additional).toBe(0);
  });

  it('imports law sources by section and reports what changed on re-import, with the rules citing them', async () => {
    const dir = tempDir();
    const v1 = join(dir, 'crs.html');
    writeFileSync(
      v1,
      '<html><title>CRS criteria</title><body><h2>Core factors</h2><p>Age points.</p><h2>Spouse factors</h2><p>Education of the spouse.</p><h2>Additional points</h2><p>Arranged employment: 50 or 200.</p></body></html>',
    );
    const first = await importLawSource(core, v1, { url: CRS_SOURCE, jurisdiction: 'federal' });
    expect(first.chunks).toBe(3);
    expect(rows(core, 'law_chunks', 'law_source_id = ?', [first.source.id]).map((c) => c.section_title)).toEqual([
      'Core factors',
      'Spouse factors',
      'Additional points',
    ]);
    const again = await importLawSource(core, v1, { url: CRS_SOURCE, jurisdiction: 'federal' });
    expect(again.unchanged).toBe(true);
    writeFileSync(
      v1,
      '<html><title>CRS criteria</title><body><h2>Core factors</h2><p>Age points.</p><h2>Spouse factors</h2><p>Education of the spouse.</p><h2>Additional points</h2><p>Arranged employment: no points since 25 March 2025.</p><h2>Notes</h2><p>New.</p></body></html>',
    );
    const changed = await importLawSource(core, v1, { url: CRS_SOURCE, jurisdiction: 'federal' });
    expect(changed.changedChunks).toEqual(
      expect.arrayContaining([
        { section: 'Additional points', change: 'changed' },
        { section: 'Notes', change: 'added' },
      ]),
    );
    expect(changed.changedChunks.find((c) => c.section === 'Core factors')).toBeUndefined();
    expect(changed.citingRules.map((r) => r.ruleId)).toContain('crs.additional.arranged_employment');
    const txt = join(dir, 'irpr.txt');
    writeFileSync(txt, 'Section 78 Education\nPoints for education.\n\nSection 79 Official languages\nPoints for languages.\n');
    const t = await importLawSource(core, txt, { url: 'https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/', jurisdiction: 'federal' });
    expect(rows(core, 'law_chunks', 'law_source_id = ?', [t.source.id]).map((c) => c.section_number)).toEqual(['78', '79']);
    await expect(importLawSource(core, txt, { url: 'not a url', jurisdiction: 'federal' })).rejects.toThrow(/--url/);
  });
});

describe('rules through the command line', () => {
  let data: string;
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    data = join(dir, 'vault');
    cliJson(['init', '--data', data]);
  });

  it('prints CRS and FSW in the documented shapes', () => {
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify(SAMPLE));
    const crs = cliJson(['crs', '--profile', file, '--date', '2025-06-01', '--json']);
    expect(Object.keys(crs)).toEqual(
      expect.arrayContaining(['total', 'core', 'spouse', 'skillTransferability', 'additional', 'breakdown', 'rulesVersion', 'rulesApplied']),
    );
    expect(crs.total).toBe(473);
    const fsw = cliJson(['fsw', '--profile', file, '--json']);
    expect(fsw).toMatchObject({ total: 80, passMark: 67, eligible: true, unmet: [] });
    expect(Object.keys(fsw.factors)).toEqual(expect.arrayContaining(['language', 'education', 'experience', 'age', 'arrangedEmployment', 'adaptability']));
    const whatif = cliJson(['crs-whatif', '--profile', file, '--json']);
    expect(whatif.improvements[0].gain).toBeGreaterThanOrEqual(whatif.improvements.at(-1).gain);
  });

  it('refuses bad profiles with a message naming the field, and saves nothing', () => {
    const c = cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Li Wei']);
    const bad: Array<[unknown, RegExp]> = [
      [{ ...SAMPLE, education: 'phd' }, /education/],
      [{ ...SAMPLE, canadianWorkYears: -1 }, /canadianWorkYears.*negative/],
      [{ ...SAMPLE, firstLanguage: { ...SAMPLE.firstLanguage, reading: 10 } }, /firstLanguage\.reading/],
      [{ ...SAMPLE, age: -3 }, /age/],
      ['{"age": 30,', /JSON/i],
    ];
    for (const [profile, message] of bad) {
      const file = join(dir, 'bad.json');
      writeFileSync(file, typeof profile === 'string' ? profile : JSON.stringify(profile));
      const r = cli(['crs', '--profile', file, '--save', '--case', c.id, '--data', data, '--json']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(message);
    }
    const show = cliJson(['case', 'show', c.id, '--data', data]);
    expect(JSON.stringify(show)).not.toMatch(/crs_calculation/i);
    const audit = cliJson(['audit', 'verify', '--data', data]);
    expect(audit.ok).toBe(true);
  });

  it('saves a calculation on a case and lists, proposes and rejects rules', () => {
    const c = cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Amara Okafor']);
    const file = join(dir, 'p.json');
    const saved = cliJson(['crs', '--profile', file, '--save', '--case', c.id, '--data', data, '--json']);
    expect(saved.calculationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(cliJson(['rules', 'recompute', saved.calculationId, '--data', data]).same).toBe(true);
    const list = cliJson<any[]>(['rules', 'list', '--category', 'crs', '--data', data]);
    expect(list.some((r) => r.ruleId === 'crs.additional.arranged_employment' && r.version === 2 && r.from === '2025-03-25')).toBe(true);
    const prop = cliJson([
      'rules',
      'propose',
      '--data',
      data,
      '--proposal',
      JSON.stringify({
        ruleId: 'crs.additional.sibling',
        ruleJson: { pack: 'crs', kind: 'points', group: 'additional', factor: 'sibling', label: 'Sibling' },
        effectsJson: { points: 20 },
        summary: 'test',
      }),
    ]);
    const shown = cliJson(['rules', 'show', prop.id, '--data', data]);
    expect(shown.changes.some((ch: any) => ch.path === 'effects_json.points' && ch.before === 15 && ch.after === 20)).toBe(true);
    const r = cli(['rules', 'reject', prop.id, '--data', data]);
    expect(r.code).not.toBe(0);
    expect(cliJson(['rules', 'reject', prop.id, '--notes', 'not law', '--data', data]).status).toBe('rejected');
  });
});
