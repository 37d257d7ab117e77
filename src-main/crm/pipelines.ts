/**
 * Pipelines, their stages and the deals on them. A move into a stage with a strict WIP limit that is full
 * is refused here with the limit in words; a soft limit lets it through with a warning. What this laptop
 * cannot see (another laptop's offline move into the same stage) is found after sync by `wipConflicts`:
 * the stage's overflow, the same deals on every laptop (src-shared/crm/wip.ts), until someone moves one
 * out or raises the limit. Every move is appended to the deal's stage_history.
 */
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import { checkMove, stageLoads, type StageLike, type StageLoad } from '../../src-shared/crm';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { assertCrmEnabled, parseInput } from './input';

const MANAGERS = ['owner', 'admin', 'manager'];

const stageInput = z.strictObject({
  name: z.string().trim().min(1).max(100),
  probability: z.number().int().min(0).max(100),
  kind: z.enum(['open', 'won', 'lost']).default('open'),
  wipLimit: z.number().int().min(1).max(100_000).nullable().optional(),
  wipMode: z.enum(['soft', 'strict']).default('soft'),
});
export const pipelineInput = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'a three-letter currency code')
      .default('CAD'),
    isDefault: z.boolean().optional(),
    stages: z.array(stageInput).min(1).max(30),
  })
  .refine((p) => p.stages.filter((s) => s.kind === 'open').length >= 1, { message: 'a pipeline needs at least one open stage' })
  .refine((p) => p.stages.filter((s) => s.kind === 'won').length <= 1 && p.stages.filter((s) => s.kind === 'lost').length <= 1, {
    message: 'a pipeline has at most one won and one lost stage',
  });

/** What a firm starts from: an enquiry becomes a consultation, a retainer, a case. */
export const DEFAULT_PIPELINE: z.input<typeof pipelineInput> = {
  name: 'Enquiries',
  isDefault: true,
  stages: [
    { name: 'Enquiry', probability: 10 },
    { name: 'Consultation booked', probability: 30 },
    { name: 'Consultation held', probability: 50 },
    { name: 'Retainer sent', probability: 75 },
    { name: 'Won', probability: 100, kind: 'won' },
    { name: 'Lost', probability: 0, kind: 'lost' },
  ],
};

export function createPipeline(core: Core, raw: unknown): { pipeline: Row; stages: Row[] } {
  assertCrmEnabled(core);
  const p = parseInput(pipelineInput, raw, 'pipeline');
  return core.tx(() => {
    if (p.isDefault)
      for (const old of rows(core, 'crm_pipelines', 'is_default = 1'))
        write(core, { table: 'crm_pipelines', op: 'update', id: old.id as string, fields: { is_default: false } });
    const pipeline = write(core, {
      table: 'crm_pipelines',
      op: 'insert',
      fields: { name: p.name, currency: p.currency, is_default: p.isDefault ?? rows(core, 'crm_pipelines').length === 0 },
      description: 'pipeline created',
    });
    const stages = p.stages.map((s, i) =>
      write(core, {
        table: 'crm_stages',
        op: 'insert',
        fields: {
          pipeline_id: pipeline.id,
          name: s.name,
          position: i + 1,
          probability: s.probability,
          kind: s.kind,
          wip_limit: s.wipLimit ?? null,
          wip_mode: s.wipMode,
        },
      }),
    );
    return { pipeline, stages };
  });
}

export const stagePatch = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  probability: z.number().int().min(0).max(100).optional(),
  wipLimit: z.number().int().min(1).max(100_000).nullable().optional(),
  wipMode: z.enum(['soft', 'strict']).optional(),
});

export function setStage(core: Core, stageId: string, raw: unknown): Row {
  assertCrmEnabled(core);
  const s = parseInput(stagePatch, raw, 'stage');
  mustRead(core, 'crm_stages', stageId, 'stage');
  const fields: Row = {};
  if (s.name) fields.name = s.name;
  if (s.probability !== undefined) fields.probability = s.probability;
  if (s.wipLimit !== undefined) fields.wip_limit = s.wipLimit;
  if (s.wipMode) fields.wip_mode = s.wipMode;
  return write(core, { table: 'crm_stages', op: 'update', id: stageId, fields, description: 'stage changed' });
}

