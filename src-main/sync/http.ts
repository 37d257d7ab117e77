/**
 * The client's HTTP layer towards the sync server: bearer tokens, one refresh (rotating) on a 401,
 * exponential backoff with full jitter on network errors, 429 and 5xx, and the device-revoked answer
 * turned into a wipe of the vault. The shape stream uses the same fetch (authFetch) so every request
 * of the client behaves alike.
 */
import { UserError } from '../../src-shared/errors';
import { API_PREFIX, ERROR_CODES, RefreshResponse } from '../../src-shared/sync/protocol';
import type { Core } from '../core/core';
import { readTokens, requireServer, saveTokens } from './session';
import { revocationConcerns, wipeVault } from './wipe';
import { judgeRevocation } from './revocation-check';

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  capMs: number;
}
export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 200, capMs: 8_000 };

export class ServerUnreachableError extends UserError {
  constructor(server: string, cause: string) {
    super('not_found', `the sync server ${server} cannot be reached (${cause}); your changes stay queued and will be sent next time`);
  }
}

export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });

/** Full jitter: a random wait in [0, min(cap, base * 2^attempt)). */
export function backoffDelay(attempt: number, p: RetryPolicy = DEFAULT_RETRY): number {
  return Math.random() * Math.min(p.capMs, p.baseMs * 2 ** attempt);
}

async function errorBody(res: Response): Promise<{ error?: string; orgId?: unknown; orgIds?: unknown; proofs?: unknown }> {
  try {
    const body = (await res.clone().json()) as { error?: string };
    return body && typeof body === 'object' ? body : {};
  } catch {
    return {};
  }
}

/**
 * A 403 device_revoked: the vault is wiped when the revocation concerns its org and is signed by the
 * key pinned at login (revocation-check.ts). One for another org only signs this device out there;
 * one not signed by the joined server is not believed. Either way this vault is left as it is and
 * the request refused.
 */
async function onRevoked(core: Core, res: Response): Promise<void> {
  if (res.status !== 403) return;
  const body = await errorBody(res);
  if (body.error !== ERROR_CODES.deviceRevoked) return;
  if (!revocationConcerns(core, body))
    throw new UserError('forbidden', 'the sync server says this device was revoked in another organisation; this vault was left as it is');
  if (judgeRevocation(core, body) === 'unproven')
    throw new UserError(
      'forbidden',
      'the sync server answered that this device was revoked, but the answer is not signed by the server this vault joined; nothing was wiped (ask your administrator)',
    );
  await wipeVault(core);
}

/** Exchange the refresh token for new tokens (rotation); a refused refresh means: log in again. */
export async function refresh(core: Core, server: string): Promise<void> {
  const t = readTokens(core);
  if (!t) throw new UserError('forbidden', 'not logged in: run `casework login --server URL --email EMAIL`');
  const res = await fetch(`${server}${API_PREFIX}/auth/refresh`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: t.refreshToken }),
  });
  await onRevoked(core, res);
  if (!res.ok) throw new UserError('forbidden', 'your session with the sync server has ended; run `casework login` again (queued changes are kept)');
  const body = RefreshResponse.parse(await res.json());
  saveTokens(core, body);
}

export interface AuthFetchOptions {
  retry?: RetryPolicy;
  signal?: AbortSignal;
}

/**
 * fetch() against the vault's server with its access token. Retries transient failures with backoff,
 * refreshes once on 401, wipes the vault on device_revoked. Other answers are returned as they are.
 */
export async function authFetch(core: Core, input: string, init: RequestInit = {}, opts: AuthFetchOptions = {}): Promise<Response> {
  const server = requireServer(core);
  const url = input.startsWith('http') ? input : `${server}${input}`;
  const policy = opts.retry ?? DEFAULT_RETRY;
  let refreshed = false;
  for (let attempt = 0; ; attempt++) {
    const tokens = readTokens(core);
    if (!tokens) throw new UserError('forbidden', 'not logged in: run `casework login --server URL --email EMAIL`');
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${tokens.accessToken}`);
    let res: Response;
    try {
      res = await fetch(url, { ...init, headers, signal: init.signal ?? opts.signal });
    } catch (e) {
      if ((e as Error).name === 'AbortError' || opts.signal?.aborted || init.signal?.aborted) throw e;
      if (attempt + 1 >= policy.attempts) throw new ServerUnreachableError(server, (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message);
      await sleep(backoffDelay(attempt, policy), opts.signal);
      continue;
    }
    if (res.status === 401 && !refreshed) {
      refreshed = true;
      await refresh(core, server);
      attempt--;
      continue;
    }
    await onRevoked(core, res);
    if ((res.status === 429 || res.status >= 500) && attempt + 1 < policy.attempts) {
      const retryAfter = Number(res.headers.get('retry-after'));
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoffDelay(attempt, policy), opts.signal);
      continue;
    }
    return res;
  }
}

/** The server's error answer as one line for the user. */
export async function describeFailure(res: Response): Promise<string> {
  let text = '';
  try {
    const body = (await res.json()) as { error?: string; message?: string };
    text = body.message ?? body.error ?? '';
  } catch {
    /* not JSON */
  }
  return `the sync server answered ${res.status}${text ? `: ${text}` : ''}`;
}
