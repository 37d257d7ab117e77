#!/usr/bin/env node
// The built core: the command line (with the browser shell, `casework serve`) bundled by esbuild into
// out/core/cli.cjs, and the embedding worker into out/core/embed-worker.mjs. bin/casework.mjs runs the
// bundle (building it first when it is missing or older than its sources), so no command compiles
// TypeScript at run time; tsx is for development only (CASEWORK_DEV=1).
//
// Native modules and the heavy optional libraries stay outside the bundle, loaded from node_modules and,
// for the heavy ones, only by the command that needs them (dynamic imports in the sources). Everything
// else, our code and the small pure-JS libraries, is one file: Node then reads and compiles one file
// instead of hundreds, and bin/casework.mjs keeps V8's code cache of it beside it.
//
// CommonJS rather than ESM because only a classic script can be compiled with a V8 code cache
// (vm.Script cachedData); import.meta.url is defined as the bundle's own file URL, which is where the
// sources look for their neighbours (migrations/, out/renderer, the worker).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CORE_DIR = join(root, 'out', 'core');
export const CORE_BUNDLE = join(CORE_DIR, 'cli.cjs');
/** The launcher's early start (src-main/hosts/cli/early.ts): loaded before the core, so kept small. */
export const EARLY_BUNDLE = join(CORE_DIR, 'early.cjs');
const STAMP = join(CORE_DIR, 'stamp.json');
const LOCK = join(CORE_DIR, '.building');

/** Outside the bundle: native add-ons, and large libraries loaded on demand (OCR, PDF, models, keychain). */
export const EXTERNAL = [
  'better-sqlite3-multiple-ciphers',
  'sqlite-vec',
  'sqlite-vec-*',
  '@node-rs/*',
  '@napi-rs/*',
  'tesseract.js',
  '@tesseract.js-data/*',
  'pdfjs-dist',
  'pdfjs-dist/*',
  'pdf-lib',
  'tus-js-client',
  '@huggingface/transformers',
  'onnxruntime-node',
  'onnxruntime-web',
  'onnxruntime-common',
  'sharp',
  // 2 MB with its calendars and moment-timezone; required on first use by src-main/crm/holidays.ts.
  'date-holidays',
  'electron',
  // ws's optional native speed-ups, required inside try/catch.
  'bufferutil',
  'utf-8-validate',
];

/** Files whose change makes the bundle stale: besides every project source it was built from. */
const ALSO_WATCHED = [fileURLToPath(import.meta.url), join(root, 'node_modules', '.package-lock.json')];

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return Infinity; // gone: stale
  }
}

/**
 * Whether out/core holds a bundle of the current sources. The stamp lists the project files the last
 * build read (from esbuild's metafile) with the newest mtime seen before it read them; any of them newer
 * (or deleted) means rebuild. An added file only matters once some listed file imports it.
 */
export function coreIsCurrent() {
  if (!existsSync(CORE_BUNDLE) || !existsSync(STAMP)) return false;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  if (!Array.isArray(stamp.inputs)) return false;
  for (const f of [...stamp.inputs.map((p) => join(root, p)), ...ALSO_WATCHED]) if (mtime(f) > stamp.sourcesMtime) return false;
  return true;
}

function newestOf(files) {
  return Math.max(0, ...files.map(mtime).filter(Number.isFinite));
}

/** Build out/core. Outputs are written under temporary names and renamed, so a reader never sees half a file. */
export async function buildCore({ quiet = false } = {}) {
  const { build } = await import('esbuild');
  mkdirSync(CORE_DIR, { recursive: true });
  // Taken before reading the sources: an edit made while the build runs is newer than this, so the next
  // start rebuilds rather than trusting a bundle that may predate it. The margin covers file times taken
  // from the kernel's coarse clock, which can lag the real time by a few milliseconds.
  const startedAt = Date.now() - 50;
  const previous = existsSync(STAMP) ? JSON.parse(readFileSync(STAMP, 'utf8')).inputs : [];
  const sourcesBefore = Math.max(newestOf([...previous.map((p) => join(root, p)), ...ALSO_WATCHED]), 0);
  if (!quiet) process.stderr.write('casework: building the core (out/core)...\n');
  const tmp = join(CORE_DIR, `.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    target: 'node20.19',
    external: EXTERNAL,
    sourcemap: 'linked',
    logLevel: 'error',
    metafile: true,
    // Names survive in stack traces and error messages.
    keepNames: true,
  };
  try {
    const cli = await build({
      ...common,
      // early: the launcher's passphrase stretch and serve's front door, small enough to load before the core.
      entryPoints: { cli: 'src-main/hosts/cli/main.ts', early: 'src-main/hosts/cli/early.ts' },
      outdir: tmp,
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      define: { 'import.meta.url': '__casework_bundle_url' },
      // import() inside a script compiled from a V8 code cache fails on Node 20 ("A dynamic import callback
      // was not specified"), so the on-demand libraries are loaded with require(), which loads ES modules
      // too from Node 20.19 (the engines floor).
      supported: { 'dynamic-import': false },
      banner: { js: "const __casework_bundle_url = require('node:url').pathToFileURL(__filename).href;" },
    });
    // The worker is an ES module of its own (it runs in a worker thread that loads it by URL).
    const worker = await build({
      ...common,
      entryPoints: { 'embed-worker': 'src-main/search/embed-worker-main.ts' },
      outdir: tmp,
      format: 'esm',
      outExtension: { '.js': '.mjs' },
    });
    const inputs = [...new Set([...Object.keys(cli.metafile.inputs), ...Object.keys(worker.metafile.inputs)])]
      .filter((p) => !p.startsWith('node_modules/') && !p.includes('/node_modules/'))
      .sort();
    // Worker and maps first, the bundle itself last: a reader that sees the new cli.cjs finds its worker.
    for (const f of ['embed-worker.mjs', 'embed-worker.mjs.map', 'early.cjs.map', 'early.cjs', 'cli.cjs.map', 'cli.cjs'])
      renameSync(join(tmp, f), join(CORE_DIR, f));
    const sourcesMtime = Math.max(startedAt, sourcesBefore);
    writeFileSync(`${STAMP}.tmp-${process.pid}`, JSON.stringify({ builtAt: new Date().toISOString(), sourcesMtime, inputs }, null, 1));
    renameSync(`${STAMP}.tmp-${process.pid}`, STAMP);
    return { inputs: inputs.length, dir: relative(process.cwd(), CORE_DIR) || '.' };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Build when stale, once at a time: concurrent first runs (a test suite spawning many commands) wait
 * for the one that builds instead of each building. A lock older than a minute is from a process that
 * died and is taken over.
 */
export async function ensureCore(opts = {}) {
  if (coreIsCurrent()) return false;
  mkdirSync(CORE_DIR, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() - mtime(LOCK) > 60_000) rmSync(LOCK, { recursive: true, force: true });
      await sleep(100);
      if (coreIsCurrent()) return false;
    }
  }
  try {
    if (coreIsCurrent()) return false;
    await buildCore(opts);
    return true;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await buildCore();
  console.log(`casework: core built from ${r.inputs} source files into ${r.dir}`);
}
