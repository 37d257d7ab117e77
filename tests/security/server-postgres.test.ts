// Attack (issue 13, row 3): the embedded cluster's superuser password was fixed in the source and the
// cluster listened on 127.0.0.1, so any local account could connect, read server_keys and forge an
// owner's token. Now: no TCP listener, random passwords in a 0600 file under --data, and the server's
// pool is not a superuser (RLS applies once withOrg switches to casework_app). A data folder made with
// the old fixed password still starts, and that password stops working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';

const OLD_PASSWORD = 'casework-local';
let dataDir: string;
let srv: TestServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cw-sec-pg-'));
  srv = await startTestServer({ dataDir });
});
afterAll(async () => {
  await srv?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The port the cluster was started with (postmaster.pid line 4), whatever the server did with it. */
const clusterPort = () => Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]);
const socketDir = () => (JSON.parse(readFileSync(join(dataDir, 'cluster.json'), 'utf8')) as { socketDir: string }).socketDir;

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      ok(true);
    });
    s.on('error', () => ok(false));
  });
}

async function canLogIn(connectionString: string): Promise<boolean> {
  const c = new pg.Client({ connectionString, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

describe('embedded Postgres (row 3)', () => {
  it('has no TCP listener, a random 0600 password, and the app pool is no superuser', async () => {
    // Old code: 127.0.0.1:<port> accepted postgres/casework-local.
    expect(await tcpOpen(clusterPort())).toBe(false);
    expect(await canLogIn(`postgres://postgres:${OLD_PASSWORD}@127.0.0.1:${clusterPort()}/casework`)).toBe(false);
    const file = join(dataDir, 'postgres-secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(file, 'utf8')) as { superuser: string; app: string };
    expect(secrets.superuser).not.toBe(OLD_PASSWORD);
    expect(secrets.superuser.length).toBeGreaterThanOrEqual(40);
    expect(await canLogIn(`postgres://postgres:${OLD_PASSWORD}@localhost/casework?host=${encodeURIComponent(socketDir())}&port=5432`)).toBe(false);
    // The socket's folder is private to the cluster's owner.
    expect(statSync(socketDir()).mode & 0o077).toBe(0);

    const me = await srv.db.pool.query(`SELECT current_user AS u, rolsuper FROM pg_roles WHERE rolname = current_user`);
    expect(me.rows[0]).toMatchObject({ u: 'casework_server', rolsuper: false });
    // What only a superuser could do, the pool cannot: run programs, disable the audit trigger, become postgres.
    await expect(srv.db.pool.query(`COPY (SELECT 1) TO PROGRAM 'true'`)).rejects.toThrow(/permission denied|must be superuser|privilege/i);
    await expect(srv.db.pool.query('ALTER TABLE server_audit DISABLE TRIGGER server_audit_no_update')).rejects.toThrow(/must be owner|permission/i);
    await expect(srv.db.pool.query('SET ROLE postgres')).rejects.toThrow(/permission denied/);
    await expect(srv.db.pool.query('DELETE FROM server_audit')).rejects.toThrow(/permission denied/);
    // Inside withOrg the same login is subject to RLS: another org's rows are invisible.
    const a = await srv.createOrg();
    const b = await srv.createOrg();
    const seen = await srv.db.withOrg(a.orgId, (tx) => tx.query('SELECT count(*)::int AS n FROM org_memberships WHERE org_id = $1', [b.orgId]));
    expect(seen.rows[0].n).toBe(0);
    expect((await srv.db.pool.query('SELECT count(*)::int AS n FROM org_memberships WHERE org_id = $1', [b.orgId])).rows[0].n).toBe(1);
  });

  it('a data folder made with the old fixed password starts, and that password no longer works', async () => {
    const org = await srv.createOrg();
    // Put the cluster back as the old code left it: superuser password in the source, no secrets file.
    const su = new pg.Client({ connectionString: srv.databaseUrl });
    await su.connect();
    await su.query(`ALTER ROLE postgres PASSWORD '${OLD_PASSWORD}'`);
    await su.end();
    await srv.close();
    unlinkSync(join(dataDir, 'postgres-secrets.json'));

    srv = await startTestServer({ dataDir });
    expect((await srv.login(org.email, org.password)).memberships).toEqual([{ orgId: org.orgId, role: 'owner' }]);
    expect(statSync(join(dataDir, 'postgres-secrets.json')).mode & 0o777).toBe(0o600);
    expect(await canLogIn(`postgres://postgres:${OLD_PASSWORD}@localhost/casework?host=${encodeURIComponent(socketDir())}&port=5432`)).toBe(false);
    expect(await canLogIn(srv.databaseUrl)).toBe(true);
  });
});
