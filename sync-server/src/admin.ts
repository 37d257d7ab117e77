/**
 * Organization administration (owner/admin of that org only): users, memberships, devices and their
 * revocation, the audit log and its verification; plus createOrg for `casework-sync create-org`.
 * Writes to synced tables take a version from the one sequence (like push) so shapes carry them.
 */
import { newId } from '../../src-shared/ids';
import type { AuditQuery, CreateUserRequest, DeviceInfo, PatchMembershipRequest } from '../../src-shared/sync/protocol';
import type { Database, Tx } from './db/postgres';
import { appendAudit, chainAudit, verifyAudit } from './audit';
import { bumpEpoch, isManager, membership, type Member } from './access';
import { HttpError, hashPassword, type Identity } from './auth';
import { recordSecurityEvent } from './security';
import { claimVersions } from './versions';

/** Insert a row of a synced table with server-owned columns filled in (system context). */
async function insertSynced(tx: Tx, table: string, row: Record<string, unknown>): Promise<void> {
  await claimVersions(tx);
  const now = new Date().toISOString();
  const all = { created_at: now, updated_at: now, ...row };
  const names = Object.keys(all);
  await tx.query(
    `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}, version) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}, nextval('row_version_seq'))`,
    names.map((n) => (all as Record<string, unknown>)[n]),
  );
}

export async function createOrg(
  db: Database,
  input: { name: string; adminEmail: string; password: string; firstName?: string; lastName?: string },
): Promise<{ orgId: string; userId: string }> {
  if (!input.name.trim() || input.name.length > 255) throw new HttpError(400, 'bad_request', 'name is required (at most 255 characters)');
  if (!/^[^@\s]+@[^@\s]+$/.test(input.adminEmail)) throw new HttpError(400, 'bad_request', 'admin email is not an email address');
  if (input.password.length < 8) throw new HttpError(400, 'bad_request', 'the admin password must have at least 8 characters');
  const hash = await hashPassword(input.password);
  const orgId = newId();
  return db.withSystem(async (tx) => {
    const email = input.adminEmail.trim().toLowerCase();
    const existing = await tx.query('SELECT id FROM users WHERE lower(email) = $1', [email]);
    const userId: string = existing.rows[0]?.id ?? newId();
    await insertSynced(tx, 'organizations', { id: orgId, org_id: orgId, name: input.name.trim() });
    if (!existing.rowCount) {
      await insertSynced(tx, 'users', {
        id: userId,
        email,
        first_name: input.firstName ?? 'Admin',
        last_name: input.lastName ?? input.name.trim().slice(0, 100),
      });
      await tx.query('INSERT INTO auth_credentials (user_id, password_hash) VALUES ($1, $2)', [userId, hash]);
    }
    await insertSynced(tx, 'org_memberships', {
      id: newId(),
      org_id: orgId,
      user_id: userId,
      role: 'owner',
      status: 'active',
      joined_at: new Date().toISOString(),
    });
    await appendAudit(tx, orgId, { eventType: 'admin.create_org', table: 'organizations', recordId: orgId, userId, changedFields: ['name'] });
    return { orgId, userId };
  });
}

/** The caller must be an active owner/admin of orgId; anything else is 403 (and recorded). */
export async function requireManager(db: Database, who: Identity, orgId: string): Promise<Member> {
  const m = await db.withOrg(orgId, (tx) => membership(tx, who.userId, orgId));
  if (!m || !isManager(m)) {
    await db.withSystem((tx) => recordSecurityEvent(tx, 'admin_forbidden', { orgId, userId: who.userId, deviceId: who.deviceId }));
    throw new HttpError(403, 'forbidden', 'owner or admin of this organization only');
  }
  return m;
}

export async function createUser(db: Database, who: Identity, orgId: string, body: CreateUserRequest, requestId: string) {
  const me = await requireManager(db, who, orgId);
  if (body.role === 'owner' && me.role !== 'owner') throw new HttpError(403, 'forbidden', 'only an owner may create an owner');
  const hash = await hashPassword(body.password);
  return db.withSystem(async (tx) => {
    const email = body.email.toLowerCase();
    const existing = await tx.query('SELECT id FROM users WHERE lower(email) = $1', [email]);
    let userId: string;
    if (existing.rowCount) {
      userId = existing.rows[0].id;
      const m = await tx.query('SELECT 1 FROM org_memberships WHERE org_id = $1 AND user_id = $2', [orgId, userId]);
      if (m.rowCount) throw new HttpError(409, 'conflict', 'this user is already a member');
    } else {
      userId = newId();
      await insertSynced(tx, 'users', { id: userId, email, first_name: body.firstName, last_name: body.lastName });
      await tx.query('INSERT INTO auth_credentials (user_id, password_hash) VALUES ($1, $2)', [userId, hash]);
    }
    await insertSynced(tx, 'org_memberships', {
      id: newId(),
      org_id: orgId,
      user_id: userId,
      role: body.role,
      status: 'active',
      invited_by: who.userId,
      invited_at: new Date().toISOString(),
    });
    await appendAudit(tx, orgId, {
      eventType: 'admin.create_user',
      table: 'org_memberships',
      recordId: userId,
      userId: who.userId,
      deviceId: who.deviceId,
      requestId,
      newValues: { role: body.role },
      changedFields: ['role'],
    });
    return { userId, orgId, role: body.role };
  });
}

