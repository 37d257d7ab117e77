/**
 * A vault whose key lives in this computer's keychain (a real gnome-keyring in a private D-Bus session,
 * as in tests/core/keychain.test.ts): created from the first-run screen with a recovery passphrase,
 * unlocked with one press, and also with the recovery passphrase.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, openApp, screenshot, type App } from './harness';
import { tempDir } from '../support/cli';

const haveKeyring = existsSync('/usr/bin/dbus-run-session') && existsSync('/usr/bin/gnome-keyring-daemon');
const RECOVERY = 'a recovery passphrase';

describe.skipIf(!haveKeyring)('a vault kept by the keychain', () => {
  let app: App;
  beforeAll(async () => {
    const home = tempDir('casework-e2e-keyring-');
    const run = join(home, 'run');
    mkdirSync(run, { recursive: true });
    chmodSync(run, 0o700);
    app = await openApp({
      dataDir: join(home, 'vault'),
      env: { HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_RUNTIME_DIR: run, DBUS_SESSION_BUS_ADDRESS: '' },
      launcher: (cmd) => [
        'dbus-run-session',
        '--',
        'bash',
        '-c',
        'echo -n unlock-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"',
        'keyring',
        ...cmd,
      ],
    });
  });
  afterAll(async () => {
    if (app) await screenshot(app.page, 'keychain-final').catch(() => undefined);
    await app?.close();
  });

  it('creates the vault with its key in the keychain and a recovery passphrase', async () => {
    const p = app.page;
    await p.getByRole('heading', { name: 'Welcome to Casework' }).waitFor();
    await p.getByLabel('In this computer’s keychain, with a recovery passphrase').check();
    await p.getByLabel('Recovery passphrase', { exact: true }).fill(RECOVERY);
    await p.getByLabel('Passphrase again').fill(RECOVERY);
    expect(await axeViolations(p)).toEqual([]);
    await p.getByRole('button', { name: 'Create vault' }).click();
    await p.getByRole('heading', { name: 'Today' }).waitFor();
    const vault = JSON.parse(readFileSync(join(app.dataDir, 'vault.json'), 'utf8'));
    expect(vault.stores.map((s: { kind: string }) => s.kind)).toEqual(['keychain', 'passphrase']);
  });

  it('unlocks with one press from the keychain, and with the recovery passphrase', async () => {
    const p = app.page;
    await p.getByRole('button', { name: 'Lock' }).click();
    await p.getByRole('heading', { name: 'Unlock your vault' }).waitFor();
    expect(await axeViolations(p)).toEqual([]);
    await p.getByRole('button', { name: 'Unlock with this computer’s keychain' }).click();
    await p.getByRole('heading', { name: 'Today' }).waitFor();
    await p.getByRole('button', { name: 'Lock' }).click();
    await p.getByLabel('Passphrase', { exact: true }).fill('not the recovery passphrase');
    await p.getByRole('button', { name: 'Unlock', exact: true }).click();
    await p.getByRole('alert').waitFor();
    expect(await p.getByRole('alert').textContent()).toMatch(/That passphrase does not open this vault/);
    await p.getByLabel('Passphrase', { exact: true }).fill(RECOVERY);
    await p.getByRole('button', { name: 'Unlock', exact: true }).click();
    await p.getByRole('heading', { name: 'Today' }).waitFor();
  });
});
