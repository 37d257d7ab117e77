/**
 * The laptop's one live channel (issue 18; protocol in src-shared/sync/live-protocol.ts): a single
 * long-poll on GET /v1/live says which shapes changed, then only those are read, one after another,
 * each from its own offset and handle (snapshot pages, as a catch-up). The channel's cursor is kept in
 * memory: a new loop starts without one, and the server's first answer names every table (the
 * start-up catch-up). So a laptop holds one request open while idle, and at most two connections
 * (this one, or a read, plus a push), where it held one live request per synced table before.
 *
 * The loop is written against two small functions (get, read) so that the app (authFetch and
 * pull.ts's pullTable on the vault) and the benchmark's simulated laptops run the same logic.
 */
import { SYNCED_TABLES } from '../../src-shared/schema/tables';
import { LIVE_PATH, LiveAnswer } from '../../src-shared/sync/live-protocol';
import { backoffDelay, sleep } from './http';

/** The part of a fetch Response the loop reads. */
export interface LiveHttpAnswer {
  status: number;
  json(): Promise<unknown>;
}

export interface LiveChannelDeps {
  orgId: string;
  signal: AbortSignal;
  /** GET a path of the sync server, authenticated (the app: authFetch). */
  get(path: string, signal: AbortSignal): Promise<LiveHttpAnswer>;
  /**
   * Bring these tables up to date from their saved offsets (the app: pullTable, not live); resolves with
   * the lowest version the reads reached (their offsets), when known.
   */
  read(tables: string[], signal: AbortSignal): Promise<number | undefined>;
  /** Errors that end the loop (a revoked device); others are reported and retried with backoff. */
  isFatal?(e: unknown): boolean;
  onError?(e: unknown): void;
  /** After each answer that was read (tests and the benchmark observe the loop with it). */
  onAnswer?(a: LiveAnswer): void;
  /** A cursor from an earlier answer to continue from (default: none, so the first answer names every table). */
  cursor?: string;
}

const KNOWN = new Set(SYNCED_TABLES);
const RETRY = { attempts: 1, baseMs: 500, capMs: 30_000 };
/** A read held back behind a writer in flight is asked again after this pause, at most this many times. */
const HELD_BACK_PAUSE_MS = 30;
const HELD_BACK_TRIES = 20;

/**
 * Run the channel until the signal aborts. Resolves 'unsupported' when the server has no live route
 * (404: an older server; the caller then follows each shape live on its own), else 'stopped'.
 */
export async function runLiveChannel(deps: LiveChannelDeps): Promise<'unsupported' | 'stopped'> {
  const { signal } = deps;
  let cursor = deps.cursor;
  let failures = 0;
  let heldBack = 0;
  const fail = async (e: unknown) => {
    if (signal.aborted || (e as Error)?.name === 'AbortError') return;
    if (deps.isFatal?.(e)) throw e;
    deps.onError?.(e);
    await sleep(backoffDelay(failures++, RETRY), signal);
  };
  while (!signal.aborted) {
    let answer: LiveAnswer;
    try {
      const res = await deps.get(`${LIVE_PATH}?orgId=${encodeURIComponent(deps.orgId)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, signal);
      if (res.status === 404) return 'unsupported';
      if (res.status !== 200) throw new Error(`the sync server answered ${res.status} to the live channel`);
      answer = LiveAnswer.parse(await res.json());
    } catch (e) {
      await fail(e);
      continue;
    }
    let reached: number | undefined;
    try {
      // One shape after another: a single connection, and no burst of requests from 1,000 laptops at once.
      const tables = answer.changed.filter((t) => KNOWN.has(t));
      if (tables.length) reached = await deps.read(tables, signal);
    } catch (e) {
      // The cursor is not advanced: the same tables are named again on the next answer.
      await fail(e);
      continue;
    }
    if (signal.aborted) break;
    failures = 0;
    const [version, epoch] = answer.cursor.split('.') as [string, string];
    if (reached !== undefined && reached >= 0 && reached < Number(version) && heldBack < HELD_BACK_TRIES) {
      // A writer that had not committed held the reads below what woke us: ask again from where they
      // reached (the server names those tables again at once), after a pause for that writer.
      heldBack++;
      cursor = `${reached}.${epoch}`;
      await sleep(HELD_BACK_PAUSE_MS, signal);
    } else {
      heldBack = 0;
      cursor = answer.cursor;
    }
    deps.onAnswer?.(answer);
  }
  return 'stopped';
}
