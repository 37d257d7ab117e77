/**
 * The one way src-main talks SQL to the replica: statements compiled once per connection and reused
 * (compiling was the largest item of a pull's CPU profile), typed reads, and the INSERT/UPDATE text for
 * a row built in one place. Column names come from the schema spec (src-shared/schema/tables.ts), never
 * from user input, and are quoted; values always travel as bound parameters.
 */
import type Database from 'better-sqlite3-multiple-ciphers';

export type Db = Database.Database;
export type Statement = Database.Statement;

const compiled = new WeakMap<Db, Map<string, Statement>>();

/** This SQL prepared on this connection, compiled on first use. SQLite re-prepares it after a schema change. */
export function statement(db: Db, sql: string): Statement {
  let byText = compiled.get(db);
  if (!byText) compiled.set(db, (byText = new Map()));
  let s = byText.get(sql);
  if (!s) {
    // Statements built from varying column sets could grow without end; a full cache starts over.
    if (byText.size >= 500) byText.clear();
    byText.set(sql, (s = db.prepare(sql)));
  }
  return s;
}

/** Every row of a read, typed by the caller (the shape the SELECT names). */
export function many<T>(db: Db, sql: string, ...params: unknown[]): T[] {
  return statement(db, sql).all(...params) as T[];
}

/** The first row of a read, or undefined. */
export function one<T>(db: Db, sql: string, ...params: unknown[]): T | undefined {
  return statement(db, sql).get(...params) as T | undefined;
}

export function run(db: Db, sql: string, ...params: unknown[]): Database.RunResult {
  return statement(db, sql).run(...params);
}

const quoted = (cols: string[]) => cols.map((c) => `"${c}"`);

/** INSERT of the named columns from named parameters (@col); `ignore` skips a row whose key exists. */
export function insertSql(table: string, cols: string[], onConflict: 'fail' | 'ignore' = 'fail'): string {
  return `INSERT${onConflict === 'ignore' ? ' OR IGNORE' : ''} INTO "${table}" (${quoted(cols).join(',')}) VALUES (${cols.map((c) => '@' + c).join(',')})`;
}

/** UPDATE of the named columns from named parameters (@col) of the row whose id is the parameter @<idParam>. */
export function updateSql(table: string, cols: string[], idParam = 'id'): string {
  return `UPDATE "${table}" SET ${cols.map((c) => `"${c}" = @${c}`).join(', ')} WHERE id = @${idParam}`;
}
