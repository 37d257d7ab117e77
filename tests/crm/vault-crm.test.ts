/**
 * The CRM pack in a real encrypted vault (issue 20): contacts deduplicated on normalised email and phone
 * and merged with their history; a lead scored on every change, converted into a won deal and a case of
 * the immigration pack and of the debt-advice pack with its people from the contacts; a disabled pack's
 * case refused with nothing written; strict and soft WIP limits; the model taking over from the heuristic
 * once the history is big enough; tickets' SLA states; and the real `casework crm` command line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { createVault, type Core } from '../../src-main/core/core';
import { read, rows, write } from '../../src-main/core/writer';
import { verifyLocalAudit } from '../../src-main/core/audit';
import { setPackEnabled } from '../../src-main/config';
import {
  addActivity,
  addContact,
  addDeal,
  addLead,
  addTicket,
  board,
  convertLead,
  createPipeline,
  duplicateGroups,
  importCalls,
  listTickets,
  loseLead,
  mergeContacts,
  moveDeal,
  recordResponse,
  rescoreAll,
  respondTicket,
  resumeTicket,
  setSlaPolicy,
  showContact,
  waitOnCustomer,
  wipConflicts,
} from '../../src-main/crm';
import { generateHistory } from '../../src-shared/crm/testdata/history';
import { cli, cliJson, tempDir, PASS } from '../support/cli';

const count = (core: Core, table: string) => rows(core, table, '1=1').length;
const outbox = (core: Core) => (core.db.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n;

describe('the CRM pack in a vault', () => {
  let core: Core;
  let dir: string;

  beforeAll(async () => {
    dir = join(tempDir(), 'vault');
    core = await createVault({ dataDir: dir, passphrase: PASS, prefer: 'passphrase' });
  });
  afterAll(() => core?.close());

  it('refuses a duplicate contact by email or phone in any format, lists offline duplicates, and merges keeping the history', () => {
    const amara = addContact(core, {
      firstName: 'Amara',
      lastName: 'Okafor',
      email: 'Amara.Okafor@Example.com',
      phone: '(514) 555-0199',
      country: 'CA',
      tags: ['vip'],
    });
    expect(amara).toMatchObject({ email_key: 'amara.okafor@example.com', phone_e164: '+15145550199' });
    const before = [count(core, 'crm_contacts'), outbox(core)];
    expect(() => addContact(core, { firstName: 'A.', lastName: 'Okafor', email: ' amara.okafor@example.COM' })).toThrow(
      /Amara Okafor .* already has this email/,
    );
    expect(() => addContact(core, { firstName: 'Amy', phone: '+1 514 555 0199' })).toThrow(/already has this phone number/);
    expect(() => addContact(core, { firstName: 'Bad', phone: '12345', country: 'CA' })).toThrow(/not a possible number in CA/);
    expect(() => addContact(core, { kind: 'organization' })).toThrow(/organizationName/);
    expect([count(core, 'crm_contacts'), outbox(core)]).toEqual(before);

    // What a second laptop offline would leave: the same person added again.
    const twin = addContact(core, {
      firstName: 'Amara',
      lastName: 'Okafor-Eze',
      phone: '514 555 0199',
      country: 'CA',
      dateOfBirth: '1990-04-02',
      tags: ['referral'],
      allowDuplicate: true,
    });
    expect(duplicateGroups(core)).toEqual([
      { key: 'phone:+15145550199', contacts: [expect.objectContaining({ id: amara.id }), expect.objectContaining({ id: twin.id })] },
    ]);
    const lead = addLead(core, { contactId: twin.id, source: 'referral' });
    const merged = mergeContacts(core, amara.id as string, twin.id as string);
    expect(merged).toMatchObject({ date_of_birth: '1990-04-02', tags: ['vip', 'referral'] });
    expect(merged.merge_history).toEqual([
      expect.objectContaining({ merged_id: twin.id, name: 'Amara Okafor-Eze', taken: ['date_of_birth'], repointed: expect.objectContaining({ leads: 1 }) }),
    ]);
    expect(read(core, 'crm_contacts', twin.id as string)).toMatchObject({ merged_into_id: amara.id });
    expect(read(core, 'leads', lead.id as string)).toMatchObject({ contact_id: amara.id });
    expect(showContact(core, amara.id as string).mergedFrom).toEqual([{ id: twin.id, name: 'Amara Okafor-Eze' }]);
    expect(duplicateGroups(core)).toEqual([]);
    expect(() => mergeContacts(core, amara.id as string, twin.id as string)).toThrow(/already merged/);
  });

  it('scores a lead on every change and explains it; converts it into a won deal and an immigration case whose people come from the contacts', () => {
    const lead = addLead(core, {
      contact: { firstName: 'Chidi', lastName: 'Obi', email: 'chidi@example.com', phone: '+234 803 123 4567', dateOfBirth: '1988-01-15' },
      source: 'referral',
      caseType: 'EXPRESS_ENTRY_FSW',
      country: 'NG',
    });
    expect(lead.score_explanation).toMatchObject({ method: 'heuristic', note: expect.stringMatching(/closed leads so far/) });
    const unanswered = lead.lead_score as number;
    const answered = recordResponse(core, lead.id as string, new Date(Date.parse(lead.created_at as string) + 30 * 60_000).toISOString());
    expect(answered.status).toBe('contacted');
    expect(answered.lead_score).toBe(unanswered + 25); // -5 unanswered -> +20 answered within the hour
    addActivity(core, { kind: 'call', leadId: lead.id, direction: 'outbound', durationSeconds: 600 });
    const afterCall = read(core, 'leads', lead.id as string)!;
    expect(afterCall.lead_score).toBe(unanswered + 30);
    expect((afterCall.score_explanation as { factors: { factor: string; value: string }[] }).factors).toContainEqual(
      expect.objectContaining({ factor: 'activities', value: '1' }),
    );

    const spouse = addContact(core, { firstName: 'Ada', lastName: 'Obi', email: 'ada@example.com' });
    const r = convertLead(core, lead.id as string, { value: '3500.00', people: [{ contactId: spouse.id, relationship: 'spouse' }] });
    expect(r.case.case_type).toBe('EXPRESS_ENTRY_FSW');
    expect(r.deal).toMatchObject({ status: 'won', value: '3500.00', case_id: r.case.id, closed_reason: expect.stringMatching(/converted to case/) });
    expect(r.lead).toMatchObject({ status: 'converted', converted_to_case_id: r.case.id });
    const people = rows(core, 'persons', 'case_id = ?', [r.case.id], { orderBy: 'created_at' });
    expect(people.map((p) => [p.first_name, p.last_name, p.relationship_to_primary])).toEqual([
      ['Chidi', 'Obi', 'primary'],
      ['Ada', 'Obi', 'spouse'],
    ]);
    expect(people[0]).toMatchObject({ email: 'chidi@example.com', phone: '+234 803 123 4567', date_of_birth: '1988-01-15' });
    expect(() => convertLead(core, lead.id as string, {})).toThrow(/already converted/);
  });

  it('converts into a debt-advice case too, and refuses a disabled pack before writing anything', () => {
    const lead = addLead(core, {
      contact: { firstName: 'Dana', lastName: 'Price', phone: '020 7946 0958', country: 'GB' },
      source: 'walk_in',
      caseType: 'DEBT_ADVICE',
    });
    setPackEnabled(core, 'debt-advice', false);
    const before = [count(core, 'cases'), count(core, 'crm_deals'), outbox(core)];
    expect(() => convertLead(core, lead.id as string, {})).toThrow(/Debt advice pack, which this firm has disabled/);
    expect(() => convertLead(core, lead.id as string, { caseType: 'NO_SUCH_TYPE' })).toThrow(/unknown case type|NO_SUCH_TYPE/);
    expect([count(core, 'cases'), count(core, 'crm_deals'), outbox(core)]).toEqual(before);
    setPackEnabled(core, 'debt-advice', true);
    const r = convertLead(core, lead.id as string, {});
    expect(r.case.case_type).toBe('DEBT_ADVICE');
    expect(rows(core, 'persons', 'case_id = ?', [r.case.id])[0]).toMatchObject({ first_name: 'Dana', last_name: 'Price', phone: '020 7946 0958' });
  });

  it('a strict stage refuses the move past its limit; a soft one warns; the board shows the loads', () => {
    const { pipeline, stages } = createPipeline(core, {
      name: 'Retainers',
      stages: [
        { name: 'Enquiry', probability: 10 },
        { name: 'Consultation', probability: 40, wipLimit: 1, wipMode: 'strict' },
        { name: 'Retainer', probability: 70, wipLimit: 1, wipMode: 'soft' },
        { name: 'Won', probability: 100, kind: 'won' },
      ],
    });
    const [enquiry, consult, retainer] = stages as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    const d1 = addDeal(core, { title: 'One', pipelineId: pipeline.id });
    const d2 = addDeal(core, { title: 'Two', pipelineId: pipeline.id, value: '1200.50' });
    expect(d1.stage_id).toBe(enquiry.id);
    moveDeal(core, d1.id as string, consult.id as string);
    const v = read(core, 'crm_deals', d2.id as string)!.version;
    expect(() => moveDeal(core, d2.id as string, consult.id as string)).toThrow(/"Consultation" is full: its strict limit is 1/);
    expect(read(core, 'crm_deals', d2.id as string)).toMatchObject({ stage_id: enquiry.id, version: v });
    moveDeal(core, d1.id as string, retainer.id as string);
    expect(moveDeal(core, d2.id as string, retainer.id as string).warning).toMatch(/over its limit of 1 open deals \(2\)/);
    const b = board(core, pipeline.id as string);
    expect(b.stages.map((s) => [s.name, s.load.open, s.load.over])).toEqual([
      ['Enquiry', 0, 0],
      ['Consultation', 0, 0],
      ['Retainer', 2, 1],
      ['Won', 0, 0],
    ]);
    expect((read(core, 'crm_deals', d1.id as string)!.stage_history as { stage_id: string }[]).map((h) => h.stage_id)).toEqual([
      enquiry.id,
      consult.id,
      retainer.id,
    ]);
    expect(wipConflicts(core)).toEqual([]);
    expect(() => addDeal(core, { title: 'x', value: '12.345' })).toThrow(/value/);
  });

  it('trains the model once the firm has enough closed leads, and every open lead is rescored with it', () => {
    const history = generateHistory(80, 5);
    core.tx(() => {
      for (const h of history) {
        const l = addLead(core, {
          contact: { firstName: 'H', lastName: `L${Math.random()}`, allowDuplicate: true },
          source: h.source!,
          caseType: h.caseType!,
          country: h.country!,
        });
        write(core, { table: 'leads', op: 'update', id: l.id as string, fields: { status: h.won ? 'converted' : 'lost' } });
      }
    });
    const open = addLead(core, { contact: { firstName: 'Open', lastName: 'Lead' }, source: 'ads', caseType: 'VISITOR_VISA', country: 'FR' });
    const r = rescoreAll(core);
    expect(r.method).toBe('model');
    expect(r.history).toBeGreaterThanOrEqual(80);
    const s = read(core, 'leads', open.id as string)!.score_explanation as { method: string; trainedOn: number; confidence: number };
    expect(s).toMatchObject({ method: 'model', trainedOn: r.history });
    expect(() => loseLead(core, open.id as string, '  ')).toThrow(/say why/);
  });

  it('imports PBX call records matched by phone number, once', () => {
    const csv =
      'id,start,direction,from,to,duration\nc1,2026-11-20T14:00:00Z,inbound,+15145550199,+15145550100,180\nc2,2026-11-20T15:00:00Z,outbound,+15145550100,+19995550000,60\nc3,yesterday,inbound,1,2,x\n';
    const r = importCalls(core, csv);
    expect(r).toMatchObject({ imported: 2, matched: 1, skipped: 0, problems: ['line 4: start, direction or duration unreadable'] });
    expect(importCalls(core, csv)).toMatchObject({ imported: 0, skipped: 2 });
    expect(() => importCalls(core, 'a,b\n1,2\n')).toThrow(/header lacks id, start, direction, from, to, duration/);
  });

  it('tickets carry their SLA state from the org policy', () => {
    expect(() => addTicket(core, { subject: 'x' })).toThrow(/no SLA policy yet/);
    expect(() => setSlaPolicy(core, { timeZone: 'Mars/Olympus', businessHours: { 1: [['09:00', '17:00']] }, targets: {} })).toThrow(/SLA policy/);
    const hours = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [['09:00', '17:00']]]));
    const t = { firstResponseMinutes: 60, resolutionMinutes: 480 };
    expect(() => setSlaPolicy(core, { timeZone: 'Mars/Olympus', businessHours: hours, targets: { low: t, normal: t, high: t, urgent: t } })).toThrow(
      /unknown time zone/,
    );
    setSlaPolicy(core, {
      timeZone: 'Europe/London',
      businessHours: hours,
      holidayCountry: 'GB',
      holidayRegion: 'ENG',
      targets: { low: t, normal: t, high: t, urgent: t },
    });
    const ticket = addTicket(core, { subject: 'Cannot upload passport', priority: 'high', openedAt: '2026-11-02T09:00:00Z' });
    expect(ticket.ticket_number).toMatch(/^T-\d{4}-0001-[0-9A-F]{4}$/);
    respondTicket(core, ticket.id as string, '2026-11-02T09:20:00Z');
    waitOnCustomer(core, ticket.id as string, '2026-11-02T10:00:00Z');
    resumeTicket(core, ticket.id as string, '2026-11-03T10:00:00Z');
    const [shown] = listTickets(core, { open: true, now: Date.parse('2026-11-03T16:30:00Z') });
    // 1 h on Monday before the wait, Tuesday 10:00-16:30: 7.5 h of 8 -> at risk; due Tuesday 17:00.
    expect(shown!.sla.firstResponse.state).toBe('met');
    expect(shown!.sla.resolution).toMatchObject({ state: 'at_risk', elapsedMinutes: 450, dueAt: '2026-11-03T17:00:00.000Z' });
    expect(() => resumeTicket(core, ticket.id as string)).toThrow(/not waiting/);
  });

  it('leaves every change in the outbox and the local audit chain intact', () => {
    const tables = (core.db.prepare('SELECT DISTINCT table_name FROM sync_outbox').all() as { table_name: string }[]).map((r) => r.table_name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'crm_contacts',
        'leads',
        'crm_deals',
        'crm_stages',
        'crm_pipelines',
        'crm_activities',
        'crm_tickets',
        'crm_sla_policies',
        'cases',
        'persons',
      ]),
    );
    expect(verifyLocalAudit(core.db).ok).toBe(true);
  });

  it('the real CLI: crm contact add, lead add and score, deal conflicts; bad input exits non-zero in words', () => {
    core.close();
    const c = cliJson(['crm', 'contact', 'add', '--data', dir, '--fields', JSON.stringify({ firstName: 'Lena', lastName: 'Roy', email: 'lena@example.com' })]);
    const lead = cliJson(['crm', 'lead', 'add', '--data', dir, '--fields', JSON.stringify({ contactId: c.id, source: 'website', caseType: 'STUDY_PERMIT' })]);
    const score = cliJson(['crm', 'lead', 'score', lead.id, '--data', dir]);
    expect(score).toMatchObject({ method: 'model', factors: expect.arrayContaining([expect.objectContaining({ factor: 'source', value: 'website' })]) });
    expect(cliJson(['crm', 'deal', 'conflicts', '--data', dir])).toEqual([]);
    const bad = cli(['crm', 'contact', 'add', '--data', dir, '--fields', JSON.stringify({ firstName: 'Lena', email: 'LENA@example.com' })]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/Lena Roy .* already has this email/);
    const file = join(tempDir(), 'calls.csv');
    writeFileSync(file, 'id,start\n');
    expect(cli(['crm', 'activity', 'import-calls', file, '--data', dir]).code).not.toBe(0);
  }, 120_000);
});
