/**
 * The CRM pack across two laptops through the real sync server (embedded Postgres), issue 20:
 *  - a strict WIP limit exceeded by two offline moves (one on each laptop, each allowed where it was made)
 *    is a visible conflict on both laptops after sync, naming the same overflowing deal, until a deal is
 *    moved out;
 *  - a lead goes from enquiry to a won deal and an open immigration case on laptop A, offline, and all of
 *    it is on laptop B after a sync.
 * Laptops are real vaults driven through the real `casework` command line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../sync-server/src/testing';
import { joinedLaptop, startServer, type Laptop } from '../sync-client/support';

describe('the CRM pack on two laptops', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let org: Awaited<ReturnType<TestServer['createOrg']>>;
  let a: Laptop;
  let b: Laptop;

  beforeAll(async () => {
    srv = await startServer();
    org = await srv.createOrg();
    a = await joinedLaptop(srv.url, org.email, org.password, 'crm-a');
    b = await joinedLaptop(srv.url, org.email, org.password, 'crm-b');
  }, 240_000);
  afterAll(async () => srv?.stop());

  it('a strict limit passed by two offline moves is a conflict on both laptops after sync, not a silent overflow', async () => {
    const p = await a.json([
      'crm',
      'pipeline',
      'add',
      '--fields',
      JSON.stringify({
        name: 'Consultations',
        isDefault: true,
        stages: [
          { name: 'Enquiry', probability: 10 },
          { name: 'Consultation', probability: 40, wipLimit: 2, wipMode: 'strict' },
          { name: 'Won', probability: 100, kind: 'won' },
          { name: 'Lost', probability: 0, kind: 'lost' },
        ],
      }),
    ]);
    const consult = p.stages[1].id as string;
    const enquiry = p.stages[0].id as string;
    const deal = (title: string) => a.json(['crm', 'deal', 'add', '--fields', JSON.stringify({ title, pipelineId: p.pipeline.id })]);
    const d1 = await deal('Okafor');
    const d2 = await deal('Tremblay');
    const d3 = await deal('Nguyen');
    await a.json(['crm', 'deal', 'move', d1.id, consult]);
    expect((await a.sync()).rejected).toBe(0);
    await b.sync();

    // Offline: each laptop sees one free place in Consultation and takes it.
    await a.json(['crm', 'deal', 'move', d2.id, consult]);
    await b.json(['crm', 'deal', 'move', d3.id, consult]);
    // On the laptop itself a third move is refused.
    const refused = await a.run(['crm', 'deal', 'move', d3.id, consult]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/"Consultation" is full: its strict limit is 2/);

    expect((await a.sync()).rejected).toBe(0);
    expect((await b.sync()).rejected).toBe(0);
    await a.sync();

    // B moved last, so B's deal overflows; both laptops say so, in the same terms.
    const onA = await a.json(['crm', 'deal', 'conflicts']);
    const onB = await b.json(['crm', 'deal', 'conflicts']);
    expect(onA).toEqual([
      expect.objectContaining({ stage: 'Consultation', limit: 2, open: 3, overflow: [expect.objectContaining({ id: d3.id, title: 'Nguyen' })] }),
    ]);
    expect(onB).toEqual(onA);
    const boardB = await b.json(['crm', 'pipeline', 'board', '--pipeline', p.pipeline.id]);
    expect(boardB.stages[1].load).toMatchObject({ open: 3, limit: 2, over: 1, mode: 'strict', overflow: [d3.id] });

    // Settled by moving the overflowing deal out; the conflict is gone everywhere.
    await b.json(['crm', 'deal', 'move', d3.id, enquiry]);
    expect((await b.sync()).rejected).toBe(0);
    await a.sync();
    expect(await a.json(['crm', 'deal', 'conflicts'])).toEqual([]);
    expect(await b.json(['crm', 'deal', 'conflicts'])).toEqual([]);
  }, 400_000);

  it('a lead goes from enquiry to a won deal and an open immigration case offline, and reaches the second laptop', async () => {
    const lead = await a.json([
      'crm',
      'lead',
      'add',
      '--fields',
      JSON.stringify({
        contact: { firstName: 'Amara', lastName: 'Okafor', email: 'amara@example.com' },
        source: 'referral',
        caseType: 'EXPRESS_ENTRY_FSW',
        country: 'NG',
      }),
    ]);
    await a.json(['crm', 'lead', 'respond', lead.id]);
    const won = await a.json(['crm', 'lead', 'convert', lead.id, '--fields', JSON.stringify({ value: '3000.00' })]);
    expect(won.deal).toMatchObject({ status: 'won' });
    expect((await a.sync()).rejected).toBe(0);
    await b.sync();
    const onB = await b.json(['crm', 'lead', 'show', lead.id]);
    expect(onB.lead).toMatchObject({ status: 'converted', converted_to_case_id: won.case.id, lead_score: lead.lead_score + 25 });
    expect(onB.contact).toMatchObject({ first_name: 'Amara', email_key: 'amara@example.com' });
    const c = await b.json(['case', 'show', won.case.id]);
    expect(JSON.stringify(c)).toContain('Okafor');
    const boardB = await b.json(['crm', 'pipeline', 'board']);
    expect(boardB.pipeline.name).toBe('Consultations');
  }, 300_000);
});
