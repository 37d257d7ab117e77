/**
 * The hand-off of a passphrase stretch the launcher started early (prestretch.ts) to the unlock that
 * needs it (keystores.ts). A module of its own so that neither imports the other.
 */
interface Stretch {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export interface Prestretched {
  salt: string;
  params: Stretch;
  passphrase: string;
  kek: Promise<Buffer>;
}

let offered: Prestretched | undefined;

/** Called once by the command line with what the launcher started. */
export function offerPrestretched(p: Prestretched | undefined): void {
  offered = p;
}

/** The offered key for exactly this stretch, once; later unlocks (after a lock) stretch again. */
export function takePrestretched(passphrase: string, salt: string, params: Stretch): Promise<Buffer> | undefined {
  const p = offered;
  if (!p || p.passphrase !== passphrase || p.salt !== salt) return undefined;
  if (p.params.memoryCost !== params.memoryCost || p.params.timeCost !== params.timeCost || p.params.parallelism !== params.parallelism) return undefined;
  offered = undefined;
  return p.kek;
}
