/** Inserts the system org and the system reference rows (src-shared/schema/seed-data.ts) when missing. */
import type Database from 'better-sqlite3-multiple-ciphers';
import { SYSTEM_ORG, SYSTEM_ROWS } from '../../src-shared/schema/seed-data';
import { toDb } from './wire';

const EPOCH = '2025-01-01T00:00:00.000Z';

export function insertIgnore(db: Database.Database, table: string, row: Record<string, unknown>): void {
  const dbRow = toDb(table, row);
  const cols = Object.keys(dbRow);
  db.prepare(`INSERT OR IGNORE INTO ${table} (${cols.map((c) => `"${c}"`).join(',')}) VALUES (${cols.map((c) => `@${c}`).join(',')})`).run(dbRow);
}

export function seedSystemRows(db: Database.Database): void {
  db.transaction(() => {
    insertIgnore(db, 'organizations', { ...SYSTEM_ORG, org_id: SYSTEM_ORG.id, version: 0, created_at: EPOCH, updated_at: EPOCH });
    for (const { table, row } of SYSTEM_ROWS) insertIgnore(db, table, row);
  })();
}
