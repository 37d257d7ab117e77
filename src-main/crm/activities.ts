/**
 * Activities: calls, emails, meetings and notes on a contact, a lead or a deal. An activity on a lead
 * rescores it (the activity count is a scoring factor). Calls can also come from a PBX's call-detail
 * records (CSV): each row is matched to a contact by its number in E.164, and a record already imported
 * (same record id) is not added twice.
 */
import { z } from 'zod';
import { parse } from 'csv-parse/sync';
import { UserError } from '../../src-shared/errors';
import { phoneKey } from '../../src-shared/crm';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { assertCrmEnabled, isoInstant, parseInput } from './input';
import { rescoreLead } from './scoring';

export const activityInput = z
  .strictObject({
    kind: z.enum(['call', 'email', 'meeting', 'note']),
    contactId: z.string().uuid().optional(),
    leadId: z.string().uuid().optional(),
    dealId: z.string().uuid().optional(),
    subject: z.string().max(255).optional(),
    body: z.string().max(20_000).optional(),
    direction: z.enum(['inbound', 'outbound']).optional(),
    occurredAt: z.string().transform(isoInstant('occurredAt')).optional(),
    durationSeconds: z.number().int().min(0).max(86_400).optional(),
  })
  .refine((a) => a.contactId || a.leadId || a.dealId, { message: 'an activity is on a contact, a lead or a deal (give at least one)' });

export function addActivity(core: Core, raw: unknown): Row {
  assertCrmEnabled(core);
  const a = parseInput(activityInput, raw, 'activity');
  const lead = a.leadId ? mustRead(core, 'leads', a.leadId, 'lead') : null;
  if (a.dealId) mustRead(core, 'crm_deals', a.dealId, 'deal');
  if (a.contactId) mustRead(core, 'crm_contacts', a.contactId, 'contact');
  return core.tx(() => {
    const row = write(core, {
      table: 'crm_activities',
      op: 'insert',
      fields: {
        kind: a.kind,
        contact_id: a.contactId ?? (lead?.contact_id as string | null) ?? null,
        lead_id: a.leadId ?? null,
        deal_id: a.dealId ?? null,
        subject: a.subject ?? null,
        body: a.body ?? null,
        direction: a.direction ?? null,
        occurred_at: a.occurredAt ?? new Date().toISOString(),
        duration_seconds: a.durationSeconds ?? null,
        performed_by_user_id: core.actor.userId,
      },
      description: `${a.kind} logged`,
    });
    if (lead) rescoreLead(core, lead.id as string);
    return row;
  });
}

export function activitiesOf(core: Core, of: { contactId?: string; leadId?: string; dealId?: string }): Row[] {
  const [col, id] = of.leadId ? ['lead_id', of.leadId] : of.dealId ? ['deal_id', of.dealId] : ['contact_id', of.contactId];
  if (!id) throw new UserError('invalid_input', 'activities of what? give --contact, --lead or --deal');
  return rows(core, 'crm_activities', `${col} = ?`, [id], { orderBy: 'occurred_at DESC', limit: 500 });
}

/**
 * Imports call-detail records: a CSV with a header naming at least `id`, `start` (ISO date-time),
 * `direction` (inbound/outbound), `from`, `to` and `duration` (seconds). The customer's number is `from`
 * on an inbound call and `to` on an outbound one. Rows that cannot be read are reported, not guessed.
 */
export function importCalls(core: Core, csv: string, defaultCountry?: string) {
  assertCrmEnabled(core);
  let table: string[][];
  try {
    table = parse(csv, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (e) {
    throw new UserError('invalid_input', `call records: ${(e as Error).message}`);
  }
  const header = (table[0] ?? []).map((h) => h.toLowerCase());
  const need = ['id', 'start', 'direction', 'from', 'to', 'duration'];
  const missing = need.filter((c) => !header.includes(c));
  if (missing.length) throw new UserError('invalid_input', `call records: the header lacks ${missing.join(', ')}`);
  const records = table.slice(1).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  const result = { imported: 0, matched: 0, skipped: 0, problems: [] as string[] };
  core.tx(() => {
    records.forEach((r, i) => {
      const line = i + 2;
      const start = Date.parse(r.start!);
      const dir = r.direction!.toLowerCase();
      if (Number.isNaN(start) || !['inbound', 'outbound'].includes(dir) || !/^\d+$/.test(r.duration!)) {
        result.problems.push(`line ${line}: start, direction or duration unreadable`);
        return;
      }
      if (rows(core, 'crm_activities', "kind = 'call' AND external_id = ?", [r.id]).length) {
        result.skipped++;
        return;
      }
      const e164 = phoneKey(dir === 'inbound' ? r.from : r.to, defaultCountry);
      const contact = e164 ? rows(core, 'crm_contacts', 'phone_e164 = ? AND merged_into_id IS NULL', [e164])[0] : undefined;
      write(core, {
        table: 'crm_activities',
        op: 'insert',
        fields: {
          kind: 'call',
          contact_id: contact?.id ?? null,
          direction: dir,
          phone_e164: e164,
          occurred_at: new Date(start).toISOString(),
          duration_seconds: Number(r.duration),
          subject: `${dir === 'inbound' ? 'Call from' : 'Call to'} ${e164 ?? 'an unknown number'}`,
          external_id: String(r.id).slice(0, 100),
        },
        description: 'call imported from call-detail records',
      });
      result.imported++;
      if (contact) result.matched++;
    });
  });
  return result;
}
