/**
 * A timeline entry's title in the window's language. The core stores an English title for the CLI and
 * the audit trail, and the facts behind it (states and event_data); the window words it from those
 * facts, and falls back to the stored title for entries written before the facts were kept.
 */
import type { TFunction } from 'i18next';

type Event = { event_type?: string; title?: string; previous_state?: unknown; new_state?: unknown; event_data?: unknown };

const obj = (v: unknown): Record<string, unknown> => {
  if (typeof v === 'string') {
    try {
      return obj(JSON.parse(v));
    } catch {
      return {};
    }
  }
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
};
const str = (v: unknown) => (typeof v === 'string' ? v : '');

export function eventTitle(e: Event, t: TFunction): string {
  const fallback = e.title ?? '';
  const d = obj(e.event_data);
  const has = (...keys: string[]) => keys.every((k) => typeof d[k] === 'string');
  switch (e.event_type) {
    case 'status_change': {
      const from = str(obj(e.previous_state).status);
      const to = str(obj(e.new_state).status);
      return from && to ? t('event.status_change', { from: t(`status.${from}`), to: t(`status.${to}`) }) : fallback;
    }
    case 'case_created':
      return has('caseNumber') ? t('event.case_created', { number: d.caseNumber }) : fallback;
    case 'person_added':
      return has('name') ? t('event.person_added', { name: d.name }) : fallback;
    case 'task_completed':
      return has('task') ? t('event.task_completed', { task: d.task }) : fallback;
    case 'checklist_item_done':
    case 'checklist_item_reopened':
      return has('item') ? t(`event.${e.event_type}`, { item: d.item }) : fallback;
    case 'payment_received':
      return has('amount') ? t('event.payment_received', { amount: d.amount, currency: str(d.currency) || 'CAD' }) : fallback;
    case 'communication_logged':
      return has('kind', 'direction')
        ? [t(`comms.type.${d.kind}`, { defaultValue: d.kind }), t(`comms.direction.${d.direction}`, { defaultValue: d.direction })].join(' · ') +
            (str(d.subject) ? `: ${d.subject}` : '')
        : fallback;
    case 'ita_received':
      return has('date', 'deadline') ? t('event.ita_received', { date: d.date, deadline: d.deadline }) : fallback;
    case 'appointment_scheduled':
      return has('kind', 'at') ? t('event.appointment_scheduled', { kind: d.kind, at: str(d.at).slice(0, 16).replace('T', ' ') }) : fallback;
    default:
      return fallback;
  }
}
