/**
 * Retention acting (issue 19): the cases past their period (src-shared/privacy/retention.ts, as
 * `casework-sync retention report` shows them) expire, each as its policy says:
 *  - delete: every row of the case scrubbed and tombstoned, the case itself too;
 *  - anonymise: the case kept (number, type, status, dates, tags, tagged retention_anonymised) and its
 *    rows scrubbed, its documents scrubbed and tombstoned.
 * Either way the documents' file keys are dropped from file_keys (crypto-shredding) and their blobs
 * deleted when nothing live names them. The rows change as any write does (a new row version each), so
 * every laptop's next pull receives them; the audit entry (retention_expired: ids, counts and the blob
 * hashes, never a value) is also an entry of the erasure log that laptops apply (privacy/erasure.ts), so
 * they purge their file keys, blobs and index too. A case under legal hold never expires.
 * Runs daily in the server process (startRetentionTimer) and on demand: `casework-sync retention run`.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { TABLES, SYSTEM_ORG_ID, type TableSpec } from '../../../src-shared/schema/tables';
import { scrubFields } from '../../../src-shared/privacy/scrub';
import type { RetentionEntry } from '../../../src-shared/privacy/retention';
import { ANONYMISED_TAG } from '../../../src-shared/privacy/retention';
import { appendAudit } from '../audit';
import type { Database, Tx } from '../db/postgres';
import { castFor, pgColumns, pgParam } from '../db/wire';
import { claimVersions } from '../versions';
import { retentionReport } from '../retention';
import { deleteBlobs, shredFileKeys } from './erasure';

/** What an anonymised case keeps of itself: what it was and when, for the firm's counts. */
const CASE_KEEPS = new Set(['case_number', 'case_type', 'status', 'priority', 'opened_at', 'closed_at', 'submitted_at', 'decided_at', 'tags', 'category']);
const DOCUMENT_TABLES = new Set(['documents', 'document_versions', 'document_metadata']);

export interface ExpiredCase {
  caseId: string;
  caseNumber: string;
  action: 'delete' | 'anonymise';
  rows: Record<string, number>;
  fileKeysDropped: number;
  blobsDeleted: number;
}

export interface RetentionRun {
  orgId: string;
  evaluatedAt: string;
  expired: ExpiredCase[];
  held: number;
}

const caseTables = (): TableSpec[] => Object.values(TABLES).filter((t) => t.scope === 'case' && t.caseColumn);

