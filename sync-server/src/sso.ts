/**
 * Single sign-on with OpenID Connect (issue 15), the server as the identity provider's client
 * (openid-client validates every token: signature by the provider's JWKS, issuer, audience, expiry,
 * nonce, state, PKCE):
 *   PUT  /v1/orgs/:orgId/sso        owner/admin: {issuer, clientId, clientSecret?, allowedDomains, defaultRole,
 *                                   passwordLogin}; the issuer is discovered before it is saved (400 if not);
 *   GET  /v1/orgs/:orgId/sso        owner/admin: the same without the secret;
 *   POST /v1/auth/sso/start         {email, redirectUri, codeChallenge}: the org whose allowed domains hold
 *                                   the email's domain, and the provider's authorization URL (state, nonce,
 *                                   S256 challenge; scope openid email profile offline_access);
 *   POST /v1/auth/sso/finish        {callback, codeVerifier, deviceName, appVersion?, deviceKey?}: the query
 *                                   the laptop's loopback redirect received; answers as a password login does.
 * The laptop opens the URL in the system browser and listens on a loopback redirect (RFC 8252: any port
 * of http://127.0.0.1 or http://[::1]); the code is exchanged by this server with the laptop's PKCE verifier.
 *
 * Org mapping: the provider's verified email must fall in the org's allowed domains. A person the
 * provider vouches for who is not a member yet joins with the default role (just in time, within the
 * licence's seats); a suspended member stays out. The provider's refresh token is kept sealed per
 * device, and each of our refreshes asks the provider first (ssoRefreshGate): a person removed or
 * disabled there loses access at the next refresh (401 sso_revoked; the device's tokens are revoked).
 * With passwordLogin false, a password login for an email of the org's domains is refused (sso_required).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { ROLES } from '../../src-shared/schema/tables';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { newId } from '../../src-shared/ids';
import type { Database, Tx } from './db/postgres';
import { HttpError, authenticate, hashPassword, issueTokens } from './auth';
import { insertSynced, requireManager } from './admin';
import { appendAudit } from './audit';
import { bumpEpoch } from './access';
import { assertSeatFree, deviceForLogin, seal, unseal } from './license';
import { recordSecurityEvent } from './security';
import { withServerKey } from './revocation-proof';

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a domain name such as firm.ca');
export const SsoConfigRequest = z.strictObject({
  issuer: z.string().url().max(500),
  clientId: z.string().min(1).max(255),
  clientSecret: z.string().min(1).max(500).optional(),
  allowedDomains: z.array(domain).min(1).max(20),
  defaultRole: z.enum(ROLES).exclude(['owner']),
  passwordLogin: z.boolean(),
});
const StartRequest = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(255),
  redirectUri: z.string().max(300),
  codeChallenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a base64url S256 challenge (43 characters)'),
});
const FinishRequest = z.strictObject({
  callback: z.string().min(1).max(4000),
  codeVerifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'a PKCE verifier (RFC 7636)'),
  deviceName: z.string().trim().min(1).max(200),
  appVersion: z.string().max(50).optional(),
  deviceKey: z.string().min(32).max(128).optional(),
});

function parse<T>(schema: z.ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v ?? {});
  if (!r.success) throw new HttpError(400, 'bad_request', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

/** RFC 8252 §7.3: a native app's loopback redirect, on any port (never "localhost", which DNS could send elsewhere). */
function loopbackRedirect(uri: string): string {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw new HttpError(400, 'bad_request', 'redirectUri is not a URL');
  }
  if (u.protocol !== 'http:' || !['127.0.0.1', '[::1]'].includes(u.hostname) || u.search || u.hash)
    throw new HttpError(400, 'bad_request', 'redirectUri must be a loopback address: http://127.0.0.1:PORT/path or http://[::1]:PORT/path');
  return u.toString();
}

/** http issuers are accepted on the loopback only (a provider run beside the server, tests); anything else must be https. */
function isLoopback(url: string): boolean {
  const h = new URL(url).hostname;
  return h === '127.0.0.1' || h === '[::1]' || h === 'localhost';
}

const sealKey = (key: Buffer) => createHash('sha256').update('casework-sso-seal/v1').update(key).digest();

