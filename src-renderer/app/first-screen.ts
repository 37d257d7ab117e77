/**
 * The window asks for its first screen's data while React is still building the page, instead of after
 * its first render: the vault's state and, for the screen the address names (Today or the case list),
 * that screen's first data. Each answer waits only for the core's unlock. The screens use these very
 * queries, so they find the answers in the cache; a locked vault answers with an error, and the screen
 * asks again when it mounts after the unlock.
 */
import type { QueryClient } from '@tanstack/react-query';
import { call } from './api';

export const vaultStatusQuery = { queryKey: ['vault'], queryFn: () => call('vault.status', {}) };
export const todayQuery = { queryKey: ['today'], queryFn: () => call('today.summary', {}) };

/** What the case list shows before anyone filters or sorts it. */
export const DEFAULT_CASE_FILTERS = { sort: 'updated_at', direction: 'desc' } as const;
export const CASE_PAGE = 100;

/** One page of the case list for these filters (page 0 carries the total). */
export const casesPageQuery = (filters: Record<string, unknown>, page = 0) => ({
  queryKey: ['cases', filters, page],
  queryFn: () => call('cases.list', { ...filters, limit: CASE_PAGE, offset: page * CASE_PAGE }),
});

export function prefetchFirstScreen(qc: QueryClient, hash: string): void {
  void qc.prefetchQuery(vaultStatusQuery);
  const route = hash.replace(/^#/, '').split('?')[0] || '/';
  if (route === '/') void qc.prefetchQuery(todayQuery);
  if (route === '/cases') void qc.prefetchQuery(casesPageQuery({ ...DEFAULT_CASE_FILTERS }));
}