export async function patchMembership(db: Database, who: Identity, orgId: string, userId: string, body: PatchMembershipRequest, requestId: string) {
  const me = await requireManager(db, who, orgId);
  return db.withSystem(async (tx) => {
    const r = await tx.query('SELECT id, role, status FROM org_memberships WHERE org_id = $1 AND user_id = $2 FOR UPDATE', [orgId, userId]);
    if (!r.rowCount) throw new HttpError(404, 'not_found', 'no such member');
    const old = r.rows[0];
    if ((old.role === 'owner' || body.role === 'owner') && me.role !== 'owner') throw new HttpError(403, 'forbidden', 'only an owner may change an owner');
    const next = { role: body.role ?? old.role, status: body.status ?? old.status };
    await claimVersions(tx);
    await tx.query(
      `UPDATE org_memberships SET role = $2, status = $3, updated_at = now(), updated_by = $4, version = nextval('row_version_seq') WHERE id = $1`,
      [old.id, next.role, next.status, who.userId],
    );
    await bumpEpoch(tx, [userId], orgId);
    const changed = Object.keys(body);
    await appendAudit(tx, orgId, {
      eventType: 'admin.patch_membership',
      table: 'org_memberships',
      recordId: old.id,
      userId: who.userId,
      deviceId: who.deviceId,
      requestId,
      oldValues: { role: old.role, status: old.status },
      newValues: next,
      changedFields: changed,
    });
    return { userId, orgId, ...next };
  });
}

export async function listDevices(db: Database, who: Identity, orgId: string): Promise<DeviceInfo[]> {
  await requireManager(db, who, orgId);
  const r = await db.pool.query(`SELECT d.* FROM devices d WHERE d.user_id IN (SELECT user_id FROM org_memberships WHERE org_id = $1) ORDER BY d.created_at`, [
    orgId,
  ]);
  return r.rows.map((d) => ({
    deviceId: d.id,
    userId: d.user_id,
    name: d.name,
    appVersion: d.app_version,
    pendingCount: d.pending_count,
    lastSyncAt: d.last_sync_at ? new Date(d.last_sync_at).toISOString() : null,
    revokedAt: d.revoked_at ? new Date(d.revoked_at).toISOString() : null,
  }));
}

export async function revokeDevice(db: Database, who: Identity, orgId: string, deviceId: string, requestId: string) {
  await requireManager(db, who, orgId);
  return db.withSystem(async (tx) => {
    const r = await tx.query('SELECT d.id, d.user_id FROM devices d JOIN org_memberships m ON m.user_id = d.user_id AND m.org_id = $1 WHERE d.id = $2', [
      orgId,
      deviceId,
    ]);
    if (!r.rowCount) throw new HttpError(404, 'not_found', 'no such device in this organization');
    await tx.query('UPDATE devices SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [deviceId]);
    await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL', [deviceId]);
    await recordSecurityEvent(tx, 'device_revoked', { orgId, userId: r.rows[0].user_id, deviceId });
    await appendAudit(tx, orgId, {
      eventType: 'admin.revoke_device',
      recordId: deviceId,
      userId: who.userId,
      deviceId: who.deviceId,
      requestId,
      metadata: { revokedUser: r.rows[0].user_id },
    });
    return { deviceId, revoked: true };
  });
}

export async function listAudit(db: Database, who: Identity, orgId: string, q: AuditQuery) {
  await requireManager(db, who, orgId);
  await chainAudit(db, orgId); // entries still pending (a crash between commit and chaining) first
  return db.withOrg(orgId, async (tx) => {
    const where = ['org_id = $1'];
    const params: unknown[] = [orgId];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.table) add('table_name = ?', q.table);
    if (q.recordId) add('record_id = ?', q.recordId);
    if (q.userId) add('user_id = ?', q.userId);
    if (q.from) add('at >= ?', q.from);
    if (q.to) add('at <= ?', q.to);
    if (q.after !== undefined) add('seq > ?', q.after);
    const r = await tx.query(`SELECT * FROM server_audit WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ${q.limit + 1}`, params);
    const more = r.rows.length > q.limit;
    const entries = (more ? r.rows.slice(0, q.limit) : r.rows).map((e) => ({ ...e, id: String(e.id), at: new Date(e.at).toISOString() }));
    return { entries, next: more ? Number(entries[entries.length - 1]!.seq) : null };
  });
}

export async function verifyOrgAudit(db: Database, who: Identity, orgId: string) {
  await requireManager(db, who, orgId);
  await chainAudit(db, orgId); // entries still pending (a crash between commit and chaining) first
  return db.withOrg(orgId, (tx) => verifyAudit(tx, orgId));
}
