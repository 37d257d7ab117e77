/** The communications log of a case (calls, emails, meetings, notes) and its appointments. */
import { UserError } from '../../src-shared/errors';
import type { Core } from '../core/core';
import { mustRead, write, type Row } from '../core/writer';
import { addCaseEvent } from './events';
import { toColumns, toTimestamp } from './input';

export function logCommunication(core: Core, caseId: string, input: Record<string, unknown>): Row {
  mustRead(core, 'cases', caseId, 'case');
  const fields = toColumns('communications', input);
  return core.tx(() => {
    const row = write(core, {
      table: 'communications',
      op: 'insert',
      fields: { status: 'logged', from_user_id: core.actor.userId, ...fields, case_id: caseId },
    });
    addCaseEvent(core, {
      caseId,
      type: 'communication_logged',
      title: `${row.communication_type} ${row.direction}${row.subject ? `: ${row.subject}` : ''}`,
      data: { communicationId: row.id, kind: row.communication_type, direction: row.direction, subject: row.subject ?? null },
    });
    return row;
  });
}

export function scheduleAppointment(core: Core, caseId: string, input: Record<string, unknown>): Row {
  mustRead(core, 'cases', caseId, 'case');
  const fields = toColumns('appointments', input);
  if (typeof fields.scheduled_at === 'string') fields.scheduled_at = toTimestamp(fields.scheduled_at, 'scheduled_at');
  if (fields.person_id) {
    const p = mustRead(core, 'persons', String(fields.person_id), 'person');
    if (p.case_id !== caseId) throw new UserError('invalid_input', 'the person is not on this case');
  }
  return core.tx(() => {
    const row = write(core, {
      table: 'appointments',
      op: 'insert',
      fields: { advisor_user_id: core.actor.userId, created_by: core.actor.userId, ...fields, case_id: caseId },
    });
    addCaseEvent(core, {
      caseId,
      type: 'appointment_scheduled',
      title: `${row.appointment_type} on ${String(row.scheduled_at).slice(0, 16).replace('T', ' ')}`,
      data: { appointmentId: row.id, kind: row.appointment_type, at: row.scheduled_at },
    });
    return row;
  });
}
