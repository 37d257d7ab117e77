// A live laptop survives another process opening its vault (issue 18): `casework sync` (live) pulls a
// firm of ~20,000 rows for the first time while another process opens the same vault over and over
// (migrations, a write, close with a WAL checkpoint). Before: the sync died with "database is locked"
// (a deferred transaction that had read could not become a writer once the other process had written,
// and SQLite answers that without waiting). Now write transactions begin IMMEDIATE and a busy start is
// retried: both processes finish their work, nothing is lost, nothing exits with an error.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../src-main/core/core';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { claimVersions } from '../../sync-server/src/versions';
import { PASS, spawnCli } from '../support/cli';
import { joinedLaptop, type Laptop } from './support';

const CASES = 4000;
const ROWS = CASES * 5; // a case, its person, three tasks
let srv: TestServer;
let lap: Laptop;

beforeAll(async () => {
  srv = await startTestServer();
  const org = await srv.createOrg({ name: 'Busy' });
  const db = new pg.Client({ connectionString: srv.databaseUrl });
  await db.connect();
  try {
    await db.query('BEGIN');
    await claimVersions(db as never);
    await db.query(
      `INSERT INTO cases (id, org_id, version, created_at, updated_at, case_number, case_type, status)
       SELECT gen_random_uuid(), $1, nextval('row_version_seq'), now(), now(), 'B-' || g, 'express_entry', 'active' FROM generate_series(1, $2) g`,
      [org.orgId, CASES],
    );
    await db.query(
      `INSERT INTO persons (id, org_id, version, created_at, updated_at, case_id, first_name, last_name)
       SELECT gen_random_uuid(), $1, nextval('row_version_seq'), now(), now(), id, 'First', 'Last' FROM cases WHERE org_id = $1`,
      [org.orgId],
    );
    await db.query(
      `INSERT INTO tasks (id, org_id, version, created_at, updated_at, case_id, title, status)
       SELECT gen_random_uuid(), $1, nextval('row_version_seq'), now(), now(), c.id, 'Task ' || g, 'pending'
       FROM cases c CROSS JOIN generate_series(1, 3) g WHERE c.org_id = $1`,
      [org.orgId],
    );
    await db.query('COMMIT');
  } finally {
    await db.end();
  }
  lap = await joinedLaptop(srv.url, org.email, org.password, 'busy');
}, 120_000);
afterAll(async () => srv?.close());

describe('a live sync and another process on one vault', () => {
  it('neither dies of "database is locked"; every row arrives', async () => {
    const live = spawnCli(['sync', '--data', lap.data]);
    let liveErr = '';
    live.stderr!.on('data', (d) => (liveErr += d));
    const liveExit = new Promise<number | null>((r) => live.once('exit', (code) => r(code)));
    const syncing = new Promise<void>((ok) => createInterface({ input: live.stdout! }).on('line', (l) => /Syncing live/.test(l) && ok()));

    // The other process starts with the first pull and keeps opening the vault for a while after it.
    const other = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'busy-opener.ts'), lap.data, '8000'], {
      env: { ...process.env, CASEWORK_PASSPHRASE: PASS },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let otherOut = '';
    let otherErr = '';
    other.stdout!.on('data', (d) => (otherOut += d));
    other.stderr!.on('data', (d) => (otherErr += d));
    const otherExit = new Promise<number | null>((r) => other.once('exit', (code) => r(code)));

    const first = await Promise.race([syncing.then(() => 'syncing'), liveExit.then((c) => `exited ${c}: ${liveErr}`)]);
    expect(first).toBe('syncing');
    expect(await otherExit, otherErr).toBe(0);
    expect(JSON.parse(otherOut.trim().split('\n').pop()!).opens).toBeGreaterThan(5);
    // Still live after the other process is done, and it said nothing of a locked database.
    expect(live.exitCode).toBeNull();
    live.kill('SIGTERM');
    expect(await liveExit).toBe(0);
    expect(liveErr).not.toMatch(/locked|busy/i);
    const core = await openCore({ dataDir: lap.data, passphrase: PASS });
    try {
      const n = (t: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE org_id = ?`).get(core.actor.orgId) as { n: number }).n;
      expect(n('cases') + n('persons') + n('tasks')).toBe(ROWS);
    } finally {
      core.close();
    }
  }, 150_000);
});
