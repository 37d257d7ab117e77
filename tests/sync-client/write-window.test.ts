/**
 * A first sync keeps one transaction open over several chunks (sync/page-apply.ts, the write window).
 * Work that cannot run inside a transaction (VACUUM for a backup or an erasure) settles it first, and
 * closing the vault commits it: nothing pulled is lost and nothing fails for the window being open.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createVault, openCore } from '../../src-main/core/core';
import { createCase } from '../../src-main/cases/cases';
import { applyRows } from '../../src-main/sync/page-apply';
import { fromDb } from '../../src-main/db/wire';
import { tempDir, PASS } from '../support/cli';

const text = (v: unknown) => (v == null ? null : typeof v === 'boolean' ? (v ? 't' : 'f') : typeof v === 'object' ? JSON.stringify(v) : String(v));

describe('the write window of a first sync', () => {
  it('is committed by core.settle() before a VACUUM, and by closing the vault', async () => {
    const dataDir = join(tempDir(), 'v');
    const core = await createVault({ dataDir, passphrase: PASS });
    createCase(core, { caseType: 'EXPRESS_ENTRY_FSW', client: 'Template Client' });
    const model = fromDb('cases', core.db.prepare('SELECT * FROM cases').get() as Record<string, unknown>)!;
    const columns = Object.keys(model);
    const n = 20_000;
    const page = Array.from({ length: n }, (_, i) => {
      const row: Record<string, unknown> = { ...model, id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`, case_number: `S-${i}` };
      return columns.map((c) => text(row[c]));
    });
    const applying = applyRows(core, 'cases', columns, page);
    // Let a few chunks run: the window is then open between them.
    for (let i = 0; i < 5 && !core.db.inTransaction; i++) await new Promise((r) => setTimeout(r, 5));
    expect(core.db.inTransaction).toBe(true);
    expect(() => core.db.exec('VACUUM')).toThrow(/within a transaction/);
    core.settle();
    expect(core.db.inTransaction).toBe(false);
    core.db.exec('VACUUM');
    const written = await applying;
    expect(written).toBe(n);
    // A window left open by a page still being written is committed when the vault closes.
    const again = applyRows(
      core,
      'cases',
      columns,
      page.map((r) => r.map((v, k) => (columns[k] === 'status' ? 'active' : v))),
    );
    for (let i = 0; i < 5 && !core.db.inTransaction; i++) await new Promise((r) => setTimeout(r, 5));
    core.close();
    await again.catch(() => undefined);
    const reopened = await openCore({ dataDir, passphrase: PASS });
    const counts = reopened.db.prepare("SELECT count(*) AS all_, sum(status = 'active') AS active FROM cases").get() as { all_: number; active: number };
    reopened.close();
    expect(counts.all_).toBe(n + 1);
    // Whatever chunks of the second page ran before the close are on disk.
    expect(counts.active).toBeGreaterThan(0);
  }, 120_000);
});
