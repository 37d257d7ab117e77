/**
 * The change feed of one server instance (issue 18): one dedicated Postgres connection LISTENs on
 * casework_changes, where the triggers of migration 0013 announce every commit's writes (org, table,
 * cases, highest version), every access epoch bump and every device revocation, whichever instance (or
 * script) wrote them. Nothing here is needed by another instance: each keeps its own feed, and a
 * cursor is a row version, which means the same on every instance.
 *
 * Wake-ups must never run ahead of what a reader can read. A version v is handed out (as `safe`, the
 * live cursor) only when every version <= v is committed and its announcement has been received here:
 *  - an announcement marked clean (no other writer held a version claim below v when it wrote) proves
 *    it as soon as it arrives, because announcements arrive in commit order;
 *  - otherwise the feed asks Postgres once for the safe bound (versions.ts), carried back as a NOTIFY on
 *    this instance's own fence channel, so that everything committed before the bound was read has
 *    arrived before the answer does.
 * Announced changes are kept for a while (the ring), so a laptop that reconnects with a cursor is told
 * what it missed from memory; a cursor older than the ring (`floor`) is answered from Postgres (live.ts).
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from './db/postgres';

export const CHANGES_CHANNEL = 'casework_changes';

/** Rows of one table in one org written by one statement. */
export interface RowChange {
  table: string;
  org: string;
  /** The highest version written. */
  v: number;
  /** The cases the rows belong to (case-scoped tables); null: not case-scoped, or too many to list. */
  cases: string[] | null;
  /** New cases only: the users they are assigned to ('all': too many to list). */
  users: string[] | 'all' | null;
}

export interface FeedStats {
  notifications: number;
  /** Round trips to Postgres made by the feed itself (bound checks, start). */
  queries: number;
  dispatches: number;
}

/** What the feed keeps per org: changes in arrival (commit) order, and the highest version so far at each. */
interface OrgRing {
  entries: RowChange[];
  prefixMax: number[];
  at: number[];
}

const RETAIN_MS = 10 * 60_000;
const MAX_ENTRIES = 200_000;

export interface ChangeFeedEvents {
  /** Changes that became safe to read, per org (only orgs with such changes are emitted). */
  rows: [org: string, changes: RowChange[]];
  access: [org: string, users: string[]];
  device: [device: string, org: string | null];
  /** The listening connection was lost and is back: anything may have been missed. */
  reset: [];
}

