/**
 * The one search box: lexical (FTS5) always; semantic and hybrid (reciprocal rank fusion) when an
 * embedding model is installed in the vault. Without a model, search stays lexical and says so, so a
 * caller can tell the user rather than silently returning fewer results.
 */
import { UserError } from '../../src-shared/errors';
import type { Core } from '../core/core';
import { lexicalSearch, type HitKind, type SearchHit } from './lexical';

export { HIGHLIGHT, type HitKind, type SearchHit } from './lexical';

export type SearchMode = 'lexical' | 'semantic' | 'hybrid';

export interface SearchOptions {
  mode?: SearchMode;
  limit?: number;
  caseId?: string;
  kinds?: HitKind[];
}

export interface SearchResult {
  mode: SearchMode;
  /** Set when the mode asked for could not be used. */
  reason?: string;
  hits: SearchHit[];
}

export const MAX_QUERY_LENGTH = 500;

/** The embedding model recorded in this vault, if any (set by `casework models install`). */
export function installedModel(core: Core): string | undefined {
  return core.meta('embedding_model');
}

export function search(core: Core, query: string, opts: SearchOptions = {}): SearchResult {
  if (typeof query !== 'string') throw new UserError('invalid_input', 'the search query must be text');
  if (query.length > MAX_QUERY_LENGTH) throw new UserError('invalid_input', `the search query is longer than ${MAX_QUERY_LENGTH} characters`);
  const wanted = opts.mode ?? 'hybrid';
  const lexical = () => lexicalSearch(core, query, opts);
  if (wanted === 'lexical') return { mode: 'lexical', hits: lexical() };
  if (!installedModel(core)) {
    if (wanted === 'semantic') throw new UserError('invalid_input', 'semantic search needs an embedding model: install one with `casework models install --from DIR`');
    return { mode: 'lexical', reason: 'no embedding model installed', hits: lexical() };
  }
  // A model is recorded but this build has no semantic index yet: say so rather than pretend.
  return { mode: 'lexical', reason: 'semantic index not available in this build', hits: lexical() };
}
