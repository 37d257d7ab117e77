#!/usr/bin/env node
// Builds the window (out/renderer) when it is missing or older than its sources; `npm start`, the e2e
// run and `casework serve` from a fresh clone all need it. Uses vite's JS API (no shell).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'out', 'renderer', 'index.html');

function newest(dir) {
  let t = 0;
  for (const f of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, f.name);
    t = Math.max(t, f.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export async function ensureRenderer() {
  const sources = Math.max(newest(join(root, 'src-renderer')), newest(join(root, 'src-shared')));
  if (existsSync(out) && statSync(out).mtimeMs >= sources) return;
  // stderr: stdout belongs to the command that asked (casework serve prints its address there).
  console.error('casework: building the window (out/renderer), about a minute the first time...');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.renderer.config.ts'), logLevel: 'warn' });
}

if (import.meta.url === `file://${process.argv[1]}`) await ensureRenderer();
