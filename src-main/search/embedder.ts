/**
 * Loads an embedding model FOLDER with transformers.js (onnxruntime-node) and turns texts into
 * mean-pooled, normalized vectors. Remote models are disabled and the file cache is off, so nothing is
 * ever downloaded or written outside the folder. The same code loads the project's tiny model and a real
 * one (e.g. all-MiniLM-L6-v2) an administrator provides.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../../src-shared/errors';

export interface Embedder {
  /** The folder it was loaded from. */
  dir: string;
  dim: number;
  embed(texts: string[]): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

export const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;

/** Which ONNX file the folder holds, and the dtype transformers.js needs to pick it. */
export function onnxFileOf(dir: string): { file: string; dtype: 'fp32' | 'q8' } | undefined {
  if (existsSync(join(dir, 'onnx', 'model.onnx'))) return { file: join(dir, 'onnx', 'model.onnx'), dtype: 'fp32' };
  if (existsSync(join(dir, 'onnx', 'model_quantized.onnx'))) return { file: join(dir, 'onnx', 'model_quantized.onnx'), dtype: 'q8' };
  return undefined;
}

/** The embedding size a model folder declares (config.json hidden_size, or dim / d_model). */
export function modelDimension(dir: string): number {
  const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  const d = Number(cfg.hidden_size ?? cfg.dim ?? cfg.d_model);
  if (!Number.isInteger(d) || d < 1 || d > 8192) throw new UserError('invalid_input', 'config.json does not declare the embedding size (hidden_size)');
  return d;
}

const cache = new Map<string, Promise<Embedder>>();

/** Load (once per process) the model in `dir`. Throws a UserError naming what is wrong with the folder. */
export function loadEmbedder(dir: string): Promise<Embedder> {
  const abs = resolve(dir);
  let p = cache.get(abs);
  if (!p) {
    p = load(abs);
    cache.set(abs, p);
    p.catch(() => cache.delete(abs));
  }
  return p;
}

async function load(dir: string): Promise<Embedder> {
  for (const f of REQUIRED_FILES) if (!existsSync(join(dir, f))) throw new UserError('invalid_input', `model folder ${dir} has no ${f}`);
  const onnx = onnxFileOf(dir);
  if (!onnx) throw new UserError('invalid_input', `model folder ${dir} has no onnx/model.onnx or onnx/model_quantized.onnx`);
  const dim = modelDimension(dir);
  const tf = await import('@huggingface/transformers');
  tf.env.allowRemoteModels = false;
  tf.env.allowLocalModels = true;
  tf.env.useFSCache = false;
  tf.env.useBrowserCache = false;
  tf.env.localModelPath = `${dirname(dir)}/`;
  let extractor: Awaited<ReturnType<typeof tf.pipeline<'feature-extraction'>>>;
  try {
    extractor = await tf.pipeline('feature-extraction', basename(dir), { dtype: onnx.dtype, device: 'cpu', local_files_only: true });
  } catch (e) {
    throw new UserError('invalid_input', `model folder ${dir} could not be loaded: ${(e as Error).message.split('\n')[0]}`);
  }
  return {
    dir,
    dim,
    async embed(texts: string[]) {
      if (!texts.length) return [];
      const out = await extractor(texts, { pooling: 'mean', normalize: true });
      const [n, d] = out.dims as number[];
      if (d !== dim) throw new UserError('invalid_input', `model in ${dir} produced ${d}-dimension vectors but config.json says ${dim}`);
      const data = out.data as Float32Array;
      const vecs = Array.from({ length: n }, (_, i) => data.slice(i * d, (i + 1) * d));
      out.dispose?.();
      return vecs;
    },
    async dispose() {
      cache.delete(dir);
      await extractor.dispose();
    },
  };
}
