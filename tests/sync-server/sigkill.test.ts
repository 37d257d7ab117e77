// Crash safety of the write path: the real `casework-sync start` child process is SIGKILLed while a
// client pushes; after a restart on the same data folder the client retries everything it has not seen
// acknowledged, and every mutation is applied exactly once (none lost, none doubled, one audit entry each).
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { newId } from '../../src-shared/ids';
import { freePort } from '../../sync-server/src/db/postgres';

const BIN = join(__dirname, '../../sync-server/bin/casework-sync.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'casework-sync-kill-'));
let child: ChildProcess | undefined;

async function start(port: number): Promise<ChildProcess> {
  const c = spawn(process.execPath, [BIN, 'start', '--port', String(port), '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((ok, fail) => {
    let out = '';
    const t = setTimeout(() => fail(new Error(`server did not start: ${out}`)), 60_000);
    c.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('listening on')) {
        clearTimeout(t);
        ok();
      }
    });
    c.stderr!.on('data', (d) => (out += d));
    c.on('exit', (code) => fail(new Error(`server exited ${code}: ${out}`)));
  });
  return c;
}

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  if (existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
    } catch {
      /* already gone */
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGKILL mid-push', () => {
  it('loses and duplicates nothing after a restart', async () => {
    const port = await freePort();
    child = await start(port);
    const url = `http://127.0.0.1:${port}`;
    const created = JSON.parse(
      execFileSync(process.execPath, [BIN, 'create-org', '--name', 'Crash Co', '--admin-email', 'crash@example.test', '--data', dataDir], {
        env: { ...process.env, CASEWORK_ADMIN_PASSWORD: 'crash-password-1' },
      }).toString(),
    );
    const login = async () => {
      const r = await fetch(`${url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'crash@example.test', password: 'crash-password-1', deviceName: 'k' }),
      });
      return (await r.json()) as { accessToken: string };
    };
    let token = (await login()).accessToken;
    const clientId = newId();
    const N = 400;
    const muts = Array.from({ length: N }, (_, i) => ({
      mutationId: i + 1,
      table: 'cases',
      op: 'insert',
      id: newId(),
      fields: { case_number: `K-${i}`, case_type: 't' },
      base: null,
    }));
    const acked = new Set<number>();
    let killed = false;
    const pushAll = async (from: number) => {
      for (let i = from; i < N; i += 50) {
        const r = await fetch(`${url}/v1/push`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ clientId, orgId: created.orgId, mutations: muts.slice(i, i + 50) }),
        });
        const body = (await r.json()) as { lastMutationId: number };
        if (r.status !== 200) throw new Error(`push ${r.status} ${JSON.stringify(body)}`);
        for (let k = 1; k <= body.lastMutationId; k++) acked.add(k);
        if (!killed && i >= 100) {
          killed = true;
          const victim = child!;
          setTimeout(() => victim.kill('SIGKILL'), 30); // while the next batch is being applied
        }
      }
    };
    await pushAll(0).catch(() => {});
    expect(killed).toBe(true);
    await new Promise((r) => (child!.exitCode !== null || child!.signalCode ? r(null) : child!.once('exit', r)));
    const ackedBefore = acked.size;
    expect(ackedBefore).toBeGreaterThan(0);
    expect(ackedBefore).toBeLessThan(N);

    child = await start(port);
    token = (await login()).accessToken;
    // The client retries from its first unacknowledged mutation, batch boundaries as before.
    await pushAll(Math.floor(ackedBefore / 50) * 50 - 50 < 0 ? 0 : Math.floor(ackedBefore / 50) * 50 - 50);
    expect(acked.size).toBe(N);

    const cluster = JSON.parse(readFileSync(join(dataDir, 'cluster.json'), 'utf8')) as { url: string };
    const db = new pg.Client({ connectionString: cluster.url });
    await db.connect();
    try {
      const rows = await db.query(`SELECT case_number, count(*)::int AS n FROM cases WHERE org_id = $1 GROUP BY case_number`, [created.orgId]);
      expect(rows.rowCount).toBe(N);
      for (const r of rows.rows) expect(r.n).toBe(1);
      const audit = await db.query(`SELECT count(*)::int AS n FROM server_audit WHERE org_id = $1 AND event_type = 'sync.insert'`, [created.orgId]);
      expect(audit.rows[0].n).toBe(N);
      const cur = await db.query(`SELECT last_mutation_id FROM sync_clients WHERE client_id = $1`, [clientId]);
      expect(Number(cur.rows[0].last_mutation_id)).toBe(N);
    } finally {
      await db.end();
    }
  });
});
