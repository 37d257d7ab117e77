/**
 * What every command and every start of the window evaluates: the core bundle (out/core/cli.cjs). Heavy
 * libraries load on first use from node_modules (scripts/build-core.mjs EXTERNAL) instead of being
 * bundled, because a bundled library is compiled and run by every `casework` call. This caught
 * date-holidays (2 MB with its calendars) doubling the bundle and the CLI's start-up.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { CORE_BUNDLE, EXTERNAL, ensureCore } from '../../scripts/build-core.mjs';

describe('the core bundle', () => {
  it('stays small, and the heavy libraries stay out of it', async () => {
    await ensureCore({ quiet: true });
    expect(statSync(CORE_BUNDLE).size).toBeLessThan(3 * 1024 * 1024);
    const text = readFileSync(CORE_BUNDLE, 'utf8');
    for (const lib of ['date-holidays', 'pdf-lib', 'pdfjs-dist', 'tesseract.js', '@huggingface/transformers', 'onnxruntime-node']) {
      expect(EXTERNAL).toContain(lib);
      // Bundled code carries its source paths in esbuild's module comments ("// node_modules/<lib>/...").
      expect(text.includes(`// node_modules/${lib}/`), `${lib} is bundled`).toBe(false);
    }
  }, 180_000);
});
