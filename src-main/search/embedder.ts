/**
 * Embedding models, seen from the thread that owns the vault's database. The model's work (tokenizing,
 * chunking, running ONNX) happens in ONE worker thread per process, started on first use and ended by
 * stopEmbedWorker() (the vault locks, background indexing stops) or with the process. In the app that
 * thread also answers every window call, so a large vault being embedded no longer makes the window wait.
 *
 * The worker is unref'd while idle (a CLI run ends when its work is done) and ref'd while a request is
 * outstanding (an awaited embedding keeps the process alive). Only texts go to the worker; the encrypted
 * database, its key and the vectors' storage stay here.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserError } from '../../src-shared/errors';
import type { RequestBody, WorkerReply } from './embed-protocol';

export { modelDimension, onnxFileOf, REQUIRED_FILES } from './model-folder';

export interface Embedder {
  /** The folder it was loaded from. */
  dir: string;
  dim: number;
  /** The most tokens the model reads in one text (special tokens included). */
  maxTokens: number;
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Each text cut into overlapping chunks that fit the model's token window. */
  chunk(texts: string[]): Promise<string[][]>;
  dispose(): Promise<void>;
}

/** Thrown to callers whose request was outstanding when the worker was stopped. */
export class EmbedWorkerStopped extends Error {
  constructor() {
    super('the embedding worker was stopped');
    this.name = 'EmbedWorkerStopped';
  }
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();
const cache = new Map<string, Promise<Embedder>>();

function failAll(e: Error) {
  for (const p of pending.values()) p.reject(e);
  pending.clear();
}

/**
 * From source (tsx: CLI, tests, dev) the entry is embed-worker.mjs, which registers tsx; in a bundle
 * (electron-vite) it is embed-worker.js beside the main bundle, built from embed-worker-main.ts.
 */
function workerEntry(): URL {
  const fromSource = new URL('./embed-worker.mjs', import.meta.url);
  return existsSync(fileURLToPath(fromSource)) ? fromSource : new URL('./embed-worker.js', import.meta.url);
}

function startWorker(): Worker {
  const w = new Worker(workerEntry());
  w.unref();
  w.on('message', (m: WorkerReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (!pending.size) w.unref();
    if (m.ok) p.resolve(m.result);
    else p.reject(m.error.code ? new UserError(m.error.code, m.error.message) : new Error(m.error.message));
  });
  const gone = (e: Error) => {
    if (worker !== w) return;
    worker = undefined;
    cache.clear();
    failAll(e);
  };
  w.on('error', (e) => gone(new Error(`the embedding worker failed: ${e.message}`)));
  w.on('exit', (code) => gone(new Error(`the embedding worker exited (code ${code})`)));
  return w;
}

function call<T>(body: RequestBody, transfer: ArrayBuffer[] = []): Promise<T> {
  worker ??= startWorker();
  const w = worker;
  const id = nextId++;
  return new Promise<T>((res, rej) => {
    pending.set(id, { resolve: res as (v: unknown) => void, reject: rej });
    w.ref();
    w.postMessage({ ...body, id }, transfer);
  });
}

/** Whether the embedding worker thread is running (for tests and diagnostics). */
export const embedWorkerRunning = () => worker !== undefined;

/**
 * End the embedding worker (the vault locked, or indexing stopped): requests under way reject with
 * EmbedWorkerStopped, loaded models are dropped; the next use starts a fresh worker.
 */
export async function stopEmbedWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  cache.clear();
  failAll(new EmbedWorkerStopped());
  if (w) await w.terminate();
}

/** Load (once per process) the model in `dir` in the worker. Throws a UserError naming what is wrong with the folder. */
export function loadEmbedder(dir: string): Promise<Embedder> {
  const abs = resolve(dir);
  let p = cache.get(abs);
  if (!p) {
    p = call<{ dim: number; maxTokens: number }>({ op: 'load', dir: abs }).then(({ dim, maxTokens }) => ({
      dir: abs,
      dim,
      maxTokens,
      embed: (texts: string[]) => (texts.length ? call<Float32Array[]>({ op: 'embed', dir: abs, texts }) : Promise.resolve([])),
      chunk: (texts: string[]) => (texts.length ? call<string[][]>({ op: 'chunk', dir: abs, texts }) : Promise.resolve([])),
      async dispose() {
        cache.delete(abs);
        if (worker) await call({ op: 'dispose', dir: abs });
      },
    }));
    cache.set(abs, p);
    p.catch(() => cache.delete(abs));
  }
  return p;
}
