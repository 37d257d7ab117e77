#!/usr/bin/env node
// End-to-end specs (tests/e2e/*.spec.ts) in Debian's Chromium through the browser shell, run by vitest
// with playwright-core; arguments name the specs to run (default: all). `--json-summary FILE` writes
// {passed, failed, skipped} for scripts/test.mjs.
// Where an Electron binary exists the same specs can also be pointed at it (CASEWORK_E2E_ELECTRON=1).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRenderer } from './build-renderer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--json-summary');
const summaryFile = i > 0 ? process.argv[i + 1] : null;
// Anything else names specs to run (`npm run test:e2e -- tests/e2e/shell.spec.ts`); none runs them all.
const specs = process.argv.slice(2).filter((a, k, all) => a !== '--json-summary' && all[k - 1] !== '--json-summary');
const chromium = process.env.CASEWORK_CHROMIUM ?? '/usr/bin/chromium';

function summarize(s) {
  if (summaryFile) writeFileSync(summaryFile, JSON.stringify(s));
}

if (!existsSync(chromium)) {
  console.error(`casework: ${chromium} is missing: install Debian's chromium to run the end-to-end specs`);
  summarize({ passed: 0, failed: 1, skipped: 0 });
  process.exit(1);
}
await ensureRenderer();
mkdirSync(join(root, 'test-results'), { recursive: true });
const out = join(root, 'test-results', 'e2e.json');
const r = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--config',
    'vitest.e2e.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
    ...specs,
  ],
  { cwd: root, stdio: 'inherit' },
);
let s = { passed: 0, failed: 1, skipped: 0 };
if (existsSync(out)) {
  const j = JSON.parse(readFileSync(out, 'utf8'));
  s = { passed: j.numPassedTests ?? 0, failed: j.numFailedTests ?? 0, skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0) };
  if ((j.numTotalTests ?? 0) === 0) s.failed += 1;
}
summarize(s);
process.exit(r.status === 0 && s.failed === 0 ? 0 : 1);
