/**
 * `casework login`: connect a vault to its firm's sync server. The server's answer (user, device, org
 * memberships, tokens) becomes the vault's identity; the tokens are stored sealed in vault_meta.
 *
 * Joining a firm with a solo vault (created offline with `casework init`): the vault's rows belong to
 * its own solo organisation, which the server does not know. In ONE SQLite transaction we
 *  1. re-home every synced row from the solo org to the firm's org (org_id rewritten) and every
 *     reference to the solo user (updated_by, assigned_consultant_id, created_by, ...) to the firm user;
 *  2. drop the solo org's own organizations/org_memberships/users rows: the firm's versions of these
 *     arrive by pull, and these tables are not writable through push (the server owns them);
 *  3. replace the solo outbox (a history of edits to rows the server has never seen, carrying the old
 *     org id) with one `insert` per live row of every pushable table, in the schema's order (parents
 *     before children, as Postgres checks references). Mutation ids keep increasing (AUTOINCREMENT).
 *  4. record the identity switch in vault_meta and a local audit entry (the local audit chain is left
 *     as it was written: rewriting its org ids would break its hashes).
 * If anything fails, nothing changed: the vault is still the solo vault it was. Nothing is lost either:
 * a row the server refuses comes back as a rejected mutation with its reason (`casework sync status`).
 */
import { hostname } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import { UserError } from '../../src-shared/errors';
import { API_PREFIX, LoginResponse, type Membership } from '../../src-shared/sync/protocol';
import { TABLE_NAMES, actorColumns, tableSpec } from '../../src-shared/schema/tables';
import { appendAudit } from '../core/audit';
import type { Core } from '../core/core';
import { columns, fromDb } from '../db/wire';
import { META, normalizeServerUrl, saveTokens } from './session';

export interface LoginInput {
  server: string;
  email: string;
  password: string;
  deviceName?: string;
  /** Which of the user's orgs this vault replicates (default: the first membership). */
  orgId?: string;
  /** An open invitation of this account (sync/invitations.ts) to accept, joining that firm. */
  invitationId?: string;
}

export interface LoginResult {
  server: string;
  userId: string;
  orgId: string;
  deviceId: string;
  role: string;
  /** Who this vault is signed in as (for single sign-on, the identity provider's answer). */
  email: string;
  joined: boolean;
  queuedRows: number;
}

const NOT_PUSHABLE = new Set(['organizations', 'org_memberships', 'users']);

function userRefColumns(table: string): string[] {
  // The actor columns too (triggered_by_user_id, created_by...): the server accepts only the signed-in
  // user's own id there, so the solo user's id must become the firm user's.
  const actors = new Set(actorColumns(tableSpec(table)));
  return Object.entries(columns(table))
    .filter(([name, col]) => name === 'updated_by' || col.references === 'users' || actors.has(name))
    .map(([name]) => name);
}

/** Re-home a solo vault's rows into the firm org and queue them for upload. Call inside core.tx(). */
function rehome(core: Core, oldOrg: string, newOrg: string, oldUser: string, newUser: string): number {
  const db = core.db;
  for (const name of TABLE_NAMES) {
    const spec = tableSpec(name);
    if (spec.scope === 'local') continue;
    if (NOT_PUSHABLE.has(name)) {
      if (name === 'users') db.prepare('DELETE FROM users WHERE id = ?').run(oldUser);
      else db.prepare(`DELETE FROM ${name} WHERE org_id = ?`).run(oldOrg);
      continue;
    }
    db.prepare(`UPDATE ${name} SET org_id = ? WHERE org_id = ?`).run(newOrg, oldOrg);
    if (oldUser !== newUser) for (const c of userRefColumns(name)) db.prepare(`UPDATE ${name} SET "${c}" = ? WHERE "${c}" = ?`).run(newUser, oldUser);
  }
  db.prepare("DELETE FROM sync_outbox WHERE status = 'pending'").run();
  const enqueue = db.prepare(
    "INSERT INTO sync_outbox (table_name, row_id, op, fields, base, base_version, created_at) VALUES (?, ?, 'insert', ?, NULL, NULL, ?)",
  );
  const now = new Date().toISOString();
  let n = 0;
  for (const name of TABLE_NAMES) {
    const spec = tableSpec(name);
    if (spec.scope === 'local' || spec.scope === 'directory' || NOT_PUSHABLE.has(name) || spec.writableBy.length === 0) continue;
    for (const raw of db.prepare(`SELECT * FROM ${name} WHERE org_id = ? AND deleted_at IS NULL ORDER BY rowid`).all(newOrg) as Record<string, unknown>[]) {
      const row = fromDb(name, raw)!;
      const { version: _v, ...fields } = row;
      enqueue.run(name, row.id, JSON.stringify(fields), now);
      n++;
    }
  }
  return n;
}

