/**
 * The search commands:
 *   casework search "QUERY" [--lexical|--semantic] [--limit N] [--case ID] --json   (a JSON array of hits)
 *   casework models install --from DIR [--name N] | models list --json                (embedding models)
 *   casework index rebuild                                                              (re-embed everything)
 * Which mode actually ran (and why, when it fell back to lexical) goes to stderr, so stdout stays the
 * array of hits.
 */
import type { Command } from 'commander';
import { UserError } from '../../../../src-shared/errors';
import { UUID_RE } from '../../../../src-shared/ids';
import { installModel, listModels, rebuildIndex, search, type IndexReport, type ModelInfo, type SearchHit, type SearchMode } from '../../../search';
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
        async (core) => {
          const r = await search(core, query, { mode, limit, caseId: o.case });
          if (r.reason) process.stderr.write(`casework: ${r.mode} search only (${r.reason})\n`);
          else if (!o.json)
            process.stderr.write(`casework: ${r.mode} search${r.pending ? ` (${r.pending} rows not embedded yet: casework index rebuild)` : ''}\n`);
          return r.hits;
        },
        (hits) => {
          const list = hits as SearchHit[];
          if (!list.length) return 'No matches.';
          return list.map((h) => `${h.kind.padEnd(8)} ${h.title}  (${h.score.toFixed(4)})\n         ${h.snippet.replace(/\s+/g, ' ')}`).join('\n');
        },
      );
    });

  const models = program.command('models').description('embedding models for semantic search (kept in <data>/models; model weights are not personal data)');
  common(models.command('install'))
    .description(
      'check a model folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx), load it, embed one sentence, then copy it into the vault and make it active',
    )
    .requiredOption('--from <dir>', 'model folder')
    .option('--name <name>', 'name in the vault (default: the folder name)')
    .action((o: CommonOptions & { from: string; name?: string }) =>
      withCore(
        o,
        (core) => installModel(core, o.from, o.name),
        (m) => `Installed ${(m as ModelInfo).name} (${(m as ModelInfo).dim} dimensions); run \`casework index rebuild\` or search to embed the vault.`,
      ),
    );
  common(models.command('list'))
    .description('installed embedding models')
    .action((o: CommonOptions) =>
      withCore(
        o,
        (core) => listModels(core),
        (list) =>
          (list as ModelInfo[]).length ? (list as ModelInfo[]).map((m) => `${m.active ? '*' : ' '} ${m.name}  ${m.dim}d`).join('\n') : 'No models installed.',
      ),
    );

  const index = program.command('index').description('the semantic search index');
  common(index.command('rebuild'))
    .description('re-embed every case, person, document and law chunk with the active model')
    .action((o: CommonOptions) =>
      withCore(
        o,
        async (core) => {
          const r = await rebuildIndex(core);
          if (r.reason)
            throw new UserError('invalid_input', `cannot build the semantic index: ${r.reason}; install one with \`casework models install --from DIR\``);
          return r;
        },
        (r) => `Indexed ${(r as IndexReport).indexed} rows in ${(r as IndexReport).chunks} chunks with ${(r as IndexReport).model}.`,
      ),
    );
}
