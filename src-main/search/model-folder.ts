/**
 * What a usable embedding model folder holds (config.json, tokenizer files, one ONNX file) and the
 * embedding size it declares. Plain file checks, shared by model installation (main thread) and the
 * embedding worker that loads the folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../src-shared/errors';

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