async function expireCase(db: Database, blobDir: string, orgId: string, e: RetentionEntry): Promise<ExpiredCase> {
  const erasureId = randomUUID();
  const rows: Record<string, number> = {};
  const rowIds: string[] = [];
  const keep: string[] = [];
  const versionIds: string[] = [];
  const storageKeys = new Set<string>();
  let gone: string[] = [];
  const fileKeysDropped = await db.withOrg(orgId, async (tx: Tx) => {
    await claimVersions(tx);
    for (const spec of caseTables()) {
      const cols = pgColumns(spec.name);
      const found = await tx.query(`SELECT * FROM "${spec.name}" WHERE org_id = $1 AND "${spec.caseColumn}" = $2 AND deleted_at IS NULL`, [orgId, e.caseId]);
      for (const row of found.rows as Record<string, unknown>[]) {
        const isCase = spec.name === 'cases';
        const kept = e.action === 'anonymise' && !DOCUMENT_TABLES.has(spec.name);
        const fields: Record<string, unknown> = isCase && kept ? scrubFields(spec, row, CASE_KEEPS) : scrubFields(spec, row);
        if (isCase && kept) {
          const tags = Array.isArray(row.tags) ? (row.tags as unknown[]) : [];
          fields.tags = [...new Set([...tags, ANONYMISED_TAG])];
        }
        if (spec.name === 'document_versions') versionIds.push(row.id as string);
        if (DOCUMENT_TABLES.has(spec.name) && typeof row.storage_key === 'string' && /^[0-9a-f]{64}$/.test(row.storage_key)) storageKeys.add(row.storage_key);
        const names = Object.keys(fields).filter((n) => cols[n]);
        const sets = names.map((n, i) => `"${n}" = $${i + 2}${castFor(cols[n]!)}`);
        if (!kept) sets.push('deleted_at = now()');
        sets.push('updated_at = now()', "version = nextval('row_version_seq')");
        await tx.query(`UPDATE "${spec.name}" SET ${sets.join(', ')} WHERE id = $1`, [row.id, ...names.map((n) => pgParam(cols[n]!, fields[n]))]);
        rowIds.push(row.id as string);
        if (kept) keep.push(row.id as string);
        rows[spec.name] = (rows[spec.name] ?? 0) + 1;
      }
    }
    const dropped = await shredFileKeys(tx, orgId, versionIds);
    gone = [];
    for (const sha of storageKeys) {
      const used = await tx.query(
        `SELECT 1 FROM documents WHERE org_id = $1 AND storage_key = $2 AND deleted_at IS NULL
         UNION ALL SELECT 1 FROM document_versions WHERE org_id = $1 AND storage_key = $2 AND deleted_at IS NULL LIMIT 1`,
        [orgId, sha],
      );
      if (!used.rowCount) gone.push(sha);
    }
    await appendAudit(tx, orgId, {
      eventType: 'retention_expired',
      table: 'cases',
      recordId: e.caseId,
      metadata: {
        erasureId,
        personId: e.caseId,
        mode: e.action === 'delete' ? 'erase' : 'anonymise',
        rowIds,
        keep,
        versionIds,
        storageKeys: [...storageKeys],
        caseNumber: e.caseNumber,
        retentionDays: e.retentionDays,
        expiresOn: e.expiresOn,
        rows,
        fileKeysDropped: dropped,
        blobsDeleted: gone.length,
      },
    });
    return dropped;
  });
  if (gone.length) await deleteBlobs(db, blobDir, orgId, gone);
  return { caseId: e.caseId, caseNumber: e.caseNumber, action: e.action, rows, fileKeysDropped, blobsDeleted: gone.length };
}

/** Expire what is due in one org now. */
export async function runRetention(db: Database, dataDir: string, orgId: string, now = new Date()): Promise<RetentionRun> {
  const report = await retentionReport(db, orgId, now, 0);
  const expired: ExpiredCase[] = [];
  for (const e of report.due) expired.push(await expireCase(db, join(dataDir, 'blobs'), orgId, e));
  return { orgId: report.orgId, evaluatedAt: report.evaluatedAt, expired, held: report.held.length };
}

/** Every org's run (the daily timer). An org whose run fails does not stop the others; it is logged. */
export async function runRetentionAll(
  db: Database,
  dataDir: string,
  log: (e: Record<string, unknown>) => void = () => {},
  now = new Date(),
): Promise<RetentionRun[]> {
  const orgs = await db.withSystem((tx) => tx.query('SELECT id FROM organizations WHERE deleted_at IS NULL AND id <> $1 ORDER BY id', [SYSTEM_ORG_ID]));
  const out: RetentionRun[] = [];
  for (const { id } of orgs.rows as Array<{ id: string }>) {
    try {
      const r = await runRetention(db, dataDir, id, now);
      out.push(r);
      if (r.expired.length) log({ level: 'info', at: new Date().toISOString(), msg: 'retention expired cases', orgId: id, cases: r.expired.length });
    } catch (e) {
      log({ level: 'error', at: new Date().toISOString(), msg: 'retention run failed', orgId: id, error: String((e as Error).message).slice(0, 300) });
    }
  }
  return out;
}

export const RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * The daily evaluation inside the server process: a first run a minute after start (not during it), then
 * every 24 hours. The timer does not hold the process open; stop() ends it.
 */
export function startRetentionTimer(
  db: Database,
  dataDir: string,
  log?: (e: Record<string, unknown>) => void,
  opts: { firstMs?: number; everyMs?: number } = {},
): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runRetentionAll(db, dataDir, log);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), opts.firstMs ?? 60_000);
  const every = setInterval(() => void tick(), opts.everyMs ?? RETENTION_INTERVAL_MS);
  first.unref();
  every.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
