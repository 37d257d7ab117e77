#!/usr/bin/env node
// `npm start`: the Electron app where its binary exists, otherwise the browser shell (`casework serve`),
// saying which in one line. Builds the window first when needed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRenderer } from './build-renderer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const p = require('electron'); // the package exports the binary's path; it throws when the binary is absent
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const args = process.argv.slice(2);
const bin = electronBinary();
let child;
if (bin && !process.env.CASEWORK_BROWSER_SHELL) {
  console.log('casework: starting the desktop app (Electron)');
  const { build } = await import('electron-vite');
  await build({ configFile: join(root, 'electron.vite.config.ts') });
  child = spawn(bin, [root, ...args], { stdio: 'inherit' });
} else {
  await ensureRenderer();
  console.log('casework: no Electron binary here; starting the browser shell (open the address below)');
  child = spawn(process.execPath, [join(root, 'bin', 'casework.mjs'), 'serve', ...args], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
