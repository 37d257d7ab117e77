/** Builds out/renderer when it is missing or older than its sources. */
export function ensureRenderer(): Promise<void>;