function chooseMembership(memberships: Membership[], orgId?: string): Membership {
  if (memberships.length === 0) throw new UserError('forbidden', 'this account is not a member of any organisation on that server');
  if (!orgId) return memberships[0]!;
  const m = memberships.find((x) => x.orgId === orgId);
  if (!m) throw new UserError('forbidden', `this account is not a member of organisation ${orgId}`);
  return m;
}

/**
 * This vault's device secret, made at its first login and kept in the encrypted vault: the server finds
 * the laptop's device by it, so logging in again takes no second device slot of the licence (issue 15).
 */
export function deviceKeyOf(core: Core): string {
  let key = core.meta('device_key');
  if (!key) core.setMeta('device_key', (key = randomBytes(32).toString('base64url')));
  return key;
}

/** Signs in with the email and password (no change to the vault): the server's answer, or a refusal in words. */
export async function authenticate(core: Core, input: LoginInput): Promise<{ server: string; body: LoginResponse }> {
  const server = normalizeServerUrl(input.server);
  if (!input.email || !/^[^\s@]+@[^\s@]+$/.test(input.email.trim())) throw new UserError('invalid_input', `--email "${input.email}" is not an email address`);
  if (!input.password) throw new UserError('invalid_input', 'no password: set CASEWORK_PASSWORD');
  let res: Response;
  try {
    res = await fetch(`${server}${API_PREFIX}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: input.email.trim(),
        password: input.password,
        // The machine's own name, so a firm's device list says which computer it is (not an opaque id).
        deviceName: input.deviceName ?? (hostname().slice(0, 100) || `casework-${core.vaultId.slice(0, 8)}`),
        appVersion: '0.1.0',
        deviceKey: deviceKeyOf(core),
      }),
    });
  } catch (e) {
    throw new UserError(
      'not_found',
      `the sync server ${server} cannot be reached (${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message})`,
    );
  }
  if (res.status === 403) {
    // A firm that signs in only through its identity provider says so; telling the person their password is wrong would send them the wrong way.
    const refused = (await res.json().catch(() => ({}))) as { error?: unknown };
    if (refused.error === 'sso_required')
      throw new UserError('forbidden', 'login refused: your firm signs in with its identity provider; use single sign-on (casework login --sso)');
  }
  if (res.status === 401 || res.status === 403) throw new UserError('forbidden', 'login refused: wrong email or password');
  if (res.status === 429) throw new UserError('forbidden', 'too many failed logins: wait a while and try again');
  if (!res.ok) throw new UserError('invalid_input', `login failed: the server answered ${res.status}`);
  const parsed = LoginResponse.safeParse(await res.json());
  if (!parsed.success) throw new UserError('invalid_input', `${server} did not answer like a Casework sync server`);
  return { server, body: parsed.data };
}

/** Accepts one of the signed-in account's open invitations; the firm's org id. */
async function acceptInvitation(server: string, accessToken: string, invitationId: string): Promise<string> {
  if (!/^[0-9a-f-]{36}$/i.test(invitationId)) throw new UserError('invalid_input', `"${invitationId}" is not an invitation id`);
  const res = await fetch(`${server}${API_PREFIX}/invitations/${invitationId}/accept`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}` } });
  if (res.status === 404)
    throw new UserError('not_found', 'this invitation is no longer open (accepted, cancelled or expired); ask the firm to invite you again');
  if (!res.ok) throw new UserError('forbidden', `the invitation could not be accepted: the server answered ${res.status}`);
  const out = (await res.json()) as { orgId?: unknown };
  if (typeof out.orgId !== 'string') throw new UserError('invalid_input', `${server} did not answer like a Casework sync server`);
  return out.orgId;
}

