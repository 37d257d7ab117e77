/**
 * Embedding models kept in the vault folder: `<dataDir>/models/<name>/`. A model folder is checked
 * (files present, loads in transformers.js, produces one vector of the size its config declares) BEFORE
 * anything is copied or recorded, so a broken folder changes nothing. Model weights are public,
 * non-personal data, so they are stored as plain files beside the encrypted database; only the vectors
 * computed from case text live inside it.
 */
import { cpSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../../src-shared/errors';
import type { Core } from '../core/core';
import { loadEmbedder, modelDimension, onnxFileOf, REQUIRED_FILES } from './embedder';
import { resetVectorIndex } from './vectors';

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const META_NAME = 'embedding_model';
const META_DIM = 'embedding_model_dim';

export interface ModelInfo {
  name: string;
  dim: number;
  active: boolean;
  dir: string;
}

export const modelsDir = (core: Core) => join(core.dataDir, 'models');

/** The model search uses now, if one is installed. */
export function activeModel(core: Core): { name: string; dim: number; dir: string } | undefined {
  const name = core.meta(META_NAME);
  if (!name) return undefined;
  const dir = join(modelsDir(core), name);
  if (!existsSync(dir)) return undefined;
  return { name, dim: Number(core.meta(META_DIM)), dir };
}

export function listModels(core: Core): ModelInfo[] {
  const root = modelsDir(core);
  if (!existsSync(root)) return [];
  const active = core.meta(META_NAME);
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && NAME_RE.test(d.name) && existsSync(join(root, d.name, 'config.json')))
    .map((d) => {
      let dim = 0;
      try {
        dim = modelDimension(join(root, d.name));
      } catch {
        /* listed with dim 0: its config is unreadable */
      }
      return { name: d.name, dim, active: d.name === active, dir: join(root, d.name) };
    });
}

/**
 * Check the model folder `from`, copy it into the vault as `name` (default: the folder's name), make it
 * the active model and queue every case, person, document and law chunk for embedding with it.
 */
export async function installModel(core: Core, from: string, name?: string): Promise<ModelInfo> {
  const src = resolve(from);
  if (!existsSync(src)) throw new UserError('invalid_input', `no model folder at ${from}`);
  const modelName = name ?? src.split(/[\\/]/).filter(Boolean).pop() ?? '';
  if (!NAME_RE.test(modelName)) throw new UserError('invalid_input', `"${modelName}" is not a usable model name (letters, digits, . _ -; up to 64)`);
  for (const f of REQUIRED_FILES) if (!existsSync(join(src, f))) throw new UserError('invalid_input', `model folder ${from} has no ${f}`);
  const onnx = onnxFileOf(src);
  if (!onnx) throw new UserError('invalid_input', `model folder ${from} has no onnx/model.onnx or onnx/model_quantized.onnx`);
  // Prove it works: load it through the same path search uses and embed one sentence.
  const probe = await loadEmbedder(src);
  let dim: number;
  try {
    const [v] = await probe.embed(['Casework checks this model by embedding one sentence.']);
    if (!v || v.length !== probe.dim || !v.every(Number.isFinite))
      throw new UserError('invalid_input', `model folder ${from} did not produce a ${probe.dim}-dimension vector`);
    dim = probe.dim;
  } catch (e) {
    await probe.dispose().catch(() => undefined);
    if (e instanceof UserError) throw e;
    throw new UserError('invalid_input', `model folder ${from} failed to embed a sentence: ${(e as Error).message.split('\n')[0]}`);
  }
  await probe.dispose();

  // Copy next to the target, then swap in with renames, so a crash leaves the old or the new folder.
  const root = modelsDir(core);
  const target = join(root, modelName);
  const tmp = join(root, `.installing-${modelName}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  cpSync(src, tmp, { recursive: true, filter: (p) => !p.includes(`${src}/.git`) });
  const old = join(root, `.old-${modelName}-${process.pid}`);
  if (existsSync(target)) renameSync(target, old);
  renameSync(tmp, target);
  rmSync(old, { recursive: true, force: true });

  switchTo(core, modelName, dim);
  return { name: modelName, dim, active: true, dir: target };
}

/** Search with the installed model `name` from now on: every text is queued for embedding with it. */
export function activateModel(core: Core, name: string): ModelInfo {
  const m = listModels(core).find((x) => x.name === name);
  if (!m)
    throw new UserError(
      'not_found',
      `no installed model named "${String(name).slice(0, 64)}"; installed: ${
        listModels(core)
          .map((x) => x.name)
          .join(', ') || 'none'
      }`,
    );
  if (!m.dim) throw new UserError('invalid_input', `model "${name}" has an unreadable config.json; install it again`);
  if (!m.active) switchTo(core, m.name, m.dim);
  return { ...m, active: true };
}

function switchTo(core: Core, name: string, dim: number) {
  core.tx(() => {
    core.setMeta(META_NAME, name);
    core.setMeta(META_DIM, String(dim));
    resetVectorIndex(core, name, dim);
  });
}
