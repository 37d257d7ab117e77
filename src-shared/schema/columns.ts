/**
 * The column vocabulary of Casework's data model. One spec (tables.ts) is written in these terms, and
 * both the SQLite schema (src-main) and the Postgres schema (sync-server) are built from it, so the two
 * cannot drift apart silently (tests/schema-drift.test.ts compares the real databases with the spec).
 *
 * Wire format (what shapes carry and what push mutations send) per kind:
 *   uuid, text          -> string
 *   int, bigint         -> number
 *   decimal             -> string ("1234.50"): money never passes through a binary float
 *   bool                -> boolean
 *   timestamp           -> ISO 8601 string in UTC ("2026-01-31T12:00:00.000Z")
 *   date                -> "YYYY-MM-DD"
 *   json                -> any JSON value (SQLite stores text, Postgres jsonb)
 */
export type ColumnKind = 'uuid' | 'text' | 'int' | 'bigint' | 'decimal' | 'bool' | 'timestamp' | 'date' | 'json';

export interface ColumnSpec {
  kind: ColumnKind;
  notNull: boolean;
  /** A default as a wire value (the migration writes it in each dialect's syntax). */
  default?: string | number | boolean | null | object;
  /** Foreign key: table name (always references its `id`). */
  references?: string;
  /** Maximum length for text columns (VARCHAR(n) in the seeds); enforced by zod at the boundary. */
  maxLength?: number;
  /** Allowed values (the seed's statuses and kinds); enforced by zod and documented here. */
  enum?: readonly string[];
  /** A json column holding a list of user ids (assigned_staff): each element must be a UUID. */
  uuidList?: boolean;
  /** A date that cannot be later than today (a date of birth): zod refuses a future one at every boundary. */
  pastOrToday?: boolean;
}

interface Builder extends ColumnSpec {
  notNullable(): Builder;
  withDefault(value: ColumnSpec['default']): Builder;
  refs(table: string): Builder;
  oneOf(values: readonly string[]): Builder;
  listOfUuids(): Builder;
  notInFuture(): Builder;
}

function builder(spec: ColumnSpec): Builder {
  return {
    ...spec,
    notNullable: () => builder({ ...spec, notNull: true }),
    withDefault: (value) => builder({ ...spec, default: value }),
    refs: (table) => builder({ ...spec, references: table }),
    oneOf: (values) => builder({ ...spec, enum: values }),
    listOfUuids: () => builder({ ...spec, uuidList: true }),
    notInFuture: () => builder({ ...spec, pastOrToday: true }),
  };
}

export const uuid = () => builder({ kind: 'uuid', notNull: false });
export const text = (maxLength?: number) => builder({ kind: 'text', notNull: false, maxLength });
export const int = () => builder({ kind: 'int', notNull: false });
export const bigint = () => builder({ kind: 'bigint', notNull: false });
export const decimal = () => builder({ kind: 'decimal', notNull: false });
export const bool = () => builder({ kind: 'bool', notNull: false });
export const timestamp = () => builder({ kind: 'timestamp', notNull: false });
export const date = () => builder({ kind: 'date', notNull: false });
export const json = () => builder({ kind: 'json', notNull: false });

/** Strip the builder methods so a spec is plain data. */
export function plain(col: ColumnSpec): ColumnSpec {
  const { kind, notNull, default: def, references, maxLength, enum: values, uuidList, pastOrToday } = col;
  const out: ColumnSpec = { kind, notNull };
  if (def !== undefined) out.default = def;
  if (references) out.references = references;
  if (maxLength) out.maxLength = maxLength;
  if (values) out.enum = values;
  if (uuidList) out.uuidList = true;
  if (pastOrToday) out.pastOrToday = true;
  return out;
}
