/**
 * `casework login --sso` and the window's "Sign in with your organisation" (issue 15): single sign-on
 * with the firm's identity provider, the laptop as a native app per RFC 8252.
 *  1. a PKCE verifier and its S256 challenge are made here and the verifier never leaves this process
 *     until the finish, so a code caught on its way back is useless to anyone else;
 *  2. a one-shot listener on the loopback (127.0.0.1, a port the OS picks) is the redirect; the server
 *     accepts any port of the loopback and nothing else;
 *  3. the server starts the sign-in (it knows which provider signs in the email's domain) and answers
 *     the provider's authorization URL, which opens in the system browser (the person's own, with its
 *     saved sessions and passkeys; never a web view this app could read);
 *  4. the provider sends the browser back to the listener with the code; the server exchanges it with
 *     our verifier, checks the provider's tokens and answers as a password login does;
 *  5. that answer becomes the vault's identity exactly as a password login's (adoptLogin).
 * Cancelled at the provider, or nobody came back before the timeout: a refusal in words, and nothing
 * in the vault changed (adoptLogin is reached only with a good answer).
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import { UserError } from '../../src-shared/errors';
import { API_PREFIX, SsoFinishResponse } from '../../src-shared/sync/protocol';
import type { Core } from '../core/core';
import { adoptLogin, deviceKeyOf, type LoginResult } from './login';
import { normalizeServerUrl } from './session';

export interface SsoLoginInput {
  server: string;
  email: string;
  deviceName?: string;
  orgId?: string;
  /** How long the person has to finish at the provider (default 5 minutes; the server forgets a start after 10). */
  timeoutMs?: number;
  /** Shows the provider's page to the person; default: the system browser (or, with CASEWORK_NO_BROWSER=1, nothing). */
  openUrl?: (url: string) => void;
}

const CALLBACK_PATH = '/callback';

/**
 * The system browser, as the desktop opens a link: never through a shell, the URL one argument. The
 * BROWSER variable, as git and Python's webbrowser read it, names another browser command (the first
 * of a colon-separated list; a %s in it is the URL's place).
 */
export function openInSystemBrowser(url: string): void {
  if (!/^https?:\/\//.test(url)) throw new UserError('invalid_input', 'the sign-in address is not a web address');
  const chosen = process.env.BROWSER?.split(':')[0]?.trim().split(/\s+/).filter(Boolean);
  const [cmd, args]: [string, string[]] = chosen?.length
    ? [chosen[0]!, chosen.slice(1).some((a) => a.includes('%s')) ? chosen.slice(1).map((a) => a.replace('%s', url)) : [...chosen.slice(1), url]]
    : process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  // No browser opener on this machine: the caller printed the address too, so the person can copy it.
  child.on('error', () => {});
  child.unref();
}

const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p>`;

/** A one-shot loopback listener: resolves with the query of the first request to the callback path. */
async function listenOnce(): Promise<{ redirectUri: string; query: Promise<string>; close: () => void }> {
  let resolve!: (q: string) => void;
  const query = new Promise<string>((r) => (resolve = r));
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (u.pathname !== CALLBACK_PATH || (!u.searchParams.has('code') && !u.searchParams.has('error'))) {
      res.writeHead(404).end();
      return;
    }
    const refused = u.searchParams.has('error');
    // The browser's tab says what happened; the details stay in the app, which has the words for them.
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(
        refused
          ? page('Casework: not signed in', 'The sign-in was cancelled. You can close this tab.')
          : page('Casework: signed in', 'You can close this tab and go back to Casework.'),
      );
    resolve(u.search);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const port = (server.address() as { port: number }).port;
  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    query,
    close: () => {
      server.close();
      server.closeAllConnections();
    },
  };
}

async function post(server: string, path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  let res: Response;
  try {
    res = await fetch(`${server}${API_PREFIX}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (e) {
    throw new UserError(
      'not_found',
      `the sync server ${server} cannot be reached (${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message})`,
    );
  }
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    if (res.ok) throw new UserError('invalid_input', `${server} did not answer like a Casework sync server`);
  }
  return { status: res.status, body: parsed };
}

/** The server's refusal of a start or finish, in its words (they name the reason: domain, expiry, provider). */
function refusal(r: { status: number; body: Record<string, unknown> }): UserError {
  const why = typeof r.body.message === 'string' ? r.body.message : `the server answered ${r.status}`;
  if (r.status === 404) return new UserError('not_found', `single sign-on: ${why}`);
  if (r.status === 503) return new UserError('not_found', `single sign-on: ${why}`);
  if (r.status === 400) return new UserError('invalid_input', `single sign-on: ${why}`);
  return new UserError('forbidden', `single sign-on refused: ${why}`);
}

export async function ssoLogin(core: Core, input: SsoLoginInput): Promise<LoginResult> {
  const server = normalizeServerUrl(input.server);
  const email = input.email.trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new UserError('invalid_input', `--email "${input.email}" is not an email address`);
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const listener = await listenOnce();
  let timer: NodeJS.Timeout | undefined;
  try {
    const start = await post(server, '/auth/sso/start', { email, redirectUri: listener.redirectUri, codeChallenge: challenge });
    if (start.status !== 200) throw refusal(start);
    const url = start.body.authorizationUrl;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new UserError('invalid_input', `${server} did not answer like a Casework sync server`);
    (input.openUrl ?? (process.env.CASEWORK_NO_BROWSER === '1' ? () => {} : openInSystemBrowser))(url);

    const timeoutMs = input.timeoutMs ?? 5 * 60_000;
    const timedOut = new Promise<never>((_, fail) => {
      timer = setTimeout(
        () =>
          fail(
            new UserError(
              'invalid_input',
              `single sign-on timed out: nobody finished signing in at the identity provider within ${Math.round(timeoutMs / 1000)} seconds; nothing changed, start again`,
            ),
          ),
        timeoutMs,
      );
    });
    const query = await Promise.race([listener.query, timedOut]);
    const back = new URLSearchParams(query);
    if (back.has('error')) {
      const code = back.get('error')!.slice(0, 100);
      throw new UserError(
        'forbidden',
        code === 'access_denied'
          ? 'single sign-on was cancelled at the identity provider; nothing changed'
          : `the identity provider refused the sign-in (${code}); nothing changed`,
      );
    }
    if (back.get('state') !== start.body.state) throw new UserError('forbidden', 'single sign-on refused: the answer is not for this sign-in; nothing changed');
    const finish = await post(server, '/auth/sso/finish', {
      callback: query,
      codeVerifier: verifier,
      deviceName: input.deviceName ?? (hostname().slice(0, 100) || `casework-${core.vaultId.slice(0, 8)}`),
      appVersion: '0.1.0',
      deviceKey: deviceKeyOf(core),
    });
    if (finish.status !== 200) throw refusal(finish);
    const parsed = SsoFinishResponse.safeParse(finish.body);
    if (!parsed.success) throw new UserError('invalid_input', `${server} did not answer like a Casework sync server`);
    // The vault records whom the provider signed in, which may differ from the address typed to start.
    const { email: signedIn, ...login } = parsed.data;
    return adoptLogin(core, server, login, signedIn, input.orgId);
  } finally {
    clearTimeout(timer);
    listener.close();
  }
}
