/**
 * Regenerates committed migrations from the schema (one source: src-shared/schema/tables.ts).
 *   - drizzle-kit generate for SQLite (drizzle.sqlite.config.ts) and, when present, Postgres
 *     (drizzle.postgres.config.ts);
 *   - every src-main/db/custom-sql/<name>.sql (and sync-server/src/db/custom-sql/<name>.sql) that is not
 *     yet in the journal becomes a drizzle-kit custom migration holding that SQL (FTS5, sqlite-vec,
 *     triggers, RLS policies: things drizzle's schema language cannot say).
 * Run it after changing a schema: `npm run db:generate`. Existing migrations are never edited.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Dialect {
  config: string;
  out: string;
  customDir: string;
}

const dialects: Dialect[] = [
  { config: 'drizzle.sqlite.config.ts', out: 'migrations/sqlite', customDir: 'src-main/db/custom-sql' },
  { config: 'drizzle.postgres.config.ts', out: 'migrations/postgres', customDir: 'sync-server/src/db/custom-sql' },
];

function journalTags(out: string): string[] {
  const file = join(out, 'meta', '_journal.json');
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, 'utf8')).entries as Array<{ tag: string }>).map((e) => e.tag);
}

function drizzleKit(args: string[]) {
  execFileSync(process.execPath, [join('node_modules', 'drizzle-kit', 'bin.cjs'), ...args], { stdio: 'inherit' });
}

for (const d of dialects) {
  if (!existsSync(d.config)) continue;
  drizzleKit(['generate', `--config=${d.config}`]);
  if (!existsSync(d.customDir)) continue;
  for (const file of readdirSync(d.customDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const name = file.replace(/\.sql$/, '').replace(/[^a-z0-9_]/gi, '_');
    if (journalTags(d.out).some((t) => t.endsWith(`_${name}`))) continue;
    drizzleKit(['generate', `--config=${d.config}`, '--custom', `--name=${name}`]);
    const tag = journalTags(d.out).find((t) => t.endsWith(`_${name}`));
    if (!tag) throw new Error(`drizzle-kit did not create the custom migration ${name}`);
    writeFileSync(join(d.out, `${tag}.sql`), readFileSync(join(d.customDir, file), 'utf8'));
    console.log(`custom migration ${tag} <- ${join(d.customDir, file)}`);
  }
}
