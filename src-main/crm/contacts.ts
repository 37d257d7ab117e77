/**
 * Contacts: people and organisations that exist before (and without) a case. A new contact whose email or
 * phone (normalised, src-shared/crm/contact-keys.ts) matches a live contact is refused with that contact
 * named, unless the caller says it is a different person; duplicates that two laptops made offline are
 * listed by `duplicates` and settled by `merge`, which keeps the history: the merged row stays (marked
 * merged_into_id) and the survivor's merge_history records what came from it, when and by whom.
 */
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import { emailKey, phoneKey } from '../../src-shared/crm';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { assertCrmEnabled, parseInput } from './input';

const tag = z.string().trim().min(1).max(50);
export const contactInput = z
  .strictObject({
    kind: z.enum(['person', 'organization']).default('person'),
    firstName: z.string().trim().min(1).max(100).optional(),
    lastName: z.string().trim().min(1).max(100).optional(),
    organizationName: z.string().trim().min(1).max(255).optional(),
    employerId: z.string().uuid().optional(),
    email: z.string().trim().email().max(255).optional(),
    phone: z.string().trim().min(3).max(40).optional(),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'a two-letter country code (ISO 3166-1)')
      .transform((s) => s.toUpperCase())
      .optional(),
    dateOfBirth: z.iso.date().optional(),
    tags: z.array(tag).max(30).optional(),
    ownerUserId: z.string().uuid().optional(),
    source: z.string().max(100).optional(),
    notes: z.string().max(10_000).optional(),
    /** Add it even though it matches an existing contact (two people sharing a family phone, say). */
    allowDuplicate: z.boolean().optional(),
  })
  .refine((c) => (c.kind === 'person' ? Boolean(c.firstName || c.lastName) : Boolean(c.organizationName)), {
    message: 'a person needs a first or last name; an organization needs organizationName',
  });
export type ContactInput = z.input<typeof contactInput>;

export function contactName(c: Row): string {
  return c.kind === 'organization' ? String(c.organization_name ?? '') : [c.first_name, c.last_name].filter(Boolean).join(' ');
}

/** Live, unmerged contacts that share this email or phone key. */
export function matchingContacts(core: Core, email: string | null, phone: string | null, exceptId?: string): Row[] {
  if (!email && !phone) return [];
  return rows(
    core,
    'crm_contacts',
    'merged_into_id IS NULL AND id IS NOT ? AND ((email_key IS NOT NULL AND email_key = ?) OR (phone_e164 IS NOT NULL AND phone_e164 = ?))',
    [exceptId ?? null, email, phone],
  );
}

export function addContact(core: Core, raw: unknown): Row {
  assertCrmEnabled(core);
  const c = parseInput(contactInput, raw, 'contact');
  const ek = emailKey(c.email);
  const pk = phoneKey(c.phone, c.country);
  if (c.phone && !pk)
    throw new UserError(
      'invalid_input',
      `contact: phone "${c.phone}" is not a possible number${c.country ? ` in ${c.country}` : ' (give country or a +prefix)'}`,
    );
  if (c.employerId) {
    const emp = mustRead(core, 'crm_contacts', c.employerId, 'employer contact');
    if (emp.kind !== 'organization') throw new UserError('invalid_input', 'contact: employerId must name an organization contact');
  }
  if (!c.allowDuplicate) {
    const dup = matchingContacts(core, ek, pk)[0];
    if (dup)
      throw new UserError(
        'conflict',
        `contact: ${contactName(dup)} (${dup.id}) already has this ${dup.email_key === ek && ek ? 'email' : 'phone number'}; use that contact, or pass allowDuplicate if this is someone else`,
      );
  }
  return write(core, {
    table: 'crm_contacts',
    op: 'insert',
    fields: {
      kind: c.kind,
      first_name: c.firstName ?? null,
      last_name: c.lastName ?? null,
      organization_name: c.organizationName ?? null,
      employer_contact_id: c.employerId ?? null,
      email: c.email ?? null,
      email_key: ek,
      phone: c.phone ?? null,
      phone_e164: pk,
      country: c.country ?? null,
      date_of_birth: c.dateOfBirth ?? null,
      tags: [...new Set(c.tags ?? [])],
      owner_user_id: c.ownerUserId ?? core.actor.userId,
      source: c.source ?? null,
      notes: c.notes ?? null,
    },
    description: 'contact added',
  });
}

export function listContacts(core: Core, opts: { search?: string; tag?: string; includeMerged?: boolean } = {}): Row[] {
  const where = [opts.includeMerged ? '1=1' : 'merged_into_id IS NULL'];
  const params: unknown[] = [];
  if (opts.search) {
    const q = `%${opts.search.toLowerCase()}%`;
    where.push(
      "(lower(coalesce(first_name,'') || ' ' || coalesce(last_name,'') || ' ' || coalesce(organization_name,'')) LIKE ? OR email_key LIKE ? OR phone_e164 LIKE ?)",
    );
    params.push(q, q, `%${opts.search.replace(/\D/g, '') || '\u0000'}%`);
  }
  if (opts.tag) {
    where.push('EXISTS (SELECT 1 FROM json_each(crm_contacts.tags) WHERE value = ?)');
    params.push(opts.tag);
  }
  return rows(core, 'crm_contacts', where.join(' AND '), params, { orderBy: 'last_name, first_name, organization_name', limit: 500 });
}

