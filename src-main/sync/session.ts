/**
 * The sync session of a vault: which server it talks to and its tokens. Kept in vault_meta (inside the
 * encrypted database), the tokens additionally sealed with a subkey of the vault key, so they are never
 * in plaintext on disk and a copy of one row is useless without the vault.
 */
import { UserError } from '../../src-shared/errors';
import type { Core } from '../core/core';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export const META = {
  server: 'sync_server',
  tokens: 'sync_tokens',
  lastPush: 'sync_last_push',
  lastPull: 'sync_last_pull',
  mode: 'mode',
  /** The server's revocation signing key, pinned at the first login (src-shared/sync/revocation.ts). */
  serverKey: 'sync_server_key',
} as const;

export function serverOf(core: Core): string | undefined {
  return core.meta(META.server);
}

export function requireServer(core: Core): string {
  const s = serverOf(core);
  if (!s) throw new UserError('invalid_input', 'this vault is not connected to a sync server; run `casework login --server URL --email EMAIL` first');
  // A vault joined over plain HTTP before this rule is not talked to until it logs in over https.
  assertTransport(new URL(s));
  return s;
}

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves this machine. */
function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * A remote server only over https: over plain HTTP anyone on the path could read the tokens and the
 * firm's data, or answer for the server (and, before the revoke was signed, wipe the vault). A server
 * on this machine may use http (a test server, or a TLS proxy in front of it on the same host).
 */
function assertTransport(u: URL): void {
  if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u.hostname))) return;
  throw new UserError('invalid_input', `--server must use https:// (plain http is allowed only for a server on this machine): ${u.origin}`);
}

export function readTokens(core: Core): Tokens | undefined {
  const sealed = core.meta(META.tokens);
  if (!sealed) return undefined;
  return JSON.parse(core.keys.unwrap(sealed).toString('utf8')) as Tokens;
}

export function saveTokens(core: Core, t: Tokens): void {
  core.setMeta(META.tokens, core.keys.wrap(Buffer.from(JSON.stringify({ accessToken: t.accessToken, refreshToken: t.refreshToken }), 'utf8')));
}

export function normalizeServerUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError('invalid_input', `--server "${url}" is not a URL (e.g. https://sync.example-firm.ca)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UserError('invalid_input', '--server must be an http(s) URL');
  if (u.username || u.password) throw new UserError('invalid_input', '--server must not contain credentials');
  assertTransport(u);
  return u.origin + u.pathname.replace(/\/+$/, '');
}
