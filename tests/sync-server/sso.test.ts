// Issue 15, single sign-on: a real OpenID Connect provider (oidc-provider from npm, its own login and
// consent pages, signed ID tokens, refresh tokens) started on the loopback beside a real sync server on
// embedded Postgres. The laptop's part (PKCE, loopback redirect, the browser following the pages) is
// played over real HTTP. Login, org mapping by email domain with just-in-time membership, password
// login switched off, a refresh asked of the provider, and a person removed at the provider losing
// access at the next refresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { freePort } from '../../sync-server/src/db/postgres';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { startIdp, walkProvider, type Person, type TestIdp } from '../support/oidc-idp';

/** The provider's directory: removing a person here is what an IdP admin does. */
const people = new Map<string, Person>([
  ['amara', { email: 'amara@okafor.test', given_name: 'Amara', family_name: 'Okafor' }],
  ['chidi', { email: 'chidi@okafor.test', given_name: 'Chidi', family_name: 'Okafor' }],
  ['eve', { email: 'eve@elsewhere.test', given_name: 'Eve', family_name: 'Outsider' }],
]);

let srv: TestServer;
let idp: TestIdp;
let issuer: string;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let owner: LoginResponse;

beforeAll(async () => {
  idp = await startIdp(people);
  issuer = idp.issuer;
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Okafor Immigration', adminEmail: 'owner@okafor.test' });
  owner = await srv.login(org.email, org.password, 'owner laptop');
});
afterAll(async () => {
  await srv?.close();
  await idp?.close();
});

const configure = (over: Record<string, unknown> = {}, token = owner.accessToken) =>
  srv.request('PUT', `/v1/orgs/${org.orgId}/sso`, {
    token,
    body: { issuer, clientId: 'casework', allowedDomains: ['okafor.test'], defaultRole: 'paralegal', passwordLogin: true, ...over },
  });

/** What the laptop does: PKCE pair, loopback redirect, start, the system browser, finish. */
async function ssoLogin(email: string, account: string, deviceKey?: string) {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = `http://127.0.0.1:${40000 + Math.floor(Math.random() * 20000)}/callback`;
  const start = await srv.request('POST', '/v1/auth/sso/start', { body: { email, redirectUri, codeChallenge: challenge } });
  if (start.status !== 200) return { start };
  const back = await walkProvider(start.body.authorizationUrl, { account, until: redirectUri });
  const finish = await srv.request('POST', '/v1/auth/sso/finish', {
    body: { callback: back.search, codeVerifier: verifier, deviceName: `${account}'s laptop`, ...(deviceKey ? { deviceKey } : {}) },
  });
  return { start, back, finish, verifier };
}

