/**
 * `npm run bench -- <name> [flags]`: runs bench/<name>.ts (never part of npm test). Each benchmark
 * generates its own data at a size given by flags, measures a reference in the same run, and prints a
 * table of figures and ratios. With no name, lists what exists.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts'].includes(f) && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.log(`usage: npm run bench -- <${available.join('|')}> [--flag=value ...]`);
  process.exit(name ? 2 : 0);
}
const mod = (await import(join(here, `${name}.ts`))) as { run(args: string[]): Promise<void> };
await mod.run(args);
