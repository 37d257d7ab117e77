/** Checklist instances, copied from the configured checklists (config_checklists) of the case type. */
import { UserError } from '../../src-shared/errors';
import { SYSTEM_ORG_ID } from '../../src-shared/schema/tables';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { addCaseEvent } from './events';

interface ChecklistItem {
  key: string;
  label: string;
  required?: boolean;
  documentType?: string;
}

export function createChecklistsForCase(core: Core, caseId: string, caseTypeId: string): Row[] {
  const configs = rows(core, 'config_checklists', 'case_type_id = ? AND org_id IN (?, ?) AND is_active = 1', [caseTypeId, core.actor.orgId, SYSTEM_ORG_ID]);
  // An org's checklist with the same key replaces the system default.
  const byKey = new Map<string, Row>();
  for (const c of configs) if (!byKey.has(c.checklist_key as string) || c.org_id === core.actor.orgId) byKey.set(c.checklist_key as string, c);
  return [...byKey.values()].map((c) => instantiate(core, caseId, c));
}

export function instantiate(core: Core, caseId: string, config: Row): Row {
  const items = (config.items as ChecklistItem[]) ?? [];
  return write(core, {
    table: 'checklist_instances',
    op: 'insert',
    fields: {
      case_id: caseId,
      config_checklist_id: config.id,
      name: config.label,
      description: config.description ?? null,
      checklist_type: config.checklist_key,
      items,
      completion_status: {},
      total_items: items.length,
      completed_items: 0,
      completion_percentage: 0,
      started_at: new Date().toISOString(),
    },
  });
}

export function setChecklistItem(core: Core, instanceId: string, itemKey: string, done: boolean): Row {
  const inst = mustRead(core, 'checklist_instances', instanceId, 'checklist');
  const items = (inst.items as ChecklistItem[]) ?? [];
  const item = items.find((i) => i.key === itemKey);
  if (!item) throw new UserError('not_found', `the checklist "${inst.name}" has no item "${itemKey}"`);
  const status = { ...((inst.completion_status as Record<string, unknown>) ?? {}) };
  const now = new Date().toISOString();
  if (done) status[itemKey] = { done: true, at: now, by: core.actor.userId };
  else delete status[itemKey];
  const completed = items.filter((i) => (status[i.key] as { done?: boolean } | undefined)?.done).length;
  return core.tx(() => {
    const updated = write(core, {
      table: 'checklist_instances',
      op: 'update',
      id: instanceId,
      fields: {
        completion_status: status,
        completed_items: completed,
        completion_percentage: items.length ? Math.round((completed * 100) / items.length) : 100,
        completed_at: completed === items.length ? now : null,
      },
    });
    addCaseEvent(core, {
      caseId: inst.case_id as string,
      type: done ? 'checklist_item_done' : 'checklist_item_reopened',
      title: `${done ? 'Done' : 'Reopened'}: ${item.label}`,
      data: { instanceId, itemKey, item: item.label },
    });
    return updated;
  });
}
