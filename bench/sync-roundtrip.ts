/**
 * Incremental sync round trip (target p95 <= 250 ms on loopback): an
 * edit on device A is pushed, and we time until device B, live-pulling with its long-polling shape
 * streams, has applied it. Real server (embedded Postgres), two real encrypted vaults, the real client.
 * Reference in the same run: one bare push round trip of A (POST /v1/push), so the figure can be read
 * as "push + notification + pull" against "push alone".
 * Flags: --rounds=N (default 50).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from '../sync-server/src/testing';
import { createVault, type ChangeEvent, type Core } from '../src-main/core/core';
import { createCase, updateCase } from '../src-main/cases/cases';
import { login, push, startSyncLoop, syncOnce } from '../src-main/sync';
import { flag, percentile, table } from './_util';

const PASSPHRASE = 'bench passphrase for sync';

async function device(root: string, name: string, server: string, email: string, password: string): Promise<Core> {
  const core = await createVault({ dataDir: join(root, name), passphrase: PASSPHRASE, prefer: 'passphrase' });
  await login(core, { server, email, password, deviceName: `bench ${name}` });
  return core;
}

export async function run(args: string[]) {
  const rounds = flag(args, 'rounds', 50);
  const root = mkdtempSync(join(tmpdir(), 'cw-bench-roundtrip-'));
  chmodSync(root, 0o755);
  const srv = await startTestServer({ dataDir: join(root, 'server') });
  try {
    const org = await srv.createOrg();
    const a = await device(root, 'a', srv.url, org.email, org.password);
    const b = await device(root, 'b', srv.url, org.email, org.password);
    const c = createCase(a, { caseType: 'EXPRESS_ENTRY_FSW', client: 'Bench Client' });
    await syncOnce(a);
    await syncOnce(b);
    const loop = startSyncLoop(b);
    await new Promise((r) => setTimeout(r, 500));

    const roundTrip: number[] = [];
    const pushOnly: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const mark = `bench-${i}-${Date.now()}`;
      const seen = new Promise<void>((resolve) => {
        const on = (ev: ChangeEvent) => {
          if (ev.table !== 'cases' || ev.id !== c.id) return;
          const row = b.db.prepare('SELECT source FROM cases WHERE id = ?').get(c.id) as { source: string } | undefined;
          if (row?.source === mark) {
            b.events.off('change', on);
            resolve();
          }
        };
        b.events.on('change', on);
      });
      const t0 = performance.now();
      updateCase(a, c.id as string, { source: mark });
      await push(a);
      const t1 = performance.now();
      await seen;
      roundTrip.push(performance.now() - t0);
      pushOnly.push(t1 - t0);
    }
    await loop.stop();
    const p = (xs: number[], q: number) => percentile(xs, q);
    table(`sync round trip, ${rounds} edits (device A push -> device B live pull), loopback`, [
      { measure: 'A push (reference)', p50_ms: p(pushOnly, 50), p95_ms: p(pushOnly, 95), max_ms: Math.max(...pushOnly) },
      { measure: 'A edit seen on B', p50_ms: p(roundTrip, 50), p95_ms: p(roundTrip, 95), max_ms: Math.max(...roundTrip) },
    ]);
    const p95 = p(roundTrip, 95);
    console.log(
      `round trip p95 ${p95.toFixed(1)} ms (target <= 250 ms): ${p95 <= 250 ? 'MET' : 'NOT MET'}; ratio to push alone ${(p95 / p(pushOnly, 95)).toFixed(2)}x`,
    );
    a.close();
    b.close();
  } finally {
    await srv.close();
    rmSync(root, { recursive: true, force: true });
    // @electric-sql/client leaves a throttled save timer (up to 60 s) behind; do not wait for it.
    setTimeout(() => process.exit(), 100).unref();
  }
}
