/**
 * The Express Entry invitation to apply (ITA): once it arrives the candidate has 60 days to submit the
 * application for permanent residence, and missing the day loses the invitation. Recording an ITA puts
 * a milestone on the case's timeline and a task due on the last day; Today lists every open window.
 */
import { UserError } from '../../src-shared/errors';
import { ITA_DAYS, isExpressEntry } from '../../src-shared/immigration/ita';
import type { Core } from '../core/core';
import { mustRead } from '../core/writer';
import { addCaseEvent, addTask } from '../cases';

/** Once a case has been submitted (or has ended) its ITA window no longer needs watching. */
const DONE = ['submitted', 'approved', 'refused', 'withdrawn', 'closed'];

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 864e5).toISOString().slice(0, 10);

export function recordIta(core: Core, caseId: string, date: string): { date: string; deadline: string } {
  const c = mustRead(core, 'cases', caseId, 'case');
  if (!isExpressEntry(c)) throw new UserError('invalid_input', 'an invitation to apply belongs to an Express Entry case');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
    throw new UserError('invalid_input', 'date: must be a date YYYY-MM-DD');
  if (date > addDays(new Date().toISOString().slice(0, 10), 1)) throw new UserError('invalid_input', 'date: an invitation cannot have arrived in the future');
  const deadline = addDays(date, ITA_DAYS);
  return core.tx(() => {
    addCaseEvent(core, {
      caseId,
      type: 'ita_received',
      title: `Invitation to apply received ${date}; apply by ${deadline}`,
      data: { date, deadline },
      milestone: true,
    });
    addTask(core, { caseId, title: 'Submit the application for permanent residence (ITA deadline)', due: deadline, priority: 'urgent', taskType: 'deadline' });
    return { date, deadline };
  });
}

export interface ItaWindow {
  caseId: string;
  caseNumber: string;
  client: string | null;
  received: string;
  deadline: string;
  daysLeft: number;
}

/** Open ITA windows (the latest invitation of each case not yet submitted), soonest deadline first. */
export function itaWindows(core: Core): ItaWindow[] {
  const rows = core.db
    .prepare(
      `SELECT c.id AS caseId, c.case_number AS caseNumber, json_extract(c.client_data, '$.name') AS client,
              max(json_extract(e.event_data, '$.date')) AS received
         FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.event_type = 'ita_received' AND e.deleted_at IS NULL AND c.deleted_at IS NULL
          AND c.status NOT IN (${DONE.map(() => '?').join(', ')})
        GROUP BY c.id`,
    )
    .all(...DONE) as Array<Omit<ItaWindow, 'deadline' | 'daysLeft'>>;
  const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  return rows
    .map((r) => {
      const deadline = addDays(r.received, ITA_DAYS);
      return { ...r, deadline, daysLeft: Math.round((Date.parse(`${deadline}T00:00:00Z`) - today) / 864e5) };
    })
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
}
