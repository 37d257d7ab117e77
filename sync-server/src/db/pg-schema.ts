/**
 * The Postgres (drizzle) schema of the firm's database of record, built from the one spec in
 * src-shared/schema/tables.ts exactly as src-main/db/sqlite-schema.ts builds the laptop's, plus the
 * server-only tables (credentials, devices, refresh tokens, push cursors, security events, audit chain).
 * drizzle-kit reads this file (drizzle.postgres.config.ts) to generate migrations/postgres.
 *
 * Storage per wire kind: uuid -> uuid, text -> varchar(n)/text, int -> integer, bigint -> bigint,
 * decimal -> numeric(21,6) (exact), bool -> boolean, timestamp -> timestamptz, date -> date, json -> jsonb.
 * Foreign keys: one per `references` of the spec (pgForeignKeys below), added by custom-sql 0016 (drizzle's
 * schema language has neither DEFERRABLE nor NOT VALID) and validated at start (postgres.ts).
 */
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
  type PgColumnBuilderBase,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { TABLES, columnsOf, type TableSpec } from '../../../src-shared/schema/tables';
import type { ColumnSpec } from '../../../src-shared/schema/columns';
import { SYSTEM_ROWS } from '../../../src-shared/schema/seed-data';

/** A foreign key of the Postgres schema, made from one `references` of the spec (tables.ts). */
export interface ForeignKey {
  /** Constraint name: <table>_<column>_fk. */
  name: string;
  table: string;
  column: string;
  references: string;
  /** The key's columns and the referenced ones: (org_id, column) -> (org_id, id) within an org. */
  columns: string[];
  refColumns: string[];
}

/**
 * Tables whose rows a reference may name although Postgres never holds them: the built-in rows every
 * laptop seeds under the system org (seed-data.ts; a firm's checklist may name a built-in case type).
 * A key to them would refuse those references, so these are checked by the push path, not by a key.
 */
const BUILT_IN_TABLES = new Set(SYSTEM_ROWS.map((r) => r.table));

/**
 * Every reference of the spec as a Postgres foreign key. Within an org the key is (org_id, column) ->
 * (org_id, id): a row naming another firm's row fails exactly as one naming a row that does not exist,
 * so a push cannot learn which (the same answer as for another firm's row id: push.ts notFound). The
 * user directory (users) and organizations are keyed by id alone.
 */
export const pgForeignKeys: ForeignKey[] = Object.values(TABLES)
  .filter((s) => s.scope !== 'local')
  .flatMap((spec) =>
    Object.entries(columnsOf(spec)).flatMap(([column, col]): ForeignKey[] => {
      const ref = col.references ? TABLES[col.references] : undefined;
      if (!ref || ref.scope === 'local' || BUILT_IN_TABLES.has(ref.name)) return [];
      const byId = column === 'org_id' || ref.scope === 'directory' || ref.scope === 'self' || spec.scope === 'directory';
      return [
        {
          name: `${spec.name}_${column}_fk`,
          table: spec.name,
          column,
          references: ref.name,
          columns: byId ? [column] : ['org_id', column],
          refColumns: byId ? ['id'] : ['org_id', 'id'],
        },
      ];
    }),
  );

/** Tables an (org_id, id) key points at: they need a unique index on (org_id, id). */
const ORG_KEYED = new Set(pgForeignKeys.filter((k) => k.refColumns.length === 2).map((k) => k.references));

/**
 * The statements adding the keys (custom-sql 0016 holds their output): NOT VALID, so rows already
 * breaking one never stop a server from migrating (new writes are checked at once; the server
 * validates each key at start once its table is clean, postgres.ts); DEFERRABLE INITIALLY IMMEDIATE, so
 * a push checks each mutation's statement and rejects that mutation alone, while a bulk load may
 * SET CONSTRAINTS ALL DEFERRED in its transaction.
 */
export function foreignKeySql(keys: ForeignKey[] = pgForeignKeys): string {
  const q = (cols: string[]) => cols.map((c) => `"${c}"`).join(', ');
  return keys
    .map(
      (k) =>
        `ALTER TABLE "${k.table}" ADD CONSTRAINT "${k.name}" FOREIGN KEY (${q(k.columns)}) REFERENCES "${k.references}" (${q(k.refColumns)}) DEFERRABLE INITIALLY IMMEDIATE NOT VALID;`,
    )
    .join('\n--> statement-breakpoint\n');
}

