/**
 * Administration for the window: users and roles come from the replica (users and org_memberships
 * sync to every member); devices and their revocation are the firm server's (this vault's stored
 * token authorises the call, and the server checks the caller is an owner or admin). The audit views
 * read this device's own hash-chained log, and also verify the firm's chain when a server is joined.
 */
import { UserError } from '../../src-shared/errors';
import type { AuditVerifyResponse } from '../../src-shared/sync/protocol';
import type {
  AuditExported,
  AuditLine,
  AuditVerifyView,
  DeviceLine,
  DeviceRevoked,
  MembershipChanged,
  UserAdded,
  UserLine,
} from '../../src-shared/contract/views';
import type { Core } from '../core/core';
import { appendAudit, verifyLocalAudit } from '../core/audit';
import { existsSync, writeFileSync } from 'node:fs';
import { CSV_PROOF_PREFIX } from '../../src-shared/sync/audit-export';
import type { DeviceHealth, DeviceWarning } from '../../src-shared/sync/device-health';
import { authFetch, describeFailure, serverOf } from '../sync';

function requireManager(core: Core) {
  if (!['owner', 'admin'].includes(core.actor.role)) throw new UserError('forbidden', 'only an owner or admin can see administration');
}

async function serverJson<T>(core: Core, path: string, init: RequestInit = {}): Promise<T> {
  const res = await authFetch(core, path, init);
  if (!res.ok) throw new UserError(res.status === 403 ? 'forbidden' : 'invalid_input', await describeFailure(res));
  return (await res.json()) as T;
}

export function listUsers(core: Core): UserLine[] {
  requireManager(core);
  return core.db
    .prepare(
      `SELECT u.id, u.email, u.first_name, u.last_name, m.role, m.status = 'active' AS active
         FROM org_memberships m JOIN users u ON u.id = m.user_id
        WHERE m.org_id = ? AND m.deleted_at IS NULL ORDER BY u.last_name, u.first_name`,
    )
    .all(core.actor.orgId)
    .map((r) => ({ ...(r as Omit<UserLine, 'active'>), active: Boolean((r as { active: number }).active) }));
}

interface ServerDevice {
  deviceId: string;
  userId: string;
  name: string;
  lastSyncAt: string | null;
  lastSeenAt: string | null;
  revokedAt: string | null;
  pendingCount: number | null;
  appVersion: string | null;
  health: DeviceHealth | null;
  healthAt: string | null;
  warnings: DeviceWarning[];
}

/**
 * The firm's devices with their sync health (issue 15): this device marked, each named by its user
 * (email where the replica knows it) and machine, last seen and last synced, what its last report said,
 * and the warnings for devices silent for staleDays or holding unsynced changes.
 */
export async function listDevices(core: Core, opts: { staleDays?: number } = {}): Promise<DeviceLine[]> {
  requireManager(core);
  if (!serverOf(core)) return [];
  const q = opts.staleDays ? `?staleDays=${opts.staleDays}` : '';
  const { devices } = await serverJson<{ devices: ServerDevice[] }>(core, `/v1/orgs/${core.actor.orgId}/devices${q}`);
  const emails = new Map((core.db.prepare('SELECT id, email FROM users').all() as Array<{ id: string; email: string }>).map((u) => [u.id, u.email]));
  return devices.map((d) => ({
    id: d.deviceId,
    name: d.name,
    userEmail: emails.get(d.userId) ?? d.userId,
    lastSeenAt: d.lastSeenAt ?? d.lastSyncAt,
    lastSyncAt: d.lastSyncAt,
    revokedAt: d.revokedAt,
    pending: d.pendingCount,
    appVersion: d.appVersion,
    health: d.health,
    healthAt: d.healthAt,
    warnings: d.warnings ?? [],
    thisDevice: d.deviceId === core.actor.deviceId,
  }));
}