export class ChangeFeed extends EventEmitter<ChangeFeedEvents> {
  /** Every version <= safe is committed and announced here. */
  safe = 0;
  /** The ring holds every change with a version above floor. */
  floor = Number.MAX_SAFE_INTEGER;
  /** False while the listening connection is down (then no cursor is answered from memory). */
  healthy = false;
  readonly stats: FeedStats = { notifications: 0, queries: 0, dispatches: 0 };
  /** Bumped per org at each dispatch (and everywhere at a reset): a reader notices a change during its read. */
  private readonly seqs = new Map<string, number>();
  private globalSeq = 0;
  private readonly rings = new Map<string, OrgRing>();
  private ringSize = 0;
  private pending: RowChange[] = [];
  private client: pg.Client | undefined;
  private readonly fence = `casework_fence_${randomBytes(6).toString('hex')}`;
  private checkTimer: NodeJS.Timeout | undefined;
  private checkDelay = 0;
  private closed = false;
  private asking = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly log: (e: Record<string, unknown>) => void = () => {},
  ) {
    super();
    this.setMaxListeners(0);
  }

  /** Listen, then wait until every version written before listening is committed (see the class comment). */
  async start(): Promise<void> {
    const c = new pg.Client(this.config);
    c.on('error', () => {}); // 'end' follows and reconnects
    await c.connect();
    c.on('notification', (n) => this.onNotification(n.channel, n.payload ?? ''));
    c.on('end', () => this.onLost(c));
    await c.query(`LISTEN ${CHANGES_CHANNEL}; LISTEN ${this.fence}`);
    // From here on every commit is announced to us. Versions up to `last` may have been committed before:
    // they are below the ring (floor); laptops whose cursor is older are answered from Postgres.
    const last = Number((await c.query(`SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END AS last FROM row_version_seq`)).rows[0].last);
    this.stats.queries += 2;
    this.client = c;
    this.rings.clear();
    this.ringSize = 0;
    this.pending = [];
    this.floor = last;
    this.safe = Math.min(this.safe, last);
    // `safe` must reach floor before any cursor is answered from memory: ask for the bound until it does.
    await new Promise<void>((ok) => {
      const check = () => {
        if (this.closed || this.safe >= last) return ok();
        this.askBound().catch(() => {});
        setTimeout(check, 20).unref();
      };
      check();
    });
    this.healthy = true;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.checkTimer);
    clearTimeout(this.reconnectTimer);
    const c = this.client;
    this.client = undefined;
    this.healthy = false;
    await c?.end().catch(() => {});
  }

  /** Dispatch counter of an org (with resets): compare before and after a read. */
  seq(org: string): number {
    return (this.seqs.get(org) ?? 0) + this.globalSeq;
  }

  /** The changes of `org` with a version in (cursor, safe], in commit order. Requires cursor >= floor. */
  changesSince(org: string, cursor: number): RowChange[] {
    const ring = this.rings.get(org);
    if (!ring) return [];
    // prefixMax never decreases: skip every entry before the first one that can exceed the cursor.
    let lo = 0;
    let hi = ring.prefixMax.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ring.prefixMax[mid]! <= cursor) lo = mid + 1;
      else hi = mid;
    }
    const out: RowChange[] = [];
    for (let i = lo; i < ring.entries.length; i++) {
      const e = ring.entries[i]!;
      if (e.v > cursor && e.v <= this.safe) out.push(e);
    }
    return out;
  }

  private onNotification(channel: string, payload: string): void {
    this.stats.notifications++;
    if (channel === this.fence) {
      // "<last>:<floor>" read in that order (versions.ts): the bound as a reader would compute it.
      const [last, floor] = payload.split(':');
      const bound = floor ? Math.min(Number(last), Number(floor) - 1) : Number(last);
      if (Number.isSafeInteger(bound)) this.advance(bound);
      return;
    }
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(payload) as Record<string, unknown>;
    } catch {
      return;
    }
    const org = typeof msg.o === 'string' ? msg.o : null;
    if (Array.isArray(msg.a) && org) {
      this.bump(org);
      this.emit(
        'access',
        org,
        msg.a.filter((u): u is string => typeof u === 'string'),
      );
      return;
    }
    if (typeof msg.d === 'string') {
      this.emit('device', msg.d, org);
      return;
    }
    if (typeof msg.t !== 'string' || !org || typeof msg.v !== 'number') return;
    const change: RowChange = {
      table: msg.t,
      org,
      v: msg.v,
      cases: Array.isArray(msg.c) ? (msg.c as string[]) : null,
      users: msg.u === 'all' ? 'all' : Array.isArray(msg.u) ? (msg.u as string[]) : null,
    };
    this.remember(change);
    this.pending.push(change);
    if (msg.k === true) this.advance(change.v);
    else this.scheduleCheck();
  }

  private remember(change: RowChange): void {
    let ring = this.rings.get(change.org);
    if (!ring) this.rings.set(change.org, (ring = { entries: [], prefixMax: [], at: [] }));
    const now = Date.now();
    ring.entries.push(change);
    ring.prefixMax.push(Math.max(change.v, ring.prefixMax[ring.prefixMax.length - 1] ?? 0));
    ring.at.push(now);
    this.ringSize++;
    // Forget the oldest changes of this org (and raise floor past them) when old or too many.
    let drop = 0;
    while (drop < ring.entries.length - 1 && (now - ring.at[drop]! > RETAIN_MS || this.ringSize - drop > MAX_ENTRIES)) drop++;
    if (drop > 0) {
      this.floor = Math.max(this.floor, ring.prefixMax[drop - 1]!);
      ring.entries.splice(0, drop);
      ring.prefixMax.splice(0, drop);
      ring.at.splice(0, drop);
      this.ringSize -= drop;
    }
  }

  /** Every version <= bound is committed and announced: dispatch the pending changes it covers. */
  private advance(bound: number): void {
    if (bound <= this.safe) return;
    this.safe = bound;
    const ready = new Map<string, RowChange[]>();
    const still: RowChange[] = [];
    for (const c of this.pending) {
      if (c.v <= bound) {
        let list = ready.get(c.org);
        if (!list) ready.set(c.org, (list = []));
        list.push(c);
      } else still.push(c);
    }
    this.pending = still;
    if (!still.length) {
      clearTimeout(this.checkTimer);
      this.checkTimer = undefined;
      this.checkDelay = 0;
    }
    for (const [org, list] of ready) {
      this.bump(org);
      this.stats.dispatches++;
      this.emit('rows', org, list);
    }
  }

  private bump(org: string): void {
    this.seqs.set(org, (this.seqs.get(org) ?? 0) + 1);
  }

  /** A change written beside another writer: ask for the bound soon, then again (backing off) until it covers it. */
  private scheduleCheck(): void {
    if (this.checkTimer) return;
    this.checkTimer = setTimeout(() => {
      this.checkTimer = undefined;
      if (!this.pending.length || !this.client) return;
      this.askBound().catch(() => {});
      this.checkDelay = Math.min(200, Math.max(5, this.checkDelay * 2));
      this.scheduleCheck();
    }, this.checkDelay);
    this.checkTimer.unref();
  }

  /**
   * The bound comes back as a NOTIFY on the fence channel, sent at the commit of the statement that read
   * it: every commit the bound counts was announced before it, so it arrives here after them.
   */
  private async askBound(): Promise<void> {
    const c = this.client;
    if (!c || this.asking) return; // the answer of the one in flight will do
    this.asking = true;
    this.stats.queries++;
    try {
      await this.ask(c);
    } finally {
      this.asking = false;
    }
  }

  private ask(c: pg.Client): Promise<unknown> {
    return c.query(`SELECT set_config('casework.fence_last', (SELECT (CASE WHEN is_called THEN last_value ELSE last_value - 1 END)::text FROM row_version_seq), false);
      SELECT pg_notify('${this.fence}', current_setting('casework.fence_last') || ':' || coalesce((
        SELECT min(((l.classid::bigint << 32) | l.objid::bigint) - 4611686018427387904)::text FROM pg_locks l
         WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.classid::bigint BETWEEN 1073741824 AND 2147483647
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())), ''))`);
  }

  private onLost(c: pg.Client): void {
    if (this.client !== c || this.closed) return;
    this.client = undefined;
    this.healthy = false;
    this.log({ level: 'warn', at: new Date().toISOString(), msg: 'change feed: listening connection lost; reconnecting' });
    const retry = (delay: number) => {
      this.reconnectTimer = setTimeout(() => {
        if (this.closed) return;
        this.start().then(
          () => {
            this.globalSeq++;
            this.emit('reset');
          },
          () => retry(Math.min(5000, delay * 2)),
        );
      }, delay);
      this.reconnectTimer.unref();
    };
    retry(100);
  }
}

const feeds = new WeakMap<Database, ChangeFeed>();

/** Start the feed of the server using `db` (its own connection, with the pool's login). */
export async function startChangeFeed(db: Database, log?: (e: Record<string, unknown>) => void): Promise<ChangeFeed> {
  const feed = new ChangeFeed({ ...(db.pool.options as pg.ClientConfig) }, log);
  await feed.start();
  feeds.set(db, feed);
  return feed;
}

/** The feed of the server using `db`, if it runs one. */
export function feedOf(db: Database): ChangeFeed | undefined {
  return feeds.get(db);
}
