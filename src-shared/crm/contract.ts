/**
 * The CRM methods of the window's contract (src-shared/contract spreads them in) and what each answers.
 * Inputs are checked here at the window's door; the services check them again in the core's words.
 */
import { z } from 'zod';
import type { LeadScore } from './scoring';
import type { StageLoad } from './wip';
import type { SlaClock } from './sla';

const id = z.string().uuid('must be an id');
const at = z.string().datetime({ offset: true }).optional();

export const CRM_METHODS = {
  'crm.contacts': z.object({ search: z.string().max(200).optional() }).strict(),
  'crm.contact.add': z
    .object({
      firstName: z.string().trim().min(1).max(100).optional(),
      lastName: z.string().trim().min(1).max(100).optional(),
      email: z.string().trim().max(255).optional(),
      phone: z.string().trim().max(40).optional(),
      country: z.string().max(2).optional(),
    })
    .strict(),
  'crm.leads': z.object({ status: z.enum(['new', 'qualified', 'contacted', 'converted', 'lost']).optional() }).strict(),
  'crm.lead': z.object({ id }).strict(),
  'crm.lead.add': z
    .object({
      firstName: z.string().trim().min(1).max(100),
      lastName: z.string().trim().min(1).max(100),
      email: z.string().trim().max(255).optional(),
      phone: z.string().trim().max(40).optional(),
      source: z.string().trim().min(1).max(100),
      caseType: z.string().trim().max(50).optional(),
      country: z.string().max(2).optional(),
    })
    .strict(),
  'crm.lead.respond': z.object({ id }).strict(),
  'crm.lead.convert': z.object({ id, caseType: z.string().trim().min(1).max(50).optional() }).strict(),
  'crm.board': z.object({ pipelineId: id.optional() }).strict(),
  'crm.deal.move': z.object({ dealId: id, stageId: id }).strict(),
  'crm.tickets': z.object({ open: z.boolean().optional() }).strict(),
  'crm.ticket.add': z.object({ subject: z.string().trim().min(1).max(255), priority: z.enum(['low', 'normal', 'high', 'urgent']) }).strict(),
  'crm.ticket.step': z.object({ id, step: z.enum(['respond', 'wait', 'resume', 'resolve']), at }).strict(),
} as const;

export interface ContactView {
  id: string;
  kind: 'person' | 'organization';
  first_name: string | null;
  last_name: string | null;
  organization_name: string | null;
  email: string | null;
  phone: string | null;
  phone_e164: string | null;
  country: string | null;
  tags: string[];
  created_at: string;
}

export interface LeadView {
  id: string;
  lead_number: string;
  status: 'new' | 'qualified' | 'contacted' | 'converted' | 'lost';
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  source: string | null;
  case_type: string | null;
  current_country: string | null;
  lead_score: number;
  score_explanation: LeadScore | null;
  next_follow_up_at: string | null;
  first_response_at: string | null;
  converted_to_case_id: string | null;
  contact_id: string | null;
  created_at: string;
}

export interface ActivityView {
  id: string;
  kind: string;
  subject: string | null;
  direction: string | null;
  occurred_at: string;
}

export interface DealView {
  id: string;
  title: string;
  value: string;
  currency: string;
  stage_id: string;
  status: string;
  stage_entered_at: string;
}

export interface BoardView {
  pipeline: { id: string; name: string; currency: string };
  stages: { id: string; name: string; probability: number; kind: string; wip_limit: number | null; wip_mode: string; load: StageLoad; deals: DealView[] }[];
}

export interface TicketView {
  id: string;
  ticket_number: string;
  subject: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  status: string;
  queue: string;
  opened_at: string;
  sla: { firstResponse: SlaClock; resolution: SlaClock };
}

export interface CrmOutputs {
  'crm.contacts': ContactView[];
  'crm.contact.add': ContactView;
  'crm.leads': LeadView[];
  'crm.lead': { lead: LeadView; contact: ContactView | null; activities: ActivityView[]; score: LeadScore };
  'crm.lead.add': LeadView;
  'crm.lead.respond': LeadView;
  'crm.lead.convert': { lead: LeadView; deal: DealView; case: { id: string; case_number: string; case_type: string } };
  'crm.board': BoardView;
  'crm.deal.move': DealView & { warning?: string };
  'crm.tickets': TicketView[];
  'crm.ticket.add': TicketView;
  'crm.ticket.step': TicketView;
}
