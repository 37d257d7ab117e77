/**
 * The case lifecycle. The seed names statuses but not their order; this is the order a regulated
 * practice follows (consultation, retainer, preparation, submission, decision, closure), with a way
 * back where real files go back (a submitted file can be reopened for additional documents, a refusal
 * can lead to reconsideration, a closed file can be reopened).
 */
import type { CASE_STATUSES } from '../schema/tables';

export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  draft: ['consultation', 'active', 'withdrawn', 'closed'],
  consultation: ['active', 'withdrawn', 'closed'],
  active: ['in_progress', 'on_hold', 'withdrawn'],
  in_progress: ['submitted', 'on_hold', 'withdrawn'],
  on_hold: ['active', 'in_progress', 'withdrawn'],
  submitted: ['approved', 'refused', 'in_progress', 'withdrawn'],
  approved: ['closed'],
  refused: ['in_progress', 'closed'],
  withdrawn: ['closed'],
  closed: ['in_progress'],
};

/** Statuses that stamp a date column of the case when entered. */
export const STATUS_TIMESTAMPS: Partial<Record<CaseStatus, string>> = {
  active: 'retainer_signed_at',
  submitted: 'submitted_at',
  approved: 'decision_date',
  refused: 'decision_date',
  closed: 'closed_at',
};

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_TRANSITIONS[from]?.includes(to) ?? false;
}
