/**
 * Rules in a vault: the built-in packs as system rows of approved_rules (seeded on open), the org's own
 * approved versions beside them, saved calculations that can be replayed under their own versions, and
 * rule proposals reviewed as a diff and approved by an owner or admin.
 */
import { UserError } from '../../src-shared/errors';
import { SYSTEM_ORG_ID } from '../../src-shared/schema/tables';
import { calculateCrs, calculateFsw } from '../../src-shared/rules/calculators';
import { evaluate, ruleShapeProblem, type RuleRow } from '../../src-shared/rules/engine';
import { profileFacts } from '../../src-shared/rules/facts';
import { parseProfile, type Profile } from '../../src-shared/rules/profile';
import { crsWhatIf } from '../../src-shared/rules/whatif';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { appendAudit } from '../core/audit';

/**
 * An approved_rules row as the engine reads it. The table calls the rule's version `rule_version`
 * (its `version` column is the sync row version); the engine's RuleRow calls it `version`.
 */
export function toRuleRow(row: Row): RuleRow {
  return { ...(row as unknown as RuleRow), version: row.rule_version as number };
}

/** Every approved rule this org may use: the system packs and its own versions. */
export function loadRules(core: Core): RuleRow[] {
  return rows(core, 'approved_rules', 'org_id IN (?, ?) AND is_active = 1', [core.actor.orgId, SYSTEM_ORG_ID]).map(toRuleRow);
}

export function profileOrThrow(input: unknown): Profile {
  const p = parseProfile(input);
  if (!p.ok) throw new UserError('invalid_input', `invalid profile: ${p.message}`);
  return p.profile;
}

export function crsForVault(core: Core, profile: Profile, date?: string) {
  return calculateCrs(profile, { rules: loadRules(core), date });
}

export function fswForVault(core: Core, profile: Profile, date?: string) {
  return calculateFsw(profile, { rules: loadRules(core), date });
}

export function whatIfForVault(core: Core, profile: Profile, date?: string) {
  return crsWhatIf(profile, { rules: loadRules(core), date });
}

/** This org's rule proposals, newest first. */
export function listProposals(core: Core) {
  return rows(core, 'rule_proposals', 'org_id = ?', [core.actor.orgId], { orderBy: 'created_at DESC' }).map((p) => ({
    id: p.id as string,
    ruleId: p.rule_id as string,
    type: p.rule_type as string,
    status: p.status as string,
    summary: p.summary as string,
  }));
}

/** The case a result is saved on and its person (the primary applicant unless named), who must be on that case. */
function caseAndPerson(core: Core, caseId: string, personId?: string): { c: Row; personId: string } {
  const c = mustRead(core, 'cases', caseId, 'case');
  const id = personId ?? (c.primary_applicant_id as string | null);
  if (!id) throw new UserError('invalid_input', 'this case has no primary applicant; pass --person');
  const person = mustRead(core, 'persons', id, 'person');
  if (person.case_id !== c.id) throw new UserError('invalid_input', 'the person is not on this case');
  return { c, personId: id };
}

export function saveCrs(core: Core, input: { caseId: string; personId?: string; profile: Profile; date?: string }): Row {
  const { c, personId } = caseAndPerson(core, input.caseId, input.personId);
  const r = crsForVault(core, input.profile, input.date);
  const advice = crsWhatIf(input.profile, { rules: loadRules(core), date: input.date });
  return write(core, {
    table: 'crs_calculations',
    op: 'insert',
    fields: {
      case_id: c.id,
      person_id: personId,
      calculation_type: 'initial',
      calculation_date: `${r.date}T00:00:00.000Z`,
      core_factors: { profile: input.profile, date: r.date },
      spouse_factors: r.breakdown.spouse ?? {},
      skill_transferability: r.breakdown.skillTransferability ?? {},
      additional_factors: r.breakdown.additional ?? {},
      total_score: r.total,
      core_score: r.core,
      spouse_score: r.spouse,
      skill_transferability_score: r.skillTransferability,
      additional_score: r.additional,
      score_breakdown: r.breakdown,
      rules_applied: { applied: r.rulesApplied, versions: r.versionsUsed },
      improvement_scenarios: advice.improvements.slice(0, 10),
      calculated_by_agent: 'casework-rules',
      rules_version: r.rulesVersion,
    },
  });
}

/** Replays a saved CRS calculation under exactly the rule versions it used. */
export function recomputeSavedCrs(core: Core, calculationId: string) {
  const saved = mustRead(core, 'crs_calculations', calculationId, 'CRS calculation');
  const profile = profileOrThrow((saved.core_factors as { profile: unknown }).profile);
  const versions = (saved.rules_applied as { versions: Array<{ ruleId: string; version: number }> }).versions;
  const r = calculateCrs(profile, { rules: loadRules(core), versions, date: (saved.core_factors as { date: string }).date });
  return {
    saved: { total: saved.total_score, rulesVersion: saved.rules_version },
    recomputed: { total: r.total, rulesVersion: r.rulesVersion },
    same: r.total === saved.total_score && r.rulesVersion === saved.rules_version,
  };
}

