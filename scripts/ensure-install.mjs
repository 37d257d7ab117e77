#!/usr/bin/env node
// First-use install for `npm start`, `npm test` and `npm run bench` on a fresh clone: installs the npm
// dependencies (from package-lock.json) when they are missing or older than the lockfile. Uses only
// Node built-ins, because it runs before anything is installed.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const marker = join(root, 'node_modules', '.package-lock.json');
const native = join(root, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');

const stale = !existsSync(marker) || !existsSync(native) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
if (stale) {
  console.log('casework: installing npm dependencies (first run; the encrypted SQLite module builds from source, about 2 minutes)...');
  // The Electron binary and onnxruntime's CUDA add-ons download from outside the npm registry; neither
  // is needed to build or test, so their downloads are skipped.
  const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', ONNXRUNTIME_NODE_INSTALL: 'skip', ONNXRUNTIME_NODE_INSTALL_CUDA: 'skip' };
  // npm install rather than npm ci: npm 11 writes lockfiles without the other platforms' optional
  // packages (rollup, napi-rs), which npm ci then refuses as out of sync. The lock still pins versions.
  execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit', env });
}
