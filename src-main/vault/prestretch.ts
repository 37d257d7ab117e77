/**
 * Stretching the passphrase (Argon2id, 128 MiB and 5 passes) is most of a command's start, and it needs
 * only vault.json. So the `casework` launcher starts it before it loads the rest of the core: it runs
 * `prestretch` from a small bundle of its own (out/core/early.cjs, with hosts/cli/early.ts) and hands the result to the core
 * (prestretched.ts). The unlock takes it only for the same passphrase, salt and parameters, and the
 * key it yields is still proven by opening the sealed vault key, so a stale or wrong one costs nothing but
 * the time: the unlock then stretches as it always did.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { passphraseKek } from './keystores';
import type { Prestretched } from './prestretched';

/** Start stretching `passphrase` for the vault in `dataDir`; undefined when it has no passphrase store. */
export function prestretch(dataDir: string, passphrase: string): Prestretched | undefined {
  try {
    const file = JSON.parse(readFileSync(join(dataDir, 'vault.json'), 'utf8')) as { stores?: Array<{ kind?: string; kdf?: Record<string, unknown> }> };
    const kdf = file.stores?.find((s) => s.kind === 'passphrase')?.kdf;
    if (!kdf || kdf.name !== 'argon2id' || typeof kdf.salt !== 'string') return undefined;
    const params = { memoryCost: Number(kdf.memoryCost), timeCost: Number(kdf.timeCost), parallelism: Number(kdf.parallelism) };
    const kek = passphraseKek(passphrase, Buffer.from(kdf.salt, 'base64'), params);
    // Never an unhandled rejection: the unlock that takes it sees the error, one that does not ignores it.
    kek.catch(() => undefined);
    return { salt: kdf.salt, params, passphrase, kek };
  } catch {
    // No vault here, or an unreadable vault.json: the unlock reports it in its own words.
    return undefined;
  }
}
