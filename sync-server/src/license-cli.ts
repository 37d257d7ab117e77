/**
 * `casework-sync license install FILE --data DIR` and `casework-sync license status --data DIR [--org ID] --json`
 * (issue 15). Both open the server's database beside a running server, as create-org does, with the
 * audit key of --data (it seals the server's last-seen time). A refused file: its reason on stderr, exit 2.
 */
import type { Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase, type Database } from './db/postgres';
import { AUDIT_KEY_FILE, loadAuditKey } from './audit-key';
import { useAuditKey } from './audit';
import { HttpError } from './auth';
import { installLicense, orgLicense } from './license';

async function withDb<T>(o: { data: string; databaseUrl?: string; auditKeyFile?: string }, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir: resolve(o.data), databaseUrl: o.databaseUrl, poolSize: 2 });
  const keyFile = resolve(o.auditKeyFile ?? join(resolve(o.data), AUDIT_KEY_FILE));
  if (existsSync(keyFile)) useAuditKey(db, loadAuditKey(keyFile, { create: false }));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function registerLicenseCommands(program: Command, setCode: (code: number) => void) {
  const license = program.command('license').description("the firm's licence (seats, devices per user, modules, dates)");
  const common = (c: Command) =>
    c
      .option('--data <dir>', 'data folder', './.casework-sync')
      .option('--database-url <url>', 'use this Postgres instead of the embedded one')
      .option('--audit-key-file <file>', 'the audit key (default: <data>/audit-signing-key.pem)');
  common(license.command('install <file>'))
    .description('install a licence file signed by the vendor (refused with the reason when tampered or foreign)')
    .option('--json', 'machine-readable output')
    .action(async (file: string, o) => {
      if (!existsSync(file) || statSync(file).size > 64 * 1024) throw new HttpError(400, 'usage', `${file} is not a licence file`);
      const text = readFileSync(file, 'utf8');
      const out = await withDb(o, async (db) => {
        const installed = await installLicense(db, text);
        return { installed, status: installed.orgId ? (await orgLicense(db, installed.orgId, { fresh: true })).status : undefined };
      });
      process.stdout.write(`${JSON.stringify(out)}\n`);
    });
  common(license.command('status'))
    .description('valid, grace, read_only, invalid or none (trial), per organisation, with seats used and modules')
    .option('--org <orgId>', 'only this organization')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const out = await withDb(o, async (db) => {
        const orgs = o.org
          ? [String(o.org).toLowerCase()]
          : (await db.pool.query('SELECT id FROM organizations WHERE deleted_at IS NULL ORDER BY created_at')).rows.map((r) => r.id as string);
        const list = [];
        for (const orgId of orgs) list.push((await orgLicense(db, orgId, { fresh: true })).status);
        return list;
      });
      if (o.org && !out.length) {
        setCode(2);
        return;
      }
      // One organisation: its status as an object (the shape `casework license status` has); several: a list.
      const body = out.length === 1 ? out[0] : { orgs: out };
      process.stdout.write(`${o.json ? JSON.stringify(body, null, 2) : JSON.stringify(body)}\n`);
    });
}
