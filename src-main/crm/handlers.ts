/**
 * The CRM methods of the window's contract mapped to this domain's services; the app's handler table
 * spreads them in (src-main/app/handlers.ts). Rows leave as the contract's views (src-shared/crm/contract.ts).
 */
import type { Output, ParsedInput } from '../../src-shared/contract';
import type { CRM_METHODS } from '../../src-shared/crm/contract';
import type { Core } from '../core/core';
import { addContact, listContacts } from './contacts';
import { addLead, convertLead, listLeads, recordResponse, showLead } from './leads';
import { scoreOf } from './scoring';
import { board, moveDeal } from './pipelines';
import { addTicket, listTickets, resolveTicket, respondTicket, resumeTicket, showTicket, waitOnCustomer } from './tickets';

type CrmMethod = keyof typeof CRM_METHODS;
type CrmHandlers = { [M in CrmMethod]: (core: Core, input: ParsedInput<M>) => Output<M> };
const as = <T>(v: unknown) => v as T;
const blank = (s: string | undefined) => (s === undefined || s === '' ? undefined : s);
const STEPS = { respond: respondTicket, wait: waitOnCustomer, resume: resumeTicket, resolve: resolveTicket } as const;

export const crmHandlers: CrmHandlers = {
  'crm.contacts': (core, i) => as(listContacts(core, { search: blank(i.search) })),
  'crm.contact.add': (core, i) =>
    as(
      addContact(core, { firstName: blank(i.firstName), lastName: blank(i.lastName), email: blank(i.email), phone: blank(i.phone), country: blank(i.country) }),
    ),
  'crm.leads': (core, i) => as(listLeads(core, { status: i.status })),
  'crm.lead': (core, i) => as({ ...showLead(core, i.id), score: scoreOf(core, i.id) }),
  'crm.lead.add': (core, i) =>
    as(
      addLead(core, {
        contact: { firstName: i.firstName, lastName: i.lastName, email: blank(i.email), phone: blank(i.phone), country: blank(i.country) },
        source: i.source,
        caseType: blank(i.caseType),
        country: blank(i.country),
      }),
    ),
  'crm.lead.respond': (core, i) => as(recordResponse(core, i.id)),
  'crm.lead.convert': (core, i) => as(convertLead(core, i.id, i.caseType ? { caseType: i.caseType } : {})),
  'crm.board': (core, i) => as(board(core, i.pipelineId)),
  'crm.deal.move': (core, i) => as(moveDeal(core, i.dealId, i.stageId)),
  'crm.tickets': (core, i) => as(listTickets(core, { open: i.open })),
  'crm.ticket.add': (core, i) => as(showTicket(core, addTicket(core, { subject: i.subject, priority: i.priority }).id as string)),
  'crm.ticket.step': (core, i) => as(showTicket(core, STEPS[i.step](core, i.id, i.at).id as string)),
};
