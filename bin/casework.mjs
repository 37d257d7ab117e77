#!/usr/bin/env node
// The `casework` command. Runs the built core (out/core/cli.cjs, scripts/build-core.mjs), building it
// first when it is missing or older than its sources, so a fresh clone works right after install and
// tests always run the current sources. `casework serve` also builds the window when it is missing.
// CASEWORK_DEV=1 runs the TypeScript sources through tsx instead (no build; slower start).
import { createRequire } from 'node:module';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import vm from 'node:vm';
import { CORE_BUNDLE, PRESTRETCH_BUNDLE, ensureCore } from '../scripts/build-core.mjs';

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
    // Stretching the passphrase is most of a start: it runs on libuv's thread pool while the core loads.
    early.prestretched = createRequire(import.meta.url)(PRESTRETCH_BUNDLE).prestretchFor(process.argv.slice(2));
    loaded = fromBundle();
  } else {
    loaded = { main: (await fromSources()).main, saveCache: () => {} };
  }
}
if (command === 'serve') {
  const { ensureRenderer } = await import('../scripts/build-renderer.mjs');
  await ensureRenderer();
}
const code = await loaded.main(process.argv, early);
loaded.saveCache();
process.exitCode = code;
