/**
 * Consent records (issue 19): one person's consent to one purpose under one version of its text, who
 * recorded it and when, and its withdrawal. A withdrawal is an update (withdrawn_at, withdrawn_by), never
 * a delete: the record is the evidence of what the person agreed to and until when. Every change goes
 * through the core's writer, so it is audited and synced like any case row.
 */
import { UserError } from '../../src-shared/errors';
import { CONSENT_METHODS, CONSENT_PURPOSES, type ConsentPurpose } from '../../src-shared/privacy/tables';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';

export interface ConsentInput {
  personId: string;
  purpose: string;
  textVersion: string;
  method?: string;
  /** When the person agreed (default: now). */
  grantedAt?: string;
  notes?: string;
}

export function addConsent(core: Core, input: ConsentInput): Row {
  if (!CONSENT_PURPOSES.includes(input.purpose as ConsentPurpose))
    throw new UserError('invalid_input', `unknown purpose "${input.purpose}"; one of ${CONSENT_PURPOSES.join(', ')}`);
  if (input.method !== undefined && !(CONSENT_METHODS as readonly string[]).includes(input.method))
    throw new UserError('invalid_input', `unknown method "${input.method}"; one of ${CONSENT_METHODS.join(', ')}`);
  if (!input.textVersion?.trim()) throw new UserError('invalid_input', 'the version of the consent text the person agreed to is required (--text-version)');
  const grantedAt = input.grantedAt ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(grantedAt))) throw new UserError('invalid_input', `--granted-at ${grantedAt} is not a date`);
  if (Date.parse(grantedAt) > Date.now() + 60_000) throw new UserError('invalid_input', 'a consent cannot be granted in the future');
  const person = mustRead(core, 'persons', input.personId, 'person');
  return write(core, {
    table: 'consents',
    op: 'insert',
    fields: {
      case_id: person.case_id,
      person_id: person.id,
      purpose: input.purpose,
      text_version: input.textVersion.trim(),
      method: input.method ?? 'written',
      granted_at: new Date(grantedAt).toISOString(),
      recorded_by: core.actor.userId,
      notes: input.notes ?? null,
    },
    description: `consent to ${input.purpose} recorded`,
  });
}

export function withdrawConsent(core: Core, consentId: string): Row {
  const c = mustRead(core, 'consents', consentId, 'consent');
  if (c.withdrawn_at) throw new UserError('invalid_transition', `this consent was already withdrawn on ${String(c.withdrawn_at)}`);
  return write(core, {
    table: 'consents',
    op: 'update',
    id: consentId,
    fields: { withdrawn_at: new Date().toISOString(), withdrawn_by: core.actor.userId },
    description: `consent to ${String(c.purpose)} withdrawn`,
  });
}

export function listConsents(core: Core, filter: { personId?: string; caseId?: string } = {}): Row[] {
  if (filter.personId) mustRead(core, 'persons', filter.personId, 'person');
  if (filter.caseId) mustRead(core, 'cases', filter.caseId, 'case');
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.personId) {
    where.push('person_id = ?');
    params.push(filter.personId);
  }
  if (filter.caseId) {
    where.push('case_id = ?');
    params.push(filter.caseId);
  }
  return rows(core, 'consents', where.join(' AND ') || '1=1', params, { orderBy: 'granted_at' });
}

/** Whether the person's consent to `purpose` stands now (granted, not withdrawn). */
export function hasConsent(core: Core, personId: string, purpose: ConsentPurpose): boolean {
  return listConsents(core, { personId }).some((c) => c.purpose === purpose && !c.withdrawn_at);
}

/** For a service whose purpose needs consent: refuses in words naming the person's missing consent. */
export function requireConsent(core: Core, personId: string, purpose: ConsentPurpose): void {
  if (!hasConsent(core, personId, purpose))
    throw new UserError('forbidden', `this person has not consented to ${purpose.replace(/_/g, ' ')} (or withdrew it); record their consent first`);
}
