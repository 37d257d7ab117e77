/**
 * "Why can this user see this case / field" (issue 14 item 6) from a real encrypted vault's replica: the
 * deciding rule in words and the facts, for a member on the case, one not on it, and the owner; the
 * answer is the engine's own (it agrees with fieldAccess), and only an owner or admin may ask.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createVault } from '../../src-main/core/core';
import { write } from '../../src-main/core/writer';
import { handlers } from '../../src-main/app/handlers';
import { newId } from '../../src-shared/ids';
import { tempDir, PASS } from '../support/cli';

describe('policy.explain', () => {
  it("says why a member sees a case and its passport numbers as they do, and lists a role's permissions", async () => {
    const core = await createVault({ dataDir: join(tempDir(), 'v'), passphrase: PASS });
    try {
      const staff = newId();
      const now = new Date().toISOString();
      core.db
        .prepare('INSERT INTO org_memberships (id, org_id, user_id, role, version, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)')
        .run(newId(), core.actor.orgId, staff, 'staff', now, now);
      const on = write(core, { table: 'cases', op: 'insert', fields: { case_number: 'W-1', case_type: 'X', assigned_staff: [staff] } });
      const off = write(core, { table: 'cases', op: 'insert', fields: { case_number: 'W-2', case_type: 'X' } });
      const explain = async (userId: string, caseId?: string) => handlers['policy.explain'](core, { userId, ...(caseId ? { caseId } : {}) });

      const a = await explain(staff, on.id as string);
      expect(a).toMatchObject({ role: 'staff', source: 'built-in', case: { caseNumber: 'W-1', read: { allowed: true, facts: { as: 'staff' } } } });
      expect(a.case!.read.rule!.text).toMatch(/^allows read on .*cases.* when as is not none$/);
      const passport = a.case!.fields.find((f) => f.field === 'passport_info.number')!;
      expect(passport.access).toBe('partial');
      expect(passport.because.rule!.text).toBe('allows read_partial on persons (fields passport_info.number, custom_fields.sin, custom_fields.ni_number)');
      expect(a.permissions.length).toBeGreaterThan(5);

      const b = await explain(staff, off.id as string);
      expect(b.case!.read).toMatchObject({ allowed: false, facts: { as: 'none' } });
      expect(b.case!.fields.every((f) => f.access !== 'full')).toBe(true);

      const o = await explain(core.actor.userId, off.id as string);
      expect(o.case!.read.allowed).toBe(true);
      expect(o.case!.fields.map((f) => f.access)).toEqual(['full', 'full', 'full']);
      expect(o.case!.read.rule!.text).toBe('allows manage on everything');

      await expect(explain(newId())).rejects.toThrow(/no member/);
      core.db.prepare('UPDATE org_memberships SET role = ? WHERE user_id = ?').run('staff', core.actor.userId);
      core.actor.role = 'staff';
      await expect(explain(staff)).rejects.toThrow(/only an owner or admin/);
    } finally {
      core.close();
    }
  }, 60_000);
});
