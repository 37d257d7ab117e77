/** The renderer's way to the core: `window.casework` (Electron preload or the browser bridge). */
import type { CaseworkApi, Input, Method, Output } from '../../src-shared/contract';
import { isUserErrorCode } from '../../src-shared/errors';
import { browserBridge, CallError } from './bridge';

declare global {
  interface Window {
    casework?: CaseworkApi;
  }
}

export const casework: CaseworkApi = window.casework ?? (window.casework = browserBridge());

/** Call a contract method; its answer is typed by the contract (views.ts `Outputs`), a failure throws CallError. */
export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const r = await casework.invoke(method, input);
  if (!r.ok) throw new CallError(r.error.code, r.error.message);
  // The wire carries JSON; the core's handler table is typed to answer Output<M> for M (src-main/app/handlers.ts).
  return r.value as Output<M>;
}

/** An error in a consultant's words: the core's message for user errors, a calm sentence otherwise. */
export function errorText(e: unknown, t: (k: string) => string): string {
  if (e instanceof CallError) {
    if (e.code === 'internal') return t('errors.internal');
    // A sentence for the kind of problem, then the core's details (which field, which rule).
    return isUserErrorCode(e.code) ? `${t(`errors.code.${e.code}`)} (${e.message})` : e.message;
  }
  if (e instanceof TypeError) return t('errors.offline');
  return t('errors.internal');
}
