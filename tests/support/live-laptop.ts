/**
 * A simulated laptop for the live-sync tests and benchmark (issue 18): the app's own live channel loop
 * (src-main/sync/live.ts runLiveChannel), with the shapes it names read through GET /v1/snapshot from
 * per-table offsets and handles (409 must-refetch restarts a table from -1), as src-main/sync/snapshot.ts
 * does, but kept in memory instead of an encrypted vault, so that a thousand of them fit in one process.
 * Each laptop has its own HTTP agent (its own connections, at most two) as a real laptop would.
 */
import http from 'node:http';
import { runLiveChannel, type LiveHttpAnswer } from '../../src-main/sync/live';
import type { LiveAnswer } from '../../src-shared/sync/live-protocol';

export interface SimLaptopOptions {
  /** The server (or load balancer) URL. */
  base: string;
  token: string;
  orgId: string;
  /** Where every table stands already (a laptop synced up to this version); default: nothing read yet. */
  syncedTo?: number;
  /** The live cursor it holds (else its first answer names every table). */
  cursor?: string;
  onRow?(table: string, row: Record<string, unknown>, at: number): void;
}

export class SimLaptop {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  readonly offsets = new Map<string, { offset: string; handle?: string }>();
  answers = 0;
  reads = 0;
  errors = 0;
  lastError: unknown;
  private ctrl = new AbortController();
  private running: Promise<unknown> | undefined;

  constructor(private readonly o: SimLaptopOptions) {}

  start(onAnswer?: (a: LiveAnswer) => void): void {
    this.ctrl = new AbortController();
    this.running = runLiveChannel({
      orgId: this.o.orgId,
      signal: this.ctrl.signal,
      get: (path, signal) => this.get(path, signal),
      read: (tables, signal) => this.read(tables, signal),
      onError: (e) => {
        this.errors++;
        this.lastError = e;
      },
      onAnswer: (a) => {
        this.answers++;
        onAnswer?.(a);
      },
      cursor: this.o.cursor,
    });
  }

  async stop(): Promise<void> {
    this.ctrl.abort();
    await this.running?.catch(() => {});
    this.agent.destroy();
  }

  private request(path: string, signal: AbortSignal): Promise<{ status: number; body: string; handle?: string }> {
    return new Promise((resolve, reject) => {
      const req = http.get(`${this.o.base}${path}`, { agent: this.agent, signal, headers: { authorization: `Bearer ${this.o.token}` } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        const handle = res.headers['electric-handle'];
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), handle: typeof handle === 'string' ? handle : undefined }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
    });
  }

  private async get(path: string, signal: AbortSignal): Promise<LiveHttpAnswer> {
    const r = await this.request(path, signal);
    return { status: r.status, json: async () => JSON.parse(r.body) as unknown };
  }

  /** Each table through snapshot pages from where it stands, one after another. */
  private async read(tables: string[], signal: AbortSignal): Promise<number> {
    let reached = Number.MAX_SAFE_INTEGER;
    for (const table of tables) {
      let at = this.offsets.get(table) ?? { offset: this.o.syncedTo === undefined ? '-1' : `${this.o.syncedTo}_0` };
      for (let restarts = 0; !signal.aborted;) {
        this.reads++;
        const q = `table=${table}&orgId=${this.o.orgId}&offset=${at.offset}${at.handle ? `&handle=${encodeURIComponent(at.handle)}` : ''}`;
        const res = await this.request(`/v1/snapshot?${q}`, signal);
        if (res.status === 409 && ++restarts < 5) {
          at = { offset: '-1' };
          continue;
        }
        if (res.status !== 200) throw new Error(`snapshot of ${table} answered ${res.status}`);
        const lines = res.body.trimEnd().split('\n');
        const { columns } = JSON.parse(lines[0]!) as { columns: string[] };
        const trailer = JSON.parse(lines[lines.length - 1]!) as { offset?: string; upToDate?: boolean };
        if (typeof trailer.offset !== 'string') throw new Error(`snapshot of ${table} ended without its trailer`);
        const now = performance.now();
        for (const line of lines.slice(1, -1)) {
          const values = JSON.parse(line) as unknown[];
          const row: Record<string, unknown> = {};
          columns.forEach((c, i) => (row[c] = values[i]));
          this.o.onRow?.(table, row, now);
        }
        at = { offset: trailer.offset, handle: res.handle ?? at.handle };
        this.offsets.set(table, at);
        if (trailer.upToDate) break;
      }
      reached = Math.min(reached, Number(at.offset.split('_')[0]));
    }
    return reached;
  }
}
