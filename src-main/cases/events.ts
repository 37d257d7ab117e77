/** Case timeline entries (case_events). Every status change and every notable action adds one. */
import type { Core } from '../core/core';
import { write, type Row } from '../core/writer';

export interface EventInput {
  caseId: string;
  type: string;
  title: string;
  description?: string;
  category?: 'system' | 'user_action' | 'external';
  previous?: Record<string, unknown>;
  next?: Record<string, unknown>;
  data?: Record<string, unknown>;
  milestone?: boolean;
  visibleToClient?: boolean;
}

export function addCaseEvent(core: Core, e: EventInput): Row {
  return write(core, {
    table: 'case_events',
    op: 'insert',
    fields: {
      case_id: e.caseId,
      event_type: e.type,
      event_category: e.category ?? 'user_action',
      title: e.title,
      description: e.description ?? null,
      previous_state: e.previous ?? {},
      new_state: e.next ?? {},
      event_data: e.data ?? {},
      triggered_by_user_id: core.actor.userId,
      is_milestone: e.milestone ?? false,
      is_visible_to_client: e.visibleToClient ?? false,
    },
  });
}