export const stagesOf = (core: Core, pipelineId: string) => rows(core, 'crm_stages', 'pipeline_id = ?', [pipelineId], { orderBy: 'position' });
export const listPipelines = (core: Core) =>
  rows(core, 'crm_pipelines', '1=1', [], { orderBy: 'is_default DESC, name' }).map((p) => ({ ...p, stages: stagesOf(core, p.id as string) }));

/** The default pipeline; made from DEFAULT_PIPELINE on first use when the user may create one. */
export function defaultPipeline(core: Core): Row {
  const found = rows(core, 'crm_pipelines', '1=1', [], { orderBy: 'is_default DESC, created_at' })[0];
  if (found) return found;
  if (!MANAGERS.includes(core.actor.role))
    throw new UserError('not_found', 'the firm has no pipeline yet; an owner, admin or manager creates one (casework crm pipeline add)');
  return createPipeline(core, DEFAULT_PIPELINE).pipeline;
}

const openCount = (core: Core, stageId: string) =>
  (core.db.prepare("SELECT count(*) AS n FROM crm_deals WHERE deleted_at IS NULL AND stage_id = ? AND status = 'open'").get(stageId) as { n: number }).n;

const historyEntry = (core: Core, stageId: string, at: string) => ({ stage_id: stageId, at, by: core.actor.userId });

export const dealInput = z.strictObject({
  title: z.string().trim().min(1).max(255),
  contactId: z.string().uuid().optional(),
  leadId: z.string().uuid().optional(),
  pipelineId: z.string().uuid().optional(),
  stageId: z.string().uuid().optional(),
  value: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,2})?$/, 'an amount such as 2500.00')
    .optional(),
  ownerUserId: z.string().uuid().optional(),
  expectedCloseDate: z.iso.date().optional(),
});

export function addDeal(core: Core, raw: unknown): Row & { warning?: string } {
  assertCrmEnabled(core);
  const d = parseInput(dealInput, raw, 'deal');
  const pipeline = d.pipelineId ? mustRead(core, 'crm_pipelines', d.pipelineId, 'pipeline') : defaultPipeline(core);
  const stages = stagesOf(core, pipeline.id as string);
  const stage = d.stageId ? stages.find((s) => s.id === d.stageId) : stages.find((s) => s.kind === 'open');
  if (!stage) throw new UserError('invalid_input', `deal: stage ${d.stageId} is not a stage of pipeline "${pipeline.name}"`);
  if (stage.kind !== 'open') throw new UserError('invalid_input', 'deal: a new deal starts in an open stage (win or lose it afterwards)');
  if (d.contactId) mustRead(core, 'crm_contacts', d.contactId, 'contact');
  if (d.leadId) mustRead(core, 'leads', d.leadId, 'lead');
  const verdict = checkMove(stage as unknown as StageLike, openCount(core, stage.id as string));
  if (!verdict.ok) throw new UserError('conflict', verdict.message);
  const now = new Date().toISOString();
  const row = write(core, {
    table: 'crm_deals',
    op: 'insert',
    fields: {
      pipeline_id: pipeline.id,
      stage_id: stage.id,
      title: d.title,
      contact_id: d.contactId ?? null,
      lead_id: d.leadId ?? null,
      value: d.value ?? '0',
      currency: pipeline.currency,
      owner_user_id: d.ownerUserId ?? core.actor.userId,
      status: 'open',
      expected_close_date: d.expectedCloseDate ?? null,
      stage_entered_at: now,
      stage_history: [historyEntry(core, stage.id as string, now)],
    },
    description: 'deal added',
  });
  return verdict.warning ? { ...row, warning: verdict.warning } : row;
}

