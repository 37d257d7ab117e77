#!/usr/bin/env node
// `npm start`: the Electron app where its binary exists, otherwise the browser shell (`casework serve`),
// saying which in one line. Installs the dependencies and builds the window first when needed.
//
// Stopping: npm passes SIGTERM/SIGINT only to the shell it runs the script in, which dies of it without
// passing it on (dash does not exec even a single command). So this process also stops when its parent
// is gone, passes the signal to the app, and exits when the app has; the app does the same towards this
// process (CASEWORK_EXIT_WITH_PARENT), so nothing is left running whichever process is signalled.
import './ensure-install.mjs';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRenderer } from './build-renderer.mjs';
import { exitWithParent } from './exit-with-parent.mjs';

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
  child = spawn(bin, [root, ...args], { stdio: 'inherit', env: { ...process.env, CASEWORK_EXIT_WITH_PARENT: '1' } });
} else {
  await ensureRenderer();
  console.log('casework: no Electron binary here; starting the browser shell (open the address below)');
  child = spawn(process.execPath, [join(root, 'bin', 'casework.mjs'), 'serve', ...args], {
    stdio: 'inherit',
    env: { ...process.env, CASEWORK_EXIT_WITH_PARENT: '1' },
  });
}
// A terminal's Ctrl-C reaches the whole process group, the app included; passing it on as well is
// harmless (the app stops once). An app that has not exited 5 s after the signal is killed.
let stopping = false;
const stop = (sig) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(sig);
  if (stopping) return;
  stopping = true;
  setTimeout(() => child.kill('SIGKILL'), 5000).unref();
};
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stop(sig));
exitWithParent(() => stop('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
