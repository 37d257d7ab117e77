#!/usr/bin/env node
// `npm test`: the unit and integration suite (vitest), then the end-to-end specs in Chromium, then one
// closing line "N passed, N failed, N skipped" over both. Exits non-zero if anything failed.
// Installs what is missing first; one command in the npm script, so a signal to npm reaches this process.
import './ensure-install.mjs';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureSystemPackages } from './ensure-system.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
ensureSystemPackages();
mkdirSync(join(root, 'test-results'), { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
let exit = 0;

function runVitest(name, args) {
  const out = join(root, 'test-results', `${name}.json`);
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, CI: process.env.CI ?? '' },
    },
  );
  if (r.status !== 0) exit = 1;
  if (existsSync(out)) {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += j.numPassedTests ?? 0;
    totals.failed += j.numFailedTests ?? 0;
    totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
    if ((j.numTotalTests ?? 0) === 0) exit = 1;
  } else {
    exit = 1;
    totals.failed += 1;
  }
}

runVitest('unit', []);
if (existsSync(join(root, 'scripts', 'e2e.mjs'))) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'e2e.mjs'), '--json-summary', join(root, 'test-results', 'e2e-summary.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) exit = 1;
  const summary = join(root, 'test-results', 'e2e-summary.json');
  if (existsSync(summary)) {
    const s = JSON.parse(readFileSync(summary, 'utf8'));
    totals.passed += s.passed ?? 0;
    totals.failed += s.failed ?? 0;
    totals.skipped += s.skipped ?? 0;
  } else if (r.status !== 0) totals.failed += 1;
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exit);
