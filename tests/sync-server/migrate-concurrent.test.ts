// Instances started together on a fresh database (issue 18): each `casework-sync start --database-url`
// takes a Postgres advisory lock around the migrations, so one applies them and the others wait and
// find nothing left to do. Before the lock, both ran the first migration and one died on
// CREATE TABLE "access_epochs" (or on a concurrent GRANT). Two rounds, each on a database of its own,
// three instances per round: every instance must serve.
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { startInstance, type Instance } from '../support/instances';

let srv: TestServer;
const instances: Instance[] = [];

beforeAll(async () => {
  srv = await startTestServer();
}, 60_000);
afterAll(async () => {
  await Promise.all(instances.map((i) => i.stop()));
  await srv?.close();
});

/** A new empty database in the test's cluster, and the superuser URL that names it. */
async function freshDatabase(name: string): Promise<string> {
  const c = new pg.Client({ connectionString: srv.databaseUrl });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  const url = new URL(srv.databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe('instances migrating one fresh database at once', () => {
  it('all start and serve; the migrations are applied once', async () => {
    const key = join(srv.dataDir, 'audit-signing-key.pem');
    for (let round = 0; round < 2; round++) {
      const url = await freshDatabase(`fresh_${round}_${process.pid}`);
      const started = await Promise.allSettled([startInstance(url, key), startInstance(url, key), startInstance(url, key)]);
      for (const s of started) if (s.status === 'fulfilled') instances.push(s.value);
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'serving'))).toEqual(['serving', 'serving', 'serving']);
      for (const s of started) {
        const r = await fetch(`${(s as PromiseFulfilledResult<Instance>).value.url}/healthz`);
        expect(r.status).toBe(200);
      }
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        // Each migration recorded once (a second apply would have added its rows again or failed).
        const r = await c.query('SELECT count(*)::int AS n, count(DISTINCT hash)::int AS d FROM drizzle.__drizzle_migrations');
        expect(r.rows[0].n).toBe(r.rows[0].d);
        expect(r.rows[0].n).toBeGreaterThan(10);
      } finally {
        await c.end();
      }
      await Promise.all(instances.splice(0).map((i) => i.stop()));
    }
  }, 120_000);
});
