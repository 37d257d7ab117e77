/**
 * Leads (the seed's `leads` table): an enquiry from a contact, with its source, owner, status, follow-up
 * and activities; scored on every change (scoring.ts); lost with a reason; or converted: a won deal and a
 * case of any enabled pack, whose primary person (and any other people named) come from the contacts,
 * nothing retyped. The case is opened through the cases domain's declared interface, and only for a case
 * type whose pack the firm has enabled.
 */
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import { createCase, addPerson } from '../cases';
import { assertCaseTypeEnabled } from '../config';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { addContact, contactName, contactInput, matchingContacts } from './contacts';
import { emailKey, phoneKey } from '../../src-shared/crm';
import { assertCrmEnabled, isoInstant, nextNumber, parseInput } from './input';
import { rescoreLead } from './scoring';
import { addDeal, closeDeal } from './pipelines';

export const leadInput = z.strictObject({
  contactId: z.string().uuid().optional(),
  contact: z.unknown().optional(),
  source: z.string().trim().min(1).max(100),
  ownerUserId: z.string().uuid().optional(),
  caseType: z.string().trim().min(1).max(50).optional(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'a two-letter country code')
    .transform((s) => s.toUpperCase())
    .optional(),
  followUpAt: z.string().transform(isoInstant('followUpAt')).optional(),
  notes: z.string().max(10_000).optional(),
  tags: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
});
export type LeadInput = z.input<typeof leadInput>;

/** The contact of a new lead: the one named, an existing one with the same email or phone, or a new one. */
function contactForLead(core: Core, i: z.infer<typeof leadInput>): Row {
  if (i.contactId) return mustRead(core, 'crm_contacts', i.contactId, 'contact');
  if (i.contact === undefined) throw new UserError('invalid_input', 'lead: give contactId or contact');
  const c = parseInput(contactInput, i.contact, 'lead contact');
  const same = matchingContacts(core, emailKey(c.email), phoneKey(c.phone, c.country))[0];
  return same ?? addContact(core, i.contact);
}

export function addLead(core: Core, raw: unknown): Row {
  assertCrmEnabled(core);
  const i = parseInput(leadInput, raw, 'lead');
  return core.tx(() => {
    const contact = contactForLead(core, i);
    const lead = write(core, {
      table: 'leads',
      op: 'insert',
      fields: {
        lead_number: nextNumber(core, 'L'),
        status: 'new',
        contact_id: contact.id,
        first_name: contact.first_name,
        last_name: contact.last_name,
        email: contact.email,
        phone: typeof contact.phone === 'string' ? contact.phone.slice(0, 20) : null,
        source: i.source,
        case_type: i.caseType ?? null,
        immigration_interest: i.caseType ?? null,
        current_country: i.country ?? contact.country ?? null,
        assigned_to_user_id: i.ownerUserId ?? core.actor.userId,
        next_follow_up_at: i.followUpAt ?? null,
        notes: i.notes ?? null,
        tags: i.tags ?? [],
      },
      description: 'lead added',
    });
    return rescoreLead(core, lead.id as string);
  });
}

const OPEN = ['new', 'qualified', 'contacted'];
function openLead(core: Core, id: string): Row {
  const l = mustRead(core, 'leads', id, 'lead');
  if (!OPEN.includes(l.status as string)) throw new UserError('conflict', `lead ${l.lead_number} is already ${l.status}`);
  return l;
}

export const leadUpdate = z.strictObject({
  status: z.enum(['new', 'qualified', 'contacted']).optional(),
  ownerUserId: z.string().uuid().optional(),
  followUpAt: z.string().transform(isoInstant('followUpAt')).nullable().optional(),
  caseType: z.string().trim().min(1).max(50).optional(),
  source: z.string().trim().min(1).max(100).optional(),
  notes: z.string().max(10_000).optional(),
});

export function updateLead(core: Core, id: string, raw: unknown): Row {
  assertCrmEnabled(core);
  const u = parseInput(leadUpdate, raw, 'lead');
  openLead(core, id);
  const fields: Row = {};
  if (u.status) fields.status = u.status;
  if (u.ownerUserId) fields.assigned_to_user_id = u.ownerUserId;
  if (u.followUpAt !== undefined) fields.next_follow_up_at = u.followUpAt;
  if (u.caseType) fields.case_type = u.caseType;
  if (u.source) fields.source = u.source;
  if (u.notes !== undefined) fields.notes = u.notes;
  return core.tx(() => {
    write(core, { table: 'leads', op: 'update', id, fields, description: 'lead changed' });
    return rescoreLead(core, id);
  });
}

/** The firm's first answer to the enquiry: response time is one of the score's factors. */
export function recordResponse(core: Core, id: string, at?: string): Row {
  assertCrmEnabled(core);
  const l = openLead(core, id);
  const when = at ? isoInstant('at')(at) : new Date().toISOString();
  if (Date.parse(when) < Date.parse(l.created_at as string)) throw new UserError('invalid_input', 'the response cannot come before the enquiry');
  return core.tx(() => {
    write(core, {
      table: 'leads',
      op: 'update',
      id,
      fields: { first_response_at: l.first_response_at ?? when, last_contacted_at: when, status: l.status === 'new' ? 'contacted' : l.status },
      description: 'lead answered',
    });
    return rescoreLead(core, id);
  });
}

