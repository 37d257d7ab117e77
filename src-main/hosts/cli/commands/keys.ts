/**
 * `casework keys status|rotate` and `casework passphrase change` (issue 19): the vault key's id and
 * version and what wraps it; a new vault key; a new passphrase for the same key.
 */
import type { Command } from 'commander';
import { UserError } from '../../../../src-shared/errors';
import { changeVaultPassphrase, keyStatus, rotateKeys, type KeyStatus } from '../../../privacy';
import { dataDirOf, passphraseFromEnv, print, withCore, type CommonOptions } from '../run';

const common = (c: Command) =>
  c.option('--data <dir>', 'vault folder (default: the OS app-data folder for Casework)').option('--json', 'machine-readable output');

function statusText(s: KeyStatus): string {
  return [
    `vault key ${s.vaultKey.keyId}, version ${s.vaultKey.version} (since ${s.vaultKey.createdAt})`,
    ...s.keyStores.map((k) => `  wrapped by: ${k.kind}`),
    `database (${s.database.cipher}) keyed by ${s.database.keyedBy} v${s.database.version}`,
    `file keys: ${s.fileKeyWrapping.wrappedFileKeys} wrapped by ${s.fileKeyWrapping.keyId} (from ${s.fileKeyWrapping.derivedFrom} v${s.fileKeyWrapping.version})`,
    s.pendingRotation ? `a rotation to version ${s.pendingRotation.version} is pending` : 'no rotation pending',
    'encrypted data (table.column: algorithm, key id v version, records):',
    ...s.encryptedData.map((e) => `  ${e.table}.${e.column}: ${e.algorithm}, ${e.keyId} v${e.keyVersion}, ${e.records}`),
  ].join('\n');
}

export function register(program: Command) {
  const keys = program.command('keys').description("the vault's keys: status (ids, versions, what wraps what) and rotation");
  common(keys.command('status'))
    .description('the vault key id and version, its key stores, the database and file-key wrapping (never a key)')
    .action((_o: CommonOptions, cmd: Command) =>
      withCore(
        cmd.optsWithGlobals<CommonOptions>(),
        (core) => keyStatus(core),
        (r) => statusText(r as KeyStatus),
      ),
    );
  common(keys.command('rotate'))
    .description('a new vault key: the database re-keyed, every file key re-wrapped, crash-safe (close Casework elsewhere first)')
    .action(async (_o: CommonOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<CommonOptions>();
      // Each step on stderr, so a script (and the crash tests) can follow a long rotation.
      const r = await rotateKeys(dataDirOf(o), {
        passphrase: passphraseFromEnv(),
        onProgress: (step, done, total) => process.stderr.write(`keys rotate: ${step} ${total ? Math.round((done * 100) / total) : 100}%\n`),
      });
      print(
        r,
        o,
        () =>
          `Vault key rotated: version ${r.from.version} (${r.from.keyId}) -> ${r.to.version} (${r.to.keyId}); ${r.fileKeys} file keys now under the re-wrapped file-key wrapping key${r.fileKeysRewrapped ? ` (${r.fileKeysRewrapped} re-wrapped one by one, once, onto it)` : ''}.`,
      );
    });
  const pass = program.command('passphrase').description("the vault's passphrase");
  common(pass.command('change'))
    .description('a new passphrase (CASEWORK_NEW_PASSPHRASE) for the vault key, unlocked with CASEWORK_PASSPHRASE; only the wrapping changes')
    .action(async (_o: CommonOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<CommonOptions>();
      const current = passphraseFromEnv();
      const next = process.env.CASEWORK_NEW_PASSPHRASE;
      if (!current) throw new UserError('invalid_input', 'set CASEWORK_PASSPHRASE to the current passphrase');
      if (!next) throw new UserError('invalid_input', 'set CASEWORK_NEW_PASSPHRASE to the new passphrase');
      const r = await changeVaultPassphrase(dataDirOf(o), current, next);
      print(r, o, () => 'Passphrase changed. The vault key, the database and the files are unchanged; use the new passphrase from now on.');
    });
}
