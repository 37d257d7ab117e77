/**
 * Organization administration (owner/admin of that org only): users, memberships, devices and their
 * revocation, the audit log and its verification; plus createOrg for `casework-sync create-org`.
 * Writes to synced tables take a version from the one sequence (like push) so shapes carry them.
 *
 * An org acts only inside itself (issue 13): adding the email of a user who already exists makes an
 * invitation that user must accept (until then they are no member, and nothing about them, names,
 * devices or logins, reaches the org); revoking a device signs it out of this org only.
 */
import { newId } from '../../src-shared/ids';
import type { AuditQuery, CreateUserRequest, DeviceInfo, PatchMembershipRequest } from '../../src-shared/sync/protocol';
import type { Database, Tx } from './db/postgres';
import { appendAudit, chainAudit, verifyAudit } from './audit';
import { bumpEpoch, isManager, membership, type Member } from './access';
import { HttpError, hashPassword, type Identity } from './auth';
import { recordSecurityEvent } from './security';
import { claimVersions } from './versions';
import { assertSeatFree } from './license';
import { deviceWarnings } from '../../src-shared/sync/device-health';

/** Insert a row of a synced table with server-owned columns filled in (system context). */
export async function insertSynced(tx: Tx, table: string, row: Record<string, unknown>): Promise<void> {
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

/** Open invitations last this long; a new invitation to the same person renews the open one. */
const INVITATION_TTL = '14 days';
const OPEN_INVITATION = 'accepted_at IS NULL AND declined_at IS NULL AND cancelled_at IS NULL';

export interface InvitationInfo {
  id: string;
  orgId: string;
  email: string;
  role: string;
  createdAt: string;
  expiresAt: string;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled' | 'expired';
}

const iso = (v: unknown) => new Date(String(v)).toISOString();
function invitationInfo(r: Record<string, any>): InvitationInfo {
  const status = r.accepted_at
    ? 'accepted'
    : r.declined_at
      ? 'declined'
      : r.cancelled_at
        ? 'cancelled'
        : Date.parse(r.expires_at) <= Date.now()
          ? 'expired'
          : 'pending';
  return { id: r.id, orgId: r.org_id, email: r.email, role: r.role, createdAt: iso(r.created_at), expiresAt: iso(r.expires_at), status };
}

/**
 * A new email: the user is created with the password given (201). An existing user's email: an
 * invitation they must accept (202 {invitation}); the password sent is not used, and the answer says
 * nothing about that user (no id, name, devices or memberships elsewhere).
 */
export async function createUser(
  db: Database,
  who: Identity,
  orgId: string,
  body: CreateUserRequest,
  requestId: string,
): Promise<{ status: 201; body: { userId: string; orgId: string; role: string } } | { status: 202; body: { invitation: InvitationInfo } }> {
  const me = await requireManager(db, who, orgId);
  if (body.role === 'owner' && me.role !== 'owner') throw new HttpError(403, 'forbidden', 'only an owner may create an owner');
  const hash = await hashPassword(body.password);
  return db.withSystem(async (tx) => {
    const email = body.email.toLowerCase();
    const existing = await tx.query('SELECT id FROM users WHERE lower(email) = $1', [email]);
    if (existing.rowCount)
      return { status: 202 as const, body: { invitation: await invite(tx, who, orgId, existing.rows[0].id, email, body.role, requestId) } };
    await assertSeatFree(db, tx, orgId); // the licence's seats (issue 15): member N+1 is refused in words
    const userId = newId();
    await insertSynced(tx, 'users', { id: userId, email, first_name: body.firstName, last_name: body.lastName });
    await tx.query('INSERT INTO auth_credentials (user_id, password_hash) VALUES ($1, $2)', [userId, hash]);
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
    return { status: 201 as const, body: { userId, orgId, role: body.role } };
  });
}

async function invite(tx: Tx, who: Identity, orgId: string, userId: string, email: string, role: string, requestId: string): Promise<InvitationInfo> {
  const m = await tx.query('SELECT 1 FROM org_memberships WHERE org_id = $1 AND user_id = $2', [orgId, userId]);
  if (m.rowCount) throw new HttpError(409, 'conflict', 'this user is already a member');
  const r = await tx.query(
    `INSERT INTO invitations (id, org_id, user_id, email, role, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, now() + interval '${INVITATION_TTL}')
     ON CONFLICT (org_id, user_id) WHERE ${OPEN_INVITATION}
     DO UPDATE SET role = EXCLUDED.role, invited_by = EXCLUDED.invited_by, email = EXCLUDED.email, expires_at = EXCLUDED.expires_at
     RETURNING *`,
    [newId(), orgId, userId, email, role, who.userId],
  );
  const inv = invitationInfo(r.rows[0]);
  await appendAudit(tx, orgId, {
    eventType: 'admin.invite_user',
    table: 'invitations',
    recordId: inv.id,
    userId: who.userId,
    deviceId: who.deviceId,
    requestId,
    newValues: { role },
    changedFields: ['role'],
  });
  return inv;
}

/** The org's invitations (what its managers typed; nothing about the invited person). */
export async function listOrgInvitations(db: Database, who: Identity, orgId: string): Promise<InvitationInfo[]> {
  await requireManager(db, who, orgId);
  const r = await db.pool.query('SELECT * FROM invitations WHERE org_id = $1 ORDER BY created_at', [orgId]);
  return r.rows.map(invitationInfo);
}

export async function cancelInvitation(db: Database, who: Identity, orgId: string, invitationId: string, requestId: string) {
  await requireManager(db, who, orgId);
  return db.withSystem(async (tx) => {
    const r = await tx.query(`UPDATE invitations SET cancelled_at = now() WHERE id = $1 AND org_id = $2 AND ${OPEN_INVITATION} RETURNING *`, [
      invitationId,
      orgId,
    ]);
    if (!r.rowCount) throw new HttpError(404, 'not_found', 'no open invitation with this id in this organization');
    await appendAudit(tx, orgId, {
      eventType: 'admin.cancel_invitation',
      table: 'invitations',
      recordId: invitationId,
      userId: who.userId,
      deviceId: who.deviceId,
      requestId,
    });
    return { invitation: invitationInfo(r.rows[0]) };
  });
}

/** The caller's own open invitations, with the inviting org's name (so they know what they accept). */
export async function listMyInvitations(db: Database, who: Identity) {
  const r = await db.pool.query(
    `SELECT i.*, o.name AS org_name FROM invitations i JOIN organizations o ON o.id = i.org_id
      WHERE i.user_id = $1 AND i.accepted_at IS NULL AND i.declined_at IS NULL AND i.cancelled_at IS NULL AND i.expires_at > now() ORDER BY i.created_at`,
    [who.userId],
  );
  return r.rows.map((row) => {
    const { email: _typed, ...info } = invitationInfo(row);
    return { ...info, orgName: row.org_name as string };
  });
}

/** Accept (a membership in that org, from now on) or decline one's own open invitation; anyone else's is 404. */
export async function answerInvitation(db: Database, who: Identity, invitationId: string, accept: boolean, requestId: string) {
  const out = await db.withSystem(async (tx) => {
    const r = await tx.query(`SELECT * FROM invitations WHERE id = $1 AND user_id = $2 AND ${OPEN_INVITATION} AND expires_at > now() FOR UPDATE`, [
      invitationId,
      who.userId,
    ]);
    if (!r.rowCount) throw new HttpError(404, 'not_found', 'no open invitation with this id for you');
    const inv = r.rows[0];
    if (!accept) {
      await tx.query('UPDATE invitations SET declined_at = now() WHERE id = $1', [inv.id]);
      // Recorded without the person's id: declining tells the org nothing about them.
      await appendAudit(tx, inv.org_id, { eventType: 'admin.invitation_declined', table: 'invitations', recordId: inv.id, requestId });
      return { orgId: inv.org_id as string, accepted: false };
    }
    await tx.query('UPDATE invitations SET accepted_at = now() WHERE id = $1', [inv.id]);
    const existing = await tx.query('SELECT 1 FROM org_memberships WHERE org_id = $1 AND user_id = $2', [inv.org_id, who.userId]);
    if (!existing.rowCount) {
      await assertSeatFree(db, tx, inv.org_id);
      const membershipId = newId();
      await insertSynced(tx, 'org_memberships', {
        id: membershipId,
        org_id: inv.org_id,
        user_id: who.userId,
        role: inv.role,
        status: 'active',
        invited_by: inv.invited_by,
        invited_at: iso(inv.created_at),
        joined_at: new Date().toISOString(),
      });
      await bumpEpoch(tx, [who.userId], inv.org_id);
      await appendAudit(tx, inv.org_id, {
        eventType: 'admin.invitation_accepted',
        table: 'org_memberships',
        recordId: membershipId,
        userId: who.userId,
        deviceId: who.deviceId,
        requestId,
        newValues: { role: inv.role },
        changedFields: ['role'],
      });
    }
    return { orgId: inv.org_id as string, role: inv.role as string, accepted: true };
  });
  return out;
}

export async function patchMembership(db: Database, who: Identity, orgId: string, userId: string, body: PatchMembershipRequest, requestId: string) {
  const me = await requireManager(db, who, orgId);
  return db.withSystem(async (tx) => {
    const r = await tx.query('SELECT id, role, status FROM org_memberships WHERE org_id = $1 AND user_id = $2 FOR UPDATE', [orgId, userId]);
    if (!r.rowCount) throw new HttpError(404, 'not_found', 'no such member');
    const old = r.rows[0];
    if ((old.role === 'owner' || body.role === 'owner') && me.role !== 'owner') throw new HttpError(403, 'forbidden', 'only an owner may change an owner');
    const next = { role: body.role ?? old.role, status: body.status ?? old.status };
    if (next.status === 'active' && (old.status ?? 'active') !== 'active') await assertSeatFree(db, tx, orgId);
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

export async function listDevices(db: Database, who: Identity, orgId: string, staleDays?: number): Promise<DeviceInfo[]> {
  await requireManager(db, who, orgId);
  // The devices of this org's members; revokedAt is the revocation in this org (or everywhere).
  const r = await db.pool.query(
    `SELECT d.*, coalesce(d.revoked_at, (SELECT x.revoked_at FROM device_revocations x WHERE x.device_id = d.id AND x.org_id = $1)) AS org_revoked_at
       FROM devices d WHERE d.user_id IN (SELECT user_id FROM org_memberships WHERE org_id = $1 AND deleted_at IS NULL) ORDER BY d.created_at`,
    [orgId],
  );
  const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
  return r.rows.map((d) => {
    const info = {
      deviceId: d.id,
      userId: d.user_id,
      name: d.name,
      appVersion: d.app_version,
      pendingCount: d.pending_count,
      lastSyncAt: iso(d.last_sync_at),
      revokedAt: iso(d.org_revoked_at),
      lastSeenAt: iso(d.last_seen_at),
      health: d.health ?? null,
      healthAt: iso(d.health_at),
    };
    return { ...info, warnings: deviceWarnings(info, Date.now(), staleDays) };
  });
}

export async function revokeDevice(db: Database, who: Identity, orgId: string, deviceId: string, requestId: string) {
  await requireManager(db, who, orgId);
  return db.withSystem(async (tx) => {
    const r = await tx.query('SELECT d.id, d.user_id FROM devices d JOIN org_memberships m ON m.user_id = d.user_id AND m.org_id = $1 WHERE d.id = $2', [
      orgId,
      deviceId,
    ]);
    if (!r.rowCount) throw new HttpError(404, 'not_found', 'no such device in this organization');
    // This org only: the device's requests for this org get 403 device_revoked naming it, and it is no
    // longer listed among the memberships a refresh returns; its other orgs (and tokens) are untouched.
    await tx.query('INSERT INTO device_revocations (device_id, org_id, revoked_by) VALUES ($1, $2, $3) ON CONFLICT (device_id, org_id) DO NOTHING', [
      deviceId,
      orgId,
      who.userId,
    ]);
    await recordSecurityEvent(tx, 'device_revoked', { orgId, userId: r.rows[0].user_id, deviceId });
    await appendAudit(tx, orgId, {
      eventType: 'admin.revoke_device',
      recordId: deviceId,
      userId: who.userId,
      deviceId: who.deviceId,
      requestId,
      metadata: { revokedUser: r.rows[0].user_id },
    });
    return { deviceId, orgId, revoked: true };
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
