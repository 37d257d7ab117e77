/**
 * `casework-sync audit ...` (issues 13 and 15):
 *   audit verify [--org ID]                      every org's chain (or one) against its signed checkpoints;
 *   audit verify --export FILE [--public-key K]  an export file, offline: no database is opened; the key
 *                                                trusted is --public-key (base64 of the raw Ed25519 key,
 *                                                as laptops pin it) or the public half of the audit key file;
 *   audit export --org ID --from DATE --to DATE [--format jsonl|csv] --out FILE
 *                                                a date range with its chain proof (DATE: YYYY-MM-DD, UTC,
 *                                                `--to` included whole, or an ISO instant); the file is
 *                                                written mode 0600 (entries name people's records).
 * Exit 1 when a chain or an export does not verify; 2 for bad input (nothing written).
 */
import type { Command } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AuditExportFormat, rangeBound } from '../../src-shared/sync/audit-export';
import { openDatabase } from './db/postgres';
import { AUDIT_KEY_FILE, loadAuditKey } from './audit-key';
import { useAuditKey } from './audit';
import { verifyAllOrgs } from './audit-routes';
import { auditExportText, verifyAuditExport } from './audit-export';
import { HttpError } from './auth';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const usage = (msg: string) => new HttpError(2, 'usage', msg);
const keyFileOf = (o: { data: string; auditKeyFile?: string }) => resolve(o.auditKeyFile ?? join(resolve(o.data), AUDIT_KEY_FILE));

export function registerAuditCommands(program: Command, setCode: (code: number) => void) {
  const audit = program.command('audit').description('audit chain tools');
  audit
    .command('verify')
    .description("check every org's audit chain against its signed checkpoints (or, with --export, an export file); exit 1 if any was altered")
    .option('--org <orgId>', 'only this organization')
    .option('--export <file>', 'verify this export file (CSV or JSON Lines) instead of the database')
    .option('--public-key <base64>', "with --export: the server's audit public key (base64 of the raw 32 bytes)")
    .option('--data <dir>', 'data folder', './.casework-sync')
    .option('--database-url <url>', 'use this Postgres instead of the embedded one')
    .option('--audit-key-file <file>', 'the audit key (default: <data>/audit-signing-key.pem)')
    .action(async (o) => {
      if (o.export) {
        if (!existsSync(o.export)) throw usage(`no such file: ${o.export}`);
        const publicKey = o.publicKey ?? loadAuditKey(keyFileOf(o), { create: false }).publicKeyRaw;
        const result = verifyAuditExport(readFileSync(o.export, 'utf8'), publicKey);
        process.stdout.write(`${JSON.stringify(result)}\n`);
        if (!result.ok) setCode(1);
        return;
      }
      const db = await openDatabase({ dataDir: resolve(o.data), databaseUrl: o.databaseUrl, poolSize: 2 });
      try {
        const results = await verifyAllOrgs(db, keyFileOf(o), o.org);
        process.stdout.write(`${JSON.stringify(results)}\n`);
        if (results.some((r) => !r.ok)) setCode(1);
      } finally {
        await db.close();
      }
    });
  audit
    .command('export')
    .description('write a date range of an organization’s audit log with its chain proof (signed checkpoint, first and last hash)')
    .requiredOption('--org <orgId>', 'the organization')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD, UTC) or instant (ISO 8601)')
    .requiredOption('--to <date>', 'last day, included (YYYY-MM-DD, UTC), or the instant the range ends before (ISO 8601)')
    .option('--format <format>', 'jsonl or csv', 'jsonl')
    .requiredOption('--out <file>', 'the file to write (refused if it exists)')
    .option('--data <dir>', 'data folder', './.casework-sync')
    .option('--database-url <url>', 'use this Postgres instead of the embedded one')
    .option('--audit-key-file <file>', 'the audit key (default: <data>/audit-signing-key.pem)')
    .action(async (o) => {
      if (!UUID_RE.test(o.org)) throw usage(`--org must be an organization id (a UUID), not "${o.org}"`);
      const format = AuditExportFormat.safeParse(o.format);
      if (!format.success) throw usage(`--format must be jsonl or csv, not "${o.format}"`);
      const from = rangeBound(o.from, false);
      const to = rangeBound(o.to, true);
      if (!from) throw usage(`--from must be a day (YYYY-MM-DD) or an ISO instant, not "${o.from}"`);
      if (!to) throw usage(`--to must be a day (YYYY-MM-DD) or an ISO instant, not "${o.to}"`);
      const out = resolve(o.out);
      if (existsSync(out)) throw usage(`${out} exists; choose a new file`);
      const db = await openDatabase({ dataDir: resolve(o.data), databaseUrl: o.databaseUrl, poolSize: 2 });
      try {
        useAuditKey(db, loadAuditKey(keyFileOf(o), { create: false }));
        const text = await auditExportText(db, { orgId: o.org.toLowerCase(), from, to, format: format.data });
        writeFileSync(out, text, { mode: 0o600, flag: 'wx' });
        const lines = text.split('\n').filter(Boolean);
        const proof = JSON.parse(format.data === 'csv' ? lines[lines.length - 1]!.replace(/^# casework-audit-proof /, '') : lines[lines.length - 1]!);
        const p = proof.proof ?? proof;
        process.stdout.write(`${JSON.stringify({ out, format: format.data, entries: p.entries, firstSeq: p.firstSeq, lastSeq: p.lastSeq })}\n`);
      } finally {
        await db.close();
      }
    });
}
