/** People on a case and their family links. */
import { UserError } from '../../src-shared/errors';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { addCaseEvent } from './events';
import { toColumns } from './input';

export function addPerson(core: Core, caseId: string, input: Record<string, unknown>): Row {
  mustRead(core, 'cases', caseId, 'case');
  const fields = toColumns('persons', input);
  if ('case_id' in fields && fields.case_id !== caseId) throw new UserError('invalid_input', 'case_id in the JSON does not match --case');
  return core.tx(() => {
    const p = write(core, { table: 'persons', op: 'insert', fields: { ...fields, case_id: caseId } });
    addCaseEvent(core, {
      caseId,
      type: 'person_added',
      title: `${p.first_name} ${p.last_name} added`.trim(),
      data: { personId: p.id, relationship: p.relationship_to_primary, name: `${p.first_name} ${p.last_name}`.trim() },
    });
    return p;
  });
}

export function updatePerson(core: Core, personId: string, input: Record<string, unknown>): Row {
  mustRead(core, 'persons', personId, 'person');
  const fields = toColumns('persons', input);
  if ('case_id' in fields) throw new UserError('invalid_input', 'a person cannot be moved to another case by editing case_id');
  return write(core, { table: 'persons', op: 'update', id: personId, fields });
}

export function linkFamily(
  core: Core,
  input: { primaryPersonId: string; relatedPersonId: string; relationship: string; isAccompanying?: boolean; isDependent?: boolean },
): Row {
  const primary = mustRead(core, 'persons', input.primaryPersonId, 'person');
  const related = mustRead(core, 'persons', input.relatedPersonId, 'person');
  if (primary.id === related.id) throw new UserError('invalid_input', 'a person cannot be their own family member');
  if (primary.case_id !== related.case_id) throw new UserError('invalid_input', 'family members must be on the same case');
  return write(core, {
    table: 'family_members',
    op: 'insert',
    fields: {
      case_id: primary.case_id,
      primary_person_id: primary.id,
      related_person_id: related.id,
      relationship: input.relationship,
      is_accompanying: input.isAccompanying ?? false,
      is_dependent: input.isDependent ?? false,
    },
  });
}

export function personsOfCase(core: Core, caseId: string): Row[] {
  return rows(core, 'persons', 'case_id = ?', [caseId]);
}
