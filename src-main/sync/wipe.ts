/**
 * What a revoked device does on its next contact with the server: it removes its replica (database,
 * WAL, shared memory, document store, vault.json) and the key it left in the OS keychain, so nothing
 * of the firm stays on a lost or retired laptop, and tells the user why.
 *
 * A vault holds one organisation's data (login refuses another org in the same folder), so an answer
 * that the device was revoked in another org is not a reason to wipe this one: revocation is per org
 * membership, and revoking a device in org B must leave its org A vault alone.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../src-shared/errors';
import { DB_FILE, VAULT_FILE, readVaultFile } from '../vault/vault';
import { forgetKeychain, type Enrollment } from '../vault/keystores';
import type { Core } from '../core/core';

export class DeviceRevokedError extends UserError {
  constructor(dataDir: string) {
    super(
      'forbidden',
      `this device was revoked by your firm's administrator: its vault in ${dataDir} has been wiped (database, documents and keys removed). Ask your administrator to set the device up again.`,
    );
  }
}

/** The orgs a device_revoked answer names; empty when it names none (revoked everywhere). */
export function revokedOrgs(body: { orgId?: unknown; orgIds?: unknown }): string[] {
  if (typeof body.orgId === 'string') return [body.orgId.toLowerCase()];
  if (Array.isArray(body.orgIds)) return body.orgIds.filter((o): o is string => typeof o === 'string').map((o) => o.toLowerCase());
  return [];
}

/** True when a device_revoked answer concerns this vault's org (or every org of the device). */
export function revocationConcerns(core: Core, body: { orgId?: unknown; orgIds?: unknown }): boolean {
  const orgs = revokedOrgs(body);
  return orgs.length === 0 || orgs.includes(core.actor.orgId.toLowerCase());
}

export async function wipeVault(core: Core): Promise<never> {
  const dir = core.dataDir;
  let keychain: Extract<Enrollment, { kind: 'keychain' }>[] = [];
  try {
    keychain = readVaultFile(dir).stores.filter((s): s is Extract<Enrollment, { kind: 'keychain' }> => s.kind === 'keychain');
  } catch {
    /* no readable vault.json: no keychain entry to find */
  }
  try {
    core.close();
  } catch {
    /* the files go either way */
  }
  for (const f of [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`, `${DB_FILE}-journal`]) rmSync(join(dir, f), { force: true });
  rmSync(join(dir, 'blobs'), { recursive: true, force: true });
  rmSync(join(dir, VAULT_FILE), { force: true });
  // The key itself last: with the files gone it protects nothing, and must not outlive them.
  for (const e of keychain) await forgetKeychain(e);
  core.events.emit('wiped', { dataDir: dir });
  throw new DeviceRevokedError(dir);
}
