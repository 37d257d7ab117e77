// Two `casework-sync start --database-url` instances on one Postgres (issue 18), behind a real HAProxy:
// a laptop whose live channel is on instance 1 reads an edit pushed through instance 2 within a second
// (wake-ups travel through Postgres LISTEN/NOTIFY, not one process); and with laptops syncing through
// the balancer while edits are pushed, killing one instance loses nothing: every edit reaches every
// laptop through the other.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src-shared/ids';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { SimLaptop } from '../support/live-laptop';
import { HAPROXY, startHaproxy, startInstance, type Balancer, type Instance } from '../support/instances';

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let owner: LoginResponse;
let one: Instance;
let two: Instance;
let lb: Balancer;
let startVersion: number;

beforeAll(async () => {
  // The test's Postgres (and an instance of its own that only creates the data).
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Instances' });
  owner = await srv.login(org.email, org.password);
  const key = join(srv.dataDir, 'audit-signing-key.pem');
  [one, two] = await Promise.all([startInstance(srv.databaseUrl, key), startInstance(srv.databaseUrl, key)]);
  lb = await startHaproxy([one, two]);
  startVersion = Number((await srv.db.pool.query(`SELECT last_value FROM row_version_seq`)).rows[0].last_value);
}, 60_000);
afterAll(async () => {
  await lb?.stop();
  await Promise.all([one?.stop(), two?.stop()]);
  await srv?.close();
});

let mid = 0;
const client = newId();
/** Push through `base` as the app does: retried until the server has answered (a retry is never applied twice). */
async function push(base: string, mutations: unknown[]): Promise<void> {
  const body = JSON.stringify({ clientId: client, orgId: org.orgId, mutations });
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await fetch(`${base}/v1/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${owner.accessToken}` },
        body,
      });
      if (r.status === 200) return;
      if (r.status < 500) throw new Error(`push answered ${r.status}`);
    } catch (e) {
      if (attempt > 20 || /answered 4/.test(String(e))) throw e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
const newTask = (caseId: string, id: string) => ({
  mutationId: ++mid,
  table: 'tasks',
  op: 'insert',
  id,
  fields: { case_id: caseId, title: 'Call', status: 'pending' },
  base: null,
});

describe.skipIf(!existsSync(HAPROXY))('several instances behind a load balancer', () => {
  it('a laptop live on instance 1 reads an edit pushed through instance 2 within a second', async () => {
    const caseId = newId();
    await push(two.url, [{ mutationId: ++mid, table: 'cases', op: 'insert', id: caseId, fields: { case_number: 'I-1', case_type: 't' }, base: null }]);
    const seen = new Map<string, number>();
    const laptop = new SimLaptop({
      base: one.url,
      token: owner.accessToken,
      orgId: org.orgId,
      syncedTo: startVersion,
      onRow: (table, row, at) => table === 'tasks' && seen.set(String(row.id), at),
    });
    let answers = 0;
    laptop.start(() => answers++);
    try {
      while (answers < 1) await new Promise((r) => setTimeout(r, 50)); // its first answer (every table) is read
      await new Promise((r) => setTimeout(r, 200)); // and it waits on instance 1 again
      const lags: number[] = [];
      for (let i = 0; i < 5; i++) {
        const id = newId();
        const t = performance.now();
        await push(two.url, [newTask(caseId, id)]);
        while (!seen.has(id) && performance.now() - t < 5000) await new Promise((r) => setTimeout(r, 5));
        expect(seen.has(id)).toBe(true);
        lags.push(seen.get(id)! - t);
      }
      expect(Math.max(...lags)).toBeLessThan(1000);
      expect(laptop.errors).toBe(0);
    } finally {
      await laptop.stop();
    }
  });

  it('killing one instance while laptops sync through the balancer loses nothing', async () => {
    const caseId = newId();
    await push(lb.url, [{ mutationId: ++mid, table: 'cases', op: 'insert', id: caseId, fields: { case_number: 'I-2', case_type: 't' }, base: null }]);
    const laptops = Array.from({ length: 6 }, () => {
      const seen = new Set<string>();
      const l = new SimLaptop({
        base: lb.url,
        token: owner.accessToken,
        orgId: org.orgId,
        syncedTo: startVersion,
        onRow: (table, row) => table === 'tasks' && seen.add(String(row.id)),
      });
      l.start();
      return { l, seen };
    });
    const pushed: string[] = [];
    try {
      for (let i = 0; i < 30; i++) {
        if (i === 10) one.kill(); // mid-load, without warning
        const id = newId();
        await push(lb.url, [newTask(caseId, id)]);
        pushed.push(id);
        await new Promise((r) => setTimeout(r, 30));
      }
      const end = Date.now() + 15_000;
      const missing = () => laptops.reduce((n, { seen }) => n + pushed.filter((id) => !seen.has(id)).length, 0);
      while (missing() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
      expect(missing()).toBe(0);
      // Exactly once in Postgres, too (a retried push is not applied twice).
      const n = await srv.db.pool.query(`SELECT count(*)::int AS n FROM tasks WHERE id = ANY($1)`, [pushed]);
      expect(n.rows[0].n).toBe(pushed.length);
    } finally {
      await Promise.all(laptops.map(({ l }) => l.stop()));
    }
  });
});