/** Rename a device of the firm (the server checks the caller is an owner or admin). */
export async function renameDevice(core: Core, deviceId: string, name: string) {
  requireManager(core);
  if (!serverOf(core)) throw new UserError('invalid_input', 'this vault is not joined to a firm server; there are no devices to rename');
  return serverJson<{ deviceId: string; name: string }>(core, `/v1/orgs/${core.actor.orgId}/devices/${deviceId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: name.trim() }),
  });
}

/**
 * Export a date range of the firm's server audit log with its chain proof (CSV or JSON Lines) to
 * `file` (written 0600, never over an existing file). The file carries its proof (signed by the
 * server's audit key); an auditor checks it with `casework-sync audit verify --export FILE --public-key K`.
 * An answer without a proof is not written.
 */
export async function exportAudit(core: Core, input: { from: string; to: string; format: 'csv' | 'jsonl'; file: string }): Promise<AuditExported> {
  requireManager(core);
  requireFirm(core);
  if (existsSync(input.file)) throw new UserError('invalid_input', `${input.file} exists; choose a new file`);
  const q = new URLSearchParams({ from: input.from, to: input.to, format: input.format });
  const res = await authFetch(core, `/v1/orgs/${core.actor.orgId}/audit/export?${q}`);
  if (!res.ok) throw new UserError(res.status === 403 ? 'forbidden' : 'invalid_input', await describeFailure(res));
  const text = await res.text();
  const lines = text.trimEnd().split('\n');
  const last = lines[lines.length - 1] ?? '';
  const proofJson = input.format === 'csv' ? last.replace(CSV_PROOF_PREFIX, '') : last;
  let proof: { entries: number; firstSeq: number | null; lastSeq: number | null; publicKey: string };
  try {
    const parsed = JSON.parse(proofJson);
    proof = input.format === 'csv' ? parsed : parsed.proof;
  } catch {
    throw new UserError('invalid_input', 'the server sent an export without its proof; nothing was written');
  }
  writeFileSync(input.file, text, { mode: 0o600, flag: 'wx' });
  appendAudit(core.db, core.actor, {
    event_type: 'audit_exported',
    description: `server audit ${input.from} to ${input.to} exported (${input.format})`,
    metadata: { entries: proof.entries, format: input.format },
  });
  return { file: input.file, format: input.format, entries: proof.entries, firstSeq: proof.firstSeq, lastSeq: proof.lastSeq };
}

export async function revokeDevice(core: Core, deviceId: string) {
  requireManager(core);
  if (!serverOf(core)) throw new UserError('invalid_input', 'this vault is not joined to a firm server; there are no devices to revoke');
  if (deviceId === core.actor.deviceId) throw new UserError('invalid_input', 'this is the device you are using; revoke it from another one');
  return serverJson<DeviceRevoked>(core, `/v1/orgs/${core.actor.orgId}/devices/${deviceId}/revoke`, { method: 'POST' });
}

function requireFirm(core: Core) {
  if (!serverOf(core)) throw new UserError('invalid_input', "this vault works on its own: join your firm's server (Sync) before adding colleagues");
}

/** Add a colleague to the firm (the server creates the account; it reaches every laptop by sync). */
export async function addUser(core: Core, input: { email: string; firstName: string; lastName: string; role: string; password: string }) {
  requireManager(core);
  requireFirm(core);
  return serverJson<UserAdded>(core, `/v1/orgs/${core.actor.orgId}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
}

/** Change a colleague's role, or suspend / reactivate their membership (the server checks who may). */
export async function setMembership(core: Core, input: { userId: string; role?: string; status?: 'active' | 'suspended' }) {
  requireManager(core);
  requireFirm(core);
  if (input.userId === core.actor.userId)
    throw new UserError('invalid_input', 'you cannot change your own role or suspend yourself; ask another owner or admin');
  const { userId, ...patch } = input;
  return serverJson<MembershipChanged>(core, `/v1/orgs/${core.actor.orgId}/memberships/${userId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  });
}

export function searchAudit(core: Core, q: { q?: string; limit?: number }): AuditLine[] {
  requireManager(core);
  const like = q.q ? `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  return core.db
    .prepare(
      `SELECT seq, created_at AS at, user_email AS actorEmail, event_type AS action, table_name AS "table", record_id AS rowId, description
         FROM audit_log
        WHERE (@like IS NULL OR event_type LIKE @like ESCAPE '\\' OR table_name LIKE @like ESCAPE '\\' OR user_email LIKE @like ESCAPE '\\' OR description LIKE @like ESCAPE '\\' OR record_id LIKE @like ESCAPE '\\')
        ORDER BY seq DESC LIMIT @limit`,
    )
    .all({ like, limit: q.limit ?? 200 }) as AuditLine[];
}

export async function verifyAudit(core: Core): Promise<AuditVerifyView> {
  requireManager(core);
  const local = verifyLocalAudit(core.db);
  if (!serverOf(core)) return { ...local, scope: 'device' };
  const server = await serverJson<AuditVerifyResponse>(core, `/v1/orgs/${core.actor.orgId}/audit/verify`).catch((e: Error) => ({
    ok: false as const,
    entries: 0 as const,
    error: e.message,
  }));
  return { ...local, ok: local.ok && server.ok, scope: 'device+server', server };
}
