/**
 * Lexical search over the one box's four kinds: cases (cases_fts), persons, documents with their
 * extracted text, and law chunks (search_fts.sql). Each kind is asked with the same prefix query and
 * ranked by FTS5's bm25; the lists are merged by score. Snippets mark hits with [[ and ]] so a caller
 * renders highlights without ever treating document text as HTML.
 *
 * Speed (bench/docs.ts, 100k documents): bm25 and snippet() cost about 0.5 µs and 0.3 µs per matching
 * row, and a word found in most documents matches tens of thousands. So an unscoped search ranks on the
 * FTS table alone (no join, no snippet()), then makes snippets (snippet.ts) and titles for the k winners only. And a
 * query matching more than RANK_WINDOW rows of one kind ranks only its RANK_WINDOW most recently added
 * matches (the newest rowids): such a query does not single anything out, and the newest files are the
 * likeliest wanted. A case-scoped search checks each match against the case's rowids before ranking, so
 * it ranks only that case's rows.
 */
import type { Core } from '../core/core';
import { ftsPrefixQuery } from '../../src-shared/search/fts-query';
import { highlightSnippet } from './snippet';

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

/** The most matches of one kind an unscoped query ranks by bm25 (the newest ones; see the header). */
export const RANK_WINDOW = 10_000;

interface KindSpec {
  kind: HitKind;
  fts: string;
  /** bm25 column weights (after the table name), or ''. */
  weights: string;
  /** The FTS columns a snippet is drawn from (the best of them). */
  snippetColumns: string;
  /** id, case_id, title and rid (the FTS rowid) of live rows, for `rid IN (...)` appended by the caller. */
  details: string;
  /** The rowids of one case's live rows, for a case-scoped search (law is org-wide: none). */
  inCase?: string;
}

const KINDS: KindSpec[] = [
  {
    kind: 'case',
    fts: 'cases_fts',
    weights: '',
    snippetColumns: 'case_number, client_name',
    details: `SELECT c.rowid AS rid, c.id, c.id AS case_id, c.case_number || ' · ' || coalesce(json_extract(c.client_data, '$.name'), '') AS title FROM cases c WHERE c.deleted_at IS NULL AND c.rowid`,
    inCase: 'SELECT rowid FROM cases WHERE id = ? AND deleted_at IS NULL',
  },
  {
    kind: 'person',
    fts: 'persons_fts',
    weights: ', 4.0, 1.0',
    snippetColumns: 'name, details',
    details: `SELECT p.rowid AS rid, p.id, p.case_id, trim(p.first_name || ' ' || p.last_name) AS title FROM persons p WHERE p.deleted_at IS NULL AND p.rowid`,
    inCase: 'SELECT rowid FROM persons WHERE case_id = ? AND deleted_at IS NULL',
  },
  {
    kind: 'document',
    fts: 'documents_fts',
    weights: ', 4.0, 2.0, 1.0',
    snippetColumns: 'title, meta, body',
    details: `SELECT d.rowid AS rid, d.id, d.case_id, d.title FROM documents d WHERE d.deleted_at IS NULL AND d.rowid`,
    inCase: 'SELECT rowid FROM documents WHERE case_id = ? AND deleted_at IS NULL',
  },
  {
    kind: 'law',
    fts: 'law_fts',
    weights: ', 2.0, 1.0',
    snippetColumns: 'body',
    details: `SELECT l.rowid AS rid, l.id, NULL AS case_id, coalesce(s.title, '') || CASE WHEN l.section_title IS NOT NULL THEN ' — ' || l.section_title ELSE '' END AS title
              FROM law_chunks l LEFT JOIN law_sources s ON s.id = l.law_source_id WHERE l.deleted_at IS NULL AND l.rowid`,
  },
];

interface Ranked {
  rowid: number;
  rank: number;
}

/** The best `limit` rows of one kind by bm25 (lower is better), ranked on the FTS table alone. */
function rankKind(core: Core, k: KindSpec, match: string, limit: number, caseId: string | undefined, window: number | undefined): Ranked[] {
  const db = core.db;
  if (caseId !== undefined) {
    if (!k.inCase) return [];
    // The case's few rowids become an in-memory set each match is checked against (3x faster than a join
    // into the wide base table); `+rowid` keeps FTS5 from re-running the match once per rowid (~90 ms each).
    return db
      .prepare(`SELECT rowid, bm25(${k.fts}${k.weights}) AS rank FROM ${k.fts} WHERE ${k.fts} MATCH ? AND +rowid IN (${k.inCase}) ORDER BY rank LIMIT ?`)
      .all(match, caseId, limit) as Ranked[];
  }
  // One walk down the newest `window` matches (FTS5 reads doclists newest first for ORDER BY rowid DESC),
  // ranking each; equal scores keep the newer row first.
  return db
    .prepare(
      `SELECT rowid, rank FROM (SELECT rowid, bm25(${k.fts}${k.weights}) AS rank FROM ${k.fts} WHERE ${k.fts} MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY rank, rowid DESC LIMIT ?`,
    )
    .all(match, window ?? -1, limit) as Ranked[];
}

/** Hits for ranked rows: their indexed text read back by rowid for the snippet (snippet.ts), then titles. */
function hitsFor(core: Core, k: KindSpec, query: string, ranked: Ranked[]): SearchHit[] {
  if (!ranked.length) return [];
  const ids = ranked.map((r) => Math.trunc(Number(r.rowid))).join(', ');
  const texts = new Map(
    (core.db.prepare(`SELECT rowid, ${k.snippetColumns} FROM ${k.fts} WHERE rowid IN (${ids})`).raw().all() as Array<[number, ...Array<string | null>]>).map(
      ([rowid, ...cols]) => [rowid, cols],
    ),
  );
  const rows = new Map(
    (core.db.prepare(`${k.details} IN (${ids})`).all() as Array<{ rid: number; id: string; case_id: string | null; title: string }>).map((r) => [r.rid, r]),
  );
  const hits: SearchHit[] = [];
  for (const r of ranked) {
    const row = rows.get(r.rowid);
    if (row)
      hits.push({
        kind: k.kind,
        id: row.id,
        caseId: row.case_id,
        title: row.title,
        score: -r.rank,
        snippet: highlightSnippet(texts.get(r.rowid) ?? [], query, HIGHLIGHT),
      });
  }
  return hits;
}

export interface LexicalOptions {
  limit?: number;
  caseId?: string;
  kinds?: HitKind[];
  /** How many of the newest matches of one kind an unscoped query ranks (default RANK_WINDOW; Infinity: all). */
  rankWindow?: number;
}

export function lexicalSearch(core: Core, query: string, opts: LexicalOptions = {}): SearchHit[] {
  const match = ftsPrefixQuery(query);
  if (!match) return [];
  const limit = Math.min(Math.max(1, Math.floor(opts.limit ?? 20)), 200);
  const hits: SearchHit[] = [];
  const window = opts.rankWindow === Infinity ? undefined : Math.max(limit, Math.floor(opts.rankWindow ?? RANK_WINDOW));
  for (const k of KINDS) {
    if (opts.kinds && !opts.kinds.includes(k.kind)) continue;
    hits.push(...hitsFor(core, k, query, rankKind(core, k, match, limit, opts.caseId, window)));
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
