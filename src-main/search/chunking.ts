/**
 * Splits long text into overlapping chunks for embedding. Sentence-aware: a chunk ends on a sentence
 * boundary where it can, and the next one starts with the last sentences of the previous (about
 * `overlap` characters), so a fact that straddles a boundary is still found whole in one chunk.
 * Sizes are in characters (roughly 4 per token: 800 characters is well under a 256-token model window).
 */
export interface ChunkOptions {
  size?: number;
  overlap?: number;
}

export function chunkText(text: string, opts: ChunkOptions = {}): string[] {
  const size = opts.size ?? 800;
  const overlap = Math.min(opts.overlap ?? 150, Math.floor(size / 2));
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  if (clean.length <= size) return [clean];
  // Sentences, with any sentence longer than a chunk cut on word boundaries.
  const pieces: string[] = [];
  for (const s of clean.split(/(?<=[.!?;:])\s+/)) {
    if (s.length <= size) pieces.push(s);
    else {
      let cur = '';
      for (const w of s.split(' ')) {
        if (cur && cur.length + 1 + w.length > size) {
          pieces.push(cur);
          cur = '';
        }
        cur = cur ? `${cur} ${w}` : w.slice(0, size);
      }
      if (cur) pieces.push(cur);
    }
  }
  const chunks: string[] = [];
  let cur: string[] = [];
  let len = 0;
  for (const p of pieces) {
    if (len && len + 1 + p.length > size) {
      chunks.push(cur.join(' '));
      // Carry the tail sentences (up to `overlap` characters) into the next chunk.
      const carry: string[] = [];
      let c = 0;
      for (let i = cur.length - 1; i >= 0 && c + cur[i].length <= overlap; i--) {
        carry.unshift(cur[i]);
        c += cur[i].length + 1;
      }
      cur = carry;
      len = c;
      if (len + p.length > size) {
        cur = [];
        len = 0;
      }
    }
    cur.push(p);
    len += p.length + 1;
  }
  if (cur.length) chunks.push(cur.join(' '));
  return chunks;
}