interface OrgSso {
  orgId: string;
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  allowedDomains: string[];
  defaultRole: string;
  passwordLogin: boolean;
}
function ssoOf(key: Buffer, r: Record<string, any>): OrgSso {
  return {
    orgId: r.org_id,
    issuer: r.issuer,
    clientId: r.client_id,
    clientSecret: r.client_secret_sealed ? (unseal(sealKey(key), r.client_secret_sealed) ?? null) : null,
    allowedDomains: r.allowed_domains,
    defaultRole: r.default_role,
    passwordLogin: r.password_login,
  };
}

/** Discovered provider configurations, by issuer, client and secret (discovery is a network round trip). */
const configs = new Map<string, Promise<oidc.Configuration>>();
function providerConfig(sso: Pick<OrgSso, 'issuer' | 'clientId' | 'clientSecret'>): Promise<oidc.Configuration> {
  const k = JSON.stringify([sso.issuer, sso.clientId, sso.clientSecret]);
  let c = configs.get(k);
  if (!c) {
    c = oidc.discovery(
      new URL(sso.issuer),
      sso.clientId,
      sso.clientSecret ?? undefined,
      sso.clientSecret ? undefined : oidc.None(),
      isLoopback(sso.issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
    );
    c.catch(() => configs.delete(k));
    configs.set(k, c);
  }
  return c;
}

async function ssoForDomain(db: Database, key: Buffer, email: string): Promise<OrgSso | null> {
  const d = email.split('@')[1] ?? '';
  const r = await db.pool.query(`SELECT * FROM org_sso WHERE allowed_domains ? $1`, [d]);
  return r.rowCount ? ssoOf(key, r.rows[0]) : null;
}

/** With passwordLogin false for the email's domain, a password login is refused in words (before the password is checked). */
export async function assertPasswordLoginAllowed(db: Database, key: Buffer, email: string): Promise<void> {
  const sso = await ssoForDomain(db, key, email.trim().toLowerCase());
  if (sso && !sso.passwordLogin)
    throw new HttpError(
      403,
      'sso_required',
      "your firm signs in with its identity provider (single sign-on); passwords are not accepted for this email's domain",
    );
}

async function finish(db: Database, key: Buffer, body: z.infer<typeof FinishRequest>, requestId: string): Promise<LoginResponse> {
  let callback: URLSearchParams;
  try {
    callback = new URLSearchParams(body.callback.replace(/^[^?]*\?/, ''));
  } catch {
    throw new HttpError(400, 'bad_request', 'callback must be the query string the redirect received');
  }
  if (callback.get('error')) throw new HttpError(401, 'sso_refused', `the identity provider refused the sign-in (${callback.get('error')!.slice(0, 100)})`);
  const state = callback.get('state') ?? '';
  const pending = await db.withSystem(async (tx) => {
    const r = await tx.query('DELETE FROM sso_logins WHERE state = $1 RETURNING *, expires_at > now() AS live', [state.slice(0, 64)]);
    return r.rows[0];
  });
  if (!pending || !pending.live) throw new HttpError(401, 'sso_expired', 'this sign-in was not started here or took more than 10 minutes; start again');
  const challenge = createHash('sha256').update(body.codeVerifier).digest('base64url');
  if (!timingSafeEqual(Buffer.from(challenge), Buffer.from(pending.code_challenge.padEnd(challenge.length).slice(0, challenge.length))))
    throw new HttpError(401, 'sso_refused', 'the PKCE verifier does not match the challenge this sign-in was started with');
  const row = (await db.pool.query('SELECT * FROM org_sso WHERE org_id = $1', [pending.org_id])).rows[0];
  if (!row) throw new HttpError(404, 'sso_not_configured', 'single sign-on is no longer set up for this organisation');
  const sso = ssoOf(key, row);
  const config = await providerConfig(sso);
  const url = new URL(pending.redirect_uri);
  url.search = callback.toString();
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, url, { pkceCodeVerifier: body.codeVerifier, expectedState: state, expectedNonce: pending.nonce });
  } catch (e) {
    await db.withSystem((tx) =>
      recordSecurityEvent(tx, 'sso_token_refused', { orgId: sso.orgId, detail: { error: String((e as Error).message).slice(0, 200) } }),
    );
    throw new HttpError(401, 'sso_refused', `the identity provider's answer was not accepted: ${String((e as Error).message).slice(0, 200)}`);
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw new HttpError(401, 'sso_refused', 'the identity provider sent no ID token');
  // Providers that keep the ID token small (oidc-provider, Entra) give the email at UserInfo, for the same subject.
  let claims: Record<string, unknown> = idClaims;
  if (typeof idClaims.email !== 'string' && tokens.access_token)
    claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, String(idClaims.sub))), ...idClaims };
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!email || claims.email_verified === false)
    throw new HttpError(403, 'sso_refused', 'the identity provider gave no verified email address for this person');
  if (!sso.allowedDomains.includes(email.split('@')[1] ?? ''))
    throw new HttpError(403, 'sso_domain', `${email.split('@')[1]} is not one of the email domains this organisation accepts from its identity provider`);
  const subject = String(claims.sub);
  return db.withSystem(async (tx) => {
    const userId = await userFor(tx, sso, subject, email, claims);
    await joinJustInTime(db, tx, sso, userId, requestId);
    const orgs = await tx.query(`SELECT org_id FROM org_memberships WHERE user_id = $1 AND deleted_at IS NULL AND coalesce(status, 'active') = 'active'`, [
      userId,
    ]);
    const deviceId = await deviceForLogin(
      db,
      tx,
      userId,
      orgs.rows.map((o) => o.org_id as string),
      body,
    );
    await tx.query(
      `INSERT INTO sso_sessions (device_id, org_id, user_id, issuer, subject, refresh_token_sealed, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now())
       ON CONFLICT (device_id) DO UPDATE SET org_id = EXCLUDED.org_id, user_id = EXCLUDED.user_id, issuer = EXCLUDED.issuer, subject = EXCLUDED.subject,
         refresh_token_sealed = EXCLUDED.refresh_token_sealed, updated_at = now()`,
      [deviceId, sso.orgId, userId, sso.issuer, subject, tokens.refresh_token ? seal(sealKey(key), tokens.refresh_token) : null],
    );
    await tx.query('UPDATE users SET last_login_at = now() WHERE id = $1', [userId]);
    await appendAudit(tx, sso.orgId, { eventType: 'auth.sso_login', userId, deviceId, requestId, metadata: { issuer: sso.issuer } });
    // Who signed in is the provider's answer, not the address typed to start: the laptop records this one.
    return { ...(await issueTokens(tx, key, userId, deviceId)), email };
  });
}

