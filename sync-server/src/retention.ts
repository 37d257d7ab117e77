/**
 * `casework-sync retention report --org ORG_ID --json` (issue 19): what the org's retention policy will
 * remove and when (src-shared/privacy/retention.ts decides; this reads the rows, as the org, under RLS).
 * Read-only: nothing is deleted here.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { evaluateRetention, type RetentionPolicy, type RetentionReport } from '../../src-shared/privacy/retention';
import { SYSTEM_ORG_ID } from '../../src-shared/schema/tables';
import { openDatabase, type Database } from './db/postgres';
import { HttpError } from './auth';
import { runRetention } from './privacy/retention-run';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function retentionReport(
  db: Database,
  orgId: string,
  now = new Date(),
  horizonDays = 365,
): Promise<RetentionReport & { orgId: string; policy: RetentionPolicy }> {
  if (!UUID_RE.test(orgId)) throw new HttpError(400, 'usage', `--org must be an organization id, not "${orgId}"`);
  return db.withOrg(orgId, async (tx) => {
    const org = await tx.query('SELECT id FROM organizations WHERE id = $1 AND deleted_at IS NULL', [orgId]);
    if (!org.rowCount) throw new HttpError(404, 'not_found', `no organization ${orgId}`);
    const p = await tx.query(
      `SELECT org_id, retention_period_days, conditions FROM data_retention_policies
        WHERE table_name = 'cases' AND is_active AND deleted_at IS NULL AND org_id IN ($1, $2)
        ORDER BY (org_id = $1) DESC LIMIT 1`,
      [orgId, SYSTEM_ORG_ID],
    );
    const row = p.rows[0] as { org_id: string; retention_period_days: number; conditions: RetentionPolicy['conditions'] } | undefined;
    const policy: RetentionPolicy = row
      ? { retentionPeriodDays: row.retention_period_days, conditions: row.conditions ?? {}, source: row.org_id === orgId ? 'org' : 'system' }
      : { retentionPeriodDays: 7 * 365, conditions: {}, source: 'system' };
    const cases = await tx.query(
      `SELECT c.id, c.case_number, c.case_type, c.status, c.closed_at, c.updated_at, c.tags, t.category
         FROM cases c LEFT JOIN config_case_types t ON t.code = c.case_type AND t.org_id IN ($1, $2) AND t.deleted_at IS NULL
        WHERE c.org_id = $1 AND c.deleted_at IS NULL`,
      [orgId, SYSTEM_ORG_ID],
    );
    const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));
    const report = evaluateRetention(
      cases.rows.map((r) => ({
        id: r.id,
        caseNumber: r.case_number,
        caseType: r.case_type,
        category: r.category,
        status: r.status,
        closedAt: iso(r.closed_at),
        updatedAt: iso(r.updated_at)!,
        tags: r.tags,
      })),
      policy,
      now,
      horizonDays,
    );
    return { orgId, policy, ...report };
  });
}

export function registerRetentionCommands(program: Command) {
  const retention = program.command('retention').description("what the org's retention policy removes, and when");
  retention
    .command('report')
    .requiredOption('--org <orgId>', 'the organization')
    .option('--within <days>', 'also list what goes within this many days', '365')
    .option('--data <dir>', 'data folder', './.casework-sync')
    .option('--database-url <url>', 'use this Postgres instead of the embedded one')
    .option('--json', 'machine-readable output')
    .action(async (o) => {
      const within = Number(o.within);
      if (!Number.isInteger(within) || within < 0 || within > 36500) throw new HttpError(400, 'usage', '--within must be a number of days');
      const db = await openDatabase({ dataDir: resolve(o.data), databaseUrl: o.databaseUrl, poolSize: 2 });
      try {
        const r = await retentionReport(db, String(o.org).toLowerCase(), new Date(), within);
        process.stdout.write(`${JSON.stringify(r, null, o.json ? 2 : undefined)}\n`);
      } finally {
        await db.close();
      }
    });
  retention
    .command('run')
    .requiredOption('--org <orgId>', 'the organization')
    .option('--data <dir>', 'data folder (its blobs/ are deleted from too)', './.casework-sync')
    .option('--database-url <url>', 'use this Postgres instead of the embedded one')
    .option('--json', 'machine-readable output')
    .description('expire now what the retention policy says is due (the server does this daily)')
    .action(async (o) => {
      const dataDir = resolve(o.data);
      const db = await openDatabase({ dataDir, databaseUrl: o.databaseUrl, poolSize: 2 });
      try {
        const r = await runRetention(db, dataDir, checkedOrg(String(o.org)));
        if (o.json) process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        else
          process.stdout.write(
            `${r.expired.length} case(s) expired (${r.expired.map((c) => `${c.caseNumber}: ${c.action}`).join(', ') || 'none due'}); ${r.held} under legal hold.\n`,
          );
      } finally {
        await db.close();
      }
    });
}

function checkedOrg(orgId: string): string {
  if (!UUID_RE.test(orgId)) throw new HttpError(400, 'usage', `--org must be an organization id, not "${orgId}"`);
  return orgId.toLowerCase();
}