function column(name: string, col: ColumnSpec): PgColumnBuilderBase {
  let b: any;
  switch (col.kind) {
    case 'uuid':
      b = uuid(name);
      break;
    case 'text':
      b = col.maxLength ? varchar(name, { length: col.maxLength }) : text(name);
      break;
    case 'int':
      b = integer(name);
      break;
    case 'bigint':
      b = bigint(name, { mode: 'number' });
      break;
    case 'decimal':
      b = numeric(name, { precision: 21, scale: 6 });
      break;
    case 'bool':
      b = boolean(name);
      break;
    case 'timestamp':
      b = timestamp(name, { withTimezone: true, mode: 'string', precision: 3 });
      break;
    case 'date':
      b = date(name, { mode: 'string' });
      break;
    case 'json':
      b = jsonb(name);
      break;
  }
  if (col.notNull) b = b.notNull();
  if (col.default !== undefined && col.default !== null) {
    const d = col.default;
    if (col.kind === 'json') b = b.default(sql.raw(`'${JSON.stringify(d).replace(/'/g, "''")}'::jsonb`));
    else b = b.default(d);
  }
  return b;
}

function build(spec: TableSpec) {
  const cols: Record<string, PgColumnBuilderBase> = {};
  for (const [name, col] of Object.entries(columnsOf(spec))) {
    cols[name] = name === 'id' ? uuid('id').primaryKey() : column(name, col);
  }
  return pgTable(spec.name, cols as any, (t: any) => {
    const extras: any[] = [];
    for (const u of spec.unique ?? []) extras.push(uniqueIndex(`${spec.name}_${u.join('_')}_uq`).on(...(u.map((c) => t[c]) as [any, ...any[]])));
    for (const i of spec.indexes ?? []) extras.push(index(`${spec.name}_${i.join('_')}_idx`).on(...(i.map((c) => t[c]) as [any, ...any[]])));
    // Shapes read "rows of this org after version V" and "rows of these cases after version V".
    if (spec.scope !== 'directory') extras.push(index(`${spec.name}_org_version_idx`).on(t.org_id, t.version));
    else extras.push(index(`${spec.name}_version_idx`).on(t.version));
    if (ORG_KEYED.has(spec.name)) extras.push(uniqueIndex(`${spec.name}_org_id_id_uq`).on(t.org_id, t.id));
    if (spec.scope === 'case' && spec.caseColumn && spec.caseColumn !== 'id') {
      extras.push(index(`${spec.name}_${spec.caseColumn}_version_scope_idx`).on(t[spec.caseColumn], t.version));
    }
    return extras;
  });
}

/** Spec tables that are synced (scope 'local' tables such as the laptop's audit_log stay on laptops). */
export const pgTables = Object.fromEntries(
  Object.values(TABLES)
    .filter((s) => s.scope !== 'local')
    .map((s) => [s.name, build(s)]),
) as Record<string, ReturnType<typeof build>>;

// ---- server-only tables ------------------------------------------------------------------------------
const ts = (n: string) => timestamp(n, { withTimezone: true, mode: 'string', precision: 3 });

export const auth_credentials = pgTable('auth_credentials', {
  user_id: uuid('user_id').primaryKey(),
  password_hash: text('password_hash').notNull(),
  updated_at: ts('updated_at').notNull().defaultNow(),
});

export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey(),
    user_id: uuid('user_id').notNull(),
    name: varchar('name', { length: 200 }).notNull(),
    app_version: varchar('app_version', { length: 50 }),
    created_at: ts('created_at').notNull().defaultNow(),
    last_seen_at: ts('last_seen_at'),
    last_sync_at: ts('last_sync_at'),
    pending_count: integer('pending_count'),
    revoked_at: ts('revoked_at'),
    /** The laptop's last sync health report (issue 15: versions, push/pull times, pending, failures, conflicts, disk, lease). */
    health: jsonb('health'),
    health_at: ts('health_at'),
    /**
     * sha-256 of a secret the laptop keeps in its vault and sends with each login: logging in again
     * from the same laptop reuses this row, so it takes one device slot of the licence, not one per login.
     */
    install_key_hash: varchar('install_key_hash', { length: 64 }),
  },
  (t) => [
    index('devices_user_idx').on(t.user_id),
    uniqueIndex('devices_user_install_uq')
      .on(t.user_id, t.install_key_hash)
      .where(sql`install_key_hash IS NOT NULL`),
  ],
);