export function showContact(core: Core, id: string) {
  const c = mustRead(core, 'crm_contacts', id, 'contact');
  return {
    contact: c,
    mergedFrom: rows(core, 'crm_contacts', 'merged_into_id = ?', [id]).map((m) => ({ id: m.id, name: contactName(m) })),
    leads: rows(core, 'leads', 'contact_id = ?', [id], { orderBy: 'created_at DESC' }),
    deals: rows(core, 'crm_deals', 'contact_id = ?', [id], { orderBy: 'created_at DESC' }),
    activities: rows(core, 'crm_activities', 'contact_id = ?', [id], { orderBy: 'occurred_at DESC', limit: 100 }),
    tickets: rows(core, 'crm_tickets', 'contact_id = ?', [id], { orderBy: 'opened_at DESC' }),
  };
}

export function tagContact(core: Core, id: string, add: string[], remove: string[] = []): Row {
  assertCrmEnabled(core);
  const c = mustRead(core, 'crm_contacts', id, 'contact');
  const tags = parseInput(z.array(tag).max(30), add, 'tags');
  const next = [...new Set([...(c.tags as string[]), ...tags])].filter((t) => !remove.includes(t));
  return write(core, { table: 'crm_contacts', op: 'update', id, fields: { tags: next }, description: 'contact tags changed' });
}

export function watchContact(core: Core, id: string, userId: string, watch = true): Row {
  assertCrmEnabled(core);
  const c = mustRead(core, 'crm_contacts', id, 'contact');
  const cur = c.watchers as string[];
  const next = watch ? [...new Set([...cur, userId])] : cur.filter((u) => u !== userId);
  return write(core, { table: 'crm_contacts', op: 'update', id, fields: { watchers: next }, description: watch ? 'watcher added' : 'watcher removed' });
}

/** Groups of live contacts that share an email or phone key (what offline adds on two laptops leave). */
export function duplicateGroups(core: Core): { key: string; contacts: { id: string; name: string; created_at: unknown }[] }[] {
  const live = rows(core, 'crm_contacts', 'merged_into_id IS NULL', [], { orderBy: 'created_at, id' });
  const groups = new Map<string, Row[]>();
  for (const c of live)
    for (const k of [c.email_key && `email:${c.email_key}`, c.phone_e164 && `phone:${c.phone_e164}`].filter(Boolean) as string[])
      groups.set(k, [...(groups.get(k) ?? []), c]);
  return [...groups.entries()]
    .filter(([, cs]) => cs.length > 1)
    .map(([key, cs]) => ({ key, contacts: cs.map((c) => ({ id: c.id as string, name: contactName(c), created_at: c.created_at })) }));
}

const MERGED_FIELDS = [
  'first_name',
  'last_name',
  'organization_name',
  'employer_contact_id',
  'email',
  'email_key',
  'phone',
  'phone_e164',
  'country',
  'date_of_birth',
  'source',
  'notes',
] as const;
const REPOINT: [string, string][] = [
  ['leads', 'contact_id'],
  ['crm_deals', 'contact_id'],
  ['crm_activities', 'contact_id'],
  ['crm_tickets', 'contact_id'],
];

/**
 * Merges `otherId` into `survivorId`: blanks of the survivor are filled from the other, tags and watchers
 * joined, leads, deals, activities and tickets re-pointed, and the other row kept with merged_into_id.
 * What the other held is written into the survivor's merge_history, so the merge can be read back.
 */
export function mergeContacts(core: Core, survivorId: string, otherId: string): Row {
  assertCrmEnabled(core);
  if (survivorId === otherId) throw new UserError('invalid_input', 'merge: a contact cannot be merged into itself');
  const s = mustRead(core, 'crm_contacts', survivorId, 'contact');
  const o = mustRead(core, 'crm_contacts', otherId, 'contact');
  if (s.merged_into_id || o.merged_into_id) throw new UserError('conflict', 'merge: one of these contacts was already merged into another');
  if (s.kind !== o.kind) throw new UserError('invalid_input', `merge: a ${s.kind} cannot be merged with an ${o.kind}`);
  return core.tx(() => {
    const fields: Row = {};
    const taken: Row = {};
    for (const f of MERGED_FIELDS) {
      if ((s[f] === null || s[f] === '') && o[f] !== null && o[f] !== '') {
        fields[f] = o[f];
        taken[f] = o[f];
      }
    }
    fields.tags = [...new Set([...(s.tags as string[]), ...(o.tags as string[])])];
    fields.watchers = [...new Set([...(s.watchers as string[]), ...(o.watchers as string[])])];
    const repointed: Record<string, number> = {};
    for (const [table, col] of REPOINT) {
      const linked = rows(core, table, `${col} = ?`, [otherId]);
      for (const r of linked) write(core, { table, op: 'update', id: r.id as string, fields: { [col]: survivorId }, description: 'contact merged' });
      repointed[table] = linked.length;
    }
    const entry = {
      merged_id: otherId,
      at: new Date().toISOString(),
      by: core.actor.userId,
      name: contactName(o),
      values: Object.fromEntries(MERGED_FIELDS.map((f) => [f, o[f]])),
      taken: Object.keys(taken),
      repointed,
    };
    fields.merge_history = [...(s.merge_history as unknown[]), ...(o.merge_history as unknown[]), entry];
    write(core, { table: 'crm_contacts', op: 'update', id: otherId, fields: { merged_into_id: survivorId }, description: `merged into ${survivorId}` });
    return write(core, { table: 'crm_contacts', op: 'update', id: survivorId, fields, description: `contact ${otherId} merged in` });
  });
}
