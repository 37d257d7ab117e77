/**
 * Where each shape's pull stands (sync_shapes): the offset and handle a pull continues from. Written
 * in the same SQLite transaction as the rows it follows, by pull.ts and snapshot.ts.
 */
import type { Core } from '../core/core';

/** How a pull runs (pull.ts and snapshot.ts both take it; here so neither imports the other). */
export interface PullOptions {
  live?: boolean;
  signal?: AbortSignal;
  onRows?: (table: string, n: number) => void;
}

export interface ShapeCursor {
  offset: string;
  handle: string | null;
}

export function readCursor(core: Core, table: string): ShapeCursor {
  const r = core.db.prepare('SELECT offset, handle FROM sync_shapes WHERE table_name = ?').get(table) as ShapeCursor | undefined;
  return r ?? { offset: '-1', handle: null };
}

export function saveCursor(core: Core, table: string, c: ShapeCursor) {
  core.db
    .prepare(
      'INSERT INTO sync_shapes (table_name, handle, offset, last_pulled_at) VALUES (?, ?, ?, ?) ON CONFLICT(table_name) DO UPDATE SET handle = excluded.handle, offset = excluded.offset, last_pulled_at = excluded.last_pulled_at',
    )
    .run(table, c.handle, c.offset, new Date().toISOString());
}