export const refresh_tokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    device_id: uuid('device_id').notNull(),
    user_id: uuid('user_id').notNull(),
    token_hash: varchar('token_hash', { length: 64 }).notNull(),
    created_at: ts('created_at').notNull().defaultNow(),
    expires_at: ts('expires_at').notNull(),
    used_at: ts('used_at'),
    revoked_at: ts('revoked_at'),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_uq').on(t.token_hash), index('refresh_tokens_device_idx').on(t.device_id)],
);

/** One row per (client, org): the highest mutation id applied or acknowledged. */
export const sync_clients = pgTable(
  'sync_clients',
  {
    client_id: uuid('client_id').notNull(),
    org_id: uuid('org_id').notNull(),
    device_id: uuid('device_id').notNull(),
    last_mutation_id: bigint('last_mutation_id', { mode: 'number' }).notNull().default(0),
    updated_at: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sync_clients_client_org_uq').on(t.client_id, t.org_id)],
);

export const security_events = pgTable(
  'security_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: ts('at').notNull().defaultNow(),
    kind: varchar('kind', { length: 100 }).notNull(),
    org_id: uuid('org_id'),
    user_id: uuid('user_id'),
    device_id: uuid('device_id'),
    /** Hashed/opaque identifiers only (email hash, table, row id): no personal data. */
    detail: jsonb('detail')
      .notNull()
      .default(sql`'{}'::jsonb`),
    /** low | medium | high | critical (security-events.ts classifies each kind). */
    severity: varchar('severity', { length: 20 }).notNull().default('low'),
    /** authentication | access | tenancy | data | policy | device. */
    category: varchar('category', { length: 50 }).notNull().default('access'),
    /** open | acknowledged | resolved: an admin's triage, with who moved it last and when. */
    status: varchar('status', { length: 20 }).notNull().default('open'),
    status_by: uuid('status_by'),
    status_at: ts('status_at'),
  },
  (t) => [index('security_events_kind_at_idx').on(t.kind, t.at), index('security_events_org_status_at_idx').on(t.org_id, t.status, t.at)],
);

/** Per-org append-only hash chain (the app role has INSERT/SELECT only; a trigger refuses edits). */
/** What an audit entry records, the same whether it waits to be chained or is chained (fresh builders per table). */
const auditEntry = () => ({
  event_type: varchar('event_type', { length: 100 }).notNull(),
  table_name: varchar('table_name', { length: 100 }),
  record_id: uuid('record_id'),
  user_id: uuid('user_id'),
  device_id: uuid('device_id'),
  request_id: varchar('request_id', { length: 100 }),
  old_values: jsonb('old_values'),
  new_values: jsonb('new_values'),
  changed_fields: jsonb('changed_fields')
    .notNull()
    .default(sql`'[]'::jsonb`),
  metadata: jsonb('metadata')
    .notNull()
    .default(sql`'{}'::jsonb`),
});

export const server_audit = pgTable(
  'server_audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    org_id: uuid('org_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    at: ts('at').notNull().defaultNow(),
    ...auditEntry(),
    prev_hash: varchar('prev_hash', { length: 64 }).notNull(),
    hash: varchar('hash', { length: 64 }).notNull(),
  },
  (t) => [uniqueIndex('server_audit_org_seq_uq').on(t.org_id, t.seq), index('server_audit_org_table_record_idx').on(t.org_id, t.table_name, t.record_id)],
);

/**
 * Audit entries written inside the transaction of the change they record, waiting to be chained:
 * after that transaction commits, one short chaining step per org (audit.ts chainAudit) moves them into
 * server_audit with seq, prev_hash and hash. So concurrent pushes never wait on the org's chain lock
 * across their commits, and an entry exists for every committed change even if the server dies before
 * chaining (pending entries are chained at start and before the audit is listed or verified).
 * The app role may only INSERT here (custom-sql 0003).
 */
