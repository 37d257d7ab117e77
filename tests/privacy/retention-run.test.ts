/**
 * Issue 19: retention acting. A case past its period expires on the server, as its policy says
 * (anonymise by default: the case kept and its people scrubbed; delete: every row tombstoned), its
 * documents crypto-shredded (file_keys dropped, blob deleted), recorded in the audit chain without the
 * data, and the expiry reaches both laptops at their next sync (rows, file keys, blobs, index), leaving
 * no canary in their decrypted databases. A case under legal hold stays. Real server on embedded
 * Postgres, real encrypted vaults, the real `casework-sync retention run` command and the daily timer.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, type Core } from '../../src-main/core/core';
import { write } from '../../src-main/core/writer';
import { addDocument } from '../../src-main/documents';
import { syncErasures } from '../../src-main/privacy';
import { login, syncOnce } from '../../src-main/sync';
import { unlockVaultKey } from '../../src-main/vault/vault';
import { newId } from '../../src-shared/ids';
import { startRetentionTimer } from '../../sync-server/src/privacy/retention-run';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { PASS, tempDir } from '../support/cli';

const BIN = join(__dirname, '../../sync-server/bin/casework-sync.mjs');
const LAST = 'Fenwicke-Marrow';
const PASSPORT = 'FM8812034';
const DOC_TEXT = 'canarytext saffron-heron-ledger';
const CANARIES = [LAST, PASSPORT, DOC_TEXT];
const found = (b: Buffer) => CANARIES.filter((c) => b.includes(Buffer.from(c)));

let srv: TestServer;
let serverDir: string;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let pgc: pg.Client;
const cores: Core[] = [];

async function laptop(name: string): Promise<Core> {
  const core = await createVault({ dataDir: join(tempDir(`cw-ret-${name}-`), 'vault'), passphrase: PASS });
  cores.push(core);
  await login(core, { server: srv.url, email: org.email, password: org.password, deviceName: name });
  return core;
}

async function decrypted(core: Core): Promise<Buffer> {
  const { file, key } = await unlockVaultKey(core.dataDir, { passphrase: PASS });
  const copy = join(tempDir('cw-ret-plain-'), 'plain.db');
  copyFileSync(join(core.dataDir, file.database), copy);
  const db = new Database(copy);
  db.pragma(`cipher='${file.cipher}'`);
  db.pragma(`key="x'${key.toString('hex')}'"`);
  db.pragma('journal_mode = DELETE');
  db.pragma("rekey=''");
  db.close();
  return readFileSync(copy);
}

/** A case with a person and a document made on laptop A, then closed long ago on the server (as if years passed). */
async function oldCase(a: Core, number: string, tags: string[] = []): Promise<{ caseId: string; personId: string; versionId: string; sha: string }> {
  const caseId = newId();
  write(a, { table: 'cases', op: 'insert', id: caseId, fields: { case_number: number, case_type: 'DEBT_ADVICE' } });
  const personId = newId();
  write(a, {
    table: 'persons',
    op: 'insert',
    id: personId,
    fields: { case_id: caseId, first_name: 'Imelda', last_name: LAST, relationship_to_primary: 'primary', passport_info: { number: PASSPORT, country: 'IRL' } },
  });
  const doc = await addDocument(a, { caseId, personId, filename: 'statement.txt', bytes: Buffer.from(`Statement of ${LAST}: ${DOC_TEXT} (${number})\n`) });
  await syncOnce(a);
  await pgc.query(
    `UPDATE cases SET status = 'closed', closed_at = '2015-01-01T00:00:00Z', tags = $2::jsonb, version = nextval('row_version_seq') WHERE id = $1`,
    [caseId, JSON.stringify(tags)],
  );
  const v = doc.version as { id: string; storage_key: string };
  return { caseId, personId, versionId: v.id, sha: v.storage_key };
}

beforeAll(async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'cw-ret-srv-'));
  chmodSync(serverDir, 0o755);
  srv = await startTestServer({ dataDir: serverDir, log: (e) => e.level === 'error' && console.error('server:', JSON.stringify(e)) });
  org = await srv.createOrg({ name: 'Retention acts' });
  pgc = new pg.Client({ connectionString: srv.databaseUrl });
  await pgc.connect();
}, 180_000);
afterAll(async () => {
  for (const c of cores) if (c.db.open) c.close();
  await pgc?.end();
  await srv?.close();
});

