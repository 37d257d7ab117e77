/** `casework search "QUERY" [--lexical|--semantic] [--limit N] [--case ID] --json`: the one search box. */
import type { Command } from 'commander';
import { UserError } from '../../../src-shared/errors';
import { UUID_RE } from '../../../src-shared/ids';
import { search, type SearchMode } from '../../search';
import { withCore, type CommonOptions } from '../run';

const common = (c: Command) => c.option('--data <dir>', 'vault folder').option('--json', 'machine-readable output');

export function register(program: Command) {
  common(program.command('search <query>'))
    .description('search cases, people, documents (with their text) and law; prints hits with kind, id, score and snippet')
    .option('--lexical', 'full-text only')
    .option('--semantic', 'embeddings only (needs an installed model)')
    .option('--limit <n>', 'at most this many hits (1-200)', '20')
    .option('--case <id>', 'only within one case')
    .action((query: string, o: CommonOptions & { lexical?: boolean; semantic?: boolean; limit: string; case?: string }) => {
      if (o.lexical && o.semantic) throw new UserError('invalid_input', 'choose --lexical or --semantic, not both');
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UserError('invalid_input', '--limit must be a whole number from 1 to 200');
      if (o.case !== undefined && !UUID_RE.test(o.case)) throw new UserError('invalid_input', `--case "${o.case}" is not a valid case id`);
      const mode: SearchMode = o.lexical ? 'lexical' : o.semantic ? 'semantic' : 'hybrid';
      return withCore(
        o,
        (core) => {
          const r = search(core, query, { mode, limit, caseId: o.case });
          if (r.reason) process.stderr.write(`casework: ${r.mode} search only (${r.reason})\n`);
          return r.hits;
        },
        (hits) => {
          const list = hits as Array<{ kind: string; title: string; snippet: string; score: number }>;
          if (!list.length) return 'No matches.';
          return list.map((h) => `${h.kind.padEnd(8)} ${h.title}\n         ${h.snippet.replace(/\s+/g, ' ')}`).join('\n');
        },
      );
    });
}
