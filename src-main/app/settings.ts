/**
 * What the Settings screen reads and changes about this vault: its key stores, the OCR languages new
 * documents are read with, and the embedding model search uses. Language and theme are the window's
 * own (kept by the renderer), so they work before the vault is unlocked.
 */
import { dirname, join } from 'node:path';
import { UserError } from '../../src-shared/errors';
import type { ParsedInput } from '../../src-shared/contract';
import type { BackupProgress, SettingsView } from '../../src-shared/contract/views';
import { backupVault } from './backup';
import type { Core } from '../core/core';
import { defaultOcrLanguages, OCR_LANGUAGES, setDefaultOcrLanguages } from '../documents';
import { activateModel, activeModel, installModel, listModels, pendingCount } from '../search';
import { keyStoreKinds } from '../vault/vault';

export function getSettings(core: Core): SettingsView {
  return {
    keyStores: keyStoreKinds(core.dataDir),
    ocrLanguages: [...OCR_LANGUAGES],
    defaultOcrLanguages: defaultOcrLanguages(core),
    models: listModels(core).map((m) => ({ name: m.name, dim: m.dim, active: m.active })),
    activeModel: activeModel(core)?.name ?? null,
    pendingEmbeddings: pendingCount(core),
    backupSuggestion: join(dirname(core.dataDir), `casework-backup-${new Date().toISOString().slice(0, 10)}.cwbackup`),
  };
}

/** Checks everything asked for before changing anything: a bad model name leaves the languages alone too. */
export function setSettings(core: Core, input: ParsedInput<'settings.set'>) {
  if (input.activeModel !== undefined && !listModels(core).some((m) => m.name === input.activeModel)) {
    throw new UserError('not_found', `no installed model named "${input.activeModel}"`);
  }
  if (input.ocrLanguages !== undefined) setDefaultOcrLanguages(core, input.ocrLanguages);
  if (input.activeModel !== undefined) activateModel(core, input.activeModel);
  return getSettings(core);
}

/** Install an embedding model from a folder on this computer (checked first; see installModel). */
export async function installModelFrom(core: Core, input: ParsedInput<'models.install'>) {
  await installModel(core, input.folder, input.name);
  return getSettings(core);
}

/** An encrypted, verified backup of the whole vault, with progress events for the window's bar. */
export async function createBackup(core: Core, input: ParsedInput<'backup.create'>) {
  const progress = (percent: number) => core.events.emit('progress', { kind: 'backup', percent } satisfies BackupProgress);
  progress(0);
  const r = await backupVault(core, input.file, input.passphrase, progress);
  return { file: r.file, bytes: r.bytes, blobs: r.blobs, verified: r.verified };
}
