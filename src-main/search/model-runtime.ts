/**
 * Runs an embedding model folder IN THE CURRENT THREAD with transformers.js (onnxruntime-node): token-
 * aware chunking with the model's own tokenizer, and mean-pooled, normalized vectors. Only the embedding
 * worker (embed-worker-main.ts) calls this, so tokenizing and running the model never hold up the thread
 * that owns the database and answers the window. Remote models are disabled and the file cache is off, so
 * nothing is ever downloaded or written outside the folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../../src-shared/errors';
import { chunkText } from './chunking';
import { modelDimension, onnxFileOf, REQUIRED_FILES } from './model-folder';

export interface LocalModel {
  dir: string;
  dim: number;
  /** The most tokens the model reads in one text, special tokens included. */
  maxTokens: number;
  embed(texts: string[]): Promise<Float32Array[]>;
  /** Each text cut into chunks of at most `maxTokens` tokens (special tokens included), overlapping a little. */
  chunk(texts: string[]): string[][];
  /** Tokens of `text` without the special tokens the model adds. */
  countTokens(text: string): number;
  dispose(): Promise<void>;
}

/** Share of a chunk carried into the next one, so a fact on the boundary is whole in one of them. */
const OVERLAP_SHARE = 0.12;
const DEFAULT_MAX_TOKENS = 512;

/** The smallest input length the folder declares: tokenizer, model config, sentence-transformers config. */
export function declaredMaxTokens(dir: string, tokenizerMax: number | undefined): number {
  const read = (f: string) => (existsSync(join(dir, f)) ? (JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>) : {});
  const candidates = [tokenizerMax, read('config.json').max_position_embeddings, read('sentence_bert_config.json').max_seq_length]
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 8 && n <= 1_000_000);
  return candidates.length ? Math.min(...candidates) : DEFAULT_MAX_TOKENS;
}

export async function openModel(dir: string): Promise<LocalModel> {
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
  const tokenizer = extractor.tokenizer;
  const maxTokens = declaredMaxTokens(dir, (tokenizer as unknown as { model_max_length?: number }).model_max_length);
  const countTokens = (text: string) => tokenizer.encode(text, { add_special_tokens: false }).length;
  const specials = tokenizer.encode('', { add_special_tokens: true }).length;
  const budget = Math.max(8, maxTokens - specials);
  return {
    dir,
    dim,
    maxTokens,
    countTokens,
    chunk: (texts) => texts.map((t) => chunkText(t, { size: budget, overlap: Math.floor(budget * OVERLAP_SHARE), measure: countTokens })),
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
      await extractor.dispose();
    },
  };
}
