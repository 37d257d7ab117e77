/** Chunking with overlap (sentence-aware, bounded size, nothing lost) and reciprocal rank fusion. */
import { describe, expect, it } from 'vitest';
import { chunkText } from '../../src-main/search/chunking';
import { reciprocalRankFusion } from '../../src-main/search/rrf';

const sentences = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} says something about item ${i * 7}.`);
const text = sentences.join(' ');

describe('chunkText', () => {
  it('keeps short text whole and drops empty text', () => {
    expect(chunkText('  One short note.  ')).toEqual(['One short note.']);
    expect(chunkText(' \n\t ')).toEqual([]);
  });

  it('cuts long text on sentence boundaries, within the size, overlapping, losing no sentence', () => {
    const chunks = chunkText(text, { size: 300, overlap: 100 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(300);
      expect(c).toMatch(/^Sentence number \d+/);
      expect(c.endsWith('.')).toBe(true);
    }
    for (const s of sentences) expect(chunks.some((c) => c.includes(s))).toBe(true);
    // Each chunk starts with a sentence the previous chunk ended with (the overlap).
    for (let i = 1; i < chunks.length; i++) {
      const firstSentence = chunks[i].match(/^[^.]*\./)![0];
      expect(chunks[i - 1]).toContain(firstSentence);
    }
  });

  it('splits a single overlong sentence on words', () => {
    const long = Array.from({ length: 400 }, (_, i) => `w${i}`).join(' ');
    const chunks = chunkText(long, { size: 200, overlap: 50 });
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(200);
    expect(
      chunks
        .join(' ')
        .split(' ')
        .filter((w, i, a) => a.indexOf(w) === i),
    ).toHaveLength(400);
  });
});

describe('reciprocalRankFusion', () => {
  it('sums 1/(k+rank) across lists so items high in both lists win', () => {
    const fused = reciprocalRankFusion(
      [
        ['a', 'b', 'c'],
        ['c', 'a', 'd'],
      ],
      (x) => x,
      60,
    );
    expect(fused.map((f) => f.item)).toEqual(['a', 'c', 'b', 'd']);
    expect(fused[0].score).toBeCloseTo(1 / 61 + 1 / 62, 12);
    expect(fused[3].score).toBeCloseTo(1 / 63, 12);
  });
});
