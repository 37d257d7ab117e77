/**
 * Issue 13, row 5, the exact sequence against a real sync server: a laptop backs up, goes on syncing,
 * is lost; its backup is restored, a case is created and `sync --once` run. The restored vault is a new
 * device: it must log in again (the old device's tokens are gone), then its new case reaches the
 * server, and what was pending in the backup is sent too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import pg from 'pg';
import type { TestServer } from '../../sync-server/src/testing';
import { tempDir } from '../support/cli';
import { joinedLaptop, run, runJson, startServer, type Laptop } from '../sync-client/support';

describe('a restored vault is a new device', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let org: Awaited<ReturnType<TestServer['createOrg']>>;
  let a: Laptop;
  let db: pg.Client;
  const onServer = async (caseId: string) => (await db.query('SELECT 1 FROM cases WHERE id = $1', [caseId])).rowCount === 1;
  const meta = async (l: Laptop) => (await l.json(['sync', 'status'])) as { deviceId: string; pendingPushes: number; rejected: number };

  beforeAll(async () => {
    srv = await startServer();
    org = await srv.createOrg();
    a = await joinedLaptop(srv.url, org.email, org.password, 'a');
    db = new pg.Client({ connectionString: srv.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await srv?.stop();
  });

  /** Restore `file` into a new folder, as the CLI does, and drive it like the other laptops. */
  const restore = async (file: string, name: string): Promise<Laptop> => {
    const data = join(tempDir(`cw-restored-${name}-`), 'vault');
    await runJson(['restore', '--from', file, '--data', data]);
    const l: Laptop = {
      data,
      run: (args, env = {}) => run([...args, '--data', data], env),
      json: (args, env = {}) => runJson([...args, '--data', data], env),
      sync: () => l.json(['sync', '--once']),
    };
    return l;
  };

  it('restore, create a case, sync --once: the case reaches the server after a new login', async () => {
    const first = await a.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Before Backup']);
    await a.sync();
    const file = join(tempDir('cw-backup-'), 'a.cwbak');
    await a.json(['backup', '--out', file]);
    // The laptop goes on working and syncing after its backup: the server's cursor moves on.
    for (const client of ['After One', 'After Two', 'After Three']) await a.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', client]);
    await a.sync();
    expect(await onServer(first.id)).toBe(true);

    const b = await restore(file, 'b');
    const restored = await b.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Made After Restore']);
    const attempt = await b.run(['sync', '--once', '--json']);
    // Never "applied, nothing pending" for a case the server did not take.
    expect(attempt.code).not.toBe(0);
    expect(attempt.stderr).toMatch(/log ?in/i);
    expect((await meta(b)).pendingPushes).toBeGreaterThan(0);

    const login = await b.json(['login', '--server', srv.url, '--email', org.email], { CASEWORK_PASSWORD: org.password });
    expect(login.deviceId).not.toBe((await meta(a)).deviceId);
    const s = await b.sync();
    expect(s.rejected).toBe(0);
    expect(await meta(b)).toMatchObject({ pendingPushes: 0, rejected: 0 });
    expect(await onServer(restored.id)).toBe(true);
    // The original laptop keeps working on its own device and client id.
    const later = await a.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Original Goes On']);
    await a.sync();
    expect(await onServer(later.id)).toBe(true);
    // ~15 CLI calls, each deriving a 128 MiB Argon2id key (1-3 s under this machine's load).
  }, 300_000);

  it('what was pending in the backup is not lost', async () => {
    const pending = await a.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Pending In Backup']);
    const file = join(tempDir('cw-backup-'), 'pending.cwbak');
    await a.json(['backup', '--out', file]);
    // The laptop is lost before it syncs again.
    const c = await restore(file, 'c');
    expect((await meta(c)).pendingPushes).toBeGreaterThan(0);
    await c.json(['login', '--server', srv.url, '--email', org.email], { CASEWORK_PASSWORD: org.password });
    expect((await c.sync()).rejected).toBe(0);
    expect(await onServer(pending.id)).toBe(true);
    expect(await meta(c)).toMatchObject({ pendingPushes: 0, rejected: 0 });
  }, 300_000);
});
