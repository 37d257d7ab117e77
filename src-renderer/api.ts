/** The renderer's way to the core: `window.casework` (Electron preload or the browser bridge). */
import type { CaseworkApi, Input, Method } from '../src-shared/contract';
import { browserBridge, CallError } from './bridge';

declare global {
  interface Window {
    casework?: CaseworkApi;
  }
}

export const casework: CaseworkApi = window.casework ?? (window.casework = browserBridge());

export async function call<T = any, M extends Method = Method>(method: M, input: Input<M>): Promise<T> {
  const r = await casework.invoke(method, input);
  if (!r.ok) throw new CallError(r.error.code, r.error.message);
  return r.value as T;
}

const FRIENDLY = new Set([
  'invalid_input',
  'not_found',
  'conflict',
  'forbidden',
  'wrong_key',
  'vault_exists',
  'vault_missing',
  'keystore_unavailable',
  'corrupt',
  'invalid_transition',
]);

/** An error in a consultant's words: the core's message for user errors, a calm sentence otherwise. */
export function errorText(e: unknown, t: (k: string) => string): string {
  if (e instanceof CallError) {
    if (e.code === 'internal') return t('errors.internal');
    // A sentence for the kind of problem, then the core's details (which field, which rule).
    return FRIENDLY.has(e.code) ? `${t(`errors.code.${e.code}`)} (${e.message})` : e.message;
  }
  if (e instanceof Error && e.name === 'NotAvailable') return t('errors.notAvailable');
  if (e instanceof TypeError) return t('errors.offline');
  return t('errors.internal');
}
