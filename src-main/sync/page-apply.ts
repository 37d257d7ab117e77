/**
 * Writing a snapshot page (GET /v1/snapshot rows: arrays of Postgres texts in the order of the page's
 * columns line) into the replica, fast enough for a first sync of a large firm and without holding the
 * event loop (the window's main process is this loop):
 *  - each column's text goes straight to what SQLite stores (one converter per column, planned once per
 *    table and columns line), not through a row object, the wire value and back;
 *  - rows without pending local edits are written by one prepared positional upsert; the set of rows
 *    with pending edits is read once per chunk, and only those take remote-rows.ts's rebase path;
 *  - a page is written in chunks of at most CHUNK_MS of work, one chunk per turn of the event loop
 *    (the pages of all tables being pulled take turns); the chunks run inside a write window
 *    (WriteWindow: one transaction over several chunks, each a savepoint) that commits every WINDOW_MS
 *    and when the page is done. The caller's `last` step (the shape's cursor, the end of a full
 *    snapshot) runs with the last chunk, so the cursor commits with the page's last rows. Rows are
 *    upserts by id: rows committed before a crash are simply written again when the page is read again
 *    from the cursor, which had not moved;
 *  - a page of many rows announces one change per chunk for its table (id '*') instead of one per row:
 *    a first sync would otherwise send the window a million messages.
 * Per row, the stored values are the ones applyRemoteRow writes for the same server row.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ColumnSpec } from '../../src-shared/schema/columns';
import type { Core } from '../core/core';
import { columns as tableColumns } from '../db/wire';
import { statement } from '../db/sql';
import { applyRemoteRow, type Row } from './remote-rows';
import { fileKeyFromServer } from '../core/file-keys';

/** Work per chunk: the event loop turns at least this often while pages are written (target: no pause over 100 ms). */
export const CHUNK_MS = 20;
/** How long one write window stays open before it commits (see WriteWindow). */
const WINDOW_MS = 150;
/** A chunk up to this many rows announces each row it wrote; above it, one change for the table. */
const ROW_EVENTS_UP_TO = 100;

type Text = string | null | undefined;

/** "2026-01-02 03:04:05.678901+00" (Postgres' text in UTC) -> "2026-01-02T03:04:05.678Z", as new Date(...).toISOString() gives it. */
const PG_UTC = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(?:\+00(?::?00)?|Z)$/;

