/**
 * `npx tsx scripts/make-tiny-model.ts OUT_DIR [--hidden=32]`: writes the project's tiny embedding model
 * folder (see src-main/search/tiny-model.ts) for demos and manual trials, e.g.
 *   npx tsx scripts/make-tiny-model.ts /tmp/casework-tiny && casework models install --from /tmp/casework-tiny
 */
import { writeTinyModel } from '../src-main/search/tiny-model';

const [out, ...rest] = process.argv.slice(2);
if (!out) {
  console.error('usage: tsx scripts/make-tiny-model.ts OUT_DIR [--hidden=32]');
  process.exit(2);
}
const hidden = Number(rest.find((a) => a.startsWith('--hidden='))?.split('=')[1] ?? 32);
if (!Number.isInteger(hidden) || hidden < 8 || hidden > 1024) {
  console.error('--hidden must be a whole number from 8 to 1024');
  process.exit(2);
}
const m = writeTinyModel(out, { hidden });
console.log(`wrote ${m.dir} (${m.hidden} dimensions, ${m.vocabSize} tokens)`);
