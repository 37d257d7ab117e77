// The laptop's reader of GET /v1/snapshot bodies: lines split anywhere between network chunks, a body
// cut before its trailer, and lines that are none of the three kinds.
import { describe, expect, it } from 'vitest';
import { readSnapshotBody } from '../../src-shared/sync/snapshot-reader';

/** A body delivered in chunks of `size` bytes (so lines and multi-byte characters split anywhere). */
function body(text: string, size: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at >= bytes.length) return c.close();
      c.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

const page =
  [
    JSON.stringify({ columns: ['id', 'title', 'done'] }),
    JSON.stringify(['a', 'Passport scan: "Zoë" \\ 1\nline two', 't']),
    JSON.stringify(['b', null, 'f']),
    JSON.stringify({ offset: '42_0', upToDate: true }),
  ].join('\n') + '\n';

describe('readSnapshotBody', () => {
  it('reads the same page whatever the chunking', async () => {
    for (const size of [1, 2, 3, 7, 64, 100_000]) {
      const r = await readSnapshotBody(body(page, size));
      expect(r.columns).toEqual(['id', 'title', 'done']);
      expect(r.rows).toEqual([
        ['a', 'Passport scan: "Zoë" \\ 1\nline two', 't'],
        ['b', null, 'f'],
      ]);
      expect(r.trailer).toEqual({ offset: '42_0', upToDate: true });
    }
  });

  it('refuses a body cut before its trailer, a row before the columns, a line after the trailer, and junk', async () => {
    const lines = page.trim().split('\n');
    await expect(readSnapshotBody(body(lines.slice(0, 3).join('\n') + '\n', 5))).rejects.toThrow(/incomplete/);
    await expect(readSnapshotBody(body(page.slice(0, page.length - 10), 5))).rejects.toThrow();
    await expect(readSnapshotBody(body([lines[1], lines[0], lines[3]].join('\n'), 5))).rejects.toThrow(/before the columns/);
    await expect(readSnapshotBody(body([...lines, lines[1]].join('\n'), 5))).rejects.toThrow(/after its trailer/);
    await expect(readSnapshotBody(body([lines[0], '{"hello":1}', lines[3]].join('\n'), 5))).rejects.toThrow(/unexpected line/);
  });
});
