/** The renderer's way to the core: `window.casework` (Electron preload or the browser bridge). */
import type { CaseworkApi, Input, Method, Output } from '../../src-shared/contract';
import { isUserErrorCode } from '../../src-shared/errors';
import type { TFunction } from 'i18next';
import i18n from 'i18next';
import { browserBridge, CallError } from './bridge';
import { coreErrors, type FieldErrors } from './validation';

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

/** An error in a consultant's words: a sentence for the kind of problem, then what is wrong, in the window's language. */
export function errorText(e: unknown, tAny: TFunction | ((k: string) => string)): string {
  const t = tAny as TFunction;
  if (e instanceof CallError) {
    if (e.code === 'internal') return t('errors.internal');
    if (!isUserErrorCode(e.code)) return e.message;
    const head = t(`errors.code.${e.code}`);
    if (e.code === 'wrong_key') return head;
    if (e.code === 'invalid_input') {
      // Each refused field as a sentence (validation.ts reads the core's "field: reason" form).
      const said = Object.entries(coreErrors(e.message, t)).map(([field, s]) =>
        field ? t('validation.field', { field: fieldName(field, t), message: s }) : s,
      );
      return [head, ...said].join(' ');
    }
    // Other refusals carry the core's own explanation, written in English: shown as the detail in English only.
    return i18n.language.startsWith('en') ? `${head} (${e.message})` : head;
  }
  if (e instanceof TypeError) return t('errors.offline');
  return t('errors.internal');
}

/** The sentences by field of a refused call, for the form to put next to each field (empty otherwise). */
export function callFieldErrors(e: unknown, t: TFunction): FieldErrors {
  return e instanceof CallError && e.code === 'invalid_input' ? coreErrors(e.message, t) : {};
}

/** A column or profile field named in words where the window has a label for it. */
function fieldName(field: string, t: TFunction): string {
  const last = field.split('.').pop() ?? field;
  const camel = last.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
  for (const k of [`people.${camel}`, `cases.${camel}`, `money.${camel}`, `crs.${camel}`, `case.${camel}`]) if (i18n.exists(k)) return t(k);
  return last.replace(/_/g, ' ');
}
