/**
 * The OS keychain key store against a real Secret Service: gnome-keyring in a private D-Bus session
 * (Debian packages dbus, gnome-keyring; .ci/run installs them). No fake keychain.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, tempDir } from '../support/cli';

const haveKeyring = existsSync('/usr/bin/dbus-run-session') && existsSync('/usr/bin/gnome-keyring-daemon');

/** Runs a shell script inside a fresh D-Bus session with an unlocked gnome-keyring. */
function inKeyringSession(home: string, script: string) {
  const run = join(home, 'run');
  mkdirSync(run, { recursive: true });
  chmodSync(run, 0o700);
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_RUNTIME_DIR: run,
  };
  delete env.CASEWORK_PASSPHRASE;
  delete env.DBUS_SESSION_BUS_ADDRESS;
  const r = spawnSync(
    'dbus-run-session',
    ['--', 'bash', '-c', `echo -n unlock-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null && ${script}`],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!haveKeyring)('OS keychain key store (real gnome-keyring)', () => {
  it('creates a vault whose key lives only in the keychain, and unlocks it from there', () => {
    const home = tempDir('casework-keyring-');
    const data = join(home, 'vault');
    const cw = `${process.execPath} ${BIN}`;
    const r = inKeyringSession(
      home,
      `${cw} init --data ${data} --json && ${cw} case create --data ${data} --type WORK_PERMIT --client "Keychain Client" --json && ${cw} case list --data ${data} --json`,
    );
    expect(r.stderr).not.toMatch(/casework:/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Keychain Client');
    const vault = JSON.parse(readFileSync(join(data, 'vault.json'), 'utf8'));
    expect(vault.stores.map((s: { kind: string }) => s.kind)).toEqual(['keychain']);
    // The key is nowhere in the vault folder.
    expect(JSON.stringify(vault)).not.toMatch(/"key"/);
  });

  it('a keychain that lost its entry is a clear error, and nothing new is created', () => {
    const home = tempDir('casework-keyring-');
    const data = join(home, 'vault');
    const cw = `${process.execPath} ${BIN}`;
    expect(inKeyringSession(home, `${cw} init --data ${data} --json`).code).toBe(0);
    const before = readFileSync(join(data, 'casework.db'));
    // A new session with a fresh keyring folder: the entry is gone, as after a keychain reset.
    const other = tempDir('casework-keyring-');
    const r = inKeyringSession(other, `${cw} case list --data ${data}`);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/keychain has no key for this vault/);
    expect(readFileSync(join(data, 'casework.db'))).toEqual(before);
  });
});

describe.skipIf(haveKeyring)('OS keychain', () => {
  it('needs dbus and gnome-keyring installed (apt-get install dbus gnome-keyring); .ci/run installs them', () => {
    expect.fail('dbus-run-session or gnome-keyring-daemon is missing: install them to test the keychain key store');
  });
});
