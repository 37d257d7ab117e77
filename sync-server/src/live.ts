/**
 * GET /v1/live (src-shared/sync/live-protocol.ts): the one live channel of a laptop (issue 18). It
 * answers which of the caller's shapes changed after their cursor; the laptop then reads only those.
 *
 * Targeted: a change announced by the feed (notify.ts) is matched only against the channels waiting
 * in its org, and among them only those whose user may see it: every org-wide table, and for
 * case-scoped tables the cases of the change against the user's visible cases (access.ts: all of them
 * for whoever access.ts lets read every case; else their assigned cases and live grants). Nothing is
 * read from Postgres to match a change.
 *
 * What each device may see is cached here (Seen: its device check, membership, access epoch, visible
 * cases) and dropped when the feed says it changed (an access epoch bump, a revocation, a grant that
 * expires) or after CACHE_TTL_MS, so an idle laptop costs Postgres two round trips per TTL and nothing
 * per request. A cursor below the feed's memory (a laptop back from a long absence, an instance just
 * started or reconnected to Postgres) is answered from Postgres: which tables have rows the caller may
 * see between the cursor and the safe bound.
 */
import type { FastifyInstance } from 'fastify';
import { SYNCED_TABLES, tableSpec } from '../../src-shared/schema/tables';
import { LIVE_CURSOR, LIVE_PATH, LIVE_TIMEOUT_MS, LiveQuery, type LiveAnswer } from '../../src-shared/sync/live-protocol';
import type { Database } from './db/postgres';
import { HttpError, verifyBearer, type Identity } from './auth';
import { VISIBLE_CASES_SQL, shapeFilter, shapeFilterLiteral, uuidLiteral, type Member } from './access';
import { notMember, pageAccess, pageBegin } from './shape-page';
import type { ChangeFeed, RowChange } from './notify';

const CACHE_TTL_MS = 5 * 60_000;

/** What one device of one user may see in one org, as last read from Postgres. */
interface Seen {
  member: Member | null;
  epoch: number;
  /** The visible cases; null: every case of the org. */
  cases: Set<string> | null;
  /** When the user's next grant expires (ms since epoch), changing their access without any write. */
  nextExpiry: number;
  /** The fill threw this (a revoked or unknown device): every request of the device throws it until dropped. */
  error?: unknown;
  at: number;
}

interface Channel {
  org: string;
  who: Identity;
  cursor: number;
  seen: Seen;
  answer(a: LiveAnswer): void;
  /** Decide again from the start (access changed, the feed was reset). */
  again(): void;
}

export interface LiveStats {
  /** Requests answered, and why. */
  answered: number;
  woken: number;
  timedOut: number;
  /** Round trips to Postgres for the access cache and for catch-ups. */
  queries: number;
  cacheFills: number;
  catchUps: number;
  /** Channels currently waiting. */
  waiting: number;
}

/** Does access.ts let this member read every case of the org (the shape filter of a case table names none)? */
function seesEveryCase(m: Member): boolean {
  return !shapeFilter('tasks', m).sql.includes(VISIBLE_CASES_SQL);
}

/** The tables whose shapes a change touches (a membership changes who is in the directory too). */
const touched = (c: RowChange): string[] => (c.table === 'org_memberships' ? ['org_memberships', 'users'] : [c.table]);

