/**
 * Support tickets with SLA clocks. The org's SLA policy (crm_sla_policies) says its time zone, business
 * hours, holiday calendar and per-priority targets; a ticket's first-response and resolution clocks run in
 * those hours only and stop while the ticket waits on the customer (its `pauses`). States are computed
 * when asked (src-shared/crm/sla.ts), never stored, so they are right at the moment they are read.
 */
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import { assertTimeZone, SLA_PRIORITIES, ticketSla, type SlaPolicy, type SlaPriority } from '../../src-shared/crm';
import { closedDaysAround } from './holidays';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { assertCrmEnabled, isoInstant, nextNumber, parseInput } from './input';

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'a time such as 09:00');
const target = z.strictObject({ firstResponseMinutes: z.number().int().min(1).max(525_600), resolutionMinutes: z.number().int().min(1).max(5_256_000) });

export const slaPolicyInput = z
  .strictObject({
    name: z.string().trim().min(1).max(100).default('Standard'),
    timeZone: z.string().min(1).max(64),
    businessHours: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), z.array(z.tuple([hhmm, hhmm])).max(4)),
    holidayCountry: z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .transform((s) => s.toUpperCase())
      .optional(),
    holidayRegion: z.string().max(10).optional(),
    extraClosedDays: z.array(z.iso.date()).max(366).optional(),
    targets: z.strictObject({ low: target, normal: target, high: target, urgent: target }),
    atRiskPercent: z.number().int().min(1).max(99).default(75),
  })
  .refine((p) => Object.values(p.businessHours).every((ivs) => (ivs ?? []).every(([a, b]) => a < b)), {
    message: 'each business interval must open before it closes',
  })
  .refine((p) => Object.values(p.businessHours).some((ivs) => (ivs ?? []).length > 0), { message: 'the office must be open some day of the week' })
  .refine((p) => Object.values(p.targets).every((t) => t.firstResponseMinutes <= t.resolutionMinutes), {
    message: 'a first-response target cannot be longer than the resolution target',
  });

/** Sets the org's default SLA policy (a new one, or the current one changed). */
export function setSlaPolicy(core: Core, raw: unknown): Row {
  assertCrmEnabled(core);
  const p = parseInput(slaPolicyInput, raw, 'SLA policy');
  try {
    assertTimeZone(p.timeZone);
    if (p.holidayCountry) closedDaysAround(Date.now(), p.holidayCountry, p.holidayRegion);
  } catch (e) {
    throw new UserError('invalid_input', `SLA policy: ${(e as Error).message}`);
  }
  const fields = {
    name: p.name,
    time_zone: p.timeZone,
    business_hours: p.businessHours,
    holiday_country: p.holidayCountry ?? null,
    holiday_region: p.holidayRegion ?? null,
    extra_closed_days: p.extraClosedDays ?? [],
    targets: p.targets,
    at_risk_percent: p.atRiskPercent,
    is_default: true,
  };
  const current = rows(core, 'crm_sla_policies', 'is_default = 1')[0];
  return current
    ? write(core, { table: 'crm_sla_policies', op: 'update', id: current.id as string, fields, description: 'SLA policy changed' })
    : write(core, { table: 'crm_sla_policies', op: 'insert', fields, description: 'SLA policy set' });
}

/** The arithmetic's view of a policy row, with the holidays of the years around `at`. */
export function policyOf(row: Row, at: number): SlaPolicy {
  return {
    timeZone: row.time_zone as string,
    businessHours: row.business_hours as SlaPolicy['businessHours'],
    closedDays: closedDaysAround(at, row.holiday_country as string | null, row.holiday_region as string | null, row.extra_closed_days as string[]),
    targets: row.targets as SlaPolicy['targets'],
    atRiskPercent: row.at_risk_percent as number,
  };
}

function policyRow(core: Core, ticket?: Row): Row {
  const p = ticket?.sla_policy_id
    ? mustRead(core, 'crm_sla_policies', ticket.sla_policy_id as string, 'SLA policy')
    : rows(core, 'crm_sla_policies', 'is_default = 1')[0];
  if (!p) throw new UserError('not_found', 'the firm has no SLA policy yet (casework crm sla set)');
  return p;
}

export const ticketInput = z.strictObject({
  subject: z.string().trim().min(1).max(255),
  description: z.string().max(20_000).optional(),
  contactId: z.string().uuid().optional(),
  queue: z.string().trim().min(1).max(50).optional(),
  category: z.string().trim().min(1).max(50).optional(),
  priority: z.enum(SLA_PRIORITIES).default('normal'),
  assigneeUserId: z.string().uuid().optional(),
  openedAt: z.string().transform(isoInstant('openedAt')).optional(),
});

export function addTicket(core: Core, raw: unknown): Row {
  assertCrmEnabled(core);
  const t = parseInput(ticketInput, raw, 'ticket');
  if (t.contactId) mustRead(core, 'crm_contacts', t.contactId, 'contact');
  const policy = policyRow(core);
  return core.tx(() =>
    write(core, {
      table: 'crm_tickets',
      op: 'insert',
      fields: {
        ticket_number: nextNumber(core, 'T'),
        subject: t.subject,
        description: t.description ?? null,
        contact_id: t.contactId ?? null,
        queue: t.queue ?? 'support',
        category: t.category ?? null,
        priority: t.priority,
        status: 'new',
        assignee_user_id: t.assigneeUserId ?? null,
        sla_policy_id: policy.id,
        opened_at: t.openedAt ?? new Date().toISOString(),
        pauses: [],
      },
      description: 'ticket opened',
    }),
  );
}

