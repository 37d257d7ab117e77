/**
 * Read-ahead for shape pages. A client syncing a large shape asks for page N+1 only after it has
 * received and parsed page N; the server would sit idle meanwhile and the client would then wait for
 * Postgres. So when the server answers a page that has more after it, it starts reading the next one
 * at once and keeps the result (a promise) for the request that will ask for it: one Postgres backend
 * reads while the client parses, which on a laptop-class server is most of the initial-sync time.
 *
 * Bounded: at most `maxEntries` pages are held (the oldest is dropped; a dropped or expired page only
 * means that request reads the page itself), each for at most `ttlMs`, and a page is served once.
 * Whether a page read ahead may still be served (the caller's access) is the caller's decision
 * (shape.ts confirmReadAhead).
 */
export class ReadAhead<T> {
  private readonly entries = new Map<string, { value: Promise<T>; timer: NodeJS.Timeout }>();

  constructor(
    private readonly maxEntries = 8,
    private readonly ttlMs = 15_000,
  ) {}

  /** Start reading `key` unless it is already held. Failures are kept as rejected promises (the taker falls back). */
  start(key: string, read: () => Promise<T>): void {
    if (this.entries.has(key)) return;
    while (this.entries.size >= this.maxEntries) this.drop(this.entries.keys().next().value!);
    const value = read();
    value.catch(() => {}); // observed by the taker; never an unhandled rejection
    const timer = setTimeout(() => this.drop(key), this.ttlMs);
    timer.unref();
    this.entries.set(key, { value, timer });
  }

  /** The page read ahead for `key`, removed from the store (served once); undefined if none. */
  take(key: string): Promise<T> | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.drop(key);
    return e.value;
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    clearTimeout(e.timer);
    this.entries.delete(key);
  }
}
