/**
 * A first sync sets the search triggers of cases and persons aside and rebuilds their full-text rows and
 * search queue afterwards (src-main/sync/first-sync-search.ts). A laptop killed (SIGKILL, a real
 * `casework`-like process: first-sync-killed.ts) while the triggers are aside, or halfway through the
 * rebuild, opens with its triggers back, and its next sync leaves the full-text indexes and the queue
 * exactly what the rows call for, nothing owed.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, openCore, type Core } from '../../src-main/core/core';
import { openDatabase } from '../../src-main/db/open';
import { unlockVaultKey } from '../../src-main/vault/vault';
import { login, syncOnce } from '../../src-main/sync';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { claimVersions } from '../../sync-server/src/versions';

const CASES = 3000;
const PASSPHRASE = 'first sync crash test passphrase';
const TRIGGERS = ['cases_fts_ai', 'search_embed_cases_ai', 'persons_fts_ai', 'search_embed_persons_ai'];

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
const root = mkdtempSync(join(tmpdir(), 'cw-first-sync-crash-'));
chmodSync(root, 0o755);

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'First sync crash' });
  const c = await srv.db.pool.connect();
  try {
    await c.query('BEGIN');
    await claimVersions(c);
    await c.query(
      `INSERT INTO cases (id, org_id, version, created_at, updated_at, case_number, case_type, status, client_data, deleted_at)
       SELECT gen_random_uuid(), $1, nextval('row_version_seq'), now(), now(), 'K-' || g, 'EXPRESS_ENTRY_FSW', 'draft',
              jsonb_build_object('name', (ARRAY['García López','Amara Okafor','Zoë Tremblay'])[1 + g % 3] || ' ' || g),
              CASE WHEN g % 40 = 0 THEN now() ELSE NULL END
       FROM generate_series(1, $2) g`,
      [org.orgId, CASES],
    );
    await c.query(
      `INSERT INTO persons (id, org_id, version, created_at, updated_at, case_id, first_name, last_name, passport_info)
       SELECT gen_random_uuid(), $1, nextval('row_version_seq'), now(), now(), id, 'Chidi', 'Okafor-' || case_number, jsonb_build_object('number', 'P' || case_number)
       FROM cases WHERE org_id = $1`,
      [org.orgId],
    );
    await c.query('COMMIT');
  } finally {
    c.release(true);
  }
}, 120_000);

afterAll(async () => {
  await srv?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A new vault, logged in to the firm, closed: the killed process opens it. */
async function loggedInVault(name: string): Promise<string> {
  const dataDir = join(root, name);
  const core = await createVault({ dataDir, passphrase: PASSPHRASE, prefer: 'passphrase' });
  await login(core, { server: srv.url, email: org.email, password: org.password, deviceName: name });
  core.close();
  return dataDir;
}

/** Run the first sync in its own process until `stage`, then SIGKILL it. */
async function killedAt(dataDir: string, stage: 'loading' | 'rebuild'): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'first-sync-killed.ts'), dataDir, stage], {
    env: { ...process.env, CASEWORK_PASSPHRASE: PASSPHRASE },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code, signal) => ok(signal ? null : code)));
  const line = await new Promise<string>((ok, fail) => {
    createInterface({ input: child.stdout! }).once('line', ok);
    child.once('exit', (code) => fail(new Error(`the syncing process exited (${code}) before ${stage}`)));
  });
  expect(JSON.parse(line)).toEqual({ stage });
  child.kill('SIGKILL');
  expect(await exited).toBeNull();
}