describe('single sign-on with OpenID Connect', () => {
  it('an admin sets up the provider (discovered before it is saved); others and bad settings are refused', async () => {
    const r = await configure();
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ issuer, clientId: 'casework', allowedDomains: ['okafor.test'], defaultRole: 'paralegal', passwordLogin: true });
    expect((await srv.request('GET', `/v1/orgs/${org.orgId}/sso`, { token: owner.accessToken })).body).toMatchObject({ configured: true, issuer });
    const nowhere = await configure({ issuer: `http://127.0.0.1:${await freePort()}` });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.message).toMatch(/could not be discovered/);
    expect((await configure({ issuer: 'http://idp.example.com' })).status).toBe(400); // http only on the loopback
    expect((await configure({ defaultRole: 'owner' })).status).toBe(400);
    const para = await srv.addUser(owner, org.orgId, 'paralegal', 'para@okafor.test');
    const paraLogin = await srv.login(para.email, para.password);
    expect((await configure({}, paraLogin.accessToken)).status).toBe(403);
    // another org cannot claim the same domain
    const other = await srv.createOrg({ name: 'Other Firm' });
    const otherOwner = await srv.login(other.email, other.password);
    const clash = await srv.request('PUT', `/v1/orgs/${other.orgId}/sso`, {
      token: otherOwner.accessToken,
      body: { issuer, clientId: 'casework', allowedDomains: ['okafor.test'], defaultRole: 'paralegal', passwordLogin: true },
    });
    expect(clash.status).toBe(409);
  });

  it('login: the provider vouches, the server checks its tokens, the person joins just in time with the default role', async () => {
    const { finish } = await ssoLogin('amara@okafor.test', 'amara');
    expect(finish!.status, JSON.stringify(finish!.body)).toBe(200);
    expect(finish!.body.memberships).toEqual([{ orgId: org.orgId, role: 'paralegal' }]);
    // the tokens work like a password login's
    const me = await srv.request('GET', `/v1/license/lease?orgId=${org.orgId}`, { token: finish!.body.accessToken });
    expect(me.status).toBe(200);
    const users = await srv.db.pool.query(`SELECT first_name, last_name FROM users WHERE email = 'amara@okafor.test'`);
    expect(users.rows[0]).toEqual({ first_name: 'Amara', last_name: 'Okafor' });
    const audit = await srv.request('GET', `/v1/orgs/${org.orgId}/audit?limit=500`, { token: owner.accessToken });
    expect(audit.body.entries.map((e: { event_type: string }) => e.event_type)).toEqual(expect.arrayContaining(['admin.sso_joined', 'auth.sso_login']));
  });

  it('org mapping: an email outside the allowed domains is not let in; a replayed or mismatched callback is refused', async () => {
    const outside = await ssoLogin('eve@elsewhere.test', 'eve');
    expect(outside.start.status).toBe(404);
    expect(outside.start.body.error).toBe('sso_not_configured');
    // the provider says eve, the sign-in was started for an okafor.test address: the domain decides
    const spoof = await ssoLogin('amara@okafor.test', 'eve');
    expect(spoof.finish!.status).toBe(403);
    expect(spoof.finish!.body.error).toBe('sso_domain');
    // the same callback twice: the state was used
    const ok = await ssoLogin('chidi@okafor.test', 'chidi');
    expect(ok.finish!.status).toBe(200);
    const replay = await srv.request('POST', '/v1/auth/sso/finish', { body: { callback: ok.back!.search, codeVerifier: ok.verifier, deviceName: 'x' } });
    expect(replay.status).toBe(401);
    // a verifier that is not the one the challenge was made from
    const verifier = randomBytes(32).toString('base64url');
    const redirectUri = 'http://127.0.0.1:45678/callback';
    const start = await srv.request('POST', '/v1/auth/sso/start', {
      body: { email: 'chidi@okafor.test', redirectUri, codeChallenge: createHash('sha256').update(verifier).digest('base64url') },
    });
    const back = await walkProvider(start.body.authorizationUrl, { account: 'chidi', until: redirectUri });
    const wrong = await srv.request('POST', '/v1/auth/sso/finish', {
      body: { callback: back.search, codeVerifier: randomBytes(32).toString('base64url'), deviceName: 'x' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toMatch(/PKCE/);
    // not a loopback redirect
    const far = await srv.request('POST', '/v1/auth/sso/start', {
      body: { email: 'chidi@okafor.test', redirectUri: 'http://evil.example/cb', codeChallenge: 'a'.repeat(43) },
    });
    expect(far.status).toBe(400);
  });

  it('refresh asks the provider; a person removed at the provider loses access at the next refresh', async () => {
    const { finish } = await ssoLogin('chidi@okafor.test', 'chidi', 'c'.repeat(43));
    expect(finish!.status).toBe(200);
    const first = await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: finish!.body.refreshToken } });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    people.delete('chidi'); // the provider's admin removes Chidi
    const second = await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    expect(second.status).toBe(401);
    expect(second.body.error).toBe('sso_revoked');
    expect(second.body.message).toMatch(/identity provider no longer accepts/);
    // and nothing of the device's is left to refresh with
    const again = await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
    expect(again.status).toBe(401);
    const events = await srv.db.pool.query(`SELECT count(*)::int AS n FROM security_events WHERE kind = 'sso_revoked'`);
    expect(events.rows[0].n).toBe(1);
  });

  it('password login switched off: refused in words for the domain; SSO still signs in', async () => {
    expect((await configure({ passwordLogin: false })).status).toBe(200);
    const pw = await srv.request('POST', '/v1/auth/login', { body: { email: 'para@okafor.test', password: 'paralegal-password-1', deviceName: 'x' } });
    expect(pw.status).toBe(403);
    expect(pw.body.error).toBe('sso_required');
    expect((await ssoLogin('amara@okafor.test', 'amara')).finish!.status).toBe(200);
  });
});