describe('retention run', () => {
  it('anonymises an expired case on the server and on both laptops, shreds its document, keeps the held case', async () => {
    const a = await laptop('A');
    const b = await laptop('B');
    const due = await oldCase(a, 'RT-DUE');
    const held = await oldCase(a, 'RT-HELD', ['legal_hold']);
    await syncOnce(a);
    await syncOnce(b);
    const blobOnServer = (sha: string) => join(serverDir, 'blobs', org.orgId, sha);
    const blobOn = (c: Core, sha: string) => join(c.dataDir, 'blobs', sha.slice(0, 2), `${sha}.cwb`);
    expect(existsSync(blobOn(b, due.sha))).toBe(true);

    const run = spawnSync(process.execPath, [BIN, 'retention', 'run', '--org', org.orgId, '--data', serverDir, '--json'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const r = JSON.parse(run.stdout);
    expect(r.expired).toEqual([
      expect.objectContaining({ caseId: due.caseId, caseNumber: 'RT-DUE', action: 'anonymise', fileKeysDropped: 1, blobsDeleted: 1 }),
    ]);
    expect(r.held).toBe(1);

    // The server: the case kept (anonymised, never due again), its person scrubbed, the document gone and shredded.
    const c = (await pgc.query('SELECT deleted_at, status, case_number, tags FROM cases WHERE id = $1', [due.caseId])).rows[0];
    expect(c).toMatchObject({ deleted_at: null, status: 'closed', case_number: 'RT-DUE', tags: ['retention_anonymised'] });
    const p = (await pgc.query('SELECT first_name, last_name, passport_info, deleted_at FROM persons WHERE id = $1', [due.personId])).rows[0];
    expect(p).toMatchObject({ first_name: 'Erased', last_name: 'Person', deleted_at: null });
    expect(JSON.stringify(p.passport_info ?? null)).not.toContain(PASSPORT);
    expect((await pgc.query('SELECT deleted_at FROM document_versions WHERE id = $1', [due.versionId])).rows[0].deleted_at).not.toBeNull();
    expect((await pgc.query('SELECT 1 FROM file_keys WHERE version_id = $1 AND key_version > 0', [due.versionId])).rowCount).toBe(0);
    expect(existsSync(blobOnServer(due.sha))).toBe(false);
    // The held case is whole.
    expect((await pgc.query('SELECT 1 FROM file_keys WHERE version_id = $1', [held.versionId])).rowCount).toBe(1);
    expect(existsSync(blobOnServer(held.sha))).toBe(true);
    expect((await pgc.query('SELECT last_name FROM persons WHERE id = $1', [held.personId])).rows[0].last_name).toBe(LAST);
    // On the record, without the data.
    const audit = await pgc.query(
      "SELECT metadata::text AS m FROM server_audit_pending WHERE event_type = 'retention_expired' UNION ALL SELECT metadata::text FROM server_audit WHERE event_type = 'retention_expired'",
    );
    expect(audit.rowCount).toBe(1);
    expect(found(Buffer.from(audit.rows[0].m as string))).toEqual([]);
    // Nothing more is due: a second run expires nothing.
    const again = spawnSync(process.execPath, [BIN, 'retention', 'run', '--org', org.orgId, '--data', serverDir, '--json'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(JSON.parse(again.stdout).expired).toEqual([]);

    // Both laptops at their next sync: rows scrubbed, the document's key, blob and text gone; the held case whole.
    for (const l of [a, b]) {
      await syncOnce(l);
      expect((await syncErasures(l)).applied).toBe(1);
      expect(existsSync(blobOn(l, due.sha))).toBe(false);
      expect(existsSync(blobOn(l, held.sha))).toBe(true);
      expect(l.db.prepare('SELECT file_key FROM document_versions WHERE id = ?').pluck().get(due.versionId) ?? null).toBeNull();
      expect(l.db.prepare('SELECT last_name FROM persons WHERE id = ?').pluck().get(due.personId)).toBe('Person');
      // The held case's person keeps the same name and passport (kept on purpose): the due case's own
      // document text, which only it held, is looked for in every decrypted page.
      const plain = await decrypted(l);
      expect(plain.includes(Buffer.from(`${DOC_TEXT} (RT-DUE)`))).toBe(false);
    }
  }, 300_000);

  it('refuses a bad org id in words (exit 2), changing nothing', () => {
    const bad = spawnSync(process.execPath, [BIN, 'retention', 'run', '--org', 'not-an-id', '--data', serverDir], { encoding: 'utf8', timeout: 120_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--org must be an organization id/);
  });

  it('the daily timer in the server process deletes per an org policy whose action is delete', async () => {
    await pgc.query(
      `INSERT INTO data_retention_policies (id, org_id, version, created_at, updated_at, table_name, retention_period_days, conditions)
       VALUES ($1, $2, 1, now(), now(), 'cases', 365, '{"action": "delete"}'::jsonb)`,
      [newId(), org.orgId],
    );
    const a = cores[0]!;
    const due = await oldCase(a, 'RT-DEL');
    const timer = startRetentionTimer(srv.db, serverDir, undefined, { firstMs: 10, everyMs: 60_000 });
    try {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && !(await pgc.query('SELECT deleted_at FROM cases WHERE id = $1', [due.caseId])).rows[0].deleted_at)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      timer.stop();
    }
    const rows = await pgc.query(
      `SELECT (SELECT deleted_at FROM cases WHERE id = $1) AS c, (SELECT deleted_at FROM persons WHERE id = $2) AS p, (SELECT last_name FROM persons WHERE id = $2) AS n`,
      [due.caseId, due.personId],
    );
    expect(rows.rows[0].c).not.toBeNull();
    expect(rows.rows[0].p).not.toBeNull();
    expect(rows.rows[0].n).toBe('Person');
    expect(existsSync(join(serverDir, 'blobs', org.orgId, due.sha))).toBe(false);
  }, 120_000);
});
