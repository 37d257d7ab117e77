/**
 * A case type's lifecycle as configuration (issue 16): which statuses it uses, in its own words, and
 * which moves are allowed. The schema refuses a lifecycle that cannot work; the core refuses a move the
 * case's configuration version does not allow, whatever asks (window, CLI); a change goes through a
 * proposal with its risk, and a case keeps the lifecycle of the version it follows. Real encrypted vault,
 * the real CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createVault, type Core } from '../../src-main/core/core';
import { createCase, setCaseStatus } from '../../src-main/cases/cases';
import { approveConfig, definitionAt, proposeConfig } from '../../src-main/config';
import { nextStatuses, parseDefinition, riskOf, type ConfigDefinition } from '../../src-shared/config';
import { cli, PASS, tempDir } from '../support/cli';

describe('case lifecycles as configuration', () => {
  let core: Core;
  let dir: string;
  beforeAll(async () => {
    dir = join(tempDir(), 'v');
    core = await createVault({ dataDir: dir, passphrase: PASS });
  });
  afterAll(() => core?.close());

  it('refuses a lifecycle that cannot work, saying where', () => {
    const base = structuredClone(definitionAt(core, 'DEBT_ADVICE', 0));
    const noDraft = { ...base, workflow: { statuses: [{ status: 'in_progress' }], transitions: [] } };
    expect(parseDefinition(noDraft)).toMatchObject({ ok: false, message: expect.stringMatching(/new cases start in draft/) });
    const stray = { ...base, workflow: { statuses: [{ status: 'draft' }], transitions: [{ from: 'draft', to: 'closed' }] } };
    expect(parseDefinition(stray)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/workflow\.transitions\.0: the move leads to a status the workflow does not use: closed/),
    });
    const twice = { ...base, workflow: { statuses: [{ status: 'draft' }, { status: 'draft' }], transitions: [] } };
    expect(parseDefinition(twice)).toMatchObject({ ok: false, message: expect.stringMatching(/listed twice/) });
    const unknown = { ...base, workflow: { statuses: [{ status: 'draft' }, { status: 'teleported' }], transitions: [] } };
    expect(parseDefinition(unknown).ok).toBe(false);
  });

  it("a debt-advice case follows its pack's lifecycle; an immigration case the default one", () => {
    const debt = createCase(core, { caseType: 'DEBT_ADVICE', client: 'Dana Price' });
    expect(() => setCaseStatus(core, debt.id as string, 'submitted')).toThrow(/DEBT_ADVICE cases do not use the status submitted/);
    expect(() => setCaseStatus(core, debt.id as string, 'closed')).toThrow(/cannot go from draft to closed; from draft it can go to in_progress, withdrawn/);
    setCaseStatus(core, debt.id as string, 'in_progress');
    expect(setCaseStatus(core, debt.id as string, 'on_hold').status).toBe('on_hold'); // "Referred"
    const immigration = createCase(core, { caseType: 'EXPRESS_ENTRY_FSW', client: 'Amara Okafor' });
    expect(setCaseStatus(core, immigration.id as string, 'consultation').status).toBe('consultation');
    // The command line goes through the same check.
    const r = cli(['case', 'set-status', debt.id as string, 'approved', '--data', dir], { CASEWORK_PASSPHRASE: PASS });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/DEBT_ADVICE cases do not use the status approved/);
  });

  it('a changed lifecycle is a proposal with its risk; open cases keep theirs', () => {
    const before = definitionAt(core, 'DEBT_ADVICE', 0);
    const early = createCase(core, { caseType: 'DEBT_ADVICE', client: 'Opened Before' });
    // The centre stops using "Referred" and lets an open case close at once.
    const after: ConfigDefinition = structuredClone(before);
    after.workflow!.statuses = after.workflow!.statuses.filter((s) => s.status !== 'on_hold');
    after.workflow!.transitions = [...after.workflow!.transitions.filter((t) => t.from !== 'on_hold' && t.to !== 'on_hold'), { from: 'draft', to: 'closed' }];
    expect(riskOf(before, after)).toBe('HIGH');
    const p = proposeConfig(core, { caseType: 'DEBT_ADVICE', definition: after, summary: 'No referrals; close at intake' });
    expect(p.changes.map((c) => c.path)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^workflow\.statuses\.on_hold/), expect.stringMatching(/^workflow\.transitions\.draft→closed/)]),
    );
    approveConfig(core, p.id);

    const late = createCase(core, { caseType: 'DEBT_ADVICE', client: 'Opened After' });
    expect(setCaseStatus(core, late.id as string, 'closed').status).toBe('closed');
    // The case opened before follows version 0: draft -> closed is still not a move it has.
    expect(() => setCaseStatus(core, early.id as string, 'closed')).toThrow(/cannot go from draft to closed/);
    expect(nextStatuses(before.workflow, 'draft')).toEqual(['in_progress', 'withdrawn']);
  });
});