/** Moves an open deal to another open stage of its pipeline, under the stage's WIP limit. */
export function moveDeal(core: Core, dealId: string, stageId: string): Row & { warning?: string } {
  assertCrmEnabled(core);
  const deal = mustRead(core, 'crm_deals', dealId, 'deal');
  if (deal.status !== 'open') throw new UserError('conflict', `deal "${deal.title}" is ${deal.status}; reopen it first`);
  const stage = mustRead(core, 'crm_stages', stageId, 'stage');
  if (stage.pipeline_id !== deal.pipeline_id) throw new UserError('invalid_input', 'move: the stage belongs to another pipeline');
  if (stage.kind !== 'open') throw new UserError('invalid_input', `move: "${stage.name}" closes the deal; use win or lose with a reason`);
  if (stage.id === deal.stage_id) return deal;
  const verdict = checkMove(stage as unknown as StageLike, openCount(core, stageId));
  if (!verdict.ok) throw new UserError('conflict', verdict.message);
  const now = new Date().toISOString();
  const row = write(core, {
    table: 'crm_deals',
    op: 'update',
    id: dealId,
    fields: { stage_id: stageId, stage_entered_at: now, stage_history: [...(deal.stage_history as unknown[]), historyEntry(core, stageId, now)] },
    description: `deal moved to ${stage.name}`,
  });
  return verdict.warning ? { ...row, warning: verdict.warning } : row;
}

/** Won or lost, with a reason; onto the pipeline's won/lost stage when it has one. */
export function closeDeal(core: Core, dealId: string, outcome: 'won' | 'lost', reason: string, caseId?: string): Row {
  assertCrmEnabled(core);
  if (!reason || !reason.trim()) throw new UserError('invalid_input', `say why the deal was ${outcome} (--reason)`);
  const deal = mustRead(core, 'crm_deals', dealId, 'deal');
  if (deal.status !== 'open') throw new UserError('conflict', `deal "${deal.title}" is already ${deal.status}`);
  const stage = stagesOf(core, deal.pipeline_id as string).find((s) => s.kind === outcome);
  const now = new Date().toISOString();
  return write(core, {
    table: 'crm_deals',
    op: 'update',
    id: dealId,
    fields: {
      status: outcome,
      closed_reason: reason.trim().slice(0, 500),
      closed_at: now,
      ...(caseId ? { case_id: caseId } : {}),
      ...(stage
        ? { stage_id: stage.id, stage_entered_at: now, stage_history: [...(deal.stage_history as unknown[]), historyEntry(core, stage.id as string, now)] }
        : {}),
    },
    description: `deal ${outcome}`,
  });
}

export interface BoardStage extends Row {
  load: StageLoad;
  deals: Row[];
}

export function board(core: Core, pipelineId?: string): { pipeline: Row; stages: BoardStage[] } {
  const pipeline = pipelineId ? mustRead(core, 'crm_pipelines', pipelineId, 'pipeline') : defaultPipeline(core);
  const stages = stagesOf(core, pipeline.id as string);
  const deals = rows(core, 'crm_deals', "pipeline_id = ? AND status = 'open'", [pipeline.id], { orderBy: 'stage_entered_at, id' });
  const loads = stageLoads(stages as unknown as StageLike[], deals as never);
  return {
    pipeline,
    stages: stages.map((s, i) => ({ ...s, load: loads[i]!, deals: deals.filter((d) => d.stage_id === s.id) })),
  };
}

export interface WipConflict {
  pipelineId: string;
  pipeline: string;
  stageId: string;
  stage: string;
  limit: number;
  open: number;
  overflow: { id: string; title: string; owner_user_id: unknown; stage_entered_at: unknown }[];
}

/** Strict stages holding more open deals than their limit (after offline moves met in sync). */
export function wipConflicts(core: Core): WipConflict[] {
  const out: WipConflict[] = [];
  for (const p of rows(core, 'crm_pipelines')) {
    const stages = stagesOf(core, p.id as string);
    const deals = rows(core, 'crm_deals', "pipeline_id = ? AND status = 'open'", [p.id]);
    for (const load of stageLoads(stages as unknown as StageLike[], deals as never)) {
      if (!load.overflow.length) continue;
      const byId = new Map(deals.map((d) => [d.id, d]));
      out.push({
        pipelineId: p.id as string,
        pipeline: p.name as string,
        stageId: load.stageId,
        stage: load.stageName,
        limit: load.limit!,
        open: load.open,
        overflow: load.overflow.map((id) => {
          const d = byId.get(id)!;
          return { id, title: d.title as string, owner_user_id: d.owner_user_id, stage_entered_at: d.stage_entered_at };
        }),
      });
    }
  }
  return out;
}
