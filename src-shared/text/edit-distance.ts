/**
 * Levenshtein distance and the character error rate built on it: how OCR output is judged against the
 * text a page was made from (tests, the OCR benchmark). Whitespace runs count as one space and case is
 * ignored, as OCR quality is usually reported.
 */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

const normalize = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Edits needed per character of the truth: 0 is perfect, 1 is as many edits as characters. */
export function characterErrorRate(truth: string, got: string): number {
  const t = normalize(truth);
  return t.length === 0 ? (normalize(got).length === 0 ? 0 : 1) : editDistance(t, normalize(got)) / t.length;
}
