/**
 * Calls to contract methods that may not be wired yet (sync, admin): the screen asks, and an
 * "unknown method" answer becomes NotAvailable so it can say so calmly instead of failing.
 */
import type { Method } from '../src-shared/contract';
import { CallError } from './bridge';
import { casework } from './api';

export class NotAvailable extends Error {
  constructor(readonly method: string) {
    super(`${method} is not available in this version`);
    this.name = 'NotAvailable';
  }
}

export async function callOptional<T>(method: string, input: Record<string, unknown> = {}): Promise<T> {
  const r = await casework.invoke(method as Method, input as never);
  if (r.ok) return r.value as T;
  if (r.error.code === 'invalid_input' && r.error.message.startsWith('unknown method')) throw new NotAvailable(method);
  throw new CallError(r.error.code, r.error.message);
}
