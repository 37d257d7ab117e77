/**
 * Applies the drizzle-kit migrations under migrations/sqlite when a store opens, with drizzle's own
 * bookkeeping table (__drizzle_migrations) and file reader, in one transaction. (drizzle's better-sqlite3
 * driver would import the unencrypted `better-sqlite3` package, so the few lines of its runner are here.)
 * The folder is found relative to this file both from source (tsx, vitest) and from the bundle (out/main).
 */
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3-multiple-ciphers';
import { seedSystemRows } from './seed';

export function migrationsDir(dialect: 'sqlite' | 'postgres' = 'sqlite'): string {
  const env = dialect === 'sqlite' ? process.env.CASEWORK_MIGRATIONS_DIR : undefined;
  if (env) return env;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'migrations', dialect);
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error(`migrations/${dialect} not found`);
}

export function runMigrations(db: Database.Database): void {
  const migrations = readMigrationFiles({ migrationsFolder: migrationsDir() });
  // IMMEDIATE: it reads the journal, then may write (a deferred one fails at once if another process wrote between).
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, created_at NUMERIC)');
    const last = db.prepare('SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1').get() as { created_at: number } | undefined;
    const record = db.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)');
    for (const m of migrations) {
      if (last && Number(last.created_at) >= m.folderMillis) continue;
      for (const stmt of m.sql) if (stmt.trim()) db.exec(stmt);
      record.run(m.hash, m.folderMillis);
    }
  }).immediate();
  seedSystemRows(db);
}
