// One lint setup for the whole repo. Besides the recommended rules it enforces the direction of
// dependencies: src-shared imports none of the others; the renderer never reaches into main or the server.
import tseslint from 'typescript-eslint';

const forbid = (patterns, message) => ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }];

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
  {
    files: ['src-main/**'],
    rules: { 'no-restricted-imports': forbid(['**/src-renderer/**', '**/sync-server/**'], 'main depends on src-shared only') },
  },
  {
    files: ['sync-server/**'],
    rules: { 'no-restricted-imports': forbid(['**/src-main/**', '**/src-renderer/**'], 'the server depends on src-shared only') },
  },
);
