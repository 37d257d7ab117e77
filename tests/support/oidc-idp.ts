/**
 * A real OpenID Connect provider for tests (oidc-provider from npm, its own login and consent pages,
 * signed ID tokens, refresh tokens) on the loopback for the server's and the laptop's SSO tests, and
 * a browser of the test's own that walks its pages as a person would.
 */
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from '../../sync-server/src/db/postgres';

export interface Person {
  email: string;
  given_name: string;
  family_name: string;
}

export interface TestIdp {
  issuer: string;
  /** The provider's directory: removing a person here is what an IdP admin does. */
  people: Map<string, Person>;
  close(): Promise<void>;
}

export async function startIdp(people: Map<string, Person>): Promise<TestIdp> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'casework',
        token_endpoint_auth_method: 'none', // a public client: PKCE, no secret
        application_type: 'native', // RFC 8252: any port of the loopback redirect
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    async findAccount(_ctx, sub) {
      const p = people.get(sub);
      return p ? { accountId: sub, claims: async () => ({ sub, ...p, email_verified: true }) } : undefined;
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['given_name', 'family_name'] },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['sso-test-cookie-key'] },
    async issueRefreshToken() {
      return true;
    },
  });
  provider.on('server_error', (_ctx: unknown, err: Error) => process.stderr.write(`idp server_error: ${err.stack}\n`));
  const server: Server = provider.listen(port);
  return { issuer, people, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/**
 * Walks the provider's pages from `start` as a browser would (cookies, redirects, forms), signing in
 * as `account` — or pressing the page's Cancel with `cancel` — until a redirect leaves for `until`:
 * that address (the laptop's loopback redirect, with the code or the error).
 */
export async function walkProvider(start: string, opts: { account: string; until: string; cancel?: boolean }): Promise<URL> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let url = start;
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { cookie: cookie(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    form = undefined;
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(opts.until)) return next;
      url = next.href;
      continue;
    }
    const html = await res.text();
    if (opts.cancel) {
      const abort = /<a href="([^"]+)">\[ Cancel \]<\/a>/.exec(html);
      if (abort) {
        url = new URL(abort[1]!.replace(/&amp;/g, '&'), url).href;
        continue;
      }
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(html);
    if (!action) throw new Error(`no form at ${url}: ${res.status} ${html.slice(0, 300)}`);
    form = new URLSearchParams();
    for (const [tag] of html.matchAll(/<input[^>]*>/g)) {
      const name = /name="([^"]+)"/.exec(tag)?.[1];
      if (name) form.set(name, /value="([^"]*)"/.exec(tag)?.[1] ?? '');
    }
    if (form.has('login')) form.set('login', opts.account);
    if (form.has('password')) form.set('password', 'anything');
    url = new URL(action[1]!, url).href;
  }
  throw new Error('the provider never redirected back');
}

/** walkProvider, then the redirect visited too (the laptop's loopback listener): its status and text. */
export async function browse(start: string, opts: { account: string; until: string; cancel?: boolean }): Promise<{ url: URL; status: number; text: string }> {
  const url = await walkProvider(start, opts);
  const back = await fetch(url);
  return { url, status: back.status, text: await back.text() };
}
