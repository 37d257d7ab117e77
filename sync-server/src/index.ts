/**
 * The sync server's programmatic entry: startServer opens (or starts) Postgres, applies migrations,
 * loads the signing key and listens. Used by `casework-sync start`, by tests and by the benchmark.
 */
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type Database } from './db/postgres';
import { signingKey } from './auth';
import { chainAllPending, useAuditKey } from './audit';
import { AUDIT_KEY_FILE, loadAuditKey } from './audit-key';
import { registerAuditRoutes } from './audit-routes';
import { buildApp } from './app';
import { startChangeFeed } from './notify';
import { LiveChannels, registerLiveRoutes } from './live';
import { reportLiveStats } from './live-stats';
import { openServerKeys } from './keys/ring';
import { startRetentionTimer } from './privacy/retention-run';
import { registerFileKeyRoutes } from './keys/routes';

export { createOrg } from './admin';
export type { Database } from './db/postgres';

export interface ServerOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  /** Most Postgres connections at once (default: 6 per core, at least 10). */
  poolSize?: number;
  /** The Ed25519 key that signs audit checkpoints (default: <dataDir>/audit-signing-key.pem, made 0600 on first start). */
  auditKeyFile?: string;
  /** Replace the JSON log writer (tests silence it). */
  log?: (entry: Record<string, unknown>) => void;
  /** Reverse proxies whose X-Forwarded-For names the client (app.ts AppOptions.trustProxy). */
  trustProxy?: boolean | string | string[];
  /** The daily retention run (privacy/retention-run.ts): when first (default 10 minutes after start) and how often; false: none. */
  retention?: false | { firstMs?: number; everyMs?: number };
}

export interface RunningServer {
  url: string;
  db: Database;
  /** The live channels (GET /v1/live) and their counters. */
  live: LiveChannels;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = resolve(opts.dataDir ?? './.casework-sync');
  // Connections: a few per core. More only queue in the OS scheduler instead of the pool: 200 devices at
  // once on 2 cores had p99 ~1.2 s with 40 connections and ~0.8 s with 12. All opened at start.
  const poolSize = opts.poolSize ?? Math.max(10, availableParallelism() * 6);
  const db = await openDatabase({ dataDir, databaseUrl: opts.databaseUrl, poolSize, warmConnections: poolSize });
  useAuditKey(db, loadAuditKey(resolve(opts.auditKeyFile ?? join(dataDir, AUDIT_KEY_FILE))));
  // Audit entries a killed server committed but did not chain. An org whose entries cannot be chained
  // is recorded as a security event and logged; the other firms are served.
  const { failed } = await chainAllPending(db);
  const log = opts.log ?? ((e: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(e)}\n`));
  for (const orgId of failed) log({ level: 'error', at: new Date().toISOString(), msg: 'audit chain could not be extended at start', orgId });
  const key = await signingKey(db);
  // The versioned token and blob keys (keys/ring.ts), re-read every few seconds: a rotation or a raised
  // minimum made by `casework-sync keys` (or another instance) reaches this one without a restart.
  const serverKeys = await openServerKeys(db, key);
  serverKeys.start((e) => log({ level: 'error', at: new Date().toISOString(), msg: 'server keys could not be re-read', error: String(e) }));
  // Wake-ups from Postgres (LISTEN on a connection of its own): what any instance writes reaches the
  // live requests of this one (notify.ts, live.ts).
  const feed = await startChangeFeed(db, log);
  const live = new LiveChannels(db, feed);
  const app = buildApp({ db, key, dataDir, log: opts.log, trustProxy: opts.trustProxy });
  registerAuditRoutes(app, { db, key });
  registerLiveRoutes(app, { key, live });
  registerFileKeyRoutes(app, { db, key });
  reportLiveStats(live, log);
  // Retention acts every day inside the server (issue 19); `casework-sync retention run` acts at once.
  const retention = opts.retention === false ? undefined : startRetentionTimer(db, dataDir, log, { firstMs: 10 * 60_000, ...opts.retention });
  const address = await app.listen({ port: opts.port ?? 8787, host: opts.host ?? '127.0.0.1' });
  let closed = false;
  return {
    url: address.replace('[::1]', '127.0.0.1'),
    db,
    live,
    async close() {
      if (closed) return;
      closed = true;
      live.close();
      retention?.stop();
      serverKeys.stop();
      await app.close();
      await feed.close();
      await db.close();
    },
  };
}
