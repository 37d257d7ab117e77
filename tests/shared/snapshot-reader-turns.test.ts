// A snapshot page that is already whole in the stream's buffer (it arrived while the laptop was busy
// writing the last one) is handed over chunk after chunk as promise callbacks: read in one go, no timer
// or input runs until the page is parsed. With yieldEveryMs the reader lets the event loop turn.
import { describe, expect, it } from 'vitest';
import { readSnapshotBody } from '../../src-shared/sync/snapshot-reader';

const ROWS = 60_000;

/** The whole body already queued: every read() resolves at once. */
function bufferedBody(): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  const lines = [JSON.stringify({ columns: ['id', 'title', 'notes'] })];
  for (let i = 0; i < ROWS; i++) lines.push(JSON.stringify([`id-${i}`, `Task ${i} of the García file`, 'x'.repeat(40)]));
  lines.push(JSON.stringify({ offset: '9_0', upToDate: true }));
  const text = lines.join('\n') + '\n';
  return new ReadableStream({
    start(c) {
      for (let at = 0; at < text.length; at += 16_384) c.enqueue(enc.encode(text.slice(at, at + 16_384)));
      c.close();
    },
  });
}

/** How many times a 0 ms timer ran while the body was read, and the rows read. */
async function timerTurnsWhileReading(opts?: { yieldEveryMs: number }): Promise<{ turns: number; rows: number }> {
  let turns = 0;
  let reading = true;
  const tick = () => {
    if (!reading) return;
    turns++;
    setTimeout(tick, 0);
  };
  const body = bufferedBody();
  setTimeout(tick, 0);
  const page = await readSnapshotBody(body, opts);
  reading = false;
  return { turns, rows: page.rows.length };
}

describe('reading a snapshot page already whole in the buffer', () => {
  it('lets timers run while it reads when asked to (yieldEveryMs), and reads the same rows', async () => {
    const held = await timerTurnsWhileReading();
    const turning = await timerTurnsWhileReading({ yieldEveryMs: 2 });
    expect(held.rows).toBe(ROWS);
    expect(turning.rows).toBe(ROWS);
    // Without it the page is read in one go; with it, the loop turns again and again.
    expect(held.turns).toBe(0);
    expect(turning.turns).toBeGreaterThan(3);
  });
});
