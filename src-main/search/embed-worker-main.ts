/**
 * The embedding worker's message loop: loads model folders (once each) and answers chunk / embed /
 * dispose requests from embedder.ts. It never sees the vault's database or key: it gets texts, returns
 * chunks and vectors. Errors go back with their UserError code so the caller shows the same message.
 */
import { parentPort } from 'node:worker_threads';
import { isUserError } from '../../src-shared/errors';
import { openModel, type LocalModel } from './model-runtime';
import type { WorkerReply, WorkerRequest } from './embed-protocol';

const models = new Map<string, Promise<LocalModel>>();

function model(dir: string): Promise<LocalModel> {
  let m = models.get(dir);
  if (!m) {
    m = openModel(dir);
    models.set(dir, m);
    m.catch(() => models.delete(dir));
  }
  return m;
}

async function answer(req: WorkerRequest): Promise<{ result: unknown; transfer: ArrayBuffer[] }> {
  switch (req.op) {
    case 'load': {
      const m = await model(req.dir);
      return { result: { dim: m.dim, maxTokens: m.maxTokens }, transfer: [] };
    }
    case 'chunk':
      return { result: (await model(req.dir)).chunk(req.texts), transfer: [] };
    case 'embed': {
      const vecs = await (await model(req.dir)).embed(req.texts);
      return { result: vecs, transfer: vecs.map((v) => v.buffer as ArrayBuffer) };
    }
    case 'dispose': {
      const m = models.get(req.dir);
      models.delete(req.dir);
      if (m) await (await m.catch(() => undefined))?.dispose();
      return { result: null, transfer: [] };
    }
  }
}

const port = parentPort;
if (!port) throw new Error('embed-worker-main.ts runs only inside a worker thread');
port.on('message', (req: WorkerRequest) => {
  answer(req).then(
    ({ result, transfer }) => port.postMessage({ id: req.id, ok: true, result } satisfies WorkerReply, transfer),
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      port.postMessage({ id: req.id, ok: false, error: { message: err.message, code: isUserError(err) ? err.code : undefined } } satisfies WorkerReply);
    },
  );
});
