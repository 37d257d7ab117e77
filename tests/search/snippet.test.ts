/**
 * Lexical snippets are made in JS from the winners' stored text (src-main/search/snippet.ts); they must
 * read exactly as SQLite's own FTS5 snippet() would: checked against snippet() itself on an FTS5 table
 * with the app's tokenizer, over hand-written texts (accents, numbers, sentences) and generated ones.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { highlightSnippet } from '../../src-main/search/snippet';
import { ftsPrefixQuery } from '../../src-shared/search/fts-query';

const MARKS = { open: '[[', close: ']]' };

function compare(rows: Array<[string, string]>, queries: string[]) {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')");
  const ins = db.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
  for (const [a, b] of rows) ins.run(a, b);
  let compared = 0;
  for (const q of queries) {
    const match = ftsPrefixQuery(q);
    if (!match) continue;
    for (const r of db.prepare("SELECT a, b, snippet(t, -1, '[[', ']]', '…', 12) AS s FROM t WHERE t MATCH ?").all(match) as Array<{
      a: string;
      b: string;
      s: string;
    }>) {
      expect(highlightSnippet([r.a, r.b], q, MARKS), `${q} in ${r.a}`).toBe(r.s);
      compared++;
    }
  }
  db.close();
  return compared;
}

describe('lexical snippets', () => {
  it('read as FTS5 snippet() on hand-written texts', () => {
    const n = compare(
      [
        [
          'Statement March',
          'Royal Bank of Canada. Closing balance 12,400.00 CAD. Proof of settlement funds held for the applicant and family, with more words after the balance, and further on the settlement again.',
        ],
        [
          'Lettre d’acceptation',
          'Université de Montréal: admission au baccalauréat en génie. Le dossier est complet et la décision est favorable pour la session d’automne.',
        ],
        ['Zoë Lefèvre', 'tag zephyrine zephyrine zephyrine filler words here'],
        [
          'Employment letter',
          'To whom it may concern: this letter confirms that Amara Okafor has been employed as a senior accountant since March 2019, working 40 hours a week. Her salary is 85,000 CAD per year. Okafor is a valued employee.',
        ],
        ['short', 'passport'],
      ],
      [
        'balance',
        'settlement funds',
        'universite',
        'genie decision',
        'zephyr',
        'zoe',
        'okafor',
        'march salary',
        'pass',
        'canada',
        'words',
        'accountant week',
        '2019',
        '85',
      ],
    );
    expect(n).toBeGreaterThan(12);
  });

  it('read as FTS5 snippet() on generated texts', () => {
    let seed = 11;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const words =
      'passport permit étude visa bank balance letter employer salary canada okafor garcía nguyen ref E1234567 police certificate medical exam funds proof'.split(
        ' ',
      );
    const punct = [' ', ' ', ' ', ', ', '. ', ': ', ' - ', '\n'];
    const text = (n: number) =>
      Array.from({ length: n }, () => words[Math.floor(rand() * words.length)] + punct[Math.floor(rand() * punct.length)])
        .join('')
        .trim();
    const rows = Array.from({ length: 60 }, () => [text(3), text(5 + Math.floor(rand() * 60))] as [string, string]);
    const queries = Array.from({ length: 40 }, () =>
      rand() < 0.5
        ? words[Math.floor(rand() * words.length)]
        : `${words[Math.floor(rand() * words.length)].slice(0, 3)} ${words[Math.floor(rand() * words.length)]}`,
    );
    expect(compare(rows, queries)).toBeGreaterThan(200);
  });
});
