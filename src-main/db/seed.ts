/** Inserts the system org and the system reference rows (src-shared/schema/seed-data.ts) when missing. */
import type Database from 'better-sqlite3-multiple-ciphers';
import { SYSTEM_ORG, SYSTEM_ROWS } from '../../src-shared/schema/seed-data';
import { SYSTEM_ORG_ID } from '../../src-shared/schema/tables';
import { toDb } from './wire';
import { insertSql, run } from './sql';
import { BUILT_IN_RULES } from '../../src-shared/rules/calculators';

const EPOCH = '2025-01-01T00:00:00.000Z';

export function insertIgnore(db: Database.Database, table: string, row: Record<string, unknown>): void {
  const dbRow = toDb(table, row);
  run(db, insertSql(table, Object.keys(dbRow), 'ignore'), dbRow);
}

export function seedSystemRows(db: Database.Database): void {
  db.transaction(() => {
    insertIgnore(db, 'organizations', { ...SYSTEM_ORG, org_id: SYSTEM_ORG.id, version: 0, created_at: EPOCH, updated_at: EPOCH });
    for (const { table, row } of SYSTEM_ROWS) insertIgnore(db, table, row);
    // The built-in rule packs (CRS, FSW) are system rows of approved_rules.
    for (const r of BUILT_IN_RULES) {
      insertIgnore(db, 'approved_rules', {
        id: r.id,
        org_id: SYSTEM_ORG_ID,
        version: 0,
        rule_version: r.version,
        created_at: EPOCH,
        updated_at: EPOCH,
        rule_id: r.rule_id,
        rule_category: r.rule_category,
        rule_json: r.rule_json,
        conditions_json: r.conditions_json ?? {},
        effects_json: r.effects_json,
        source_url: r.source_url ?? null,
        source_section: r.source_section ?? null,
        approved_at: EPOCH,
        is_active: true,
        effective_from: r.effective_from,
        effective_until: r.effective_until ?? null,
        description: r.rule_json.label,
      });
    }
  })();
}
