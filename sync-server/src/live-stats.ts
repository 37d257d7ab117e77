/**
 * Figures for the live-sync benchmark (bench/sync-live.ts), off unless CASEWORK_SYNC_STATS=1: every
 * round trip this process makes to Postgres is counted (pool and change feed alike), and SIGUSR2 prints
 * one JSON line with the count, the live channels' and the feed's counters and the process's memory.
 */
import pg from 'pg';
import type { LiveChannels } from './live';

let queries = 0;

export function reportLiveStats(live: LiveChannels, log: (e: Record<string, unknown>) => void): void {
  if (process.env.CASEWORK_SYNC_STATS !== '1') return;
  const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    queries++;
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  process.on('SIGUSR2', () => {
    const m = process.memoryUsage();
    log({ msg: 'live stats', queries, live: live.stats, feed: live.feed.stats, rss: m.rss, heapUsed: m.heapUsed });
  });
}
