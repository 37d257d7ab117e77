/**
 * Signing in to a firm, as the first-run screen and the Sync screen share it: why a sign-in failed, in
 * the window's language, and what was typed at first run so the Sync screen's form can show it again
 * after a failure (the server address and email, never the password). That is held in this page's
 * memory only, not in session storage, which a browser may write to disk.
 */
import type { TFunction } from 'i18next';
import { CallError } from '../app/bridge';
import { errorText } from '../app/api';

export interface FailedJoin {
  server: string;
  email: string;
  error: unknown;
}

let failed: FailedJoin | null = null;

/** The first-run screen's sign-in failed: keep what was typed for the Sync screen. */
export function rememberFailedJoin(f: FailedJoin): void {
  failed = f;
}

/** What the first-run sign-in left, once (the Sync screen's form takes it). */
export function takeFailedJoin(): FailedJoin | null {
  const f = failed;
  failed = null;
  return f;
}

// The core's sign-in refusals (src-main/sync/login.ts), each with a sentence the window can say.
const REASONS: Array<[code: string, message: RegExp, key: string]> = [
  ['forbidden', /wrong email or password/, 'signIn.wrongPassword'],
  ['forbidden', /too many failed logins/, 'signIn.tooMany'],
  ['forbidden', /not a member/, 'signIn.notMember'],
  ['not_found', /sync server .* cannot be reached/, 'signIn.unreachable'],
  ['invalid_input', /did not answer like a Casework sync server/, 'signIn.notCasework'],
  ['forbidden', /signs in with its identity provider/, 'signIn.ssoRequired'],
  ['forbidden', /cancelled at the identity provider/, 'signIn.ssoCancelled'],
  ['invalid_input', /single sign-on timed out/, 'signIn.ssoTimedOut'],
  ['not_found', /signs in .* with single sign-on/, 'signIn.ssoNoProvider'],
];

/** Why a sign-in failed, as a sentence in the window's language. */
export function signInErrorText(e: unknown, t: TFunction): string {
  if (e instanceof CallError) for (const [code, message, key] of REASONS) if (e.code === code && message.test(e.message)) return t(key);
  return errorText(e, t);
}
