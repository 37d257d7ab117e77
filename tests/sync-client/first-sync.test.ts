/**
 * A first sync written the fast way (snapshot pages through page-apply.ts: values converted per column,
 * one upsert per row, chunks inside write windows) leaves the vault exactly as the per-row path does
 * (remote-rows.ts applyRemoteRow, which the Electric shape stream still takes): the same stored rows,
 * the same full-text hits, the same search queue, sound indexes. The per-row laptop reads the same real
 * server through a proxy that answers 404 to /v1/snapshot, as an older server would. Several thousand
 * rows, so pages and chunks are many; values of every kind (accents, JSON, decimals, booleans, dates,
 * timestamps with microseconds, tombstones).
 */
import { createServer, request, type Server } from 'node:http';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, type Core } from '../../src-main/core/core';
import { login, syncOnce } from '../../src-main/sync';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { claimVersions } from '../../sync-server/src/versions';

const CASES = 1500;
const TASKS_PER_CASE = 4; // 6,000 tasks: two snapshot pages

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let proxy: Server;
let proxyUrl: string;
const root = mkdtempSync(join(tmpdir(), 'cw-first-sync-'));
chmodSync(root, 0o755);

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'First sync' });
  const c = await srv.db.pool.connect();
  try {
    await c.query('BEGIN');
    await claimVersions(c);
    await c.query(
      `INSERT INTO cases (id, org_id, version, created_at, updated_at, case_number, case_type, status, priority, client_data, tags, total_fees, deleted_at, consultation_date)
       SELECT gen_random_uuid(), $1, nextval('row_version_seq'), now() - g * interval '1 minute 0.123457 seconds', now(), 'F-' || g, 'EXPRESS_ENTRY_FSW',
              (ARRAY['draft','consultation','submitted'])[1 + g % 3], (ARRAY['low','normal','high'])[1 + g % 3],
              jsonb_build_object('name', (ARRAY['García López','Amara Okafor','Zoë Tremblay','Li Wei'])[1 + g % 4] || ' ' || g, 'note', 'ça va'),
              CASE WHEN g % 5 = 0 THEN '[]'::jsonb ELSE '["urgent", "fsw"]'::jsonb END,
              CASE WHEN g % 2 = 0 THEN 1250.5 + g ELSE NULL END,
              CASE WHEN g % 50 = 0 THEN now() ELSE NULL END,
              CASE WHEN g % 7 = 0 THEN now() ELSE NULL END
       FROM generate_series(1, $2) g`,
      [org.orgId, CASES],
    );
    await c.query(
      `INSERT INTO persons (id, org_id, version, created_at, updated_at, case_id, first_name, last_name, email, passport_info, date_of_birth)
       SELECT gen_random_uuid(), $1, nextval('row_version_seq'), now(), now(), id, 'Chidi', 'Okafor-' || case_number, lower(case_number) || '@example.test',
              jsonb_build_object('number', 'P' || case_number, 'nationality', 'NGA'), DATE '1990-01-31'
       FROM cases WHERE org_id = $1`,
      [org.orgId],
    );
    await c.query(
      `INSERT INTO tasks (id, org_id, version, created_at, updated_at, case_id, title, status, due_date, auto_generated, estimated_duration)
       SELECT gen_random_uuid(), $1, nextval('row_version_seq'), now(), now(), c.id, 'Task ' || g || ' of ' || c.case_number, 'pending',
              DATE '2026-12-01' + g, g % 2 = 0, 30 * g
       FROM cases c CROSS JOIN generate_series(1, $2) g WHERE c.org_id = $1`,
      [org.orgId, TASKS_PER_CASE],
    );
    await c.query('COMMIT');
  } finally {
    c.release(true);
  }
  // An older server: no /v1/snapshot, so the laptop reads the Electric shape and writes row by row.
  const target = new URL(srv.url);
  proxy = createServer((req, res) => {
    if (req.url?.startsWith('/v1/snapshot')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found","message":"no such route"}');
      return;
    }
    const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    req.pipe(up);
  });
  await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
}, 120_000);

afterAll(async () => {
  proxy?.close();
  await srv?.close();
  rmSync(root, { recursive: true, force: true });
});

async function laptop(name: string, server: string): Promise<Core> {
  const core = await createVault({ dataDir: join(root, name), passphrase: 'first sync test passphrase', prefer: 'passphrase' });
  await login(core, { server, email: org.email, password: org.password, deviceName: name });
  return core;
}

const rows = (core: Core, table: string) => core.db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
const hits = (core: Core, table: string, fts: string, q: string) =>
  core.db.prepare(`SELECT t.id FROM ${fts} f JOIN ${table} t ON t.rowid = f.rowid WHERE ${fts} MATCH ? ORDER BY t.id`).pluck().all(q);

describe('a first sync through snapshot pages', () => {
  it('stores what the per-row path stores: rows, full-text hits, search queue, indexes', async () => {
    const fast = await laptop('fast', srv.url);
    const perRow = await laptop('per-row', proxyUrl);
    try {
      const events: string[] = [];
      fast.events.on('change', (e: { table: string; id: string }) => events.push(`${e.table}:${e.id}`));
      await syncOnce(fast);
      await syncOnce(perRow);

      for (const table of ['cases', 'persons', 'tasks']) {
        const mine = rows(fast, table);
        expect(mine.length).toBe(table === 'tasks' ? CASES * TASKS_PER_CASE : CASES);
        expect(mine).toEqual(rows(perRow, table));
      }
      for (const q of ['garcia', 'zoe', '12*', 'okafor']) {
        const found = hits(fast, 'cases', 'cases_fts', q);
        expect(found.length).toBeGreaterThan(0);
        expect(found).toEqual(hits(perRow, 'cases', 'cases_fts', q));
      }
      for (const q of ['chidi', 'nga', 'pf*']) {
        const found = hits(fast, 'persons', 'persons_fts', q);
        expect(found.length).toBeGreaterThan(0);
        expect(found).toEqual(hits(perRow, 'persons', 'persons_fts', q));
      }
      const queue = (core: Core) => core.db.prepare('SELECT kind, ref_id FROM search_embed_queue ORDER BY kind, ref_id').all();
      expect(queue(fast)).toEqual(queue(perRow));
      expect(fast.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const byIndex = fast.db.prepare('SELECT count(*) FROM tasks INDEXED BY tasks_case_id_idx WHERE case_id IS NOT NULL').pluck().get();
      expect(byIndex).toBe(CASES * TASKS_PER_CASE);
      // A page of thousands of rows is announced per chunk, not per row.
      expect(events.filter((e) => e.startsWith('tasks:')).length).toBeLessThan(CASES * TASKS_PER_CASE);
      expect(events).toContain('tasks:*');
    } finally {
      fast.close();
      perRow.close();
    }
  }, 300_000);
});