export class LiveChannels {
  readonly stats: LiveStats = { answered: 0, woken: 0, timedOut: 0, queries: 0, cacheFills: 0, catchUps: 0, waiting: 0 };
  private readonly cache = new Map<string, Seen>();
  private readonly filling = new Map<string, Promise<Seen>>();
  /** Bumped when a key's entry is dropped, so a fill that began before does not store stale access. */
  private readonly gens = new Map<string, number>();
  private readonly orgGens = new Map<string, number>();
  private readonly channels = new Map<string, Set<Channel>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly db: Database,
    readonly feed: ChangeFeed,
    private readonly timeoutMs = LIVE_TIMEOUT_MS,
  ) {
    feed.on('rows', (org, changes) => this.onRows(org, changes));
    feed.on('access', (org, users) => {
      const set = new Set(users);
      this.dropWhere((k) => k.org === org && set.has(k.user));
      this.redo((ch) => ch.org === org && set.has(ch.who.userId), org);
    });
    feed.on('device', (device, org) => {
      this.dropWhere((k) => k.device === device && (!org || k.org === org));
      this.redo((ch) => ch.who.deviceId === device && (!org || ch.org === org));
    });
    feed.on('reset', () => {
      this.dropWhere(() => true);
      this.redo(() => true);
    });
    this.sweeper = setInterval(() => {
      const old = Date.now() - CACHE_TTL_MS;
      for (const [k, s] of this.cache) if (s.at < old) this.cache.delete(k);
    }, 60_000);
    this.sweeper.unref();
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const set of this.channels.values()) for (const ch of set) ch.answer({ cursor: `${ch.cursor}.${ch.seen.epoch}`, changed: [] });
  }

  /** One live request: resolves with its answer (at once, on a change it may see, or at the timeout). */
  async wait(who: Identity, org: string, cursor: string | undefined, signal: AbortSignal): Promise<LiveAnswer> {
    const seen = await this.seen(who, org);
    if (!seen.member) throw notMember();
    const parsed = cursor ? LIVE_CURSOR.exec(cursor) : null;
    const tag = (v: number) => `${v}.${seen.epoch}`;
    // No cursor, or one from other access: every table (their reads answer must-refetch where needed).
    if (!parsed || Number(parsed[2]) !== seen.epoch) return this.done({ cursor: tag(this.feed.safe), changed: [...SYNCED_TABLES] });
    let from = Number(parsed[1]);
    if (!this.feed.healthy || from < this.feed.floor) {
      const up = await this.catchUp(who, org, from);
      if (up.changed.length) return this.done({ cursor: tag(Math.max(from, up.bound)), changed: up.changed });
      from = Math.max(from, up.bound);
      if (!this.feed.healthy || from < this.feed.floor) {
        // The feed cannot vouch for what follows yet (reconnecting): come back in a moment.
        await new Promise((r) => setTimeout(r, 1000));
        return this.done({ cursor: tag(from), changed: [] });
      }
    }
    // From here to the registration nothing awaits: no dispatch can fall in between.
    const now = this.visibleTables(seen, who.userId, this.feed.changesSince(org, from));
    if (now.length) return this.done({ cursor: tag(Math.max(from, this.feed.safe)), changed: now });
    if (signal.aborted) return this.done({ cursor: tag(from), changed: [] });
    return new Promise<LiveAnswer>((resolve, reject) => {
      let set = this.channels.get(org);
      if (!set) this.channels.set(org, (set = new Set()));
      const until = Math.min(this.timeoutMs, Math.max(0, seen.nextExpiry - Date.now()));
      const finish = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        set.delete(ch);
        if (!set.size) this.channels.delete(org);
        this.stats.waiting--;
      };
      const ch: Channel = {
        org,
        who,
        cursor: from,
        seen,
        answer: (a) => {
          finish();
          resolve(this.done(a));
        },
        again: () => {
          finish();
          this.wait(who, org, cursor === undefined ? undefined : tag(from), signal).then(resolve, reject);
        },
      };
      const timer = setTimeout(() => {
        if (Date.now() >= seen.nextExpiry) {
          // A grant expired: the epoch moved without any write. Read access again.
          this.drop(who.deviceId, who.userId, org);
          return ch.again();
        }
        this.stats.timedOut++;
        ch.answer({ cursor: tag(Math.max(from, this.feed.safe)), changed: [] });
      }, until);
      const onAbort = () => ch.answer({ cursor: tag(from), changed: [] });
      signal.addEventListener('abort', onAbort);
      set.add(ch);
      this.stats.waiting++;
    });
  }

  private done(a: LiveAnswer): LiveAnswer {
    this.stats.answered++;
    return a;
  }

  private onRows(org: string, changes: RowChange[]): void {
    // New cases assigned to someone: their cached visible cases grow before anything is matched.
    for (const c of changes) {
      if (c.table !== 'cases' || !c.users) continue;
      this.orgGens.set(org, (this.orgGens.get(org) ?? 0) + 1);
      if (c.users === 'all') this.dropWhere((k) => k.org === org);
      else
        for (const [key, s] of this.cache) {
          const k = splitKey(key);
          if (k.org === org && c.users.includes(k.user) && s.cases) for (const id of c.cases ?? []) s.cases.add(id);
        }
    }
    const set = this.channels.get(org);
    if (!set) return;
    for (const ch of [...set]) {
      const tables = this.visibleTables(
        ch.seen,
        ch.who.userId,
        changes.filter((c) => c.v > ch.cursor),
      );
      if (!tables.length) continue;
      this.stats.woken++;
      ch.answer({ cursor: `${Math.max(ch.cursor, this.feed.safe)}.${ch.seen.epoch}`, changed: tables });
    }
  }

  /** The tables of `changes` this user may see (see the module comment). */
  private visibleTables(seen: Seen, userId: string, changes: RowChange[]): string[] {
    if (!seen.member || seen.member.inactive) return [];
    const out = new Set<string>();
    for (const c of changes) {
      if (touched(c).every((t) => out.has(t))) continue;
      let scope: string;
      try {
        scope = tableSpec(c.table).scope;
      } catch {
        continue; // not a table of this server's schema
      }
      const mine = scope !== 'case' || seen.cases === null || c.cases === null || c.cases.some((id) => seen.cases!.has(id));
      const assigned = c.table === 'cases' && (c.users === 'all' || (Array.isArray(c.users) && c.users.includes(userId)));
      if (mine || assigned) for (const t of touched(c)) out.add(t);
    }
    return [...out];
  }

  private redo(which: (ch: Channel) => boolean, org?: string): void {
    const sets = org ? [this.channels.get(org)] : [...this.channels.values()];
    for (const set of sets) for (const ch of [...(set ?? [])]) if (which(ch)) ch.again();
  }

  private drop(device: string, user: string, org: string): void {
    this.dropWhere((k) => k.device === device && k.user === user && k.org === org);
  }

  private dropWhere(which: (k: { device: string; user: string; org: string }) => boolean): void {
    for (const key of [...this.cache.keys(), ...this.filling.keys()]) {
      if (!which(splitKey(key))) continue;
      this.cache.delete(key);
      this.filling.delete(key);
      this.gens.set(key, (this.gens.get(key) ?? 0) + 1);
    }
  }

  /** What this device may see in org: cached, else read (one fill at a time per device). */
  private async seen(who: Identity, org: string): Promise<Seen> {
    const key = `${who.deviceId}|${who.userId}|${org}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_TTL_MS) {
      if (hit.error) throw hit.error;
      return hit;
    }
    let p = this.filling.get(key);
    if (!p) {
      p = this.fill(key, who, org);
      this.filling.set(key, p);
      p.finally(() => this.filling.get(key) === p && this.filling.delete(key)).catch(() => {});
    }
    const s = await p;
    if (s.error) throw s.error;
    return s;
  }

  private async fill(key: string, who: Identity, org: string): Promise<Seen> {
    for (let attempt = 0; ; attempt++) {
      const gen = this.gens.get(key) ?? 0;
      const orgGen = this.orgGens.get(org) ?? 0;
      const s = await this.read(who, org);
      // Dropped (or a new case assigned in the org) while reading: what was read may predate it.
      if (attempt < 3 && ((this.gens.get(key) ?? 0) !== gen || (this.orgGens.get(org) ?? 0) !== orgGen)) continue;
      this.cache.set(key, s);
      return s;
    }
  }

  /**
   * Access as a shape read decides it (shape-page.ts pageBegin/pageAccess: device, membership, epoch,
   * the firm's roles), then the visible cases (only for a member who does not see them all) and the
   * next grant expiry, with COMMIT: two round trips.
   */
  private async read(who: Identity, org: string): Promise<Seen> {
    this.stats.cacheFills++;
    this.stats.queries += 2;
    const at = Date.now();
    try {
      return await this.db.withOrg(
        org,
        async (tx, begun): Promise<Seen> => {
          const access = pageAccess(begun, who, org, 'cases', undefined, '-1');
          if (access.kind !== 'read') {
            await tx.query('COMMIT');
            return { member: null, epoch: 0, cases: null, nextExpiry: Infinity, at };
          }
          const m = access.member;
          const [o, u] = [uuidLiteral(org), uuidLiteral(who.userId)];
          const every = seesEveryCase(m) || m.inactive;
          const expiry = `SELECT (extract(epoch FROM min(expires_at)) * 1000)::float8 AS t FROM case_assignments
            WHERE org_id = ${o} AND user_id = ${u} AND deleted_at IS NULL AND expires_at > now()`;
          const visible = VISIBLE_CASES_SQL.replaceAll('$1', o).replaceAll('$2', u);
          const r = (await tx.query(`${expiry}; ${every ? '' : `${visible}; `}COMMIT`)) as unknown as { rows: Record<string, unknown>[] }[];
          const next = r[0]!.rows[0]?.t;
          return {
            member: m,
            epoch: access.epoch,
            cases: every ? null : new Set(r[1]!.rows.map((x) => String(x.id))),
            nextExpiry: typeof next === 'number' ? next : Infinity,
            at,
          };
        },
        { begin: pageBegin(who, org), commits: true },
      );
    } catch (e) {
      if (e instanceof HttpError && e.statusCode < 500) return { member: null, epoch: 0, cases: null, nextExpiry: Infinity, error: e, at };
      throw e;
    }
  }

  /**
   * Which tables have rows the caller may see with a version in (from, bound], read from Postgres (a
   * cursor older than the feed's memory): one EXISTS per table, on the (org, version) indexes.
   */
  private async catchUp(who: Identity, org: string, from: number): Promise<{ changed: string[]; bound: number }> {
    this.stats.catchUps++;
    this.stats.queries += 2;
    return this.db.withOrg(
      org,
      async (tx, begun) => {
        const access = pageAccess(begun, who, org, 'cases', undefined, '-1');
        if (access.kind !== 'read') {
          await tx.query('COMMIT');
          throw notMember();
        }
        const { member, bound } = access;
        const every = seesEveryCase(member) || member.inactive;
        const [o, u] = [uuidLiteral(org), uuidLiteral(who.userId)];
        const probes = SYNCED_TABLES.map((t) => {
          const spec = tableSpec(t);
          const filter =
            spec.scope === 'case' && !every ? `t.org_id = ${o} AND t."${spec.caseColumn ?? 'case_id'}" IN (SELECT id FROM vis)` : shapeFilterLiteral(t, member);
          return `SELECT '${t}' AS t WHERE EXISTS (SELECT 1 FROM "${t}" t WHERE ${filter} AND t.version > ${Math.trunc(from)} AND t.version <= ${Math.trunc(bound)})`;
        });
        const vis = every ? '' : `WITH vis AS (${VISIBLE_CASES_SQL.replaceAll('$1', o).replaceAll('$2', u)}) `;
        const r = (await tx.query(`${vis}${probes.join(' UNION ALL ')}; COMMIT`)) as unknown as { rows: { t: string }[] }[];
        const changed = new Set(r[0]!.rows.map((x) => x.t));
        if (changed.has('org_memberships')) changed.add('users');
        return { changed: [...changed], bound };
      },
      { begin: pageBegin(who, org), commits: true },
    );
  }
}

function splitKey(key: string): { device: string; user: string; org: string } {
  const [device, user, org] = key.split('|') as [string, string, string];
  return { device, user, org };
}

/** GET /v1/live on `app`, answered by `live`. */
export function registerLiveRoutes(app: FastifyInstance, opts: { key: Buffer; live: LiveChannels }): void {
  app.get(LIVE_PATH, async (req, reply) => {
    // The token's signature only: the device, membership and epoch come from the access cache.
    const who = verifyBearer(opts.key, req.headers.authorization);
    const q = LiveQuery.safeParse(req.query ?? {});
    if (!q.success) throw new HttpError(400, 'bad_request', q.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
    const ac = new AbortController();
    req.raw.on('close', () => ac.abort());
    const answer = await opts.live.wait(who, q.data.orgId.toLowerCase(), q.data.cursor, ac.signal);
    reply.header('cache-control', 'no-store');
    return answer;
  });
}
