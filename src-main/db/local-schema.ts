/**
 * Tables that exist only on the laptop and never sync. Each area owns its block; add a table here, then
 * `npm run db:generate` writes the next migration under migrations/sqlite.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Small facts about this vault: its org, its user, its device/client id, schema and app version. */
export const vault_meta = sqliteTable('vault_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * The offline outbox (ARCHITECTURE.md, Sync, writes): one entry per local change, written in the same
 * transaction as the change. mutation_id increases per client; base holds the values the device last
 * saw of the changed fields (null for an insert). status: pending -> sent -> applied|conflict|rejected.
 */
export const sync_outbox = sqliteTable(
  'sync_outbox',
  {
    // AUTOINCREMENT: a mutation id is never reused, even after acknowledged entries are pruned.
    mutation_id: integer('mutation_id').primaryKey({ autoIncrement: true }),
    table_name: text('table_name').notNull(),
    row_id: text('row_id').notNull(),
    op: text('op').notNull(),
    fields: text('fields').notNull(),
    base: text('base'),
    base_version: integer('base_version'),
    created_at: text('created_at').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    result: text('result'),
  },
  (t) => [index('sync_outbox_status_idx').on(t.status, t.mutation_id), index('sync_outbox_row_idx').on(t.table_name, t.row_id)],
);

/** Read-path cursors: one row per shape (table), saved in the same transaction as the rows it covers. */
export const sync_shapes = sqliteTable('sync_shapes', {
  table_name: text('table_name').primaryKey(),
  handle: text('handle'),
  offset: text('offset').notNull().default('-1'),
  last_pulled_at: text('last_pulled_at'),
});

/** Field conflicts the server reported, waiting for the user (keep mine, keep theirs, edit). */
export const sync_conflicts = sqliteTable(
  'sync_conflicts',
  {
    id: text('id').primaryKey(),
    mutation_id: integer('mutation_id'),
    table_name: text('table_name').notNull(),
    row_id: text('row_id').notNull(),
    field: text('field').notNull(),
    mine: text('mine'),
    theirs: text('theirs'),
    status: text('status').notNull().default('open'),
    created_at: text('created_at').notNull(),
    resolved_at: text('resolved_at'),
    resolution: text('resolution'),
  },
  (t) => [index('sync_conflicts_status_idx').on(t.status), uniqueIndex('sync_conflicts_open_uq').on(t.mutation_id, t.field)],
);

/**
 * The document processing queue's bookkeeping (documents.processing_status says what is pending): how
 * often a document was started, so one that keeps killing the reader is failed instead of retried
 * forever, and the OCR languages asked for by a re-run.
 */
export const doc_jobs = sqliteTable('doc_jobs', {
  document_id: text('document_id').primaryKey(),
  attempts: integer('attempts').notNull().default(0),
  languages: text('languages').notNull().default('eng'),
  last_error: text('last_error'),
  started_at: text('started_at'),
});