export const server_audit_pending = pgTable(
  'server_audit_pending',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    org_id: uuid('org_id').notNull(),
    at: ts('at').notNull().defaultNow(),
    ...auditEntry(),
  },
  (t) => [index('server_audit_pending_org_idx').on(t.org_id, t.id)],
);

/**
 * Signed checkpoints of each org's audit chain (issue 13): (org, seq, head hash, time, key id) signed
 * with the server's Ed25519 audit key, which lives in a file outside the database. A database owner who
 * rewrites the chain cannot sign a matching checkpoint; laptops keep copies, so deleting rows here does
 * not hide a rewrite either. Append-only like server_audit (custom-sql 0008).
 */
export const audit_checkpoints = pgTable(
  'audit_checkpoints',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    org_id: uuid('org_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    head_hash: varchar('head_hash', { length: 64 }).notNull(),
    at: ts('at').notNull(),
    key_id: varchar('key_id', { length: 32 }).notNull(),
    signature: varchar('signature', { length: 128 }).notNull(),
  },
  (t) => [uniqueIndex('audit_checkpoints_org_seq_uq').on(t.org_id, t.seq)],
);

/** Server secrets generated on first start (the access-token HMAC key). Never readable by the app role. */
export const server_keys = pgTable('server_keys', {
  name: varchar('name', { length: 50 }).primaryKey(),
  value: text('value').notNull(),
});

/**
 * Each document version's file key, wrapped by the server's blob key (sync-server/src/keys): the laptop
 * sends the key itself inside an authenticated push, the server wraps it before it is stored, and
 * unwraps it only into a page for a device whose policy lets it read that version (its laptop wraps it
 * again with its own key). Kept out of document_versions so that no row, audit entry or export ever
 * carries it; `key_version` and `key_id` name the blob key that wraps it (rotation re-wraps by version).
 * Deleting the row is crypto-shredding: the blob stays encrypted by a key no one holds.
 */
export const file_keys = pgTable(
  'file_keys',
  {
    version_id: uuid('version_id').primaryKey(),
    org_id: uuid('org_id').notNull(),
    key_version: integer('key_version').notNull(),
    key_id: varchar('key_id', { length: 32 }).notNull(),
    wrapped: varchar('wrapped', { length: 128 }).notNull(),
    created_at: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('file_keys_org_idx').on(t.org_id), index('file_keys_key_version_idx').on(t.key_version)],
);

/** Bumped when a user's access changes: shapes issued before the bump get 409 must-refetch. */
export const access_epochs = pgTable(
  'access_epochs',
  {
    user_id: uuid('user_id').notNull(),
    org_id: uuid('org_id').notNull(),
    epoch: bigint('epoch', { mode: 'number' }).notNull().default(0),
  },
  (t) => [uniqueIndex('access_epochs_user_org_uq').on(t.user_id, t.org_id)],
);

export const blobs = pgTable(
  'blobs',
  {
    sha256: varchar('sha256', { length: 64 }).notNull(),
    org_id: uuid('org_id').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    created_at: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('blobs_org_sha_uq').on(t.org_id, t.sha256)],
);

/**
 * An existing user asked into another org (issue 13): until they accept, they are not a member and
 * nothing about them (name, devices, logins) reaches the inviting org. Server-only; the app role has
 * no access. `email` is the address the inviter typed (already known to them).
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    org_id: uuid('org_id').notNull(),
    user_id: uuid('user_id').notNull(),
    email: varchar('email', { length: 255 }).notNull(),
    role: varchar('role', { length: 50 }).notNull(),
    invited_by: uuid('invited_by').notNull(),
    created_at: ts('created_at').notNull().defaultNow(),
    expires_at: ts('expires_at').notNull(),
    accepted_at: ts('accepted_at'),
    declined_at: ts('declined_at'),
    cancelled_at: ts('cancelled_at'),
  },
  (t) => [
    index('invitations_user_idx').on(t.user_id),
    uniqueIndex('invitations_open_uq')
      .on(t.org_id, t.user_id)
      .where(sql`accepted_at IS NULL AND declined_at IS NULL AND cancelled_at IS NULL`),
  ],
);

/**
 * A device signed out of one org (revocation is per org membership): its requests for that org get
 * 403 device_revoked naming the org, its access to the user's other orgs is untouched. The app role
 * reads its own org's rows (RLS), so a push checks it in its own transaction.
 */
