/**
 * Lexical search over the one box's four kinds: cases (cases_fts), persons, documents with their
 * extracted text, and law chunks (search_fts.sql). Each kind is asked with the same prefix query and
 * ranked by FTS5's bm25; the lists are merged by score. Snippets mark hits with [[ and ]] so a caller
 * renders highlights without ever treating document text as HTML.
 */
import type { Core } from '../core/core';
import { ftsPrefixQuery } from '../services/cases';

export type HitKind = 'case' | 'person' | 'document' | 'law';

export interface SearchHit {
  kind: HitKind;
  id: string;
  caseId: string | null;
  title: string;
  score: number;
  snippet: string;
}

export const HIGHLIGHT = { open: '[[', close: ']]' } as const;
const SNIP = `'${HIGHLIGHT.open}', '${HIGHLIGHT.close}', '…', 12`;

interface KindQuery {
  kind: HitKind;
  sql: string;
}

// Each query returns id, case_id, title, rank (bm25: lower is better) and snippet.
// Case scoping (@caseId) is optional: NULL means every case; law is org-wide, so a case-scoped search leaves it out.
const KINDS: KindQuery[] = [
  {
    kind: 'case',
    sql: `SELECT c.id, c.id AS case_id, c.case_number || ' · ' || coalesce(json_extract(c.client_data, '$.name'), '') AS title,
            bm25(cases_fts) AS rank, snippet(cases_fts, -1, ${SNIP}) AS snippet
          FROM cases_fts JOIN cases c ON c.rowid = cases_fts.rowid
          WHERE cases_fts MATCH @match AND c.deleted_at IS NULL AND (@caseId IS NULL OR c.id = @caseId) ORDER BY rank LIMIT @limit`,
  },
  {
    kind: 'person',
    sql: `SELECT p.id, p.case_id, trim(p.first_name || ' ' || p.last_name) AS title,
            bm25(persons_fts, 4.0, 1.0) AS rank, snippet(persons_fts, -1, ${SNIP}) AS snippet
          FROM persons_fts JOIN persons p ON p.rowid = persons_fts.rowid
          WHERE persons_fts MATCH @match AND p.deleted_at IS NULL AND (@caseId IS NULL OR p.case_id = @caseId) ORDER BY rank LIMIT @limit`,
  },
  {
    kind: 'document',
    sql: `SELECT d.id, d.case_id, d.title,
            bm25(documents_fts, 4.0, 2.0, 1.0) AS rank, snippet(documents_fts, -1, ${SNIP}) AS snippet
          FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
          WHERE documents_fts MATCH @match AND d.deleted_at IS NULL AND (@caseId IS NULL OR d.case_id = @caseId) ORDER BY rank LIMIT @limit`,
  },
  {
    kind: 'law',
    sql: `SELECT l.id, NULL AS case_id, coalesce(s.title, '') || CASE WHEN l.section_title IS NOT NULL THEN ' — ' || l.section_title ELSE '' END AS title,
            bm25(law_fts, 2.0, 1.0) AS rank, snippet(law_fts, 1, ${SNIP}) AS snippet
          FROM law_fts JOIN law_chunks l ON l.rowid = law_fts.rowid LEFT JOIN law_sources s ON s.id = l.law_source_id
          WHERE law_fts MATCH @match AND l.deleted_at IS NULL AND @caseId IS NULL ORDER BY rank LIMIT @limit`,
  },
];

export interface LexicalOptions {
  limit?: number;
  caseId?: string;
  kinds?: HitKind[];
}

export function lexicalSearch(core: Core, query: string, opts: LexicalOptions = {}): SearchHit[] {
  const match = ftsPrefixQuery(query);
  if (!match) return [];
  const limit = Math.min(Math.max(1, Math.floor(opts.limit ?? 20)), 200);
  const hits: SearchHit[] = [];
  for (const k of KINDS) {
    if (opts.kinds && !opts.kinds.includes(k.kind)) continue;
    const found = core.db.prepare(k.sql).all({ match, caseId: opts.caseId ?? null, limit }) as Array<{ id: string; case_id: string | null; title: string; rank: number; snippet: string }>;
    for (const r of found) hits.push({ kind: k.kind, id: r.id, caseId: r.case_id, title: r.title, score: -r.rank, snippet: r.snippet });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
