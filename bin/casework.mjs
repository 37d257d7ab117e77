#!/usr/bin/env node
// The `casework` command. Runs the built core (out/core/cli.cjs, scripts/build-core.mjs), building it
// first when it is missing or older than its sources, so a fresh clone works right after install and
// tests always run the current sources. `casework serve` also builds the window when it is missing.
// CASEWORK_DEV=1 runs the TypeScript sources through tsx instead (no build; slower start).
import { createRequire } from 'node:module';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { CORE_BUNDLE, EARLY_BUNDLE, ensureCore } from '../scripts/build-core.mjs';

const command = process.argv.slice(2).find((a) => !a.startsWith('-'));
// Started by `npm start` (scripts/start.mjs): stop as on SIGTERM if that process is gone.
if (process.env.CASEWORK_EXIT_WITH_PARENT === '1') {
  const { exitWithParent } = await import('../scripts/exit-with-parent.mjs');
  exitWithParent(() => process.kill(process.pid, 'SIGTERM'));
}

async function fromSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src-main/hosts/cli/main.ts');
}

/**
 * Load the CommonJS bundle as a classic script with V8's code cache (cli.cjs.v8cache): compiling 1.8 MB
 * of JavaScript is a large part of a command's start, and the cache skips it. A cache V8 rejects (another
 * Node, other flags, a new bundle) is replaced after the command has run, when it also holds the
 * functions that were compiled lazily.
 */
function fromBundle() {
  const cacheFile = `${CORE_BUNDLE}.v8cache`;
  const source = readFileSync(CORE_BUNDLE, 'utf8');
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: CORE_BUNDLE,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(CORE_BUNDLE), module, CORE_BUNDLE, dirname(CORE_BUNDLE));
  const saveCache = () => {
    if (cachedData && !script.cachedDataRejected) return;
    try {
      const tmp = `${cacheFile}.tmp-${process.pid}`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      // A read-only checkout only loses the cache.
    }
  };
  return { main: module.exports.main, saveCache };
}

async function serveNeedsTheWindow() {
  const { ensureRenderer } = await import('../scripts/build-renderer.mjs');
  await ensureRenderer();
}

// How long `serve` waits for a browser to fetch the window before loading the core anyway (nobody may
// open the address for minutes; the calls of a window that comes later wait for the core instead).
const WINDOW_WAIT_MS = 400;

let loaded;
const early = {};
if (process.env.CASEWORK_DEV === '1') {
  loaded = { main: (await fromSources()).main, saveCache: () => {} };
} else {
  let built = true;
  try {
    await ensureCore();
  } catch (e) {
    // esbuild is a development dependency: an install without it runs the sources through tsx.
    if (e?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
    built = false;
  }
  if (built) {
    const args = process.argv.slice(2);
    const { prestretchFor, listenEarly } = createRequire(import.meta.url)(EARLY_BUNDLE);
    // Stretching the passphrase is most of a start: it runs on libuv's thread pool while the core loads.
    early.prestretched = prestretchFor(args);
    if (command === 'serve') {
      await serveNeedsTheWindow();
      // Listen and print the address now, and let the browser fetch the window's files before the core's
      // load holds the event loop: the window's script then runs while the core loads.
      early.front = listenEarly(args, fileURLToPath(new URL('../out/renderer', import.meta.url)));
      await early.front?.then((f) => f.windowSent(WINDOW_WAIT_MS)).catch(() => undefined);
    }
    loaded = fromBundle();
  } else {
    if (command === 'serve') await serveNeedsTheWindow();
    loaded = { main: (await fromSources()).main, saveCache: () => {} };
  }
}
if (command === 'serve' && process.env.CASEWORK_DEV === '1') await serveNeedsTheWindow();
const code = await loaded.main(process.argv, early);
loaded.saveCache();
process.exitCode = code;
