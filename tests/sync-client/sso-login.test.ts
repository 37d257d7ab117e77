// Issue 15, the laptop half of single sign-on: `casework login --sso` in a child process against the
// real sync server (embedded Postgres) and a real OpenID Connect provider (oidc-provider), the test
// playing the person at the system browser (CASEWORK_NO_BROWSER=1 makes the CLI print the address
// instead of opening it). A solo vault joins the firm just in time and syncs; a sign-in cancelled at
// the provider, one nobody finishes, and one for a domain without single sign-on leave the vault as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliResult } from '../support/cli';
import { spawnCli } from '../support/cli';
import { browse, startIdp, type TestIdp } from '../support/oidc-idp';
import { laptop, startServer, type Laptop } from './support';

let srv: Awaited<ReturnType<typeof startServer>>;
let idp: TestIdp;
let org: { orgId: string; email: string; password: string };

beforeAll(async () => {
  idp = await startIdp(
    new Map([
      ['amara', { email: 'amara@okafor.test', given_name: 'Amara', family_name: 'Okafor' }],
      ['chidi', { email: 'chidi@okafor.test', given_name: 'Chidi', family_name: 'Okafor' }],
    ]),
  );
  srv = await startServer();
  org = await srv.createOrg({ name: 'Okafor Immigration', adminEmail: 'owner@okafor.test' });
  const owner = await srv.login(org.email, org.password, 'owner laptop');
  const r = await srv.request('PUT', `/v1/orgs/${org.orgId}/sso`, {
    token: owner.accessToken,
    body: { issuer: idp.issuer, clientId: 'casework', allowedDomains: ['okafor.test'], defaultRole: 'paralegal', passwordLogin: false },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}, 120_000);
afterAll(async () => {
  await srv?.stop();
  await idp?.close();
});

/**
 * `casework login --sso` as a child process; `person` is what happens at the browser once the CLI
 * prints the provider's address: sign in as an account, press Cancel, or nothing at all.
 */
async function ssoLogin(l: Laptop, email: string, person: { account: string; cancel?: boolean } | null, extra: string[] = []) {
  const p = spawnCli(['login', '--sso', '--server', srv.url, '--email', email, '--data', l.data, '--json', ...extra], { CASEWORK_NO_BROWSER: '1' });
  let stdout = '';
  let stderr = '';
  let browsed: Promise<Awaited<ReturnType<typeof browse>>> | undefined;
  p.stdout!.on('data', (d) => (stdout += d));
  p.stderr!.on('data', (d) => {
    stderr += d;
    const url = /(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(stderr)?.[1];
    if (url && person && !browsed) {
      const redirect = new URL(url).searchParams.get('redirect_uri')!;
      browsed = browse(url, { ...person, until: redirect });
    }
  });
  const result = await new Promise<CliResult>((resolve, reject) => {
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  return { result, page: browsed ? await browsed : undefined };
}

describe('casework login --sso', () => {
  it("a solo vault signs in through the firm's provider in the browser, joins the firm just in time and syncs", async () => {
    const l = await laptop('amara');
    const { result, page } = await ssoLogin(l, 'amara@okafor.test', { account: 'amara' });
    expect(result.code, result.stderr).toBe(0);
    // the redirect went to a loopback port the CLI opened, and the browser tab says it is done
    expect(page!.url.hostname).toBe('127.0.0.1');
    expect(page!.status).toBe(200);
    expect(page!.text).toMatch(/signed in/);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ server: srv.url, orgId: org.orgId, role: 'paralegal', joined: true });
    // the tokens are stored as a password login's: the vault syncs with them
    const synced = await l.json(['sync', '--once']);
    expect(synced.license).not.toBeUndefined();
    expect((await l.json(['sync', 'status'])).server).toBe(srv.url);
    const m = await srv.db.pool.query(
      `SELECT m.role FROM org_memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'amara@okafor.test' AND m.org_id = $1`,
      [org.orgId],
    );
    expect(m.rows).toEqual([{ role: 'paralegal' }]);
    // signing in again on the same laptop takes no second device (the vault's device key)
    const again = await ssoLogin(l, 'amara@okafor.test', { account: 'amara' });
    expect(again.result.code, again.result.stderr).toBe(0);
    expect(JSON.parse(again.result.stdout).deviceId).toBe(out.deviceId);
  }, 120_000);

  it('the vault records whom the provider signed in, not the address typed to start', async () => {
    const l = await laptop('typed-other');
    // Started as amara, but chidi (same firm domain) signs in at the provider.
    const { result } = await ssoLogin(l, 'amara@okafor.test', { account: 'chidi' });
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.email).toBe('chidi@okafor.test');
    const chidi = await srv.db.pool.query(`SELECT id FROM users WHERE email = 'chidi@okafor.test'`);
    expect(out.userId).toBe(chidi.rows[0].id);
  }, 120_000);

  it('cancelled at the provider: refused in words, the vault is still solo', async () => {
    const l = await laptop('cancel');
    const before = await l.json(['sync', 'status']);
    const { result, page } = await ssoLogin(l, 'chidi@okafor.test', { account: 'chidi', cancel: true });
    expect(page!.text).toMatch(/cancelled/);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/single sign-on was cancelled at the identity provider; nothing changed/);
    expect(await l.json(['sync', 'status'])).toEqual(before);
    expect(before.server).toBeNull();
  }, 60_000);

  it('nobody finishes in the browser: times out in words, the vault is still solo', async () => {
    const l = await laptop('timeout');
    const { result } = await ssoLogin(l, 'chidi@okafor.test', null, ['--timeout', '2']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/single sign-on timed out.*within 2 seconds; nothing changed/);
    expect((await l.json(['sync', 'status'])).server).toBeNull();
  }, 60_000);

  it('an email whose domain signs in with no provider here is refused before any browser opens', async () => {
    const l = await laptop('elsewhere');
    const { result } = await ssoLogin(l, 'eve@elsewhere.test', { account: 'eve' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/no organisation on this server signs in elsewhere\.test with single sign-on/);
    expect(result.stderr).not.toMatch(/\/auth\?/);
    expect((await l.json(['sync', 'status'])).server).toBeNull();
    // and a password login for the firm's domain is refused, since the firm switched passwords off
    const pw = await l.run(['login', '--server', srv.url, '--email', 'amara@okafor.test', '--json'], { CASEWORK_PASSWORD: 'whatever-it-is' });
    expect(pw.code).not.toBe(0);
    expect(pw.stderr).toMatch(/your firm signs in with its identity provider; use single sign-on/);
  }, 60_000);
});
