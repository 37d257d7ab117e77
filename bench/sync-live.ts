/**
 * Live sync benchmark (issue 18): --laptops simulated laptops (default 1,000) in --firms firms (default
 * 10), each running the app's live channel loop (src-main/sync/live.ts, through tests/support/live-laptop:
 * one long-poll, then the named shapes read through snapshot pages from their offsets; the vault kept in
 * memory), against real `casework-sync start` processes on one Postgres:
 *  1. one instance: --edits edits (default 100, one every --edit-gap ms, default 100) spread over the
 *     firms, each a change to one case pushed by the firm's admin. Per edit: how long until every laptop that may see it (the firm's admins and the
 *     case's consultant) has read it (p50/p99, target p99 <= 1 s), and how many Postgres round trips
 *     and transactions it cost (target <= 2 x the laptops that may see it); open connections per laptop
 *     (target <= 2); Postgres transactions per idle laptop per second (target <= 0.1); server memory
 *     per connected laptop;
 *  2. the same through HAProxy in front of two instances;
 *  3. today's design in the same run, for comparison: the server as it was before the live channel
 *     (git archive of --old-commit, default 57d914a) with --old-laptops laptops (default 20) each holding
 *     one live shape request per synced table, as startSyncLoop did: transactions per idle laptop per
 *     second and per edit.
 * Figures come from Postgres (pg_stat_database) and the servers' own counters (CASEWORK_SYNC_STATS=1).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir, uptime as osUptime } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setMaxListeners } from 'node:events';
import pg from 'pg';
import { newId } from '../src-shared/ids';
import { SYNCED_TABLES } from '../src-shared/schema/tables';
import { freePort } from '../sync-server/src/db/postgres';
import { signAccess } from '../sync-server/src/auth';
import { SimLaptop } from '../tests/support/live-laptop';
import { startHaproxy, startInstance, type Instance } from '../tests/support/instances';
import { flag, percentile, table } from './_util';

const ROOT = join(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Server {
  url: string;
  port: number;
  child: ChildProcess;
  stats(): Promise<{ queries: number; rss: number; live: Record<string, number>; feed?: Record<string, number> }>;
  stop(): Promise<void>;
}

/** `casework-sync start --data dir` (embedded Postgres) from `root` (this tree, or an old one), with stats. */
async function startOwner(root: string, dir: string): Promise<Server & { databaseUrl: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'sync-server', 'bin', 'casework-sync.mjs'), 'start', '--port', String(port), '--data', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CASEWORK_SYNC_STATS: '1' },
  });
  const lines = createInterface({ input: child.stdout! });
  const waiters: Array<(l: string) => void> = [];
  const url = await new Promise<string>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`casework-sync start exited with ${code}`)));
    lines.on('line', (l) => {
      for (const w of waiters.splice(0)) w(l);
      const m = /"url":"([^"]+)"/.exec(l);
      if (m) ok(m[1]!);
    });
  });
  const { url: databaseUrl } = JSON.parse(readFileSync(join(dir, 'cluster.json'), 'utf8')) as { url: string };
  return { url, port, child, databaseUrl, stats: statsOf(child, waiters), stop: () => stopChild(child) };
}

function statsOf(child: ChildProcess, waiters: Array<(l: string) => void>) {
  return () =>
    new Promise<{ queries: number; rss: number; live: Record<string, number> }>((ok) => {
      const take = (l: string) => (l.includes('"live stats"') ? ok(JSON.parse(l)) : waiters.push(take));
      waiters.push(take);
      child.kill('SIGUSR2');
    });
}
const stopChild = (child: ChildProcess) =>
  new Promise<void>((ok) => {
    if (child.exitCode !== null) return ok();
    child.once('exit', () => ok());
    child.kill('SIGTERM');
  });

function asServer(i: Instance): Server {
  const waiters: Array<(l: string) => void> = [];
  i.onLine((l) => {
    for (const w of waiters.splice(0)) w(l);
  });
  return { url: i.url, port: i.port, child: i.child, stats: statsOf(i.child, waiters), stop: () => i.stop() };
}

