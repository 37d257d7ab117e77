/**
 * The case list's total for its default view is counted through cases_live_count_idx (migration
 * cases_live_count): deleted cases are not counted, and the page itself still reads live cases newest
 * first through cases_live_updated_idx (not a sort of every row). A real encrypted vault.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createVault } from '../../src-main/core/core';
import { write } from '../../src-main/core/writer';
import { createCase, listCases } from '../../src-main/cases/cases';
import { PASS, tempDir } from '../support/cli';

describe('case list total', () => {
  it('counts live cases only, through the count index, and pages newest first without a sort', async () => {
    const core = await createVault({ dataDir: join(tempDir(), 'v'), passphrase: PASS });
    try {
      const made = Array.from({ length: 5 }, (_, i) => createCase(core, { caseType: 'EXPRESS_ENTRY_FSW', client: `Client ${i}` }));
      write(core, { table: 'cases', op: 'delete', id: made[1]!.id as string });
      // limit 2 < 4 live cases: the total must be counted, not taken from the page.
      const { items, total } = listCases(core, { limit: 2 });
      expect(total).toBe(4);
      expect(items.map((c) => c.id)).not.toContain(made[1]!.id);
      const plan = (sql: string) => (core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
      expect(plan(`SELECT count(*) FROM cases c WHERE c.deleted_at IS NULL AND typeof(c.id) = 'text'`)).toContain('cases_live_count_idx');
      const page = plan(`SELECT c.id FROM cases c WHERE c.deleted_at IS NULL ORDER BY c.updated_at DESC, c.id DESC LIMIT 100`);
      expect(page).toContain('cases_live_updated_idx');
      expect(page).not.toContain('TEMP B-TREE');
    } finally {
      core.close();
    }
  });
});
