/**
 * Where a case may go next: its case type's configured lifecycle (schema.ts workflowSchema) when the
 * version it follows has one, otherwise the default lifecycle. One function for the core, which refuses
 * any other move, and the window, which offers only these.
 */
import { CASE_TRANSITIONS, type CaseStatus } from '../cases/case-status';
import type { WorkflowDef } from './schema';

export function nextStatuses(workflow: WorkflowDef | undefined, from: CaseStatus): CaseStatus[] {
  if (!workflow) return [...(CASE_TRANSITIONS[from] ?? [])];
  return workflow.transitions.filter((t) => t.from === from).map((t) => t.to);
}

/** The statuses a case type uses, in its order (all of them by default). */
export function statusesOf(workflow: WorkflowDef | undefined): CaseStatus[] {
  return workflow ? workflow.statuses.map((s) => s.status) : (Object.keys(CASE_TRANSITIONS) as CaseStatus[]);
}

/** The case type's own words for a status, if it gave any. */
export function statusWords(workflow: WorkflowDef | undefined, status: string, lang: 'en' | 'fr'): string | undefined {
  return workflow?.statuses.find((s) => s.status === status)?.label?.[lang];
}