/** The user the provider's subject is: known by (issuer, subject), else by email (then remembered), else new. */
async function userFor(tx: Tx, sso: OrgSso, subject: string, email: string, claims: Record<string, unknown>): Promise<string> {
  const known = await tx.query('SELECT user_id FROM sso_identities WHERE issuer = $1 AND subject = $2', [sso.issuer, subject]);
  if (known.rowCount) return String(known.rows[0].user_id);
  const byEmail = await tx.query('SELECT id FROM users WHERE lower(email) = $1 AND deleted_at IS NULL', [email]);
  let userId: string = byEmail.rows[0]?.id;
  if (!userId) {
    userId = newId();
    const name = (v: unknown, fallback: string) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 100) : fallback);
    await insertSynced(tx, 'users', {
      id: userId,
      email,
      first_name: name(claims.given_name, email.split('@')[0]!.slice(0, 100)),
      last_name: name(claims.family_name, '-'),
    });
    // No password anyone knows: this person signs in through the provider (an admin may set one later).
    await tx.query('INSERT INTO auth_credentials (user_id, password_hash) VALUES ($1, $2)', [userId, await hashPassword(randomBytes(32).toString('hex'))]);
  }
  await tx.query('INSERT INTO sso_identities (org_id, issuer, subject, user_id) VALUES ($1, $2, $3, $4) ON CONFLICT (issuer, subject) DO NOTHING', [
    sso.orgId,
    sso.issuer,
    subject,
    userId,
  ]);
  return userId;
}

