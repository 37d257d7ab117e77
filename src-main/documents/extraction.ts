/**
 * Approving an extraction proposal (a passport's MRZ fields): only a valid, pending proposal that asks
 * for approval is applied, to the document's person (or the case's primary applicant), through the one
 * write path, so the person's change and the approval are audited together.
 */
import { UserError } from '../../src-shared/errors';
import type { Core } from '../core/core';
import { mustRead, write, type Row } from '../core/writer';
import type { MrzFields } from './mrz';

export function approveExtraction(core: Core, actionId: string): Row {
  return core.tx(() => {
    const action = mustRead(core, 'ai_actions', actionId, 'extraction proposal');
    if (action.action_type !== 'passport_mrz_extraction') throw new UserError('invalid_input', 'this is not an extraction proposal');
    if (action.status !== 'pending' || !action.requires_approval)
      throw new UserError(
        'invalid_transition',
        `this proposal is ${action.status}${action.error_message ? `: ${action.error_message}` : ''}; it cannot be approved`,
      );
    const input = action.input_data as { documentId: string; personId: string | null };
    const out = action.output_data as { fields: MrzFields; valid: boolean };
    if (!out.valid) throw new UserError('invalid_transition', 'the machine-readable zone failed its check digits; it cannot be approved');
    const doc = mustRead(core, 'documents', input.documentId, 'document');
    const c = mustRead(core, 'cases', doc.case_id as string, 'case');
    const personId = input.personId ?? (doc.person_id as string | null) ?? (c.primary_applicant_id as string | null);
    if (!personId) throw new UserError('invalid_input', 'the document is not linked to a person and the case has no primary applicant');
    const person = mustRead(core, 'persons', personId, 'person');
    const f = out.fields;
    const updated = write(core, {
      table: 'persons',
      op: 'update',
      id: personId,
      description: 'passport machine-readable zone approved',
      fields: {
        last_name: f.surname,
        first_name: f.givenNames || (person.first_name as string),
        ...(f.dateOfBirth ? { date_of_birth: f.dateOfBirth } : {}),
        gender: f.sex === 'M' ? 'male' : f.sex === 'F' ? 'female' : 'x',
        passport_info: {
          ...((person.passport_info as object) ?? {}),
          number: f.documentNumber,
          nationality: f.nationality,
          issuing_state: f.issuingState,
          expiry_date: f.expiryDate,
          source_document_id: doc.id,
        },
      },
    });
    if (f.expiryDate)
      write(core, { table: 'documents', op: 'update', id: doc.id as string, fields: { expires_at: `${f.expiryDate}T00:00:00.000Z`, person_id: personId } });
    write(core, {
      table: 'ai_actions',
      op: 'update',
      id: actionId,
      fields: { status: 'approved', approved_by_user_id: core.actor.userId, approved_at: new Date().toISOString() },
    });
    return updated;
  });
}
