/**
 * What a revoked device does on its next contact with the server: it removes its replica (database,
 * WAL, shared memory, document store, vault.json) so nothing of the firm stays on a lost or retired
 * laptop, and tells the user why.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../src-shared/errors';
import { DB_FILE, VAULT_FILE } from '../vault/vault';
import type { Core } from '../core/core';

export class DeviceRevokedError extends UserError {
  constructor(dataDir: string) {
    super(
      'forbidden',
      `this device was revoked by your firm's administrator: its vault in ${dataDir} has been wiped (database, documents and keys removed). Ask your administrator to set the device up again.`,
    );
  }
}

export function wipeVault(core: Core): never {
  const dir = core.dataDir;
  try {
    core.close();
  } catch {
    /* the files go either way */
  }
  for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, `${DB_FILE}-journal`]) rmSync(join(dir, f), { force: true });
  rmSync(join(dir, 'blobs'), { recursive: true, force: true });
  rmSync(join(dir, VAULT_FILE), { force: true });
  core.events.emit('wiped', { dataDir: dir });
  throw new DeviceRevokedError(dir);
}
