/**
 * One app session over one vault folder: locked (no key in memory) or unlocked (an open Core). The
 * window creates, unlocks and locks the vault through here; change and progress events of the open
 * core are forwarded to whoever listens (the bridge, Electron's webContents).
 */
import { EventEmitter } from 'node:events';
import { UserError } from '../../src-shared/errors';
import { createVault, openCore, type Core } from '../core/core';
import { addKeyStore, keyStoreKinds, vaultExists } from '../vault/vault';
import type { SafeStorageLike } from '../vault/keystores';
import { startBackgroundIndexing } from '../search';
import { startLiveSync, stopLiveSync } from './live-sync';
import { runQueue, stopReading } from './doc-runner';
import { installLicenseGate } from './license';
import { serverOf } from '../sync';

export class Session {
  readonly events = new EventEmitter();
  private core: Core | null = null;
  private stopIndexing: (() => void) | null = null;

  /** `safeStorage` is Electron's, passed in by src-main/hosts/electron (the key stores refuse basic_text). */
  constructor(
    readonly dataDir: string,
    private readonly keySources: { safeStorage?: SafeStorageLike } = {},
  ) {
    this.events.setMaxListeners(100);
  }

  status() {
    const exists = vaultExists(this.dataDir);
    return {
      exists,
      unlocked: this.core !== null,
      dataDir: this.dataDir,
      // Which ways in this vault offers, so the unlock screen can offer the keychain (no secrets here).
      ...(exists ? { keyStores: this.readableKeyStores() } : {}),
      ...(this.core ? { orgId: this.core.actor.orgId, role: this.core.actor.role, email: this.core.actor.email, ...this.practice(this.core) } : {}),
    };
  }

  /** The practice's name as entered at first run, and whether the vault works on its own (no firm server). */
  private practice(core: Core): { orgName?: string; solo: boolean } {
    const row = core.db.prepare('SELECT name FROM organizations WHERE id = ?').get(core.actor.orgId) as { name?: string } | undefined;
    return { ...(row?.name ? { orgName: row.name } : {}), solo: !serverOf(core) };
  }

  /** A damaged vault.json says so when unlocking; the status just offers no key store. */
  private readableKeyStores(): string[] {
    try {
      return keyStoreKinds(this.dataDir);
    } catch {
      return [];
    }
  }

  private attach(core: Core) {
    // The licence gate first: in a read-only state the window's writes are refused in words (issue 15).
    installLicenseGate(core);
    this.core = core;
    core.events.on('change', (e) => this.events.emit('change', e));
    core.events.on('progress', (p) => this.events.emit('progress', p));
    // New and changed text gets its embeddings in the background while the vault is open.
    this.stopIndexing = startBackgroundIndexing(core);
    // A vault joined to a firm syncs in the background unless the person paused it.
    startLiveSync(core);
    // Documents left pending (the app was closed or killed while reading them) are read again.
    void runQueue(core).catch(() => undefined);
  }

  /**
   * A new vault. With keyStore 'keychain' the key goes to this computer's keychain (safeStorage in the
   * desktop app) and the passphrase is enrolled beside it as the way back in if the keychain is lost.
   */
  async create(passphrase: string, orgName?: string, email?: string, keyStore: 'passphrase' | 'keychain' = 'passphrase') {
    if (this.core) throw new UserError('vault_exists', 'a vault is already open');
    const prefer = keyStore === 'passphrase' ? 'passphrase' : this.keySources.safeStorage ? 'safeStorage' : 'keychain';
    const core = await createVault({ ...this.keySources, dataDir: this.dataDir, passphrase, prefer, orgName, userEmail: email });
    if (prefer !== 'passphrase') {
      try {
        await addKeyStore(this.dataDir, core.exportKey(), 'passphrase', { passphrase });
      } catch (e) {
        core.close();
        throw e;
      }
    }
    this.attach(core);
    return this.status();
  }

  async unlock(passphrase?: string) {
    if (!this.core) this.attach(await openCore({ ...this.keySources, dataDir: this.dataDir, passphrase }));
    return this.status();
  }

  /** Close the vault: background work stops first (live sync pushes what is pending, briefly). */
  async lock() {
    const core = this.core;
    if (core) {
      this.core = null;
      this.stopIndexing?.();
      this.stopIndexing = null;
      stopReading(core);
      await stopLiveSync(core).catch(() => undefined);
      core.close();
      this.events.emit('locked', {});
    }
    return this.status();
  }

  requireCore(): Core {
    if (!this.core) throw new UserError('forbidden', 'the vault is locked: unlock it first');
    return this.core;
  }
}
