/**
 * Reciprocal rank fusion: merges ranked lists by summing 1 / (k + rank) for each item, so an item near
 * the top of either list rises without having to compare bm25 scores with cosine distances. k = 60 as in
 * Cormack et al. (2009).
 */
export const RRF_K = 60;

export function reciprocalRankFusion<T>(lists: T[][], keyOf: (item: T) => string, k = RRF_K): Array<{ item: T; score: number }> {
  const merged = new Map<string, { item: T; score: number }>();
  for (const list of lists) {
    list.forEach((item, i) => {
      const key = keyOf(item);
      const prev = merged.get(key);
      const add = 1 / (k + i + 1);
      if (prev) prev.score += add;
      else merged.set(key, { item, score: add });
    });
  }
  return [...merged.values()].sort((a, b) => b.score - a.score);
}
