/**
 * Triggers a bulk load sets aside: dropped for the load's duration so that what they maintain (full-text
 * indexes, the search queue) is rebuilt afterwards in bulk instead of row by row (sync/first-sync-search.ts).
 * Each one's SQL is recorded in vault_meta in the same transaction as its drop, so the vault never loses
 * a trigger: if the process that set them aside dies, opening the vault puts back every one still
 * recorded (putBackAllTriggers), before any writer of that process can miss it. Putting back is
 * idempotent: a trigger that exists already (put back by another process) is left as it is.
 */
import type { DB } from '../db/open';
import { writeTransaction } from '../db/open';

/** vault_meta key of a trigger set aside: <prefix><trigger name>, value its CREATE TRIGGER statement. */
const PREFIX = 'trigger_set_aside:';

const triggerSql = (db: DB, name: string) =>
  db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck().get(name) as string | undefined;

/** Drop the named triggers (those that exist), recording each one's SQL first. Run inside the caller's transaction. */
export function setAsideTriggers(db: DB, names: readonly string[]): void {
  const record = db.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  for (const name of names) {
    const sql = triggerSql(db, name);
    if (sql === undefined) continue;
    record.run(PREFIX + name, sql);
    db.exec(`DROP TRIGGER "${name.replaceAll('"', '""')}"`);
  }
}

/** Put back the named triggers (all recorded ones when `names` is absent). Run inside the caller's transaction. */
export function putBackTriggers(db: DB, names?: readonly string[]): void {
  const recorded = db.prepare('SELECT key, value FROM vault_meta WHERE substr(key, 1, ?) = ?').all(PREFIX.length, PREFIX) as Array<{
    key: string;
    value: string;
  }>;
  const forget = db.prepare('DELETE FROM vault_meta WHERE key = ?');
  for (const { key, value } of recorded) {
    const name = key.slice(PREFIX.length);
    if (names && !names.includes(name)) continue;
    if (triggerSql(db, name) === undefined) db.exec(value);
    forget.run(key);
  }
}

/** At open: every trigger still set aside (its process died) is put back. Reads only, unless there is one. */
export function putBackAllTriggers(db: DB): void {
  const any = db.prepare('SELECT 1 FROM vault_meta WHERE substr(key, 1, ?) = ? LIMIT 1').get(PREFIX.length, PREFIX);
  if (any) writeTransaction(db, () => putBackTriggers(db));
}

/** Whether any of the named triggers is set aside now (tests, and the rebuild's own checks). */
export function triggersSetAside(db: DB, names: readonly string[]): boolean {
  return names.some((n) => db.prepare('SELECT 1 FROM vault_meta WHERE key = ?').get(PREFIX + n) !== undefined);
}
