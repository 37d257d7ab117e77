/**
 * The policy on the laptop's write path (a real encrypted vault): a write the server would refuse is
 * refused before anything is queued (no row, no outbox entry), the role and rules come from the synced
 * replica (org_memberships, org_roles' packed rules), and the window's question (canDo) answers the same.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createVault, type Core } from '../../src-main/core/core';
import { write } from '../../src-main/core/writer';
import { canDo, laptopPolicy } from '../../src-main/core/policy';
import { policyForRole } from '../../src-shared/policy';
import { newId } from '../../src-shared/ids';
import { tempDir, PASS } from '../support/cli';

const outbox = (core: Core) => (core.db.prepare('SELECT count(*) AS n FROM sync_outbox').get() as { n: number }).n;
/** As a pull would: the user's membership row now says `role`. */
function becomes(core: Core, role: string) {
  const n = core.db.prepare('UPDATE org_memberships SET role = ? WHERE org_id = ? AND user_id = ?').run(role, core.actor.orgId, core.actor.userId).changes;
  if (!n) {
    core.db
      .prepare('INSERT INTO org_memberships (id, org_id, user_id, role, version, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)')
      .run(newId(), core.actor.orgId, core.actor.userId, role, new Date().toISOString(), new Date().toISOString());
  }
}

describe('laptop write path', () => {
  it('refuses before queueing what the role may not do; allows what it may; follows a synced role and org_roles', async () => {
    const core = await createVault({ dataDir: join(tempDir(), 'v'), passphrase: PASS });
    try {
      expect(laptopPolicy(core).role).toBe('owner');
      const mine = write(core, { table: 'cases', op: 'insert', fields: { case_number: 'L-1', case_type: 'X', assigned_staff: [core.actor.userId] } });
      const other = write(core, { table: 'cases', op: 'insert', fields: { case_number: 'L-2', case_type: 'X' } });
      const invoice = {
        case_id: mine.id,
        invoice_number: 'I-1',
        subtotal: '1',
        total_amount: '1',
        bill_to_name: 'A',
        invoice_date: '2026-01-01',
        due_date: '2026-01-31',
      };

      becomes(core, 'paralegal');
      const before = outbox(core);
      expect(() => write(core, { table: 'invoices', op: 'insert', fields: invoice })).toThrow(/may not create invoices/);
      expect(() => write(core, { table: 'tasks', op: 'insert', fields: { case_id: other.id, title: 'not my case' } })).toThrow(/may not create tasks/);
      expect(outbox(core)).toBe(before);
      expect((core.db.prepare('SELECT count(*) AS n FROM invoices').get() as { n: number }).n).toBe(0);
      write(core, { table: 'tasks', op: 'insert', fields: { case_id: mine.id, title: 'mine' } });
      expect(outbox(core)).toBe(before + 1);
      expect(canDo(core, 'create', 'invoices')).toMatchObject({ decision: 'deny', role: 'paralegal' });
      expect(canDo(core, 'read', 'persons', undefined, 'passport_info.number')).toMatchObject({ field: 'partial' });

      becomes(core, 'trainee');
      expect(() => write(core, { table: 'tasks', op: 'insert', fields: { case_id: mine.id, title: 'x' } })).toThrow(/sign-off/);

      // The firm's staff role, as the server packed it into org_roles, reached this laptop by sync.
      becomes(core, 'staff');
      write(core, { table: 'invoices', op: 'insert', fields: invoice });
      const packed = policyForRole(
        'staff',
        new Map([['staff', { key: 'staff', inherits: 'staff', remove: [{ action: 'create', subject: 'invoices' }] }]]),
      ).pack();
      const now = new Date().toISOString();
      core.db
        .prepare(
          "INSERT INTO org_roles (id, org_id, role_key, inherits, packed_rules, version, created_at, updated_at) VALUES (?, ?, 'staff', 'staff', ?, 1, ?, ?)",
        )
        .run(newId(), core.actor.orgId, JSON.stringify(packed), now, now);
      expect(laptopPolicy(core).source).toBe('server');
      expect(() => write(core, { table: 'invoices', op: 'insert', fields: { ...invoice, invoice_number: 'I-2' } })).toThrow(/may not create invoices/);
    } finally {
      core.close();
    }
  });
});
