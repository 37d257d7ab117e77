/**
 * Semantic search: embed the query with the active model, take the nearest chunks from sqlite-vec and
 * keep the best chunk per row (a long document has many chunks; it is one hit). The snippet is the
 * chunk's text around the query's words, marked with the same [[ ]] highlights as lexical hits.
 */
import type { Core } from '../core/core';
import { loadEmbedder } from './embedder';
import { HIGHLIGHT, type HitKind, type SearchHit } from './lexical';
import { activeModel } from './models';
import { nearestChunks } from './vectors';
import { fold } from './snippet';

export interface SemanticOptions {
  limit?: number;
  caseId?: string;
  kinds?: HitKind[];
}

/** Up to ~240 characters of `text`, starting near the first query word, with query words marked. */
export function semanticSnippet(text: string, query: string): string {
  const terms = fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length >= 2);
  const words = text.split(/(\s+)/);
  const isHit = (w: string) => {
    const f = fold(w).replace(/[^\p{L}\p{N}]/gu, '');
    return f.length > 0 && terms.some((t) => f.startsWith(t));
  };
  const first = words.findIndex(isHit);
  const start = Math.max(0, first - 12);
  const out: string[] = [];
  let len = 0;
  for (let i = start; i < words.length && len < 240; i++) {
    const w = words[i];
    out.push(isHit(w) ? `${HIGHLIGHT.open}${w}${HIGHLIGHT.close}` : w);
    len += w.length;
  }
  return `${start > 0 ? '…' : ''}${out.join('').trim()}${len >= 240 ? '…' : ''}`;
}

export async function semanticSearch(core: Core, query: string, opts: SemanticOptions = {}): Promise<SearchHit[]> {
  const model = activeModel(core);
  if (!model || !query.trim()) return [];
  const limit = Math.min(Math.max(1, Math.floor(opts.limit ?? 20)), 200);
  const embedder = await loadEmbedder(model.dir);
  const [q] = await embedder.embed([query]);
  // Over-fetch: several chunks may belong to one row, and scoping filters some out.
  const k = Math.min(4096, limit * (opts.caseId || opts.kinds ? 20 : 5));
  const best = new Map<string, SearchHit>();
  for (const c of nearestChunks(core, model.name, q, k)) {
    if (opts.kinds && !opts.kinds.includes(c.kind)) continue;
    if (opts.caseId && c.caseId !== opts.caseId) continue;
    const key = `${c.kind}:${c.refId}`;
    if (best.has(key)) continue;
    best.set(key, { kind: c.kind, id: c.refId, caseId: c.caseId, title: c.title, score: c.similarity, snippet: semanticSnippet(c.text, query) });
    if (best.size >= limit) break;
  }
  return [...best.values()];
}
