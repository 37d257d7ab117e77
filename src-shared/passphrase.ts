/**
 * The one rule for a passphrase that protects a vault or a backup, applied by the contract (the window),
 * the core and the CLI alike: at least 12 characters. With Argon2id at 128 MiB and 5 passes (vault/keystores.ts),
 * that is what a stolen laptop's owner can rely on; shorter ones fall to a dictionary anyway.
 */
export const MIN_PASSPHRASE_LENGTH = 12;

export const PASSPHRASE_RULE = `use at least ${MIN_PASSPHRASE_LENGTH} characters`;

/** null when the passphrase may protect a vault or a backup, else what is wrong with it. */
export function passphraseProblem(passphrase: string): string | null {
  return [...passphrase].length < MIN_PASSPHRASE_LENGTH ? PASSPHRASE_RULE : null;
}