export function timestampText(v: string): string {
  const m = PG_UTC.exec(v);
  // Date truncates a fraction past milliseconds; so does this.
  if (m) return `${m[1]}T${m[2]}.${(m[3] ?? '').slice(0, 3).padEnd(3, '0')}Z`;
  const d = new Date(v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}

/** One column's Postgres text -> the value SQLite stores (remote-rows.wireValue, then wire.valueToDb). */
export function storedValue(col: ColumnSpec): (v: Text) => unknown {
  switch (col.kind) {
    case 'int':
    case 'bigint':
      return (v) => (v == null ? null : Number(v));
    case 'bool':
      return (v) => (v == null ? null : v === 't' || v === 'true' || v === '1' ? 1 : 0);
    case 'timestamp':
      return (v) => (v == null ? null : timestampText(v));
    case 'date':
      return (v) => (v == null ? null : v.slice(0, 10));
    case 'json':
      return (v) => {
        if (v == null) return null;
        // The commonest values are already in the form JSON.stringify gives; the rest are re-serialised.
        if (v === '{}' || v === '[]') return v;
        let parsed: unknown;
        try {
          parsed = JSON.parse(v);
        } catch {
          return JSON.stringify(v);
        }
        return parsed === null ? null : JSON.stringify(parsed);
      };
    default:
      return (v) => (v == null ? null : String(v));
  }
}

interface Plan {
  /** Position of id in a row. */
  idAt: number;
  /** Positions in a row of the columns the replica has, and their converters. */
  at: number[];
  /** document_versions: position of file_key among the upsert's values (-1: none). */
  fileKeyAt: number;
  convert: Array<(v: Text) => unknown>;
  upsert: string;
}

const plans = new Map<string, Plan>();
function planFor(table: string, pageColumns: string[]): Plan {
  const key = `${table}|${pageColumns.join(',')}`;
  let plan = plans.get(key);
  if (plan) return plan;
  const cols = tableColumns(table);
  const at: number[] = [];
  const names: string[] = [];
  const convert: Plan['convert'] = [];
  pageColumns.forEach((name, i) => {
    const col = cols[name];
    if (!col) return; // a column this replica does not have (a newer server): ignored, as normalizeRow does
    at.push(i);
    names.push(name);
    convert.push(storedValue(col));
  });
  const quoted = names.map((n) => `"${n}"`);
  // As applyRemoteRow: a document version's file key comes as the key itself and is wrapped here (in
  // applyRows); when the server sends none, a row already here keeps its own.
  const fileKeyAt = table === 'document_versions' ? names.indexOf('file_key') : -1;
  const updates = names
    .filter((n) => n !== 'id')
    .map((n) => (n === 'file_key' && fileKeyAt >= 0 ? `"${n}" = coalesce(excluded."${n}", "${table}"."${n}")` : `"${n}" = excluded."${n}"`));
  const upsert =
    `INSERT INTO "${table}" (${quoted.join(',')}) VALUES (${names.map(() => '?').join(',')}) ON CONFLICT(id) DO ` +
    (updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING');
  plan = { idAt: pageColumns.indexOf('id'), at, convert, upsert, fileKeyAt };
  if (plans.size > 200) plans.clear();
  plans.set(key, plan);
  return plan;
}

/** Ids of the table's rows with local edits not yet acknowledged (they are rebased, never overwritten). */
function pendingIds(core: Core, table: string): Set<string> {
  return new Set(statement(core.db, "SELECT DISTINCT row_id FROM sync_outbox WHERE table_name = ? AND status = 'pending'").pluck().all(table) as string[]);
}

const isBusy = (e: unknown) => /^SQLITE_BUSY/.test((e as { code?: string }).code ?? '');

/**
 * One SQLite transaction around several chunks (each chunk a savepoint of it), committed every
 * WINDOW_MS and whenever a page's writing ends. Why: a commit writes every page a chunk dirtied to the
 * WAL, and rows keyed by random ids dirty pages all over the indexes, so committing each chunk of 1,000
 * rows cost as much as writing them. Between chunks the event loop turns with the window open; whatever
 * runs then on this connection joins it as a savepoint (core.tx nests), so a local edit is committed
 * with the window, and the window commits at once after one (a 'change' that is not 'remote'), so the
 * edit is on disk as soon as it would have been. The window is never rolled back: a chunk that fails
 * rolls back its own savepoint only.
 */
class WriteWindow {
  private openedAt = -1;
  constructor(private readonly core: Core) {
    core.events.on('change', (e: { op: string }) => {
      if (e.op !== 'remote' && this.openedAt >= 0) queueMicrotask(() => this.commit());
    });
    // Before a VACUUM, a backup, a key rotation or closing (core.settle()): committed now, synchronously.
    core.events.on('settle', () => this.commit());
  }

  /** Run `fn` inside the window (opening it when no transaction is open). */
  run(fn: () => void): void {
    const db = this.core.db;
    if (this.openedAt < 0 && !db.inTransaction) {
      for (let attempt = 1; ; attempt++) {
        try {
          db.exec('BEGIN IMMEDIATE');
          break;
        } catch (e) {
          if (!isBusy(e) || attempt >= 12) throw e;
        }
      }
      this.openedAt = performance.now();
    }
    this.core.tx(fn);
  }

  /** Open long enough to commit. */
  due(): boolean {
    return this.openedAt >= 0 && performance.now() - this.openedAt >= WINDOW_MS;
  }

  commit(): void {
    if (this.openedAt < 0) return;
    this.openedAt = -1;
    if (!this.core.db.open || !this.core.db.inTransaction) return;
    const t = performance.now();
    this.core.db.exec('COMMIT');
    took('commit', performance.now() - t);
  }
}

/**
 * The longest single pieces of work (each one event-loop turn) since the process started, and the
 * commits' total: what the sync benchmark reports beside the event-loop probe, to tell which piece a
 * pause was.
 */
export const writeStats = { longestChunkMs: 0, longestCommitMs: 0, longestRebuildMs: 0, commits: 0, commitMs: 0 };
export function took(kind: 'chunk' | 'commit' | 'rebuild', ms: number): void {
  if (kind === 'commit') {
    writeStats.commits++;
    writeStats.commitMs += ms;
    writeStats.longestCommitMs = Math.max(writeStats.longestCommitMs, ms);
  } else if (kind === 'chunk') writeStats.longestChunkMs = Math.max(writeStats.longestChunkMs, ms);
  else writeStats.longestRebuildMs = Math.max(writeStats.longestRebuildMs, ms);
}

const windows = new WeakMap<Core, WriteWindow>();
function windowOf(core: Core): WriteWindow {
  let w = windows.get(core);
  if (!w) windows.set(core, (w = new WriteWindow(core)));
  return w;
}

export interface ApplyRowsOptions {
  /** Collects the id of every row of the page (a full snapshot that must drop what it did not include). */
  seen?: Set<string>;
  /** Runs inside the last chunk's transaction (also when the page has no rows). */
  last?: () => void;
  signal?: AbortSignal;
}

/**
 * Chunks of every page being written (pullAll reads several tables at once) take turns: one chunk per
 * turn of the event loop, so timers, input and the window's requests run between any two.
 */
const turns = new WeakMap<Core, Promise<void>>();
async function myTurn(core: Core): Promise<() => void> {
  const before = turns.get(core) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  turns.set(
    core,
    before.then(() => mine),
  );
  await before;
  await nextTurn();
  return release;
}

/**
 * One turn of the event loop's writing, shared with the pages being written: `fn` runs inside the write
 * window (a savepoint of it) and true is answered; or, when the window was due, the window commits in
 * this turn instead and false is answered (then ask again). What the search rebuild after a first sync
 * (first-sync-search.ts) writes with.
 */
export async function writeTurn(core: Core, fn: () => void, signal?: AbortSignal): Promise<boolean> {
  const window = windowOf(core);
  const release = await myTurn(core);
  try {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    if (window.due()) {
      window.commit();
      return false;
    }
    window.run(fn);
    return true;
  } finally {
    release();
  }
}

/** Commit the write window now (what a caller's last turn wrote is on disk when this returns). */
export function commitWindow(core: Core): void {
  windowOf(core).commit();
}

/**
 * Write one page's rows (values in `pageColumns` order) in chunks of at most CHUNK_MS of work; resolves
 * with the rows read. Stopped by `signal` between chunks (what was written stays: the cursor was not
 * moved, so the page is read again next time).
 */
export async function applyRows(core: Core, table: string, pageColumns: string[], rows: Text[][], opts: ApplyRowsOptions = {}): Promise<number> {
  const plan = planFor(table, pageColumns);
  const args = new Array<unknown>(plan.at.length);
  const window = windowOf(core);
  const perRow = rows.length <= ROW_EVENTS_UP_TO;
  let next = 0;
  const chunk = () => {
    const upsert = statement(core.db, plan.upsert);
    const pending = pendingIds(core, table);
    const until = performance.now() + CHUNK_MS;
    let wrote = 0;
    const from = next;
    for (let r = from; r < rows.length; r++) {
      // The clock is read every 64 rows (reading it costs about what a row does).
      if ((r & 63) === 0 && r > from && performance.now() > until) {
        next = r;
        break;
      }
      next = r + 1;
      const values = rows[r]!;
      const id = values[plan.idAt];
      if (typeof id !== 'string') continue;
      opts.seen?.add(id);
      if (pending.has(id)) {
        if (applyRemoteRow(core, table, rowObject(pageColumns, values))) wrote++;
        continue;
      }
      for (let i = 0; i < args.length; i++) args[i] = plan.convert[i]!(values[plan.at[i]!]);
      if (plan.fileKeyAt >= 0) args[plan.fileKeyAt] = fileKeyFromServer(core, args[plan.fileKeyAt]) ?? null;
      try {
        upsert.run(args);
      } catch (e) {
        // As applyRemoteRow: a unique key held locally by another row; the server's row waits (see there).
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') continue;
        throw e;
      }
      wrote++;
      if (perRow) core.notify(table, id, 'remote');
    }
    if (!perRow && wrote) core.notify(table, '*', 'remote');
    if (next >= rows.length) opts.last?.();
  };
  try {
    do {
      const release = await myTurn(core);
      try {
        if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
        // A window due to commit commits in a turn of its own: its cost is a pause of its own.
        if (window.due()) window.commit();
        else {
          const t = performance.now();
          window.run(chunk);
          took('chunk', performance.now() - t);
        }
      } finally {
        release();
      }
    } while (next < rows.length);
    const release = await myTurn(core);
    try {
      window.commit();
    } finally {
      release();
    }
  } finally {
    // The page's rows and its cursor are on disk before the caller goes on (also when it failed: what
    // the window holds besides, a local edit included, is kept).
    window.commit();
  }
  return rows.length;
}

function rowObject(pageColumns: string[], values: Text[]): Row {
  const row: Row = {};
  for (let i = 0; i < pageColumns.length; i++) row[pageColumns[i]!] = values[i];
  return row;
}
