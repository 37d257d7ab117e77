/**
 * Lead scores on the laptop: the facts of a lead read from the replica, the firm's closed leads as the
 * history (converted = won, lost = lost), a model trained on it when there is enough (src-shared/crm/
 * scoring.ts) and kept until that history changes, and the score with its explanation written on the lead
 * (lead_score, score_explanation) whenever the lead changes, or for every open lead by `rescoreAll`
 * (what the nightly run calls).
 */
import { hasEnoughHistory, scoreLead, trainModel, type ClosedLead, type LeadFacts, type LeadScore, type LogisticModel } from '../../src-shared/crm';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';

const HOUR = 3_600_000;

function activityCounts(core: Core): Map<string, number> {
  const counts = core.db
    .prepare('SELECT lead_id, count(*) AS n FROM crm_activities WHERE deleted_at IS NULL AND lead_id IS NOT NULL GROUP BY lead_id')
    .all() as { lead_id: string; n: number }[];
  return new Map(counts.map((c) => [c.lead_id, c.n]));
}

export function factsOf(lead: Row, activities: number): LeadFacts {
  const created = Date.parse(lead.created_at as string);
  const answered = lead.first_response_at ? Date.parse(lead.first_response_at as string) : null;
  return {
    source: (lead.source as string | null) ?? null,
    responseHours: answered === null ? null : Math.max(0, (answered - created) / HOUR),
    activities,
    caseType: (lead.case_type as string | null) ?? null,
    country: (lead.current_country as string | null) ?? null,
  };
}

export function closedHistory(core: Core): ClosedLead[] {
  const counts = activityCounts(core);
  return rows(core, 'leads', "status IN ('converted', 'lost')", [], { orderBy: 'created_at, id' }).map((l) => ({
    ...factsOf(l, counts.get(l.id as string) ?? 0),
    won: l.status === 'converted',
  }));
}

const cache = new WeakMap<Core, { key: string; model: LogisticModel | null; size: number }>();

/** The model of the firm's current history (null below the minimum), retrained only when that history changed. */
export function currentModel(core: Core): { model: LogisticModel | null; size: number } {
  const k = core.db.prepare("SELECT count(*) AS n, max(updated_at) AS at FROM leads WHERE deleted_at IS NULL AND status IN ('converted', 'lost')").get() as {
    n: number;
    at: string | null;
  };
  const acts = core.db.prepare('SELECT count(*) AS n FROM crm_activities WHERE deleted_at IS NULL AND lead_id IS NOT NULL').get() as { n: number };
  const key = `${k.n}|${k.at}|${acts.n}`;
  const hit = cache.get(core);
  if (hit && hit.key === key) return hit;
  const history = closedHistory(core);
  const entry = { key, model: hasEnoughHistory(history) ? trainModel(history) : null, size: history.length };
  cache.set(core, entry);
  return entry;
}

export function scoreOf(core: Core, leadId: string): LeadScore {
  const lead = mustRead(core, 'leads', leadId, 'lead');
  const n = (core.db.prepare('SELECT count(*) AS n FROM crm_activities WHERE deleted_at IS NULL AND lead_id = ?').get(leadId) as { n: number }).n;
  const { model, size } = currentModel(core);
  return scoreLead(factsOf(lead, n), model, size);
}

/** Writes the lead's score and its explanation when they changed; returns the lead as it stands. */
export function rescoreLead(core: Core, leadId: string): Row {
  return rescore(core, leadId).lead;
}

function rescore(core: Core, leadId: string): { lead: Row; changed: boolean } {
  const lead = mustRead(core, 'leads', leadId, 'lead');
  const s = scoreOf(core, leadId);
  if (lead.lead_score === s.score && JSON.stringify(lead.score_explanation) === JSON.stringify(s)) return { lead, changed: false };
  const row = write(core, { table: 'leads', op: 'update', id: leadId, fields: { lead_score: s.score, score_explanation: s }, description: 'lead rescored' });
  return { lead: row, changed: true };
}

/** Every open lead rescored (the nightly run, and after the history grew): how many changed. */
export function rescoreAll(core: Core): { scored: number; changed: number; method: 'model' | 'heuristic'; history: number } {
  const open = rows(core, 'leads', "status IN ('new', 'qualified', 'contacted')");
  let changed = 0;
  core.tx(() => {
    for (const l of open) if (rescore(core, l.id as string).changed) changed++;
  });
  const { model, size } = currentModel(core);
  return { scored: open.length, changed, method: model ? 'model' : 'heuristic', history: size };
}
