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

/** An error in a consultant's words: the core's message for user errors, a calm sentence otherwise. */
export function errorText(e: unknown, t: (k: string) => string): string {
  if (e instanceof CallError) return e.code === 'internal' ? t('errors.internal') : e.message;
  if (e instanceof TypeError) return t('errors.offline');
  return t('errors.internal');
}