/** Established TCP connections whose local (server-side) port is `port`. */
function connectionsOn(port: number): number {
  const out = execFileSync('ss', ['-Htn', 'state', 'established', `( sport = :${port} )`]).toString();
  return out.split('\n').filter((l) => l.trim()).length;
}
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const xacts = async (db: pg.Pool) =>
  Number((await db.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = 'casework'`)).rows[0].n);
const lastVersion = async (db: pg.Pool) => Number((await db.query(`SELECT last_value FROM row_version_seq`)).rows[0].last_value);

interface Firm {
  orgId: string;
  admins: Array<{ userId: string; deviceId: string }>;
  consultants: Array<{ userId: string; deviceId: string }>;
  cases: Array<{ id: string; consultant: number }>;
}

/** Firms, users, memberships, devices and cases written straight into Postgres (the bench measures live sync, not loading). */
async function loadFirms(db: pg.Pool, nFirms: number, perFirm: number, adminsPerFirm: number): Promise<Firm[]> {
  const firms: Firm[] = [];
  const c = await db.connect();
  try {
    await c.query('BEGIN');
    await c.query(`SELECT pg_advisory_xact_lock_shared(4611686018427387904 + last_value + is_called::int) FROM row_version_seq`);
    const ins = async (t: string, row: Record<string, unknown>) => {
      const names = Object.keys(row);
      await c.query(
        `INSERT INTO "${t}" (${names.join(', ')}, created_at, updated_at, version) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}, now(), now(), nextval('row_version_seq'))`,
        names.map((n) => row[n]),
      );
    };
    for (let f = 0; f < nFirms; f++) {
      const orgId = newId();
      await ins('organizations', { id: orgId, org_id: orgId, name: `Firm ${f}` });
      const firm: Firm = { orgId, admins: [], consultants: [], cases: [] };
      for (let u = 0; u < perFirm; u++) {
        const userId = newId();
        const deviceId = newId();
        const admin = u < adminsPerFirm;
        await ins('users', { id: userId, email: `u${u}.f${f}.${orgId.slice(-6)}@bench.test`, first_name: 'B', last_name: `U${u}` });
        await ins('org_memberships', { id: newId(), org_id: orgId, user_id: userId, role: admin ? 'admin' : 'consultant', status: 'active' });
        await c.query(`INSERT INTO devices (id, user_id, name) VALUES ($1, $2, 'bench laptop')`, [deviceId, userId]);
        (admin ? firm.admins : firm.consultants).push({ userId, deviceId });
      }
      for (let k = 0; k < Math.max(10, firm.consultants.length); k++) {
        const id = newId();
        const consultant = firm.consultants[k]?.userId ?? null;
        await ins('cases', { id, org_id: orgId, case_number: `F${f}-${k}`, case_type: 'express_entry', assigned_consultant_id: consultant });
        firm.cases.push({ id, consultant: consultant ? k : -1 });
      }
      firms.push(firm);
    }
    await c.query('COMMIT');
  } finally {
    c.release(true);
  }
  return firms;
}

interface Phase {
  pushP50: number;
  /** From the push's answer to the last laptop's read. */
  afterP99: number;
  p50: number;
  p99: number;
  missed: number;
  viewers: number;
  queriesPerEdit: number;
  xactsPerEdit: number;
  connsPerLaptop: number;
  idleXactsPerLaptopS: number;
  idleRoundTripsPerLaptopS: number;
  memPerLaptop: number;
}

/**
 * Connect the laptops to `base`, measure idle cost and connections, then push the edits and time them.
 * `servers`: the instances behind base (their counters and memory are summed).
 */
async function runPhase(
  db: pg.Pool,
  key: Buffer,
  firms: Firm[],
  base: string,
  connPort: number,
  servers: Server[],
  nEdits: number,
  idleS: number,
  gapMs: number,
): Promise<Phase> {
  // What an edit costs with no laptop connected (the push, its audit): subtracted below.
  const b0 = (await Promise.all(servers.map((s) => s.stats()))).reduce((n, s) => n + s.queries, 0);
  const bx0 = await xacts(db);
  for (let i = 0; i < 5; i++) {
    const firm = firms[i % firms.length]!;
    await fetch(`${base}/v1/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signAccess(key, firm.admins[0]!, 3600)}` },
      body: JSON.stringify({
        clientId: newId(),
        orgId: firm.orgId,
        mutations: [
          { mutationId: 1, table: 'cases', op: 'update', id: firm.cases[0]!.id, fields: { immigration_program: `base ${i} ${Date.now()}` }, base: null },
        ],
      }),
    });
  }
  await sleep(300);
  const basePerEdit = ((await Promise.all(servers.map((s) => s.stats()))).reduce((n, s) => n + s.queries, 0) - b0) / 5;
  const baseXacts = ((await xacts(db)) - bx0 - 1) / 5;
  const memBefore = servers.reduce((n, s) => n + rssOf(s.child.pid!), 0);
  const v0 = await lastVersion(db);
  /** Per laptop: when it read which version of which case. */
  const seenAt = new Map<string, Map<string, { v: number; at: number }[]>>();
  const laptops: SimLaptop[] = [];
  const byDevice = new Map<string, SimLaptop>();
  const answerLog = new Map<string, string[]>();
  for (const firm of firms) {
    for (const who of [...firm.admins, ...firm.consultants]) {
      const seen = new Map<string, { v: number; at: number }[]>();
      seenAt.set(who.deviceId, seen);
      const l = new SimLaptop({
        base,
        token: signAccess(key, who, 3600),
        orgId: firm.orgId,
        syncedTo: v0,
        cursor: `${v0}.0`,
        onRow: (t, row, at) => {
          if (t !== 'cases') return;
          const id = String(row.id);
          let list = seen.get(id);
          if (!list) seen.set(id, (list = []));
          list.push({ v: Number(row.version), at });
        },
      });
      const log: string[] = [];
      answerLog.set(who.deviceId, log);
      l.start((a) => log.push(`${Math.round(performance.now())} ${a.cursor} ${a.changed.length > 3 ? `${a.changed.length} tables` : a.changed.join(',')}`));
      laptops.push(l);
      byDevice.set(who.deviceId, l);
    }
  }
  // Until every laptop's live request is in and waiting (its access read once: at the start of a phase
  // a thousand laptops connecting at once are a burst of their own, not what is measured here).
  for (const end = Date.now() + 90_000; Date.now() < end;) {
    await sleep(1000);
    const waiting = (await Promise.all(servers.map((s) => s.stats()))).reduce((n, s) => n + (s.live.waiting ?? 0), 0);
    if (waiting >= laptops.length) break;
  }
  await sleep(1000);
  const conns = connectionsOn(connPort);
  const memAfter = servers.reduce((n, s) => n + rssOf(s.child.pid!), 0);
  // Idle: what the connected laptops cost Postgres doing nothing.
  const x0 = await xacts(db);
  const qi = (await Promise.all(servers.map((s) => s.stats()))).reduce((n, s) => n + s.queries, 0);
  await sleep(idleS * 1000);
  const idle = ((await xacts(db)) - x0 - 1) / laptops.length / idleS;
  const idleQueries = (await Promise.all(servers.map((s) => s.stats()))).reduce((n, s) => n + s.queries, 0) - qi;
  console.log(`  idle: ${idleQueries} server round trips in ${idleS} s for ${laptops.length} laptops`);

  // Edits, one every gapMs, round robin over the firms.
  const q0 = (await Promise.all(servers.map((s) => s.stats()))).reduce((n, s) => n + s.queries, 0);
  const x1 = await xacts(db);
  const lags: number[] = [];
  const pushMs: number[] = [];
  const afterPush: number[] = [];
  let missed = 0;
  let viewers = 0;
  await Promise.all(
    Array.from({ length: nEdits }, async (_, i) => {
      await sleep(i * gapMs);
      const firm = firms[i % firms.length]!;
      const c = firm.cases[Math.floor(Math.random() * firm.cases.length)]!;
      const editor = firm.admins[0]!;
      const t = performance.now();
      const push = JSON.stringify({
        clientId: newId(),
        orgId: firm.orgId,
        mutations: [{ mutationId: 1, table: 'cases', op: 'update', id: c.id, fields: { immigration_program: `edit ${i} ${Date.now()}` }, base: null }],
      });
      let v: number | undefined;
      // As the app pushes: retried on a 5xx (a retry of the same mutation id is never applied twice).
      for (let attempt = 0; !v; attempt++) {
        const r = await fetch(`${base}/v1/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${signAccess(key, editor, 3600)}` },
          body: push,
        });
        const text = await r.text();
        if (r.status >= 500 && attempt < 5) {
          await sleep(200);
          continue;
        }
        const body = JSON.parse(text) as { results?: Array<{ status: string; row?: { version: number } }> };
        v = body.results?.[0]?.row?.version;
        if (r.status !== 200 || !v) throw new Error(`push failed: ${r.status} ${text.slice(0, 200)}`);
      }
      const who = c.consultant >= 0 ? [...firm.admins, firm.consultants[c.consultant]!] : [...firm.admins];
      viewers += who.length;
      const answered = performance.now();
      pushMs.push(answered - t);
      const end = t + 10_000;
      let last = t;
      for (const w of who) {
        const list = () =>
          seenAt
            .get(w.deviceId)!
            .get(c.id)
            ?.find((s) => s.v >= v);
        while (!list() && performance.now() < end) await sleep(5);
        const s = list();
        if (!s) {
          missed++;
          const l = byDevice.get(w.deviceId)!;
          console.log(
            `  missed: edit ${i} v${v} by ${firm.admins.includes(w) ? 'admin' : 'consultant'}; laptop answers ${l.answers} reads ${l.reads} errors ${l.errors} ${String(l.lastError ?? '').slice(0, 120)}; saw ${JSON.stringify(seenAt.get(w.deviceId)!.get(c.id))}; pushed at ${Math.round(t)}; answers ${JSON.stringify(answerLog.get(w.deviceId))}; offsets ${JSON.stringify([...l.offsets])}`,
          );
        } else last = Math.max(last, s.at);
      }
      lags.push(last - t);
      afterPush.push(Math.max(0, last - answered));
    }),
  );
  await sleep(500);
  const q1 = (await Promise.all(servers.map((s) => s.stats()))).reduce((n, s) => n + s.queries, 0);
  const editXacts = (await xacts(db)) - x1;
  await Promise.all(laptops.map((l) => l.stop()));
  const errors = laptops.reduce((n, l) => n + l.errors, 0);
  if (errors) console.log(`  (laptop errors: ${errors}; last: ${String(laptops.find((l) => l.lastError)?.lastError).slice(0, 200)})`);
  console.log(
    `  push p50 ${percentile(pushMs, 50).toFixed(0)} ms, p99 ${percentile(pushMs, 99).toFixed(0)} ms; server stats: ${JSON.stringify((await Promise.all(servers.map((s) => s.stats()))).map((s) => ({ live: s.live, feed: (s as unknown as { feed: unknown }).feed })))}`,
  );
  return {
    pushP50: percentile(pushMs, 50),
    afterP99: percentile(afterPush, 99),
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    missed,
    viewers: viewers / nEdits,
    queriesPerEdit: (q1 - q0) / nEdits - basePerEdit,
    xactsPerEdit: editXacts / nEdits - baseXacts,
    idleRoundTripsPerLaptopS: idleQueries / laptops.length / idleS,
    connsPerLaptop: conns / laptops.length,
    idleXactsPerLaptopS: idle,
    memPerLaptop: (memAfter - memBefore) / laptops.length,
  };
}

/** Today's design: the server of `commit` (extracted with git archive), laptops with one live shape request per synced table. */
async function oldDesign(
  commit: string,
  nLaptops: number,
  nEdits: number,
  idleS: number,
): Promise<{ idle: number; perEdit: number; requests: number } | string> {
  const root = mkdtempSync(join(tmpdir(), 'cw-old-server-'));
  const dir = mkdtempSync(join(tmpdir(), 'cw-old-data-'));
  let srv: (Server & { databaseUrl: string }) | undefined;
  let db: pg.Pool | undefined;
  const ctrl = new AbortController();
  setMaxListeners(0, ctrl.signal); // one listener per live request of today's laptops
  try {
    execFileSync('sh', ['-c', `git -C "${ROOT}" archive ${commit} sync-server src-shared migrations package.json tsconfig.json | tar -x -C "${root}"`]);
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    srv = await startOwner(root, dir);
    db = new pg.Pool({ connectionString: srv.databaseUrl, max: 2 });
    const [firm] = await loadFirms(db, 1, nLaptops, nLaptops);
    const key = Buffer.from((await db.query(`SELECT value FROM server_keys WHERE name = 'access_hmac'`)).rows[0].value, 'base64');
    const tables = SYNCED_TABLES; // a table today's server does not have answers 400 and is left out
    const v0 = await lastVersion(db);
    let requests = 0;
    for (const who of firm!.admins) {
      const live = new Set<string>();
      const token = signAccess(key, who, 3600);
      for (const t of tables) {
        void (async () => {
          let offset = `${v0}_0`;
          let handle = '';
          while (!ctrl.signal.aborted) {
            try {
              const r = await fetch(`${srv!.url}/v1/shape?table=${t}&orgId=${firm!.orgId}&offset=${offset}&live=true${handle ? `&handle=${handle}` : ''}`, {
                headers: { authorization: `Bearer ${token}` },
                signal: ctrl.signal,
              });
              if (r.status === 400) return; // a table today's server does not have
              if (!live.has(t)) {
                live.add(t);
                requests++;
              }
              await r.text();
              offset = r.headers.get('electric-offset') ?? offset;
              handle = r.headers.get('electric-handle') ?? handle;
            } catch {
              await sleep(100);
            }
          }
        })();
      }
    }
    await sleep(4000);
    const x0 = await xacts(db);
    await sleep(idleS * 1000);
    const idle = ((await xacts(db)) - x0) / nLaptops / idleS;
    const x1 = await xacts(db);
    for (let i = 0; i < nEdits; i++) {
      const c = firm!.cases[i % firm!.cases.length]!;
      await fetch(`${srv.url}/v1/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${signAccess(key, firm!.admins[0]!, 3600)}` },
        body: JSON.stringify({
          clientId: newId(),
          orgId: firm!.orgId,
          mutations: [{ mutationId: 1, table: 'cases', op: 'update', id: c.id, fields: { immigration_program: `old ${i} ${Date.now()}` }, base: null }],
        }),
      });
      await sleep(200);
    }
    // Every push wakes every live request of every firm, which reads again; but each of them also reads
    // again every second anyway, so the edits' own share cannot be told apart: the window's total.
    const perEdit = ((await xacts(db)) - x1) / nEdits;
    return { idle, perEdit, requests };
  } catch (e) {
    return `not measured: ${(e as Error).message.slice(0, 150)}`;
  } finally {
    ctrl.abort();
    await db?.end();
    await srv?.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(args: string[]) {
  const nLaptops = flag(args, 'laptops', 1000);
  const nFirms = flag(args, 'firms', 10);
  const nEdits = flag(args, 'edits', 100);
  const idleS = flag(args, 'idle', 30);
  const nOld = flag(args, 'old-laptops', 20);
  const gapMs = flag(args, 'edit-gap', 100);
  const oldCommit = args.find((a) => a.startsWith('--old-commit='))?.split('=')[1] ?? '57d914a';
  const perFirm = Math.floor(nLaptops / nFirms);
  const admins = Math.max(1, Math.round(perFirm / 10));
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-live-'));
  const one = await startOwner(ROOT, dir);
  const db = new pg.Pool({ connectionString: one.databaseUrl, max: 4 });
  let two: Instance | undefined;
  let lb: Awaited<ReturnType<typeof startHaproxy>> | undefined;
  try {
    const firms = await loadFirms(db, nFirms, perFirm, admins);
    await db.query('VACUUM ANALYZE');
    const key = Buffer.from((await db.query(`SELECT value FROM server_keys WHERE name = 'access_hmac'`)).rows[0].value, 'base64');
    console.log(`${nFirms} firms x ${perFirm} laptops (${admins} admins who see every case, ${perFirm - admins} consultants with one case each)`);

    const single = await runPhase(db, key, firms, one.url, one.port, [one], nEdits, idleS, gapMs);
    console.log('one instance:', JSON.stringify(single));

    two = await startInstance(one.databaseUrl, join(dir, 'audit-signing-key.pem'), { CASEWORK_SYNC_STATS: '1' });
    lb = await startHaproxy([one, two]);
    const double = await runPhase(db, key, firms, lb.url, lb.port, [one, asServer(two)], nEdits, idleS, gapMs);
    console.log('two instances:', JSON.stringify(double));
    await lb.stop();
    lb = undefined;
    await two.stop();
    two = undefined;

    const old = await oldDesign(oldCommit, nOld, 10, 10);
    console.log('today:', JSON.stringify(old));

    const row = (measure: string, a: number | string, b: number | string, unit: string, target: string) => ({
      measure,
      'one instance': a,
      'two + HAProxy': b,
      unit,
      target,
    });
    const oldIdle = typeof old === 'string' ? old : old.idle;
    const oldEdit = typeof old === 'string' ? old : old.perEdit;
    table(`Live sync: ${firms.length * perFirm} laptops in ${nFirms} firms, ${nEdits} edits one every ${gapMs} ms (load: ${loadavg()})`, [
      row('edit seen by every laptop that may see it, p50', single.p50, double.p50, 'ms', ''),
      row('edit seen by every laptop that may see it, p99', single.p99, double.p99, 'ms', '<= 1000'),
      row('  of which: the push itself, p50', single.pushP50, double.pushP50, 'ms', ''),
      row('  from the push answered to read by every laptop, p99', single.afterP99, double.afterP99, 'ms', ''),
      row('laptops that may see an edit (mean)', single.viewers, double.viewers, '', ''),
      row('edits missed by a laptop that may see them', single.missed, double.missed, '', '0'),
      row('Postgres round trips per edit, beyond the push itself', single.queriesPerEdit, double.queriesPerEdit, '', `<= ${2 * single.viewers}`),
      row('Postgres transactions per edit, beyond the push itself', single.xactsPerEdit, double.xactsPerEdit, '', ''),
      row(
        `  today: transactions per edit incl. 1 s re-reads (${nOld} laptops)`,
        oldEdit,
        '',
        '',
        typeof old === 'string' ? '' : `${old.requests} live requests`,
      ),
      row('open connections per laptop', single.connsPerLaptop, double.connsPerLaptop, '', '<= 2'),
      row('Postgres round trips per idle laptop (servers)', single.idleRoundTripsPerLaptopS, double.idleRoundTripsPerLaptopS, '/s', '<= 0.1'),
      row('Postgres transactions per idle laptop (all, incl. autovacuum)', single.idleXactsPerLaptopS, double.idleXactsPerLaptopS, '/s', '<= 0.1'),
      row('  today: transactions per idle laptop', oldIdle, '', '/s', '(issue: ~39/s)'),
      row('server memory per connected laptop', Math.round(single.memPerLaptop / 1024), Math.round(double.memPerLaptop / 1024), 'KiB', ''),
    ]);
    console.log(`uptime: ${execFileSync('uptime').toString().trim()} (host up ${Math.round(osUptime() / 60)} min)`);
  } finally {
    await lb?.stop();
    await two?.stop();
    await db.end();
    await one.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
