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
/** A chunk ending on a sentence boundary must still be this full; otherwise the next sentence is split. */
const MIN_FILL = 0.75;

interface Piece {
  text: string;
  len: number;
}

/** The first words of `text` that fit in `room` units, and the rest (undefined when all of it fits). */
function splitWords(text: string, room: number, sep: number, measure: (s: string) => number): [Piece | undefined, Piece | undefined] {
  const ws = text.split(' ');
  let used = 0;
  let n = 0;
  for (; n < ws.length; n++) {
    const wl = measure(ws[n]) + (n ? sep : 0);
    if (used + wl > room) break;
    used += wl;
  }
  if (n === ws.length) return [{ text, len: used }, undefined];
  const rest = ws.slice(n).join(' ');
  return [n ? { text: ws.slice(0, n).join(' '), len: used } : undefined, { text: rest, len: measure(rest) }];
}

/** The end of a finished chunk carried into the next: whole tail sentences, or else its last words. */
function carryTail(cur: Piece[], overlap: number, sep: number, measure: (s: string) => number): Piece[] {
  const carry: Piece[] = [];
  let c = 0;
  for (let i = cur.length - 1; i >= 0 && c + cur[i].len <= overlap; i--) {
    carry.unshift(cur[i]);
    c += cur[i].len + sep;
  }
  if (carry.length || !cur.length || overlap < 1) return carry;
  const ws = cur[cur.length - 1].text.split(' ');
  const tail: string[] = [];
  for (let i = ws.length - 1, used = 0; i > 0; i--) {
    used += measure(ws[i]) + sep;
    if (used > overlap) break;
    tail.unshift(ws[i]);
  }
  return tail.length ? [{ text: tail.join(' '), len: measure(tail.join(' ')) }] : [];
}

export function chunkText(text: string, opts: ChunkOptions = {}): string[] {
  const size = opts.size ?? 800;
  const overlap = Math.min(opts.overlap ?? 150, Math.floor(size / 2));
  const measure = opts.measure ?? byChars;
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  if (measure(clean) <= size) return [clean];
  const sep = measure === byChars ? 1 : 0; // a joining space costs a character, not a token
  // Sentences (with their lengths), any sentence longer than a chunk cut on word boundaries.
  const pieces: Piece[] = [];
  for (const s of clean.split(/(?<=[.!?;:])\s+/)) {
    const sl = measure(s);
    if (sl <= size) pieces.push({ text: s, len: sl });
    else {
      let cur: string[] = [];
      let curLen = 0;
      for (const w of s.split(' ').flatMap((word) => wordParts(word, size, measure))) {
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
  let cur: Piece[] = [];
  let len = 0;
  const minFill = Math.floor(size * MIN_FILL);
  for (let p of pieces) {
    if (cur.length && len + sep + p.len > size) {
      // Too full for the whole sentence: if the chunk is still short, fill it with the sentence's first words.
      if (len < minFill) {
        const [head, rest] = splitWords(p.text, size - len - sep, sep, measure);
        if (head) {
          cur.push(head);
          len += head.len + sep;
        }
        if (!rest) continue; // all of it fitted after all
        p = rest;
      }
      chunks.push(cur.map((c) => c.text).join(' '));
      cur = carryTail(cur, overlap, sep, measure);
      len = cur.reduce((n, c) => n + c.len + sep, 0);
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

/** A word longer than a whole chunk (a run of characters with no space) cut into parts that fit. */
function wordParts(word: string, size: number, measure: (s: string) => number): string[] {
  const parts: string[] = [];
  let rest = word;
  while (measure(rest) > size) {
    let lo = 1;
    let hi = rest.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (measure(rest.slice(0, mid)) <= size) lo = mid;
      else hi = mid - 1;
    }
    parts.push(rest.slice(0, lo));
    rest = rest.slice(lo);
  }
  if (rest) parts.push(rest);
  return parts;
}

/** `text` as one piece if it really fits, else halved on a space until every part does. */
function exact(text: string, size: number, measure: (s: string) => number): Piece[] {
  const len = measure(text);
  if (len <= size) return [{ text, len }];
  const words = text.split(' ');
  if (words.length < 2) return wordParts(text, size, measure).map((w) => ({ text: w, len: measure(w) }));
  const mid = Math.ceil(words.length / 2);
  return [...exact(words.slice(0, mid).join(' '), size, measure), ...exact(words.slice(mid).join(' '), size, measure)];
}
