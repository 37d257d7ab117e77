/**
 * Reading a GET /v1/snapshot body (protocol.ts) as it arrives: complete lines are parsed in bulk, one
 * JSON.parse per received chunk (one per line would cost more than the line), so parsing overlaps the
 * download. Uses only web streams and TextDecoder (any JS runtime). Throws on a body that ends without
 * its trailer or holds anything but the three kinds of line.
 */
import type { SnapshotTrailer } from './protocol';

export interface SnapshotPageRead {
  columns: string[];
  rows: (string | null)[][];
  trailer: SnapshotTrailer;
}

/**
 * The two pieces of the web platform this reader needs, typed here because src-shared is compiled with
 * neither the DOM nor Node's types (any runtime's ReadableStream and TextDecoder satisfy them).
 */
export interface ByteStream {
  getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; releaseLock?(): void; cancel?(reason?: unknown): Promise<void> };
}
interface Utf8Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
declare const TextDecoder: { new (): Utf8Decoder };
declare function setTimeout(fn: () => void, ms: number): unknown;

export interface ReadSnapshotOptions {
  /**
   * Let the event loop turn (a timer of 0 ms) whenever this many ms of reading have gone by without one.
   * Why: a body that arrived while the reader was busy elsewhere is all in the stream's buffer, and its
   * chunks are then handed over as promise callbacks, one after the other, without a turn between them:
   * a page of 5,000 rows was read in one go of 150-220 ms on a loaded machine (the 100k-case bench).
   */
  yieldEveryMs?: number;
}

export async function readSnapshotBody(body: ByteStream, opts: ReadSnapshotOptions = {}): Promise<SnapshotPageRead> {
  const decoder = new TextDecoder();
  let columns: string[] | undefined;
  let trailer: SnapshotTrailer | undefined;
  const rows: (string | null)[][] = [];
  let rest = '';
  const take = (text: string) => {
    if (!text) return;
    for (const item of JSON.parse(`[${text.replace(/\n/g, ',')}]`) as unknown[]) {
      if (trailer) throw new Error('snapshot body continues after its trailer');
      if (Array.isArray(item)) {
        if (!columns) throw new Error('snapshot row before the columns line');
        rows.push(item as (string | null)[]);
      } else if (item && typeof item === 'object' && Array.isArray((item as { columns?: unknown }).columns) && !columns) {
        columns = (item as { columns: string[] }).columns;
      } else if (
        item &&
        typeof item === 'object' &&
        typeof (item as SnapshotTrailer).offset === 'string' &&
        typeof (item as SnapshotTrailer).upToDate === 'boolean'
      ) {
        trailer = item as SnapshotTrailer;
      } else throw new Error('unexpected line in a snapshot body');
    }
  };
  const reader = body.getReader();
  let turnedAt = Date.now();
  for (;;) {
    if (opts.yieldEveryMs !== undefined && Date.now() - turnedAt >= opts.yieldEveryMs) {
      await new Promise<void>((r) => setTimeout(r, 0));
      turnedAt = Date.now();
    }
    const { done, value } = await reader.read();
    if (done) break;
    const text = rest + decoder.decode(value, { stream: true });
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      rest = text;
      continue;
    }
    take(text.slice(0, end));
    rest = text.slice(end + 1);
  }
  take((rest + decoder.decode()).trim());
  if (!columns || !trailer) throw new Error('the snapshot ended before its trailer (incomplete answer)');
  return { columns, rows, trailer };
}
