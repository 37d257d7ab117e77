/**
 * Every call from the window comes through here, whatever carried it (the browser shell's bridge or
 * Electron's ipcMain): validate against the contract, run, and answer a CallResult. A user error keeps
 * its words; anything else is an internal error whose details stay in the core.
 */
import { parseInput, type CallResult, type Method } from '../../src-shared/contract';
import { isUserError } from '../../src-shared/errors';
import { handlers } from './handlers';
import type { Session } from './session';

export async function dispatch(session: Session, method: string, input: unknown): Promise<CallResult> {
  const parsed = parseInput(method, input);
  if (!parsed.ok) return { ok: false, error: { code: 'invalid_input', message: parsed.message } };
  try {
    const m = parsed.method as Method;
    const v = parsed.value as { passphrase?: string; orgName?: string; email?: string; keyStore?: 'passphrase' | 'keychain' };
    let value: unknown;
    if (m === 'vault.status') value = session.status();
    else if (m === 'vault.create') value = await session.create(v.passphrase!, v.orgName, v.email, v.keyStore);
    else if (m === 'vault.unlock') value = await session.unlock(v.passphrase);
    else if (m === 'vault.lock') value = await session.lock();
    else value = await (handlers[m as keyof typeof handlers] as (core: unknown, input: unknown) => unknown)(session.requireCore(), v);
    return { ok: true, value: value ?? null };
  } catch (e) {
    if (isUserError(e)) return { ok: false, error: { code: e.code, message: e.message } };
    if (process.env.CASEWORK_DEBUG) console.error(e);
    return { ok: false, error: { code: 'internal', message: 'something went wrong inside Casework; your data is unchanged' } };
  }
}
