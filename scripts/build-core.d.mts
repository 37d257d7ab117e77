/** The core bundle every `casework` command runs (out/core/cli.cjs). */
export const CORE_BUNDLE: string;
/** The launcher's early start (out/core/early.cjs). */
export const EARLY_BUNDLE: string;
/** Packages left out of the bundle and required from node_modules when first used. */
export const EXTERNAL: string[];
/** Whether out/core holds a bundle of the current sources. */
export function coreIsCurrent(): boolean;
/** Build out/core when stale (once at a time); true when it built. */
export function ensureCore(opts?: { quiet?: boolean }): Promise<boolean>;
