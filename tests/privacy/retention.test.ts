/**
 * Issue 19: retention. The pure evaluation (periods per case type and category, legal hold, what is due
 * and upcoming) and `casework-sync retention report --org ORG_ID --json` on a real server database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { evaluateRetention, type RetentionPolicy } from '../../src-shared/privacy/retention';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { createOrg } from '../../sync-server/src/admin';
import { retentionReport } from '../../sync-server/src/retention';
import { newId } from '../../src-shared/ids';

const NOW = new Date('2026-11-27T12:00:00Z');
const SYSTEM: RetentionPolicy = { retentionPeriodDays: 2555, conditions: {}, source: 'system' };
const base = { updatedAt: '2020-01-01T00:00:00Z', tags: [] };

describe('retention evaluation', () => {
  it('counts from closure: debt advice 6 years, immigration 7, home care 10; open cases never; legal hold kept', () => {
    const r = evaluateRetention(
      [
        { ...base, id: 'a', caseNumber: 'A', caseType: 'DEBT_ADVICE', category: 'debt_advice', status: 'closed', closedAt: '2020-06-01T00:00:00Z' },
        { ...base, id: 'b', caseNumber: 'B', caseType: 'EXPRESS_ENTRY_FSW', category: 'express_entry', status: 'closed', closedAt: '2020-06-01T00:00:00Z' },
        { ...base, id: 'c', caseNumber: 'C', caseType: 'HOME_CARE', category: 'home_care', status: 'closed', closedAt: '2016-06-01T00:00:00Z' },
        { ...base, id: 'd', caseNumber: 'D', caseType: 'DEBT_ADVICE', category: 'debt_advice', status: 'active', closedAt: null },
        {
          ...base,
          id: 'e',
          caseNumber: 'E',
          caseType: 'DEBT_ADVICE',
          category: 'debt_advice',
          status: 'closed',
          closedAt: '2019-01-01T00:00:00Z',
          tags: ['legal_hold'],
        },
        { ...base, id: 'f', caseNumber: 'F', caseType: 'DEBT_ADVICE', category: 'debt_advice', status: 'closed', closedAt: '2021-03-01T00:00:00Z' },
      ],
      SYSTEM,
      NOW,
    );
    // Home care closed 2016-06-01 ran out in May 2026 (3650 days), debt advice closed 2020-06-01 on 2026-05-31.
    expect(r.due.map((e) => [e.caseNumber, e.retentionDays])).toEqual([
      ['C', 3650],
      ['A', 2190],
    ]);
    expect(r.due[1].expiresOn).toBe('2026-05-31');
    // Within a year: debt advice closed 2021-03-01 (6 years), immigration closed 2020-06-01 (7 years).
    expect(r.upcoming.map((e) => [e.caseNumber, e.retentionDays])).toEqual([
      ['F', 2190],
      ['B', 2555],
    ]);
    expect(r.held.map((e) => e.caseNumber)).toEqual(['E']);
    expect(r.open).toBe(1);
  });

  it('an org policy per case type wins over the category and the default', () => {
    const r = evaluateRetention(
      [{ ...base, id: 'a', caseNumber: 'A', caseType: 'DEBT_ADVICE', category: 'debt_advice', status: 'closed', closedAt: '2025-01-01T00:00:00Z' }],
      { retentionPeriodDays: 2555, conditions: { byCaseType: { DEBT_ADVICE: 365 }, action: 'delete' }, source: 'org' },
      NOW,
    );
    expect(r.due).toEqual([expect.objectContaining({ caseNumber: 'A', retentionDays: 365, action: 'delete', expiresOn: '2026-01-01' })]);
  });
});

describe('casework-sync retention report', () => {
  let srv: TestServer;
  let orgId: string;
  const BIN = join(__dirname, '../../sync-server/bin/casework-sync.mjs');
  let dataDir: string;

  beforeAll(async () => {
    srv = await startTestServer();
    dataDir = srv.dataDir;
    ({ orgId } = await createOrg(srv.db, { name: 'Retention Advice', adminEmail: 'owner@retention.test', password: 'a long owner password 1' }));
    await srv.db.withOrg(orgId, async (tx) => {
      const add = (n: string, type: string, status: string, closedAt: string | null, tags: string[] = []) =>
        tx.query(
          `INSERT INTO cases (id, org_id, version, created_at, updated_at, case_number, case_type, status, closed_at, tags)
           VALUES ($1, $2, 1, now(), now(), $3, $4, $5, $6, $7::jsonb)`,
          [newId(), orgId, n, type, status, closedAt, JSON.stringify(tags)],
        );
      await add('DA-OLD', 'DEBT_ADVICE', 'closed', '2019-01-01T00:00:00Z');
      await add('DA-HOLD', 'DEBT_ADVICE', 'closed', '2019-01-01T00:00:00Z', ['legal_hold']);
      await add('EE-OLD', 'EXPRESS_ENTRY_FSW', 'closed', '2020-01-01T00:00:00Z');
      await add('EE-OPEN', 'EXPRESS_ENTRY_FSW', 'active', null);
    });
  }, 180_000);
  afterAll(async () => srv?.close());

  it('reads the org and system policy and the cases under RLS and reports due, held and open', async () => {
    const r = await retentionReport(srv.db, orgId, NOW);
    expect(r.policy.source).toBe('system');
    expect(r.due.map((e) => e.caseNumber)).toEqual(['DA-OLD']);
    expect(r.upcoming.map((e) => e.caseNumber)).toEqual(['EE-OLD']);
    expect(r.held.map((e) => e.caseNumber)).toEqual(['DA-HOLD']);
    expect(r.open).toBe(1);
  });

  it('the command line prints the report as JSON and refuses a bad org id with exit 2', () => {
    const ok = spawnSync(process.execPath, [BIN, 'retention', 'report', '--org', orgId, '--data', dataDir, '--json'], { encoding: 'utf8', timeout: 120_000 });
    expect(ok.status, ok.stderr).toBe(0);
    const r = JSON.parse(ok.stdout);
    expect(r.orgId).toBe(orgId);
    expect(r.due.map((e: { caseNumber: string }) => e.caseNumber)).toContain('DA-OLD');
    const bad = spawnSync(process.execPath, [BIN, 'retention', 'report', '--org', 'not-an-id', '--data', dataDir], { encoding: 'utf8', timeout: 120_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--org must be an organization id/);
  });
});