type Pauses = { from: string; to: string | null }[];
const when = (at: string | undefined) => (at ? isoInstant('at')(at) : new Date().toISOString());

function liveTicket(core: Core, id: string): Row {
  const t = mustRead(core, 'crm_tickets', id, 'ticket');
  if (t.status === 'resolved' || t.status === 'closed') throw new UserError('conflict', `ticket ${t.ticket_number} is ${t.status}`);
  return t;
}
function notBefore(t: Row, at: string, what: string) {
  if (Date.parse(at) < Date.parse(t.opened_at as string)) throw new UserError('invalid_input', `${what} cannot come before the ticket was opened`);
}

/** The first answer to the customer stops the first-response clock. */
export function respondTicket(core: Core, id: string, at?: string): Row {
  assertCrmEnabled(core);
  const t = liveTicket(core, id);
  const ts = when(at);
  notBefore(t, ts, 'the response');
  return write(core, {
    table: 'crm_tickets',
    op: 'update',
    id,
    fields: { first_response_at: t.first_response_at ?? ts, status: t.status === 'new' ? 'open' : t.status },
    description: 'ticket answered',
  });
}

/** Waiting on the customer: the clocks stop until `resumeTicket`. */
export function waitOnCustomer(core: Core, id: string, at?: string): Row {
  assertCrmEnabled(core);
  const t = liveTicket(core, id);
  if (t.status === 'waiting_on_customer') throw new UserError('conflict', `ticket ${t.ticket_number} is already waiting on the customer`);
  const ts = when(at);
  notBefore(t, ts, 'the wait');
  const pauses = [...(t.pauses as Pauses), { from: ts, to: null }];
  return write(core, { table: 'crm_tickets', op: 'update', id, fields: { status: 'waiting_on_customer', pauses }, description: 'waiting on customer' });
}

export function resumeTicket(core: Core, id: string, at?: string): Row {
  assertCrmEnabled(core);
  const t = liveTicket(core, id);
  if (t.status !== 'waiting_on_customer') throw new UserError('conflict', `ticket ${t.ticket_number} is not waiting on the customer`);
  const ts = when(at);
  const pauses = (t.pauses as Pauses).map((p) => (p.to === null ? { ...p, to: ts } : p));
  if (pauses.some((p) => Date.parse(p.to!) < Date.parse(p.from))) throw new UserError('invalid_input', 'the customer cannot answer before the wait began');
  return write(core, { table: 'crm_tickets', op: 'update', id, fields: { status: 'open', pauses }, description: 'customer answered' });
}

export function resolveTicket(core: Core, id: string, at?: string): Row {
  assertCrmEnabled(core);
  const t = liveTicket(core, id);
  const ts = when(at);
  notBefore(t, ts, 'the resolution');
  const pauses = (t.pauses as Pauses).map((p) => (p.to === null ? { ...p, to: ts } : p));
  return write(core, { table: 'crm_tickets', op: 'update', id, fields: { status: 'resolved', resolved_at: ts, pauses }, description: 'ticket resolved' });
}

/** A ticket with both SLA clocks as of `now`. */
export function withSla(core: Core, t: Row, now = Date.now()) {
  const policy = policyOf(policyRow(core, t), Date.parse(t.opened_at as string));
  const sla = ticketSla(
    policy,
    {
      priority: t.priority as SlaPriority,
      openedAt: t.opened_at as string,
      firstResponseAt: (t.first_response_at as string | null) ?? null,
      resolvedAt: (t.resolved_at as string | null) ?? null,
      pauses: t.pauses as Pauses,
    },
    now,
  );
  return { ...t, sla };
}

export function showTicket(core: Core, id: string, now?: number) {
  return withSla(core, mustRead(core, 'crm_tickets', id, 'ticket'), now);
}

const RANK = { breached: 0, at_risk: 1, on_track: 2, paused: 3, met: 4 } as const;

/** Tickets with their SLA state; `open` keeps the unresolved ones, most urgent first. */
export function listTickets(core: Core, opts: { open?: boolean; queue?: string; now?: number } = {}) {
  const where = [opts.open ? "status NOT IN ('resolved', 'closed')" : '1=1'];
  const params: unknown[] = [];
  if (opts.queue) {
    where.push('queue = ?');
    params.push(opts.queue);
  }
  return rows(core, 'crm_tickets', where.join(' AND '), params, { orderBy: 'opened_at', limit: 2000 })
    .map((t) => withSla(core, t, opts.now))
    .sort(
      (a, b) => RANK[a.sla.resolution.state] - RANK[b.sla.resolution.state] || String(a.sla.resolution.dueAt).localeCompare(String(b.sla.resolution.dueAt)),
    );
}

/** For Today: open tickets already breached or at risk on either clock. */
export function ticketsAboutToBreach(core: Core, now?: number) {
  return listTickets(core, { open: true, now }).filter((t) =>
    [t.sla.firstResponse.state, t.sla.resolution.state].some((s) => s === 'at_risk' || s === 'breached'),
  );
}