export function loseLead(core: Core, id: string, reason: string): Row {
  assertCrmEnabled(core);
  if (!reason || !reason.trim()) throw new UserError('invalid_input', 'say why the lead was lost (--reason)');
  openLead(core, id);
  return write(core, { table: 'leads', op: 'update', id, fields: { status: 'lost', closed_reason: reason.trim().slice(0, 500) }, description: 'lead lost' });
}

export const convertInput = z.strictObject({
  caseType: z.string().trim().min(1).max(50).optional(),
  pipelineId: z.string().uuid().optional(),
  value: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,2})?$/, 'an amount such as 2500.00')
    .optional(),
  /** Other contacts who join the case, with how they relate to the client. */
  people: z
    .array(z.strictObject({ contactId: z.string().uuid(), relationship: z.enum(['spouse', 'child', 'dependent', 'parent', 'sibling', 'other']) }))
    .max(20)
    .optional(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
});

/**
 * The lead is won: a won deal on the pipeline (the org's default unless named) and a case of the chosen
 * type, in one transaction; the lead records both. Refused before anything is written when the case type
 * is unknown, its pack is disabled, or the contact is an organisation with no person to be the client.
 */
export function convertLead(core: Core, id: string, raw: unknown) {
  assertCrmEnabled(core);
  const i = parseInput(convertInput, raw, 'convert');
  const lead = openLead(core, id);
  const caseType = i.caseType ?? (lead.case_type as string | null);
  if (!caseType) throw new UserError('invalid_input', 'convert: name the case type (the lead has none)');
  assertCaseTypeEnabled(core, caseType);
  const contact = mustRead(core, 'crm_contacts', lead.contact_id as string, 'contact');
  if (contact.kind !== 'person') throw new UserError('invalid_input', 'convert: the lead’s contact is an organization; a case needs a person as its client');
  const others = (i.people ?? []).map((p) => ({ ...p, contact: mustRead(core, 'crm_contacts', p.contactId, 'contact') }));
  return core.tx(() => {
    const c = createCase(core, {
      caseType,
      client: {
        firstName: (contact.first_name as string | null) ?? '',
        lastName: (contact.last_name as string | null) ?? '',
        ...(contact.email ? { email: contact.email as string } : {}),
        ...(contact.date_of_birth ? { dateOfBirth: contact.date_of_birth as string } : {}),
      },
      priority: i.priority,
      source: `crm:${lead.source ?? 'lead'}`,
    });
    const caseId = c.id as string;
    if (contact.phone)
      write(core, { table: 'persons', op: 'update', id: c.primary_applicant_id as string, fields: { phone: String(contact.phone).slice(0, 20) } });
    for (const p of others)
      addPerson(core, caseId, {
        first_name: p.contact.first_name ?? contactName(p.contact),
        last_name: p.contact.last_name ?? '',
        email: p.contact.email ?? null,
        phone: p.contact.phone ? String(p.contact.phone).slice(0, 20) : null,
        date_of_birth: p.contact.date_of_birth ?? null,
        relationship_to_primary: p.relationship,
      });
    const deal = addDeal(core, {
      title: `${contactName(contact)} — ${caseType}`,
      contactId: contact.id as string,
      leadId: id,
      pipelineId: i.pipelineId,
      value: i.value,
    });
    const won = closeDeal(core, deal.id as string, 'won', `converted to case ${c.case_number}`, caseId);
    const updated = write(core, {
      table: 'leads',
      op: 'update',
      id,
      fields: {
        status: 'converted',
        converted_to_case_id: caseId,
        converted_at: new Date().toISOString(),
        conversion_value: i.value ?? null,
        case_type: caseType,
      },
      description: `lead converted to case ${c.case_number}`,
    });
    return { lead: updated, deal: won, case: { id: caseId, case_number: c.case_number, case_type: c.case_type } };
  });
}

export function listLeads(core: Core, opts: { status?: string; owner?: string; dueBefore?: string } = {}): Row[] {
  const where = ['1=1'];
  const params: unknown[] = [];
  if (opts.status) {
    where.push('status = ?');
    params.push(opts.status);
  }
  if (opts.owner) {
    where.push('assigned_to_user_id = ?');
    params.push(opts.owner);
  }
  if (opts.dueBefore) {
    where.push('next_follow_up_at IS NOT NULL AND next_follow_up_at <= ?');
    params.push(isoInstant('dueBefore')(opts.dueBefore));
  }
  return rows(core, 'leads', where.join(' AND '), params, { orderBy: 'lead_score DESC, created_at DESC', limit: 1000 });
}

export function showLead(core: Core, id: string) {
  const lead = mustRead(core, 'leads', id, 'lead');
  return {
    lead,
    contact: lead.contact_id ? mustRead(core, 'crm_contacts', lead.contact_id as string, 'contact') : null,
    activities: rows(core, 'crm_activities', 'lead_id = ?', [id], { orderBy: 'occurred_at DESC' }),
    score: lead.score_explanation,
  };
}