export const device_revocations = pgTable(
  'device_revocations',
  {
    device_id: uuid('device_id').notNull(),
    org_id: uuid('org_id').notNull(),
    revoked_at: ts('revoked_at').notNull().defaultNow(),
    revoked_by: uuid('revoked_by'),
  },
  (t) => [uniqueIndex('device_revocations_device_org_uq').on(t.device_id, t.org_id)],
);

/**
 * Login throttling state per opaque key (an HMAC of account and/or client address: auth.ts): failed
 * attempts since the window began and when the next attempt may be checked (exponential backoff).
 */
export const login_throttle = pgTable('login_throttle', {
  key: varchar('key', { length: 64 }).primaryKey(),
  failures: integer('failures').notNull().default(0),
  next_at: ts('next_at').notNull().defaultNow(),
  updated_at: ts('updated_at').notNull().defaultNow(),
});

/** (account, client address) pairs that logged in successfully (an HMAC key): not slowed by others' failures. */
export const login_known_addresses = pgTable('login_known_addresses', {
  key: varchar('key', { length: 64 }).primaryKey(),
  last_ok_at: ts('last_ok_at').notNull().defaultNow(),
});

/**
 * Single sign-on with OpenID Connect, per org (issue 15; sync-server/src/sso.ts): the identity provider,
 * the client registered there, which email domains it vouches for, the role of a person it lets in who
 * is not a member yet, and whether passwords still work for the org's members. Server role only.
 */
export const org_sso = pgTable('org_sso', {
  org_id: uuid('org_id').primaryKey(),
  issuer: varchar('issuer', { length: 500 }).notNull(),
  client_id: varchar('client_id', { length: 255 }).notNull(),
  /** Sealed (AES-256-GCM under the server's key); null for a public client (PKCE only). */
  client_secret_sealed: text('client_secret_sealed'),
  allowed_domains: jsonb('allowed_domains').notNull().default([]),
  default_role: varchar('default_role', { length: 50 }).notNull(),
  password_login: boolean('password_login').notNull().default(true),
  updated_at: ts('updated_at').notNull().defaultNow(),
  updated_by: uuid('updated_by'),
});

/** An SSO login under way: its state, the nonce and PKCE challenge it was started with (one use, 10 minutes). */
export const sso_logins = pgTable('sso_logins', {
  state: varchar('state', { length: 64 }).primaryKey(),
  org_id: uuid('org_id').notNull(),
  nonce: varchar('nonce', { length: 64 }).notNull(),
  code_challenge: varchar('code_challenge', { length: 64 }).notNull(),
  redirect_uri: varchar('redirect_uri', { length: 300 }).notNull(),
  created_at: ts('created_at').notNull().defaultNow(),
  expires_at: ts('expires_at').notNull(),
});

/** Who an identity provider's subject is here: kept so a changed email at the provider still finds its user. */
export const sso_identities = pgTable(
  'sso_identities',
  {
    org_id: uuid('org_id').notNull(),
    issuer: varchar('issuer', { length: 500 }).notNull(),
    subject: varchar('subject', { length: 255 }).notNull(),
    user_id: uuid('user_id').notNull(),
    created_at: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sso_identities_subject_uq').on(t.issuer, t.subject)],
);

/**
 * A device signed in by SSO: the provider's refresh token (sealed), asked again at each of our
 * refreshes, so a person the provider no longer accepts loses access at the next refresh.
 */
export const sso_sessions = pgTable('sso_sessions', {
  device_id: uuid('device_id').primaryKey(),
  org_id: uuid('org_id').notNull(),
  user_id: uuid('user_id').notNull(),
  issuer: varchar('issuer', { length: 500 }).notNull(),
  subject: varchar('subject', { length: 255 }).notNull(),
  refresh_token_sealed: text('refresh_token_sealed'),
  updated_at: ts('updated_at').notNull().defaultNow(),
});
