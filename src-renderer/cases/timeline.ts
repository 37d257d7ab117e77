/**
 * Everything that happened to a case, newest first: its milestones (case_events) and what the case file
 * holds with a moment of its own (tasks added and completed, documents added, messages and notes, the
 * last edit of the case's details, sync conflicts settled on any of its records). A milestone that
 * already tells a thing (a completed task, a logged message) is not told twice.
 */
import type { TFunction } from 'i18next';
import type { CaseFile, ConflictView } from '../../src-shared/contract/views';
import { fieldLabel } from '../sync/field-text';
import { eventTitle } from './event-title';

export interface TimelineEntry {
  id: string;
  at: string;
  kind: 'event' | 'task' | 'document' | 'communication' | 'edit' | 'conflict';
  text: string;
}

/** The ids of the case and of every record its file holds (persons, tasks, documents, messages, ...). */
function recordIds(c: CaseFile): Set<string> {
  const ids = new Set<string>([c.id]);
  for (const v of Object.values(c)) {
    if (!Array.isArray(v)) continue;
    for (const x of v as unknown[]) if (x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string') ids.add((x as { id: string }).id);
  }
  return ids;
}

export function caseTimeline(c: CaseFile, t: TFunction, docType: (code: string) => string, conflicts: ConflictView[] = []): TimelineEntry[] {
  const out: TimelineEntry[] = c.events.map((e) => ({ id: `e:${e.id}`, at: e.created_at, kind: 'event', text: eventTitle(e, t) }));
  const told = new Set(c.events.map((e) => e.event_type));
  for (const x of c.tasks) {
    out.push({ id: `t:${x.id}`, at: x.created_at, kind: 'task', text: t('timeline.taskAdded', { task: x.title }) });
    if (x.status === 'completed' && !told.has('task_completed'))
      out.push({ id: `tc:${x.id}`, at: x.updated_at, kind: 'task', text: t('timeline.taskDone', { task: x.title }) });
  }
  for (const d of c.documents ?? []) {
    out.push({ id: `d:${d.id}`, at: d.created_at, kind: 'document', text: t('timeline.documentAdded', { title: `${d.title} (${docType(d.document_type)})` }) });
  }
  if (!told.has('communication_logged')) {
    for (const m of c.communications) {
      out.push({
        id: `m:${m.id}`,
        at: m.created_at,
        kind: 'communication',
        text: t('timeline.message', {
          kind: t(`comms.type.${m.communication_type}`, { defaultValue: m.communication_type }),
          direction: t(`comms.direction.${m.direction}`, { defaultValue: m.direction }),
          subject: m.subject ?? '',
        }),
      });
    }
  }
  // A clash between this laptop and a colleague, once settled: which field, and whose value stands.
  const ids = recordIds(c);
  for (const x of conflicts) {
    if (x.kind !== 'conflict' || x.status !== 'resolved' || !ids.has(x.rowId)) continue;
    out.push({
      id: `x:${x.id}`,
      at: x.resolvedAt ?? x.createdAt,
      kind: 'conflict',
      text: t('timeline.conflict', {
        what: `${fieldLabel(x.field, t)} (${t(`timeline.resolution.${x.resolution ?? 'edit'}`)})`,
      }),
    });
  }
  // An edit of the case's own details after it was opened (the latest one: the row keeps no history).
  if (c.updated_at && c.updated_at.slice(0, 19) !== c.created_at.slice(0, 19) && !out.some((e) => e.at.slice(0, 19) === c.updated_at.slice(0, 19))) {
    out.push({ id: `u:${c.id}`, at: c.updated_at, kind: 'edit', text: t('timeline.edited') });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
