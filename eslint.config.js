// One lint setup for the whole repo. Besides the recommended rules it enforces the direction of
// dependencies: src-shared imports none of the others; the renderer never reaches into main or the server.
import tseslint from 'typescript-eslint';

const forbid = (patterns, message) => ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }];

/**
 * The layers of src-main, highest first. A file may import from its own layer and any layer below it,
 * never above. Domains are siblings: one reaches another only through the other's index.ts (its declared
 * interface), and only where DOMAIN_USES says so. Relative imports are matched by what they name after the
 * leading ../ steps, so `../app/x` from a domain fails and `../../src-shared/...` never matches.
 */
export const DOMAINS = ['cases', 'immigration', 'debt-advice', 'documents', 'rules', 'search', 'sync', 'admin', 'privacy', 'config', 'crm'];
export const DOMAIN_USES = {
  cases: ['config'],
  config: ['documents'],
  immigration: ['cases'],
  'debt-advice': ['cases'],
  admin: ['sync'],
  privacy: ['documents', 'search', 'sync'],
  crm: ['cases', 'config'],
};
const LAYERS = ['hosts', 'app', 'domains', 'core', 'vault', 'db'];
const outside = ['**/src-renderer/**', '**/sync-server/**'];
const up = (names) => `^(\\.\\./)+(${names.join('|')})(/|$)`;

function srcMainLayers() {
  const rule = (regexes) => [
    'error',
    {
      patterns: [{ group: outside, message: 'main depends on src-shared only' }, ...regexes.map(([regex, message]) => ({ regex, message }))],
    },
  ];
  const folderOf = (layer) => (layer === 'domains' ? DOMAINS : [layer]);
  const configs = [];
  LAYERS.forEach((layer, i) => {
    const above = LAYERS.slice(0, i).flatMap(folderOf);
    for (const folder of folderOf(layer)) {
      const regexes = [];
      if (above.length)
        regexes.push([up(above), `src-main/${folder} is below ${above.join(', ')}: it may not import them (hosts -> app -> domains -> core -> vault -> db)`]);
      if (layer === 'domains') {
        const uses = DOMAIN_USES[folder] ?? [];
        const others = DOMAINS.filter((d) => d !== folder && !uses.includes(d));
        if (others.length) regexes.push([up(others), `domains are siblings: src-main/${folder} may not import ${others.join(', ')}`]);
        if (uses.length)
          regexes.push([`^(\\.\\./)+(${uses.join('|')})/`, `src-main/${folder} reaches ${uses.join(', ')} only through its index (its declared interface)`]);
      }
      configs.push({ files: [`src-main/${folder}/**`], rules: { 'no-restricted-imports': rule(regexes) } });
    }
  });
  return configs;
}

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'migrations/**', '**/*.cjs', 'sync-server/node_modules/**', '.casework-sync/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': forbid(
        ['**/src-main/**', '**/src-renderer/**', '**/sync-server/**', 'node:*'],
        'src-shared is pure: it imports none of main, renderer, server or Node',
      ),
    },
  },
  {
    files: ['src-renderer/**'],
    rules: { 'no-restricted-imports': forbid(['**/src-main/**', '**/sync-server/**', 'node:*'], 'the renderer reaches the core only through window.casework') },
  },
  // Layers inside src-main point one way: hosts -> app -> domains -> core -> vault -> db (see ARCHITECTURE.md).
  ...srcMainLayers(),
  {
    files: ['sync-server/**'],
    rules: { 'no-restricted-imports': forbid(['**/src-main/**', '**/src-renderer/**'], 'the server depends on src-shared only') },
  },
);
