// Issue 13 rows 10, 11 and 15, pushed to the real server:
//  10: a mutation rejected after its checks (assigned_staff: ["not-a-uuid"]) left an audit entry for a
//      change that never happened; assigned_staff accepted any JSON;
//  11: a paralegal approved a rule proposal in the owner's name and wrote config_change_log as the owner;
//  15: three different answers told whether a row id exists in another firm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src-shared/ids';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { caseFields, firm, push1, type Firm } from './push-support';

let srv: TestServer;
let a: Firm;
let b: Firm;

beforeAll(async () => {
  srv = await startTestServer();
  [a, b] = [await firm(srv, 'Firm A'), await firm(srv, 'Firm B')];
});
afterAll(async () => srv?.close());

/** Every audit entry of org about record id (pending ones are chained first by listing). */
async function auditOf(orgId: string, recordId: string) {
  const r = await srv.request('GET', `/v1/orgs/${orgId}/audit?recordId=${recordId}&limit=1000`, { token: a.owner.accessToken });
  expect(r.status).toBe(200);
  return r.body.entries as { event_type: string; changed_fields: string[] }[];
}

describe('a rejected mutation leaves nothing behind (row 10)', () => {
  it('assigned_staff with a non-UUID is refused, the case is unchanged and no audit entry claims it', async () => {
    const id = newId();
    expect((await push1(srv, a.owner, a.orgId, { table: 'cases', op: 'insert', id, fields: caseFields() })).status).toBe('applied');
    const r = await push1(srv, a.owner, a.orgId, { table: 'cases', op: 'update', id, fields: { assigned_staff: ['not-a-uuid'], priority: 'urgent' } });
    expect(r.status).toBe('rejected');
    const row = await srv.db.pool.query('SELECT assigned_staff, priority FROM cases WHERE id = $1', [id]);
    expect(row.rows[0]).toEqual({ assigned_staff: [], priority: 'normal' });
    const entries = await auditOf(a.orgId, id);
    expect(entries.map((e) => e.event_type)).toEqual(['sync.insert']); // old code: a second entry, 'sync.update'
    expect(r.reason).toMatch(/assigned_staff/);
    // A list of user ids is still accepted.
    const ok = await push1(srv, a.owner, a.orgId, { table: 'cases', op: 'update', id, fields: { assigned_staff: [a.owner.userId] } });
    expect(ok.status).toBe('applied');
    expect((await auditOf(a.orgId, id)).map((e) => e.event_type)).toEqual(['sync.insert', 'sync.update']);
  });
});

describe('no approval and no name but your own (row 11)', () => {
  const proposal = () => ({
    rule_id: `r-${newId().slice(-6)}`,
    rule_category: 'crs',
    rule_type: 'update',
    rule_json: { points: 5 },
    proposed_by_agent: 'test',
    summary: 'more points',
  });

  it('a paralegal can propose but not approve, and cannot write in the owner’s name', async () => {
    const para = await a.member('paralegal');
    const id = newId();
    expect((await push1(srv, para, a.orgId, { table: 'rule_proposals', op: 'insert', id, fields: proposal() })).status).toBe('applied');
    const now = new Date().toISOString();
    const asOwner = await push1(srv, para, a.orgId, {
      table: 'rule_proposals',
      op: 'update',
      id,
      fields: { status: 'approved', reviewed_by: a.owner.userId, reviewed_at: now },
    });
    expect(asOwner.status).toBe('rejected');
    const asSelf = await push1(srv, para, a.orgId, {
      table: 'rule_proposals',
      op: 'update',
      id,
      fields: { status: 'approved', reviewed_by: para.userId, reviewed_at: now },
    });
    expect(asSelf.status).toBe('rejected');
    expect(asSelf.reason).toMatch(/owner or admin/);
    const inserted = await push1(srv, para, a.orgId, { table: 'rule_proposals', op: 'insert', fields: { ...proposal(), status: 'approved' } });
    expect(inserted.status).toBe('rejected');
    const log = await push1(srv, para, a.orgId, {
      table: 'config_change_log',
      op: 'insert',
      fields: { change_type: 'rule_approved', target_entity: 'approved_rules', applied_by: a.owner.userId },
    });
    expect(log.status).toBe('rejected');
    expect(log.reason).toMatch(/applied_by/);
    const stored = await srv.db.pool.query('SELECT status, reviewed_by FROM rule_proposals WHERE id = $1', [id]);
    expect(stored.rows[0]).toEqual({ status: 'pending', reviewed_by: null });
    // The owner approves in their own name; not in someone else's.
    const forged = await push1(srv, a.owner, a.orgId, { table: 'rule_proposals', op: 'update', id, fields: { status: 'approved', reviewed_by: para.userId } });
    expect(forged.status).toBe('rejected');
    const real = await push1(srv, a.owner, a.orgId, {
      table: 'rule_proposals',
      op: 'update',
      id,
      fields: { status: 'approved', reviewed_by: a.owner.userId, reviewed_at: now },
    });
    expect(real.status).toBe('applied');
    // Once set, another writer may leave it as it is (a laptop sending the stored value).
    const note = await push1(srv, para, a.orgId, {
      table: 'config_change_log',
      op: 'insert',
      fields: { change_type: 'note', target_entity: 'rule_proposals', applied_by: para.userId },
    });
    expect(note.status).toBe('applied');
  });
});

describe('another firm’s rows are indistinguishable from missing ones (row 15)', () => {
  it('update, delete and insert of a foreign id answer exactly as for an id of no one (or our own)', async () => {
    const foreign = newId();
    expect((await push1(srv, b.owner, b.orgId, { table: 'cases', op: 'insert', id: foreign, fields: caseFields() })).status).toBe('applied');
    const mine = newId();
    expect((await push1(srv, a.owner, a.orgId, { table: 'cases', op: 'insert', id: mine, fields: caseFields() })).status).toBe('applied');
    const nobody = newId();
    const reason = async (op: 'update' | 'delete' | 'insert', id: string) => {
      const r = await push1(srv, a.owner, a.orgId, {
        table: 'cases',
        op,
        id,
        fields: op === 'delete' ? undefined : op === 'insert' ? caseFields() : { priority: 'high' },
      });
      expect(r.status).toBe('rejected');
      return r.reason!.replace(id, '<id>');
    };
    expect(await reason('update', foreign)).toBe(await reason('update', nobody));
    expect(await reason('delete', foreign)).toBe(await reason('delete', nobody));
    expect(await reason('insert', foreign)).toBe(await reason('insert', mine));
    // Still recorded for the operators.
    const ev = await srv.db.pool.query(`SELECT count(*)::int AS n FROM security_events WHERE kind = 'cross_org_mutation' AND detail->>'id' = $1`, [foreign]);
    expect(ev.rows[0].n).toBeGreaterThanOrEqual(3);
    expect((await srv.db.pool.query('SELECT priority, deleted_at FROM cases WHERE id = $1', [foreign])).rows[0]).toEqual({
      priority: 'normal',
      deleted_at: null,
    });
  });
});
