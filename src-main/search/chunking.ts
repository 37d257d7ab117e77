/**
 * Splits long text into overlapping chunks for embedding. Sentence-aware: a chunk ends on a sentence
 * boundary where it can, and the next one starts with the last sentences of the previous (about
 * `overlap` units), so a fact that straddles a boundary is still found whole in one chunk.
 *
 * Sizes are in the units of `measure`: characters by default; the indexer passes the model's token
 * count (see model-runtime.ts), so no chunk is longer than the model reads and none is wastefully short.
 */
export interface ChunkOptions {
  size?: number;
  overlap?: number;
  /** The length of a piece of text in the unit `size` is given in (default: characters). */
  measure?: (text: string) => number;
}

const byChars = (s: string) => s.length;

export function chunkText(text: string, opts: ChunkOptions = {}): string[] {
  const size = opts.size ?? 800;
  const overlap = Math.min(opts.overlap ?? 150, Math.floor(size / 2));
  const measure = opts.measure ?? byChars;
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  if (measure(clean) <= size) return [clean];
  const sep = measure === byChars ? 1 : 0; // a joining space costs a character, not a token
  // Sentences (with their lengths), any sentence longer than a chunk cut on word boundaries.
  const pieces: Array<{ text: string; len: number }> = [];
  for (const s of clean.split(/(?<=[.!?;:])\s+/)) {
    const sl = measure(s);
    if (sl <= size) pieces.push({ text: s, len: sl });
    else {
      let cur: string[] = [];
      let curLen = 0;
      for (const word of s.split(' ')) {
        const w = fitWord(word, size, measure);
        const wl = measure(w);
        if (cur.length && curLen + sep + wl > size) {
          pieces.push({ text: cur.join(' '), len: curLen });
          cur = [];
          curLen = 0;
        }
        curLen += wl + (cur.length ? sep : 0);
        cur.push(w);
      }
      if (cur.length) pieces.push(...exact(cur.join(' '), size, measure));
    }
  }
  const chunks: string[] = [];
  let cur: Array<{ text: string; len: number }> = [];
  let len = 0;
  for (const p of pieces) {
    if (cur.length && len + sep + p.len > size) {
      chunks.push(cur.map((c) => c.text).join(' '));
      // Carry the tail sentences (up to `overlap` units) into the next chunk.
      const carry: typeof cur = [];
      let c = 0;
      for (let i = cur.length - 1; i >= 0 && c + cur[i].len <= overlap; i--) {
        carry.unshift(cur[i]);
        c += cur[i].len + sep;
      }
      cur = carry;
      len = c;
      if (len + p.len > size) {
        cur = [];
        len = 0;
      }
    }
    cur.push(p);
    len += p.len + sep;
  }
  if (cur.length) chunks.push(cur.map((c) => c.text).join(' '));
  // Token counts of joined pieces can differ slightly from the sum of their parts: re-split any that do.
  return measure === byChars ? chunks : chunks.flatMap((c) => exact(c, size, measure).map((p) => p.text));
}

/** A single word longer than a whole chunk is cut to fit (a run of characters with no space). */
function fitWord(word: string, size: number, measure: (s: string) => number): string {
  if (measure(word) <= size) return word;
  let lo = 1;
  let hi = word.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(word.slice(0, mid)) <= size) lo = mid;
    else hi = mid - 1;
  }
  return word.slice(0, lo);
}

/** `text` as one piece if it really fits, else halved on a space until every part does. */
function exact(text: string, size: number, measure: (s: string) => number): Array<{ text: string; len: number }> {
  const len = measure(text);
  if (len <= size) return [{ text, len }];
  const words = text.split(' ');
  if (words.length < 2) return [{ text: fitWord(text, size, measure), len: size }];
  const mid = Math.ceil(words.length / 2);
  return [...exact(words.slice(0, mid).join(' '), size, measure), ...exact(words.slice(mid).join(' '), size, measure)];
}
