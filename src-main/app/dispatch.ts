/**
 * Every call from the window comes through here, whatever carried it (the browser shell's bridge or
 * Electron's ipcMain): validate against the contract, run, and answer a CallResult. A user error keeps
 * its words; anything else is an internal error whose details stay in the core.
 */
import { parseInput, type CallResult, type Method, type Output, type ParsedInput } from '../../src-shared/contract';
import { isUserError } from '../../src-shared/errors';
import { jsonDepthProblem } from '../../src-shared/json-limits';
import { forbiddenKeyProblem } from '../../src-shared/json-keys';
import { handlers, type CoreMethod } from './handlers';
import type { Session } from './session';

type VaultMethod = Exclude<Method, CoreMethod>;

/** The vault's methods run on the session (there may be no core yet); typed like the handlers. */
const vault: { [M in VaultMethod]: (session: Session, input: ParsedInput<M>) => Output<M> | Promise<Output<M>> } = {
  'vault.status': (session) => session.status(),
  'vault.create': (session, i) => session.create(i.passphrase, i.orgName, i.email, i.keyStore),
  'vault.unlock': (session, i) => session.unlock(i.passphrase),
  'vault.lock': (session) => session.lock(),
};

const isVault = (m: Method): m is VaultMethod => Object.prototype.hasOwnProperty.call(vault, m);

export async function dispatch(session: Session, method: string, input: unknown): Promise<CallResult> {
  // Before anything walks the input (validation, diffs, hashing): a deep value is refused whole.
  const bad = jsonDepthProblem(input) ?? forbiddenKeyProblem(input);
  if (bad) return { ok: false, error: { code: 'invalid_input', message: `input ${bad}` } };
  const parsed = parseInput(method, input);
  if (!parsed.ok) return { ok: false, error: { code: 'invalid_input', message: parsed.message } };
  try {
    const m = parsed.method as Method;
    // Each table is typed per method; the method named at run time picks its entry, whose input the
    // contract's schema has just parsed.
    const value = isVault(m)
      ? await (vault[m] as (session: Session, input: unknown) => unknown)(session, parsed.value)
      : await (handlers[m] as (core: unknown, input: unknown) => unknown)(session.requireCore(), parsed.value);
    return { ok: true, value: value ?? null };
  } catch (e) {
    if (isUserError(e)) return { ok: false, error: { code: e.code, message: e.message } };
    if (process.env.CASEWORK_DEBUG) console.error(e);
    return { ok: false, error: { code: 'internal', message: 'something went wrong inside Casework; your data is unchanged' } };
  }
}