export function saveFsw(core: Core, input: { caseId: string; personId?: string; profile: Profile; date?: string }): Row {
  const { c, personId } = caseAndPerson(core, input.caseId, input.personId);
  const r = calculateFsw(input.profile, { rules: loadRules(core), date: input.date });
  return write(core, {
    table: 'eligibility_assessments',
    op: 'insert',
    fields: {
      case_id: c.id,
      person_id: personId,
      assessment_type: 'initial',
      immigration_program: 'FSW',
      input_data: { profile: input.profile, date: r.date },
      rules_version: r.rulesVersion,
      is_eligible: r.eligible,
      eligibility_score: String(r.total),
      assessment_results: { total: r.total, passMark: r.passMark, factors: r.factors, breakdown: r.breakdown },
      rules_applied: { applied: r.rulesApplied, versions: r.versionsUsed },
      reasoning: { unmet: r.unmet },
      assessed_by_agent: 'casework-rules',
    },
  });
}

// ---- proposals ----

export interface ProposalInput {
  ruleId: string;
  ruleCategory?: string;
  ruleType?: 'new' | 'update' | 'delete';
  ruleJson: unknown;
  conditionsJson?: unknown;
  effectsJson: unknown;
  summary: string;
  rationale?: string;
  sourceUrl?: string;
  sourceSection?: string;
  effectiveFrom?: string;
  effectiveUntil?: string;
}

/**
 * A proposed rule must evaluate before anyone reviews it: JSON Logic reads any one-key object as an
 * operation (a one-row points table {"29": 105} is "operation 29"), which would otherwise surface only
 * when a consultant next runs a calculation. The dry run uses a sample profile's facts.
 */
function assertEvaluates(input: ProposalInput, current: Row | undefined) {
  const body = input.ruleJson as RuleRow['rule_json'];
  // Group and factor names become keys of every laptop's results: refuse "__proto__" and the like here.
  const shape = ruleShapeProblem(body);
  if (shape) throw new UserError('invalid_input', `the proposed rule cannot be used: ${shape}`);
  const rule: RuleRow = {
    rule_id: input.ruleId,
    version: 1,
    rule_category: input.ruleCategory ?? (current?.rule_category as string) ?? 'custom',
    rule_json: {
      pack: body.pack ?? 'custom',
      kind: body.kind ?? 'points',
      group: body.group ?? 'custom',
      factor: body.factor ?? '',
      label: body.label ?? input.ruleId,
      explain: body.explain,
    },
    conditions_json: (input.conditionsJson ?? {}) as RuleRow['conditions_json'],
    effects_json: input.effectsJson as RuleRow['effects_json'],
    effective_from: '2000-01-01',
  };
  try {
    evaluate(rule.rule_json.pack, [rule], profileFacts(SAMPLE_PROFILE) as never);
  } catch (e) {
    throw new UserError(
      'invalid_input',
      `the proposed rule does not evaluate: ${(e as Error).message} (JSON Logic reads an object with one key as an operation; a points table needs its rows under "pick" with at least two keys, or an "if")`,
    );
  }
}

const SAMPLE_PROFILE = profileOrThrow({
  age: 30,
  education: 'bachelors',
  firstLanguage: { test: 'CLB', listening: 7, reading: 7, writing: 7, speaking: 7 },
  canadianWorkYears: 1,
});

function latestApproved(core: Core, ruleId: string): Row | undefined {
  return rows(core, 'approved_rules', 'rule_id = ? AND org_id IN (?, ?)', [ruleId, core.actor.orgId, SYSTEM_ORG_ID], {
    orderBy: 'rule_version DESC',
    limit: 1,
  })[0];
}

export function propose(core: Core, input: ProposalInput): Row {
  if (!input.ruleId || !input.summary) throw new UserError('invalid_input', 'a proposal needs ruleId and summary');
  if (!input.ruleJson || typeof input.ruleJson !== 'object' || !input.effectsJson || typeof input.effectsJson !== 'object') {
    throw new UserError('invalid_input', 'ruleJson and effectsJson must be JSON objects');
  }
  const current = latestApproved(core, input.ruleId);
  const ruleType = input.ruleType ?? (current ? 'update' : 'new');
  assertEvaluates(input, current);
  if (ruleType !== 'new' && !current) throw new UserError('not_found', `there is no approved rule ${input.ruleId} to ${ruleType}`);
  return write(core, {
    table: 'rule_proposals',
    op: 'insert',
    fields: {
      rule_id: input.ruleId,
      rule_category: input.ruleCategory ?? (current?.rule_category as string) ?? input.ruleId.split('.')[0],
      rule_type: ruleType,
      rule_json: input.ruleJson,
      conditions_json: input.conditionsJson ?? {},
      effects_json: input.effectsJson,
      source_url: input.sourceUrl ?? null,
      source_section: input.sourceSection ?? null,
      proposed_by_agent: `user:${core.actor.email}`,
      summary: input.summary,
      rationale: input.rationale ?? null,
      status: 'pending',
      effective_from: input.effectiveFrom ? new Date(input.effectiveFrom).toISOString() : null,
      effective_until: input.effectiveUntil ? new Date(input.effectiveUntil).toISOString() : null,
      base_rule_version: (current?.rule_version as number | undefined) ?? null,
    },
  });
}