export async function login(core: Core, input: LoginInput): Promise<LoginResult> {
  let { server, body } = await authenticate(core, input);
  let orgId = input.orgId;
  if (input.invitationId) {
    // Joining a firm that invited this account: accept (the server makes the membership), then sign in
    // again so the tokens and memberships include it, and replicate that firm.
    orgId = await acceptInvitation(server, body.accessToken, input.invitationId);
    ({ server, body } = await authenticate(core, input));
  }
  return adoptLogin(core, server, body, input.email, orgId);
}

/**
 * Makes a server's login answer this vault's identity (and joins a solo vault to the firm): shared by
 * the password login above and single sign-on (sso-login.ts), which differ only in how they got it.
 */
export function adoptLogin(core: Core, server: string, body: LoginResponse, email: string, orgId?: string): LoginResult {
  const m = chooseMembership(body.memberships, orgId);

  const a = core.actor;
  const wasServer = core.meta(META.server);
  const isSolo = (core.meta(META.mode) ?? 'solo') === 'solo';
  if (!isSolo && (a.orgId !== m.orgId || a.userId !== body.userId || (wasServer && wasServer !== server))) {
    throw new UserError('forbidden', `this vault already belongs to ${a.email} of another organisation or server; use a new --data folder for this account`);
  }
  // The server's signing key is pinned at the first login; a later login must show the same key.
  const pinned = core.meta(META.serverKey);
  if (pinned && body.serverKey && pinned !== JSON.stringify(body.serverKey))
    throw new UserError('forbidden', `${server} signs with another key than the server this vault joined; not logged in (ask your administrator)`);
  let queued = 0;
  core.tx(() => {
    if (isSolo) queued = rehome(core, a.orgId, m.orgId, a.userId, body.userId);
    // The server binds a client id to one device; a new device id (a fresh login) gets a new client
    // id, so its mutation ids start a new sequence there. Entries still pending are simply sent on it.
    if (core.meta('device_id') !== body.deviceId) core.setMeta('client_id', randomUUID());
    for (const [k, v] of Object.entries({
      org_id: m.orgId,
      user_id: body.userId,
      device_id: body.deviceId,
      role: m.role,
      email: email.trim().toLowerCase(),
      mode: 'firm',
      [META.server]: server,
      ...(body.serverKey && !pinned ? { [META.serverKey]: JSON.stringify(body.serverKey) } : {}),
    }))
      core.setMeta(k, v);
    saveTokens(core, body);
    appendAudit(core.db, core.actor, {
      event_type: isSolo ? 'joined_firm' : 'login',
      description: isSolo ? `vault joined ${server}; ${queued} rows queued for upload` : `logged in to ${server}`,
      metadata: { server, deviceId: body.deviceId, previousOrgId: isSolo ? a.orgId : undefined },
    });
  });
  core.events.emit('change', { table: '*', id: '*', op: 'remote' });
  return {
    server,
    userId: body.userId,
    orgId: m.orgId,
    deviceId: body.deviceId,
    role: m.role,
    email: email.trim().toLowerCase(),
    joined: isSolo,
    queuedRows: queued,
  };
}