/** The database as the killed process left it, opened without openCore (which puts triggers back). */
async function asLeft<T>(dataDir: string, read: (db: ReturnType<typeof openDatabase>) => T): Promise<T> {
  const { file, key } = await unlockVaultKey(dataDir, { passphrase: PASSPHRASE, prefer: 'passphrase' });
  const db = openDatabase({ file: join(dataDir, file.database), key, cipher: file.cipher, migrate: false });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const triggersPresent = (db: Core['db']) =>
  db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN (${TRIGGERS.map(() => '?').join(',')}) ORDER BY name`)
    .pluck()
    .all(...TRIGGERS);
const owed = (db: Core['db']) =>
  db.prepare("SELECT key FROM vault_meta WHERE key LIKE 'search_rebuild:%' OR key LIKE 'trigger_set_aside:%' ORDER BY key").pluck().all();

/** What the search triggers would have written for the rows the vault holds: exactly that. */
function expectSearchUpkeepWhole(core: Core): void {
  const db = core.db;
  const all = (sql: string) => db.prepare(sql).raw().all();
  expect(db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(CASES);
  expect(db.prepare('SELECT count(*) FROM persons').pluck().get()).toBe(CASES);
  expect(all('SELECT rowid, case_number, client_name FROM cases_fts ORDER BY rowid')).toEqual(
    all("SELECT rowid, case_number, json_extract(client_data, '$.name') FROM cases WHERE deleted_at IS NULL ORDER BY rowid"),
  );
  expect(all('SELECT rowid, name, details FROM persons_fts ORDER BY rowid')).toEqual(
    all('SELECT rid, name, details FROM persons_fts_source WHERE deleted_at IS NULL ORDER BY rid'),
  );
  expect(all("SELECT kind, ref_id FROM search_embed_queue WHERE kind IN ('case', 'person') ORDER BY kind, ref_id")).toEqual(
    all("SELECT 'case', id FROM cases UNION ALL SELECT 'person', id FROM persons ORDER BY 1, 2"),
  );
  // The queue's order numbers stay distinct (the indexer drops entries by them).
  expect(db.prepare('SELECT count(DISTINCT seq) = count(*) FROM search_embed_queue').pluck().get()).toBe(1);
  for (const fts of ['cases_fts', 'persons_fts']) db.prepare(`INSERT INTO ${fts} (${fts}) VALUES ('integrity-check')`).run();
  expect(db.prepare("SELECT count(*) FROM cases_fts WHERE cases_fts MATCH 'tremblay'").pluck().get()).toBeGreaterThan(900);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(triggersPresent(db)).toEqual([...TRIGGERS].sort());
  expect(owed(db)).toEqual([]);
}

describe('a first sync killed while its search upkeep is deferred', () => {
  it('killed while the triggers are set aside: they are back at the next opening, and the next sync rebuilds the rest', async () => {
    const dataDir = await loggedInVault('killed-loading');
    await killedAt(dataDir, 'loading');
    const left = await asLeft(dataDir, (db) => ({
      cases: db.prepare('SELECT count(*) FROM cases').pluck().get() as number,
      fts: db.prepare('SELECT count(*) FROM cases_fts').pluck().get() as number,
      triggers: triggersPresent(db),
      owed: owed(db),
    }));
    // Some cases are written, none indexed, the insert triggers gone, and both recorded.
    expect(left.cases).toBeGreaterThan(0);
    expect(left.fts).toBe(0);
    expect(left.triggers).not.toContain('cases_fts_ai');
    expect(left.owed).toContain('trigger_set_aside:cases_fts_ai');
    expect(left.owed).toContain('search_rebuild:cases');

    const core = await openCore({ dataDir, passphrase: PASSPHRASE });
    try {
      // Back before anything writes: a case made now is indexed by its trigger.
      expect(triggersPresent(core.db)).toEqual([...TRIGGERS].sort());
      await syncOnce(core);
      expectSearchUpkeepWhole(core);
    } finally {
      core.close();
    }
  }, 180_000);

  it('killed halfway through the rebuild: the next sync goes on from where it stopped', async () => {
    const dataDir = await loggedInVault('killed-rebuild');
    await killedAt(dataDir, 'rebuild');
    const left = await asLeft(dataDir, (db) => ({
      progress: JSON.parse((db.prepare("SELECT value FROM vault_meta WHERE key = 'search_rebuild:cases'").pluck().get() as string) ?? 'null') as {
        next: number;
        upTo: number;
      } | null,
      fts: db.prepare('SELECT count(*) FROM cases_fts').pluck().get() as number,
      cases: db.prepare('SELECT count(*) FROM cases').pluck().get() as number,
    }));
    // All the cases are in; the rebuild stopped part way, its place recorded.
    expect(left.cases).toBe(CASES);
    expect(left.progress).not.toBeNull();
    expect(left.progress!.next).toBeGreaterThan(1);
    expect(left.progress!.next).toBeLessThanOrEqual(left.progress!.upTo);
    expect(left.fts).toBeGreaterThan(0);
    expect(left.fts).toBeLessThan(CASES);

    const core = await openCore({ dataDir, passphrase: PASSPHRASE });
    try {
      await syncOnce(core);
      expectSearchUpkeepWhole(core);
    } finally {
      core.close();
    }
  }, 180_000);
});