function diffObjects(a: unknown, b: unknown, path = ''): Array<{ path: string; before: unknown; after: unknown }> {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
    return keys.flatMap((k) => diffObjects((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return [{ path: path || '(root)', before: a ?? null, after: b ?? null }];
}

/** A proposal beside the approved version it would change: what differs, field by field. */
export function proposalDiff(core: Core, proposalId: string) {
  const p = mustRead(core, 'rule_proposals', proposalId, 'rule proposal');
  const current = latestApproved(core, p.rule_id as string);
  const pick = (r: Row | undefined) =>
    r
      ? {
          rule_json: r.rule_json,
          conditions_json: r.conditions_json,
          effects_json: r.effects_json,
          effective_from: r.effective_from,
          effective_until: r.effective_until,
        }
      : undefined;
  return { proposal: p, approved: current ?? null, changes: diffObjects(pick(current) ?? {}, pick(p)) };
}

function assertReviewer(core: Core) {
  if (!['owner', 'admin'].includes(core.actor.role)) throw new UserError('forbidden', 'only an owner or admin may approve or reject rules');
}

export function approve(core: Core, proposalId: string, notes?: string): Row {
  assertReviewer(core);
  return core.tx(() => {
    const p = mustRead(core, 'rule_proposals', proposalId, 'rule proposal');
    if (p.status !== 'pending') throw new UserError('invalid_transition', `this proposal is already ${p.status}`);
    const current = latestApproved(core, p.rule_id as string);
    const all = rows(core, 'approved_rules', 'rule_id = ? AND org_id IN (?, ?)', [p.rule_id, core.actor.orgId, SYSTEM_ORG_ID]);
    const version = Math.max(0, ...all.map((r) => r.rule_version as number)) + 1;
    const from = (p.effective_from as string | null) ?? new Date().toISOString();
    const approved = write(core, {
      table: 'approved_rules',
      op: 'insert',
      fields: {
        rule_id: p.rule_id,
        rule_version: version,
        rule_category: p.rule_category,
        rule_json: p.rule_json,
        conditions_json: p.conditions_json ?? {},
        effects_json: p.effects_json,
        source_url: p.source_url ?? null,
        source_section: p.source_section ?? null,
        approved_by_user_id: core.actor.userId,
        approved_at: new Date().toISOString(),
        is_active: p.rule_type !== 'delete',
        effective_from: from,
        effective_until: p.effective_until ?? null,
        description: p.summary,
      },
    });
    // The org's previous version of this rule ends where the new one begins.
    if (current && current.org_id === core.actor.orgId && (!current.effective_until || (current.effective_until as string) > from)) {
      write(core, { table: 'approved_rules', op: 'update', id: current.id as string, fields: { effective_until: from, superseded_by: approved.id } });
    }
    write(core, {
      table: 'rule_proposals',
      op: 'update',
      id: proposalId,
      fields: { status: 'approved', reviewed_by: core.actor.userId, reviewed_at: new Date().toISOString(), review_notes: notes ?? null },
    });
    write(core, {
      table: 'config_change_log',
      op: 'insert',
      fields: {
        change_type: 'rule_approved',
        target_entity: 'approved_rules',
        target_id: approved.id,
        old_values: current ? { version: current.rule_version, effects_json: current.effects_json } : null,
        new_values: { version, effects_json: p.effects_json },
        diff: proposalDiff(core, proposalId).changes,
        applied_by: core.actor.userId,
      },
    });
    appendAudit(core.db, core.actor, {
      event_type: 'rule_approved',
      table_name: 'approved_rules',
      record_id: approved.id as string,
      description: `${p.rule_id} v${version} approved`,
    });
    return approved;
  });
}

export function reject(core: Core, proposalId: string, notes: string): Row {
  assertReviewer(core);
  if (!notes?.trim()) throw new UserError('invalid_input', 'say why the proposal is rejected (--notes)');
  const p = mustRead(core, 'rule_proposals', proposalId, 'rule proposal');
  if (p.status !== 'pending') throw new UserError('invalid_transition', `this proposal is already ${p.status}`);
  return write(core, {
    table: 'rule_proposals',
    op: 'update',
    id: proposalId,
    fields: { status: 'rejected', reviewed_by: core.actor.userId, reviewed_at: new Date().toISOString(), review_notes: notes },
  });
}
