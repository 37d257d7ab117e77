/**
 * Highlighted snippets for lexical hits, made in JS from the k winners' indexed text. FTS5's snippet()
 * needs the row inside a MATCH cursor, and getting there for 20 chosen rows costs a walk over every
 * match between them (~7 ms for a word found in half of 100k documents) or a fresh match per row
 * (~6 ms each); reading the winners' stored text by rowid and marking it here costs well under 1 ms.
 * It follows FTS5's snippet() (fts5_aux.c: the same window scores, centring and sentence starts), on
 * tokens as unicode61 with remove_diacritics sees them (letters, digits, private use; case and accents
 * folded), each query word matched as a prefix, marked with [[ ]], and "…" where the column goes on.
 */

/** Lower case without accents: how the FTS tables' tokenizer compares words. */
export const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The folded words of a query, as the search matches them (each one a prefix). */
export function queryTerms(query: string): string[] {
  return [
    ...new Set(
      fold(query)
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean),
    ),
  ];
}

interface Token {
  start: number;
  end: number;
  /** Index of the query term it matches, or -1. */
  term: number;
  /** Starts a sentence: the first token, or one after "." or ":" and a space (FTS5's rule). */
  sentence: boolean;
}

function tokenize(text: string, terms: string[]): Token[] {
  const out: Token[] = [];
  // unicode61's default token characters: letters, numbers, private use.
  for (const m of text.matchAll(/[\p{L}\p{N}\p{Co}]+/gu)) {
    const f = fold(m[0]);
    let i = m.index - 1;
    while (i >= 0 && ' \t\n\r'.includes(text[i])) i--;
    const sentence = out.length === 0 || (i !== m.index - 1 && i >= 0 && (text[i] === '.' || text[i] === ':'));
    out.push({ start: m.index, end: m.index + m[0].length, term: terms.findIndex((t) => f.startsWith(t)), sentence });
  }
  return out;
}

/** FTS5's window score: 1000 for each query word's first hit inside [pos, pos + size), 1 for each further hit; and the start that centres them. */
function windowScore(tokens: Token[], pos: number, size: number): { score: number; centred: number } {
  const seen = new Set<number>();
  let score = 0;
  let first = -1;
  let last = 0;
  for (let i = pos; i < Math.min(tokens.length, pos + size); i++) {
    const t = tokens[i].term;
    if (t < 0) continue;
    score += seen.has(t) ? 1 : 1000;
    seen.add(t);
    if (first < 0) first = i;
    last = i + 1;
  }
  let centred = first - Math.trunc((size - (last - first)) / 2);
  if (centred + size > tokens.length) centred = tokens.length - size;
  return { score, centred: Math.max(0, centred) };
}

/**
 * The snippet of the best column, as FTS5's snippet(): a window at each hit, centred on the hits it
 * holds, or the start of that hit's sentence (with a bonus of 100, 120 at the column start) when that
 * scores higher. No hit at all: the first column's first words.
 */
export function highlightSnippet(columns: Array<string | null>, query: string, marks: { open: string; close: string }, size = 12): string {
  const terms = queryTerms(query);
  const cols = columns.map((text) => ({ text: text ?? '', tokens: tokenize(text ?? '', terms) }));
  if (!cols.length) return '';
  let best = { score: 0, col: 0, start: 0 };
  cols.forEach(({ tokens }, col) => {
    const sentences = tokens.flatMap((t, i) => (t.sentence ? [i] : []));
    tokens.forEach((t, io) => {
      if (t.term < 0) return;
      const w = windowScore(tokens, io, size);
      if (w.score > best.score) best = { score: w.score, col, start: w.centred };
      if (sentences.length && tokens.length > size) {
        let jj = 0;
        while (jj < sentences.length - 1 && sentences[jj + 1] <= io) jj++;
        if (sentences[jj] < io) {
          const score = windowScore(tokens, sentences[jj], size).score + (sentences[jj] === 0 ? 120 : 100);
          if (score > best.score) best = { score, col, start: sentences[jj] };
        }
      }
    });
  });
  const { text, tokens } = cols[best.col];
  if (!tokens.length) return '';
  const start = best.start;
  const end = Math.min(tokens.length, start + size);
  let out = start > 0 ? '…' : '';
  let at = tokens[start].start;
  for (let i = start; i < end; i++) {
    const t = tokens[i];
    out += text.slice(at, t.start);
    out += t.term >= 0 ? `${marks.open}${text.slice(t.start, t.end)}${marks.close}` : text.slice(t.start, t.end);
    at = t.end;
  }
  return end < tokens.length ? `${out}…` : out + text.slice(at);
}
