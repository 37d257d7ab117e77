/**
 * Results are typed across the contract: every method has one Output (views.ts), the core's handler
 * table implements exactly the contract's methods, and a handler answering another shape does not
 * compile. The @ts-expect-error lines are the type-level half: `npm run typecheck` fails if one of
 * them stops being an error (that is, if a wrong shape were accepted).
 */
import { describe, expect, it } from 'vitest';
import { methods, type Method, type Output } from '../../src-shared/contract';
import { handlers, type Handler } from '../../src-main/app/handlers';

describe('typed results across the contract', () => {
  it('the core implements every method of the contract and nothing else (vault.* run on the session)', () => {
    const contract = (Object.keys(methods) as Method[]).filter((m) => !m.startsWith('vault.')).sort();
    expect(Object.keys(handlers).sort()).toEqual(contract);
  });

  it('a handler must answer its method’s Output', () => {
    const right: Handler<'cases.recordIta'> = (_core, i) => ({ date: i.date, deadline: '2026-03-01' });
    // @ts-expect-error the deadline is missing: not the Output of cases.recordIta
    const missing: Handler<'cases.recordIta'> = (_core, i) => ({ date: i.date });
    // @ts-expect-error a count where the sync status is expected
    const wrong: Handler<'sync.status'> = () => 3;
    // @ts-expect-error the row list of cases.list is `rows`, not `items`
    const renamed: Handler<'cases.list'> = () => ({ items: [], total: 0 });
    expect([right, missing, wrong, renamed].every((h) => typeof h === 'function')).toBe(true);
  });

  it('the window reads the declared fields (a field the contract lacks does not compile)', () => {
    const status = { server: null, pendingPushes: 0, rejected: 0, lastPull: null, lastPush: null, conflicts: 0, deviceId: 'd' } satisfies Output<'sync.status'>;
    // @ts-expect-error sync.status has no `pending` (it is pendingPushes)
    const pending: number = status.pending;
    expect(pending).toBeUndefined();
  });
});
