/**
 * The core: an unlocked vault with its database connection and the identity it acts as. It runs in
 * plain Node (CLI, tests, browser shell) and in Electron's main process; everything Electron-specific
 * is passed in (safeStorage) rather than imported.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { mkdirSync, rmSync } from 'node:fs';
import type { Role } from '../../src-shared/schema/tables';
import { UserError } from '../../src-shared/errors';
import { newId } from '../../src-shared/ids';
import { checkpointIfFree, openDatabase, writeTransaction, type Cipher, type DB } from '../db/open';
import { insertIgnore } from '../db/seed';
import { createVaultFile, unlockVaultKey, DB_FILE, VAULT_FILE, type KeySources } from '../vault/vault';
import { open as openSealed, seal } from '../vault/crypto';
import { fileKeyKek as fileKeyKekOf, newKek, storeKek } from '../vault/file-key-kek';
import { appendAudit } from './audit';
import { putBackAllTriggers } from './set-aside-triggers';

export interface Actor {
  orgId: string;
  userId: string;
  deviceId: string;
  clientId: string;
  role: Role;
  email: string;
  requestId?: string;
}

export interface ChangeEvent {
  table: string;
  id: string;
  op: 'insert' | 'update' | 'delete' | 'remote';
}

export interface Core {
  readonly db: DB;
  readonly dataDir: string;
  readonly vaultId: string;
  actor: Actor;
  /** 'change' (ChangeEvent), 'progress' ({kind, ...}), 'locked'. */
  readonly events: EventEmitter;
  readonly keys: { wrap(plain: Buffer): string; unwrap(wrapped: string): Buffer };
  tx<T>(fn: () => T): T;
  /** A copy of the database key, for an encrypted backup or re-wrapping by another key store only. */
  exportKey(): Buffer;
  readonly cipher: Cipher;
  notify(table: string, id: string, op: ChangeEvent['op']): void;
  meta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  /**
   * Commit whatever a sync write window holds open (sync/page-apply.ts keeps one transaction over several
   * chunks of a first sync). Called before work that cannot run inside a transaction (VACUUM, a backup,
   * a key rotation) and by close(); synchronous, like the 'settle' event it emits.
   */
  settle(): void;
  close(): void;
}

export interface OpenCoreOptions extends KeySources {
  dataDir: string;
}

export interface CreateVaultOptions extends KeySources {
  dataDir: string;
  orgName?: string;
  userEmail?: string;
  firstName?: string;
  lastName?: string;
}

/** A Core over an already-open database (openCore/createVault use it; so does the store benchmark's plain reference). */
export function makeCore(db: DB, dataDir: string, vaultId: string, dbKey: Buffer, cipher: Cipher = 'sqlcipher'): Core {
  const key = Buffer.from(dbKey);
  const events = new EventEmitter();
  events.setMaxListeners(100);
  // File keys and sealed secrets are wrapped by a random key kept in the database (vault/file-key-kek.ts).
  const fileKeyKek = fileKeyKekOf(db, key);
  const metaGet = db.prepare('SELECT value FROM vault_meta WHERE key = ?').pluck();
  const metaSet = db.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const meta = (k: string) => metaGet.get(k) as string | undefined;
  const actorFromMeta = (): Actor => ({
    orgId: meta('org_id') ?? '',
    userId: meta('user_id') ?? '',
    deviceId: meta('device_id') ?? '',
    clientId: meta('client_id') ?? '',
    role: (meta('role') as Role) ?? 'owner',
    email: meta('email') ?? '',
  });
  let closed = false;
  const core: Core = {
    db,
    dataDir,
    vaultId,
    actor: actorFromMeta(),
    events,
    keys: {
      wrap: (plain) => JSON.stringify(seal(fileKeyKek, plain)),
      unwrap: (wrapped) => openSealed(fileKeyKek, JSON.parse(wrapped)),
    },
    tx: (fn) => writeTransaction(db, fn),
    exportKey: () => Buffer.from(key),
    cipher,
    notify: (table, id, op) => events.emit('change', { table, id, op } satisfies ChangeEvent),
    meta,
    setMeta: (k, v) => {
      metaSet.run(k, v);
      core.actor = actorFromMeta();
    },
    settle: () => {
      events.emit('settle');
    },
    close: () => {
      if (closed) return;
      closed = true;
      try {
        events.emit('settle');
        checkpointIfFree(db);
      } finally {
        db.close();
        events.emit('locked');
      }
    },
  };
  return core;
}

/** Unlock an existing vault. Never creates anything. */
export async function openCore(opts: OpenCoreOptions): Promise<Core> {
  const { file, key } = await unlockVaultKey(opts.dataDir, opts);
  const db = openDatabase({ file: join(opts.dataDir, file.database), key, cipher: file.cipher });
  const core = makeCore(db, opts.dataDir, file.vaultId, key, file.cipher);
  if (!core.actor.orgId) {
    core.close();
    throw new UserError('corrupt', 'this vault was never finished being created (no identity); remove the folder and run init again, or restore a backup');
  }
  // A first sync that died while it had set search triggers aside: they are back before anything writes.
  putBackAllTriggers(db);
  return core;
}

/** Create a new solo vault: key + key store, encrypted database, the practice and its owner. */
export async function createVault(opts: CreateVaultOptions): Promise<Core> {
  const { file, key } = await createVaultFile(opts.dataDir, opts);
  let db: DB | undefined;
  try {
    db = openDatabase({ file: join(opts.dataDir, DB_FILE), key, cipher: file.cipher, create: true });
    mkdirSync(join(opts.dataDir, 'blobs'), { recursive: true, mode: 0o700 });
    const orgId = newId();
    const userId = newId();
    const now = new Date().toISOString();
    const email = opts.userEmail ?? `${process.env.USER ?? 'practitioner'}@localhost`;
    const identity: Record<string, string> = {
      vault_id: file.vaultId,
      org_id: orgId,
      user_id: userId,
      device_id: randomUUID(),
      client_id: randomUUID(),
      role: 'owner',
      email,
      mode: 'solo',
      created_at: now,
    };
    const d = db;
    d.transaction(() => {
      const sync = { version: 0, created_at: now, updated_at: now, updated_by: userId };
      insertIgnore(d, 'organizations', { id: orgId, org_id: orgId, name: opts.orgName ?? 'My practice', type: 'solo_practice', ...sync });
      insertIgnore(d, 'users', { id: userId, email, first_name: opts.firstName ?? 'Practitioner', last_name: opts.lastName ?? 'Owner', ...sync });
      insertIgnore(d, 'org_memberships', { id: newId(), org_id: orgId, user_id: userId, role: 'owner', status: 'active', joined_at: now, ...sync });
      const set = d.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?)');
      for (const [k, v] of Object.entries(identity)) set.run(k, v);
      storeKek(d, key, newKek());
      appendAudit(
        d,
        { orgId, userId, email, role: 'owner' },
        { event_type: 'vault_created', description: 'vault created', metadata: { keyStores: file.stores.map((s) => s.kind) } },
      );
    })();
    return makeCore(db, opts.dataDir, file.vaultId, key, file.cipher);
  } catch (e) {
    db?.close();
    // A half-made vault is removed so a retry starts clean; it held nothing yet.
    for (const f of [VAULT_FILE, DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) rmSync(join(opts.dataDir, f), { force: true });
    throw e;
  }
}