/** A member already: nothing (a suspended one is refused). Not yet: a membership with the default role, within the seats. */
async function joinJustInTime(db: Database, tx: Tx, sso: OrgSso, userId: string, requestId: string): Promise<void> {
  const m = await tx.query('SELECT id, status FROM org_memberships WHERE org_id = $1 AND user_id = $2 AND deleted_at IS NULL', [sso.orgId, userId]);
  if (m.rowCount) {
    if ((m.rows[0].status ?? 'active') !== 'active') throw new HttpError(403, 'forbidden', 'your membership of this organisation is suspended');
    return;
  }
  await assertSeatFree(db, tx, sso.orgId);
  const membershipId = newId();
  await insertSynced(tx, 'org_memberships', {
    id: membershipId,
    org_id: sso.orgId,
    user_id: userId,
    role: sso.defaultRole,
    status: 'active',
    joined_at: new Date().toISOString(),
  });
  await bumpEpoch(tx, [userId], sso.orgId);
  await appendAudit(tx, sso.orgId, {
    eventType: 'admin.sso_joined',
    table: 'org_memberships',
    recordId: membershipId,
    userId,
    requestId,
    newValues: { role: sso.defaultRole },
    changedFields: ['role'],
  });
}

/**
 * Before our refresh: a device signed in by SSO asks its provider first, with the provider's refresh
 * token. Refused there (the person was removed or disabled, or their grant revoked): every refresh
 * token of the device is revoked here too and the answer is 401 sso_revoked. A provider that cannot be
 * reached is 503 (the laptop keeps working offline and tries later), never a pass.
 */
export async function ssoRefreshGate(db: Database, key: Buffer, refreshToken: string): Promise<void> {
  const r = await db.pool.query(
    `SELECT s.*, o.client_id, o.client_secret_sealed, o.issuer AS org_issuer FROM refresh_tokens t
       JOIN sso_sessions s ON s.device_id = t.device_id JOIN org_sso o ON o.org_id = s.org_id
      WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.revoked_at IS NULL`,
    [createHash('sha256').update(refreshToken).digest('hex')],
  );
  const s = r.rows[0];
  if (!s) return; // not an SSO device (or not a live token: refresh() answers that)
  const sso = ssoOf(key, { ...s, issuer: s.org_issuer });
  const providerToken = s.refresh_token_sealed ? unseal(sealKey(key), s.refresh_token_sealed) : undefined;
  let refused: string | undefined;
  if (!providerToken || sso.issuer !== s.issuer) refused = 'no provider session to refresh';
  else {
    let config: oidc.Configuration;
    try {
      config = await providerConfig(sso);
    } catch {
      throw new HttpError(503, 'sso_unavailable', 'the identity provider cannot be reached; try again later');
    }
    try {
      const t = await oidc.refreshTokenGrant(config, providerToken);
      const claims = t.claims();
      if (claims && String(claims.sub) !== s.subject) refused = 'the provider answered for another person';
      else if (t.refresh_token && t.refresh_token !== providerToken)
        await db.pool.query('UPDATE sso_sessions SET refresh_token_sealed = $2, updated_at = now() WHERE device_id = $1', [
          s.device_id,
          seal(sealKey(key), t.refresh_token),
        ]);
    } catch (e) {
      if (e instanceof oidc.ResponseBodyError) refused = `${e.error}`;
      else throw new HttpError(503, 'sso_unavailable', 'the identity provider cannot be reached; try again later');
    }
  }
  if (refused) {
    await db.withSystem(async (tx) => {
      await tx.query('UPDATE refresh_tokens SET revoked_at = now() WHERE device_id = $1 AND revoked_at IS NULL', [s.device_id]);
      await recordSecurityEvent(tx, 'sso_revoked', { orgId: s.org_id, userId: s.user_id, deviceId: s.device_id, detail: { reason: refused!.slice(0, 100) } });
      await appendAudit(tx, s.org_id, {
        eventType: 'auth.sso_revoked',
        userId: s.user_id,
        deviceId: s.device_id,
        metadata: { reason: refused!.slice(0, 100) },
      });
    });
    throw new HttpError(
      401,
      'sso_revoked',
      'your identity provider no longer accepts this sign-in; sign in again (ask your administrator if it keeps failing)',
    );
  }
}

