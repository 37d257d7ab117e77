/** The local audit chain detects tampering; the SQLite replica matches the one schema spec exactly. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createVault } from '../../src-main/core/core';
import { verifyLocalAudit } from '../../src-main/core/audit';
import { createCase, setCaseStatus } from '../../src-main/cases/cases';
import { addTask, setTaskStatus } from '../../src-main/cases/tasks';
import { write } from '../../src-main/core/writer';
import { TABLES, columnsOf, syncColumns } from '../../src-shared/schema/tables';
import { tempDir, PASS } from '../support/cli';

describe('local audit log', () => {
  it('records old and new values of every change and detects an edited or deleted entry', async () => {
    const core = await createVault({ dataDir: join(tempDir(), 'v'), passphrase: PASS });
    try {
      const c = createCase(core, { caseType: 'EXPRESS_ENTRY_FSW', client: 'Priya Sharma' });
      setCaseStatus(core, c.id as string, 'consultation');
      const entry = core.db
        .prepare("SELECT * FROM audit_log WHERE table_name = 'cases' AND event_type = 'update' AND changed_fields LIKE '%status%'")
        .get() as any;
      expect(JSON.parse(entry.old_values)).toMatchObject({ status: 'draft' });
      expect(JSON.parse(entry.new_values)).toMatchObject({ status: 'consultation' });
      expect(verifyLocalAudit(core.db).ok).toBe(true);
      core.db.prepare('UPDATE audit_log SET new_values = \'{"status":"approved"}\' WHERE id = ?').run(entry.id);
      const v = verifyLocalAudit(core.db);
      expect(v.ok).toBe(false);
      expect(v.firstBrokenSeq).toBe(entry.seq);
    } finally {
      core.close();
    }
  });

  it('detects a deleted entry', async () => {
    const core = await createVault({ dataDir: join(tempDir(), 'v'), passphrase: PASS });
    try {
      createCase(core, { caseType: 'STUDY_PERMIT', client: 'Mateo García' });
      core.db.prepare('DELETE FROM audit_log WHERE seq = 3').run();
      expect(verifyLocalAudit(core.db)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    } finally {
      core.close();
    }
  });
});

describe('domain rules', () => {
  it('refuses to complete a task whose dependency is open, and refuses cycles', async () => {
    const core = await createVault({ dataDir: join(tempDir(), 'v'), passphrase: PASS });
    try {
      const c = createCase(core, { caseType: 'WORK_PERMIT', client: 'Kwame Mensah' });
      const a = addTask(core, { caseId: c.id as string, title: 'Get LMIA' });
      const b = addTask(core, { caseId: c.id as string, title: 'File work permit', dependsOn: [a.id as string] });
      expect(() => setTaskStatus(core, b.id as string, 'completed')).toThrow(/waits for: "Get LMIA"/);
      expect(() => write(core, { table: 'tasks', op: 'update', id: a.id as string, fields: { depends_on: 'nope' as never } })).toThrow(/depends_on/);
      const { setTaskDependencies } = await import('../../src-main/cases/tasks');
      expect(() => setTaskDependencies(core, a.id as string, [b.id as string])).toThrow(/cycle/);
      setTaskStatus(core, a.id as string, 'completed');
      expect(setTaskStatus(core, b.id as string, 'completed').status).toBe('completed');
    } finally {
      core.close();
    }
  });
});

describe('schema drift: SQLite replica vs the spec', () => {
  it('no business column shadows a sync column (the server owns id, org_id, version, timestamps)', () => {
    for (const spec of Object.values(TABLES)) {
      const clash = Object.keys(spec.columns).filter((c) => c in syncColumns(spec));
      expect(clash, spec.name).toEqual([]);
    }
  });

  it('has exactly the spec columns, with matching nullability, for every table', async () => {
    const core = await createVault({ dataDir: join(tempDir(), 'v'), passphrase: PASS });
    try {
      for (const spec of Object.values(TABLES)) {
        const actual = core.db.prepare(`PRAGMA table_info(${spec.name})`).all() as Array<{ name: string; notnull: number; type: string; pk: number }>;
        const expected = columnsOf(spec);
        expect(actual.map((c) => c.name).sort(), spec.name).toEqual(Object.keys(expected).sort());
        for (const c of actual) {
          const col = expected[c.name];
          const wantType = ['int', 'bigint', 'bool'].includes(col.kind) ? 'integer' : 'text';
          expect(c.type.toLowerCase(), `${spec.name}.${c.name}`).toBe(wantType);
          if (!c.pk) expect(Boolean(c.notnull), `${spec.name}.${c.name} not null`).toBe(col.notNull);
        }
        for (const u of spec.unique ?? []) {
          const idx = core.db.prepare(`PRAGMA index_list(${spec.name})`).all() as Array<{ name: string; unique: number }>;
          const found = idx
            .filter((i) => i.unique)
            .some((i) => {
              const cols = (core.db.prepare(`PRAGMA index_info(${i.name})`).all() as Array<{ name: string }>).map((x) => x.name);
              return JSON.stringify(cols) === JSON.stringify(u);
            });
          expect(found, `${spec.name} unique(${u.join(',')})`).toBe(true);
        }
      }
    } finally {
      core.close();
    }
  });
});
