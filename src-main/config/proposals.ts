/**
 * Configuration changes go through proposals, as rules do (src-main/rules/rules-store.ts): anyone on the
 * case team proposes a whole new definition of a case type's fields and forms against the version they
 * saw; an owner or admin reviews the diff and approves (a new immutable version in config_versions, a
 * change-log line, an audit entry) or rejects with a reason. Every row is synced, so the proposal, the
 * version and the log reach every laptop of the firm.
 */
import { UserError } from '../../src-shared/errors';
import { appendAudit } from '../core/audit';
import { configDiff, parseDefinition, removedFields, riskOf, type ConfigDefinition, type ConfigProposalView } from '../../src-shared/config';
import { mustRead, rows, write, type Row } from '../core/writer';
import type { Core } from '../core/core';
import { definitionAt, latestVersion } from './versions';

const CHANGE_TYPE = 'case_type_config';

interface Proposed {
  caseType: string;
  baseVersion: number;
  definition: ConfigDefinition;
}

function proposedOf(p: Row): Proposed {
  const x = (p.proposed_changes ?? {}) as Partial<Proposed>;
  const parsed = parseDefinition(x.definition);
  if (typeof x.caseType !== 'string' || typeof x.baseVersion !== 'number' || !parsed.ok)
    throw new UserError('corrupt', `configuration proposal ${String(p.id)} is not readable${parsed.ok ? '' : `: ${parsed.message}`}`);
  return { caseType: x.caseType, baseVersion: x.baseVersion, definition: parsed.value };
}

function viewOf(core: Core, p: Row): ConfigProposalView {
  const x = proposedOf(p);
  const before = definitionAt(core, x.caseType, x.baseVersion);
  return {
    id: String(p.id),
    title: String(p.title),
    description: String(p.description),
    caseType: x.caseType,
    baseVersion: x.baseVersion,
    status: p.status as ConfigProposalView['status'],
    riskLevel: String(p.risk_level),
    proposedBy: (p.proposed_by as string) ?? null,
    createdAt: String(p.created_at),
    approvedAt: (p.approved_at as string) ?? null,
    rejectionReason: (p.rejection_reason as string) ?? null,
    definition: x.definition,
    changes: configDiff(before, x.definition),
    removedFields: removedFields(before, x.definition),
  };
}

function knownCaseType(core: Core, caseType: string) {
  const found = rows(core, 'config_case_types', 'code = ? AND org_id IN (?, ?)', [caseType, core.actor.orgId, '00000000-0000-0000-0000-000000000000']);
  if (!found.length) throw new UserError('not_found', `there is no case type ${caseType}`);
}

export interface ConfigProposalInput {
  caseType: string;
  definition: unknown;
  summary: string;
  rationale?: string;
}

export function proposeConfig(core: Core, input: ConfigProposalInput): ConfigProposalView {
  knownCaseType(core, input.caseType);
  if (!input.summary?.trim()) throw new UserError('invalid_input', 'say what the change is (summary)');
  const parsed = parseDefinition(input.definition);
  if (!parsed.ok) throw new UserError('invalid_input', parsed.message);
  const baseVersion = latestVersion(core, input.caseType);
  const before = definitionAt(core, input.caseType, baseVersion);
  const changes = configDiff(before, parsed.value);
  if (!changes.length)
    throw new UserError('invalid_input', `this is the configuration of ${input.caseType} as it stands (version ${baseVersion}): nothing to propose`);
  const removed = removedFields(before, parsed.value);
  const row = write(core, {
    table: 'config_change_proposals',
    op: 'insert',
    fields: {
      title: input.summary.trim().slice(0, 255),
      description: input.rationale?.trim() || input.summary.trim(),
      change_type: CHANGE_TYPE,
      target_entity: 'config_versions',
      proposed_changes: { caseType: input.caseType, baseVersion, definition: parsed.value },
      risk_level: riskOf(before, parsed.value),
      affected_entities: [input.caseType, ...removed.map((k) => `field:${k}`)],
      rollback_plan: `Propose version ${baseVersion} again; cases pinned to a version keep it, and no value is deleted.`,
      status: 'PENDING',
      proposed_by: core.actor.userId,
    },
  });
  return viewOf(core, row);
}

