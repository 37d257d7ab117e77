/**
 * The one search box: lexical (FTS5) always; semantic (embeddings in sqlite-vec) and hybrid (reciprocal
 * rank fusion of both lists) when an embedding model is installed in the vault. Without a model, search
 * stays lexical and says so, so a caller can tell the user rather than silently returning fewer results.
 *
 * Service API for the app and CLI:
 *   search(core, query, opts)          -> Promise<SearchResult>
 *   installModel(core, dir, name?)     -> Promise<ModelInfo>     (checks, copies into <dataDir>/models/)
 *   listModels(core)                   -> ModelInfo[]
 *   indexPending(core)                 -> Promise<IndexReport>   (embeds rows queued by triggers)
 *   startBackgroundIndexing(core)      -> stop()                 (the app calls this once after unlock)
 */
import { UserError } from '../../src-shared/errors';
import type { Core } from '../core/core';
import { indexPending, isIndexing, pendingCount } from './indexer';
import { lexicalSearch, type HitKind, type SearchHit } from './lexical';
import { activeModel } from './models';
import { reciprocalRankFusion } from './rrf';
import { semanticSearch } from './semantic';

export { HIGHLIGHT, type HitKind, type SearchHit } from './lexical';
export { installModel, listModels, activeModel, activateModel, type ModelInfo } from './models';
export { indexPending, isIndexing, pendingCount, rebuildIndex, startBackgroundIndexing, type IndexReport } from './indexer';

export type SearchMode = 'lexical' | 'semantic' | 'hybrid';

export interface SearchOptions {
  mode?: SearchMode;
  limit?: number;
  caseId?: string;
  kinds?: HitKind[];
  /**
   * Before a semantic query, embed up to this many queued rows (default 256) unless a background run is
   * already under way, so a search right after a write finds it without stalling behind a full rebuild.
   * 0 skips it.
   */
  indexFirst?: number;
}

export interface SearchResult {
  mode: SearchMode;
  /** Set when the mode asked for could not be used. */
  reason?: string;
  hits: SearchHit[];
  /** Rows not yet embedded (semantic and hybrid results may miss them until the indexer catches up). */
  pending?: number;
}

export const MAX_QUERY_LENGTH = 500;

export async function search(core: Core, query: string, opts: SearchOptions = {}): Promise<SearchResult> {
  if (typeof query !== 'string') throw new UserError('invalid_input', 'the search query must be text');
  if (query.length > MAX_QUERY_LENGTH) throw new UserError('invalid_input', `the search query is longer than ${MAX_QUERY_LENGTH} characters`);
  const wanted = opts.mode ?? 'hybrid';
  if (!['lexical', 'semantic', 'hybrid'].includes(wanted)) throw new UserError('invalid_input', `unknown search mode ${String(wanted)}`);
  const limit = Math.min(Math.max(1, Math.floor(opts.limit ?? 20)), 200);
  const lexical = () => lexicalSearch(core, query, { ...opts, limit });
  if (wanted === 'lexical') return { mode: 'lexical', hits: lexical() };
  if (!activeModel(core)) {
    if (wanted === 'semantic')
      throw new UserError('invalid_input', 'semantic search needs an embedding model: install one with `casework models install --from DIR`');
    return { mode: 'lexical', reason: 'no embedding model installed', hits: lexical() };
  }
  const budget = opts.indexFirst ?? 256;
  if (budget > 0 && !isIndexing(core)) await indexPending(core, { maxRows: budget });
  const pending = pendingCount(core) || undefined;
  const semantic = await semanticSearch(core, query, { ...opts, limit });
  if (wanted === 'semantic') return { mode: 'semantic', hits: semantic, pending };
  const fused = reciprocalRankFusion([lexical(), semantic], (h) => `${h.kind}:${h.id}`)
    .slice(0, limit)
    .map(({ item, score }) => ({ ...item, score }));
  return { mode: 'hybrid', hits: fused, pending };
}