export function registerSsoRoutes(app: FastifyInstance, opts: { db: Database; key: Buffer }): void {
  const { db, key } = opts;
  const orgParam = (v: string) => parse(z.string().uuid({ message: 'orgId must be a UUID' }), v).toLowerCase();

  app.put<{ Params: { orgId: string } }>('/v1/orgs/:orgId/sso', async (req) => {
    const orgId = orgParam(req.params.orgId);
    const who = await authenticate(db, key, req.headers.authorization, orgId);
    await requireManager(db, who, orgId);
    const body = parse(SsoConfigRequest, req.body);
    const issuer = body.issuer.replace(/\/$/, '');
    if (!issuer.startsWith('https://') && !isLoopback(issuer)) throw new HttpError(400, 'bad_request', 'issuer must be an https URL');
    try {
      await providerConfig({ issuer, clientId: body.clientId, clientSecret: body.clientSecret ?? null });
    } catch (e) {
      throw new HttpError(400, 'bad_request', `the identity provider at ${issuer} could not be discovered: ${String((e as Error).message).slice(0, 200)}`);
    }
    return db.withSystem(async (tx) => {
      const taken = await tx.query(`SELECT org_id FROM org_sso WHERE org_id <> $1 AND allowed_domains ?| $2::text[]`, [orgId, body.allowedDomains]);
      if (taken.rowCount) throw new HttpError(409, 'conflict', 'one of these email domains already signs in to another organisation on this server');
      await tx.query(
        `INSERT INTO org_sso (org_id, issuer, client_id, client_secret_sealed, allowed_domains, default_role, password_login, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, now(), $8)
         ON CONFLICT (org_id) DO UPDATE SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id, client_secret_sealed = EXCLUDED.client_secret_sealed,
           allowed_domains = EXCLUDED.allowed_domains, default_role = EXCLUDED.default_role, password_login = EXCLUDED.password_login,
           updated_at = now(), updated_by = EXCLUDED.updated_by`,
        [
          orgId,
          issuer,
          body.clientId,
          body.clientSecret ? seal(sealKey(key), body.clientSecret) : null,
          JSON.stringify(body.allowedDomains),
          body.defaultRole,
          body.passwordLogin,
          who.userId,
        ],
      );
      await appendAudit(tx, orgId, {
        eventType: 'admin.sso_configure',
        userId: who.userId,
        deviceId: who.deviceId,
        requestId: req.id,
        newValues: { issuer, clientId: body.clientId, allowedDomains: body.allowedDomains, defaultRole: body.defaultRole, passwordLogin: body.passwordLogin },
      });
      const { clientSecret: _s, ...shown } = body;
      return { orgId, ...shown, issuer, hasClientSecret: Boolean(body.clientSecret) };
    });
  });

  app.get<{ Params: { orgId: string } }>('/v1/orgs/:orgId/sso', async (req) => {
    const orgId = orgParam(req.params.orgId);
    await requireManager(db, await authenticate(db, key, req.headers.authorization, orgId), orgId);
    const r = await db.pool.query('SELECT * FROM org_sso WHERE org_id = $1', [orgId]);
    if (!r.rowCount) return { orgId, configured: false };
    const { clientSecret, ...sso } = ssoOf(key, r.rows[0]);
    return { ...sso, configured: true, hasClientSecret: clientSecret !== null };
  });

  app.post('/v1/auth/sso/start', async (req) => {
    const body = parse(StartRequest, req.body);
    const redirectUri = loopbackRedirect(body.redirectUri);
    const sso = await ssoForDomain(db, key, body.email);
    if (!sso) throw new HttpError(404, 'sso_not_configured', `no organisation on this server signs in ${body.email.split('@')[1]} with single sign-on`);
    let config: oidc.Configuration;
    try {
      config = await providerConfig(sso);
    } catch {
      throw new HttpError(503, 'sso_unavailable', 'the identity provider cannot be reached; try again later');
    }
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await db.withSystem(async (tx) => {
      await tx.query('DELETE FROM sso_logins WHERE expires_at < now()');
      await tx.query(
        `INSERT INTO sso_logins (state, org_id, nonce, code_challenge, redirect_uri, expires_at) VALUES ($1, $2, $3, $4, $5, now() + interval '10 minutes')`,
        [state, sso.orgId, nonce, body.codeChallenge, redirectUri],
      );
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile offline_access',
      code_challenge: body.codeChallenge,
      code_challenge_method: 'S256',
      state,
      nonce,
      prompt: 'consent', // offline_access (the provider's refresh token) is granted only with consent
      login_hint: body.email,
    });
    return { authorizationUrl: url.href, state, orgId: sso.orgId };
  });

  app.post('/v1/auth/sso/finish', async (req) => withServerKey(db, await finish(db, key, parse(FinishRequest, req.body), req.id)));
}
