/**
 * The sync server's programmatic entry: startServer opens (or starts) Postgres, applies migrations,
 * loads the signing key and listens. Used by `casework-sync start`, by tests and by the benchmark.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { openDatabase, type Database } from './db/postgres';
import { signingKey } from './auth';
import { chainAllPending } from './audit';
import { buildApp } from './app';

export { createOrg } from './admin';
export type { Database } from './db/postgres';

export interface ServerOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  /** Most Postgres connections at once (default: 6 per core, at least 10). */
  poolSize?: number;
  /** Replace the JSON log writer (tests silence it). */
  log?: (entry: Record<string, unknown>) => void;
}

export interface RunningServer {
  url: string;
  db: Database;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = resolve(opts.dataDir ?? './.casework-sync');
  // Connections: a few per core. More only queue in the OS scheduler instead of the pool: 200 devices at
  // once on 2 cores had p99 ~1.2 s with 40 connections and ~0.8 s with 12. All opened at start.
  const poolSize = opts.poolSize ?? Math.max(10, availableParallelism() * 6);
  const db = await openDatabase({ dataDir, databaseUrl: opts.databaseUrl, poolSize, warmConnections: poolSize });
  await chainAllPending(db); // audit entries a killed server committed but did not chain
  const key = await signingKey(db);
  const app = buildApp({ db, key, dataDir, log: opts.log });
  const address = await app.listen({ port: opts.port ?? 8787, host: opts.host ?? '127.0.0.1' });
  let closed = false;
  return {
    url: address.replace('[::1]', '127.0.0.1'),
    db,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await db.close();
    },
  };
}