export function listConfigProposals(core: Core, filter: { caseType?: string; status?: string } = {}): ConfigProposalView[] {
  return rows(core, 'config_change_proposals', 'org_id = ? AND change_type = ?', [core.actor.orgId, CHANGE_TYPE], { orderBy: 'created_at DESC' })
    .map((p) => viewOf(core, p))
    .filter((v) => (!filter.caseType || v.caseType === filter.caseType) && (!filter.status || v.status === filter.status));
}

export function showConfigProposal(core: Core, id: string): ConfigProposalView {
  return viewOf(core, mustProposal(core, id));
}

function mustProposal(core: Core, id: string): Row {
  const p = mustRead(core, 'config_change_proposals', id, 'configuration proposal');
  if (p.change_type !== CHANGE_TYPE) throw new UserError('not_found', `no configuration proposal with id ${id}`);
  return p;
}

function assertReviewer(core: Core) {
  if (!['owner', 'admin'].includes(core.actor.role)) throw new UserError('forbidden', 'only an owner or admin may approve or reject configuration changes');
}

export function approveConfig(core: Core, id: string): ConfigProposalView {
  assertReviewer(core);
  return core.tx(() => {
    const p = mustProposal(core, id);
    if (p.status !== 'PENDING') throw new UserError('invalid_transition', `this proposal is already ${String(p.status).toLowerCase()}`);
    const x = proposedOf(p);
    const current = latestVersion(core, x.caseType);
    // Two proposals made against the same version: the second would silently undo the first's change.
    if (current !== x.baseVersion)
      throw new UserError(
        'conflict',
        `${x.caseType} has changed since this proposal (it was made against version ${x.baseVersion}, now ${current}): propose it again`,
      );
    const version = current + 1;
    const now = new Date().toISOString();
    const before = definitionAt(core, x.caseType, current);
    const stored = write(core, {
      table: 'config_versions',
      op: 'insert',
      fields: {
        case_type: x.caseType,
        config_version: version,
        definition: x.definition,
        proposal_id: id,
        approved_by: core.actor.userId,
        approved_at: now,
        summary: p.title,
      },
    });
    const updated = write(core, {
      table: 'config_change_proposals',
      op: 'update',
      id,
      fields: { status: 'APPLIED', approved_by: core.actor.userId, approved_at: now },
    });
    write(core, {
      table: 'config_change_log',
      op: 'insert',
      fields: {
        proposal_id: id,
        change_type: CHANGE_TYPE,
        target_entity: 'config_versions',
        target_id: stored.id,
        old_values: { caseType: x.caseType, version: current },
        new_values: { caseType: x.caseType, version },
        diff: configDiff(before, x.definition),
        applied_by: core.actor.userId,
      },
    });
    appendAudit(core.db, core.actor, {
      event_type: 'config_approved',
      table_name: 'config_versions',
      record_id: String(stored.id),
      description: `${x.caseType} configuration v${version} approved`,
    });
    return viewOf(core, updated);
  });
}

export function rejectConfig(core: Core, id: string, reason: string): ConfigProposalView {
  assertReviewer(core);
  if (!reason?.trim()) throw new UserError('invalid_input', 'say why the proposal is rejected');
  return core.tx(() => {
    const p = mustProposal(core, id);
    if (p.status !== 'PENDING') throw new UserError('invalid_transition', `this proposal is already ${String(p.status).toLowerCase()}`);
    return viewOf(core, write(core, { table: 'config_change_proposals', op: 'update', id, fields: { status: 'REJECTED', rejection_reason: reason.trim() } }));
  });
}
