// A document added on one laptop opens on every laptop of the firm that may read it (issues 18, 19).
// Each laptop wraps a file key with its own vault key, so the laptop's wrapping, which the server used to
// keep and send, opened nothing on a second laptop ("unable to authenticate data"). Now the key travels
// as itself inside the signed-in push, the server keeps it wrapped by its blob key (file_keys, never the
// row or the audit log), and a page gives it back only to a device the policy lets read the document;
// that laptop wraps it with its own key on arrival. Real vaults, real server, real Postgres.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, type Core } from '../../src-main/core/core';
import { addDocument, readDocumentBytes } from '../../src-main/documents';
import { login, syncOnce } from '../../src-main/sync';
import { newId } from '../../src-shared/ids';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { PASS, tempDir } from '../support/cli';

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let owner: Awaited<ReturnType<TestServer['login']>>;
let pgc: pg.Client;
const laptops: Core[] = [];
const caseId = newId();

async function laptop(name: string, email = org.email, password = org.password): Promise<Core> {
  const core = await createVault({ dataDir: join(tempDir(`cw-doc2-${name}-`), 'vault'), passphrase: PASS });
  laptops.push(core);
  await login(core, { server: srv.url, email, password, deviceName: name });
  return core;
}

const push = (token: string, mutations: unknown[]) => srv.request('POST', '/v1/push', { token, body: { clientId: newId(), orgId: org.orgId, mutations } });

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Two laptops' });
  owner = await srv.login(org.email, org.password);
  const made = await push(owner.accessToken, [
    { mutationId: 1, op: 'insert', base: null, table: 'cases', id: caseId, fields: { case_number: 'DL-1', case_type: 't' } },
  ]);
  expect(made.body.results[0].status).toBe('applied');
  pgc = new pg.Client({ connectionString: srv.databaseUrl });
  await pgc.connect();
}, 180_000);
afterAll(async () => {
  for (const l of laptops) l.close();
  await pgc?.end();
  await srv?.close();
});

describe('a document added on laptop A', () => {
  it('opens with the same bytes on laptop B (catch-up) and on laptop C (first sync), and the server holds no plain key', async () => {
    const a = await laptop('A');
    const b = await laptop('B');
    await syncOnce(a);
    await syncOnce(b); // B is synced before the document exists: it arrives in B's catch-up
    const bytes = randomBytes(64 * 1024);
    const doc = await addDocument(a, { caseId, filename: 'passport.bin', bytes, title: 'Passport' });
    const s = await syncOnce(a);
    expect(s.blobsSent).toBe(1);

    expect((await syncOnce(b)).blobsFetched).toBe(1);
    expect(readDocumentBytes(b, doc.id as string).bytes.equals(bytes)).toBe(true);
    const c = await laptop('C'); // a laptop whose first sync comes after the document (the snapshot path)
    await syncOnce(c);
    expect(readDocumentBytes(c, doc.id as string).bytes.equals(bytes)).toBe(true);
    // Each laptop keeps the key wrapped by its own vault: three different wrappings of one key.
    const stored = [a, b, c].map((l) => l.db.prepare('SELECT file_key FROM document_versions WHERE document_id = ?').pluck().get(doc.id) as string);
    expect(new Set(stored).size).toBe(3);
    for (const w of stored) expect(w).not.toMatch(/^raw:/);

    // On the server: the row has no key; file_keys holds a wrapping by blob key v1; the key itself (as
    // it travelled) is in no row of document_versions, file_keys or the audit log.
    const versionId = a.db.prepare('SELECT id FROM document_versions WHERE document_id = ?').pluck().get(doc.id) as string;
    expect((await pgc.query('SELECT file_key FROM document_versions WHERE id = $1', [versionId])).rows[0].file_key).toBeNull();
    const fk = (await pgc.query('SELECT key_version, key_id, wrapped FROM file_keys WHERE version_id = $1', [versionId])).rows;
    expect(fk).toHaveLength(1);
    expect(fk[0].key_version).toBe(1);
    expect(fk[0].key_id).toMatch(/^bk_[0-9a-f]{16}$/);
    const plain = a.db.prepare('SELECT file_key FROM document_versions WHERE id = ?').pluck().get(versionId) as string;
    const { unwrapFileKey } = await import('../../src-main/core/file-keys');
    const keyB64 = unwrapFileKey(a, plain).toString('base64');
    // The shape path (Electric messages, what a live laptop reads) carries the same key as the snapshot did.
    const shape = await srv.request('GET', `/v1/shape?table=document_versions&offset=-1&orgId=${org.orgId}`, { token: owner.accessToken });
    expect(shape.status).toBe(200);
    const msg = (shape.body as Array<{ value?: Record<string, string | null> }>).find((x) => x.value?.id === versionId);
    expect(msg?.value?.file_key).toBe(`raw:${keyB64}`);
    for (const [table, col] of [
      ['document_versions', 'd'],
      ['file_keys', 'd'],
      ['server_audit', 'd'],
    ] as const) {
      const hits = await pgc.query(`SELECT count(*)::int AS n FROM ${table} ${col} WHERE ${col}::text LIKE $1`, [`%${keyB64}%`]);
      expect(hits.rows[0].n, table).toBe(0);
    }
  }, 180_000);

  it('gives no key (no row) to a laptop whose user may not read the document: an admin_only document on a manager’s laptop', async () => {
    const a = laptops[0]!;
    const doc = await addDocument(a, { caseId, filename: 'board.bin', bytes: randomBytes(2048), title: 'Board minutes' });
    await syncOnce(a);
    const hide = await push(owner.accessToken, [
      { mutationId: 1, op: 'update', base: null, table: 'documents', id: doc.id, fields: { access_level: 'admin_only' } },
    ]);
    expect(hide.body.results[0].status).toBe('applied');
    const mgr = await srv.addUser(owner, org.orgId, 'manager');
    const m = await laptop('M', mgr.email, mgr.password);
    await syncOnce(m);
    // The manager reads the case's other document and its key, but nothing of the admin_only one.
    expect(m.db.prepare('SELECT count(*) FROM document_versions WHERE document_id = ?').pluck().get(doc.id)).toBe(0);
    expect(() => readDocumentBytes(m, doc.id as string)).toThrow();
    const first = laptops[0]!.db.prepare("SELECT id FROM documents WHERE title = 'Passport'").pluck().get() as string;
    expect(readDocumentBytes(m, first).bytes.length).toBe(64 * 1024);
  }, 180_000);

  it('refuses a pushed file key that is not a key, and forgets a key a laptop destroys (crypto-shredding)', async () => {
    const a = laptops[0]!;
    const doc = await addDocument(a, { caseId, filename: 'erase.bin', bytes: randomBytes(1024), title: 'To erase' });
    await syncOnce(a);
    const versionId = a.db.prepare('SELECT id FROM document_versions WHERE document_id = ?').pluck().get(doc.id) as string;
    const bad = await push(owner.accessToken, [
      { mutationId: 1, op: 'update', base: null, table: 'document_versions', id: versionId, fields: { file_key: 'a.b.c' } },
    ]);
    expect(bad.body.results[0].status).toBe('rejected');
    expect(bad.body.results[0].reason).toMatch(/file_key must be the file key itself/);
    expect((await pgc.query('SELECT count(*)::int AS n FROM file_keys WHERE version_id = $1', [versionId])).rows[0].n).toBe(1);

    const shred = await push(owner.accessToken, [
      { mutationId: 1, op: 'update', base: null, table: 'document_versions', id: versionId, fields: { file_key: null } },
    ]);
    expect(shred.body.results[0].status).toBe('applied');
    // Gone, and remembered as destroyed (version 0, no wrapping), so no later offer brings it back.
    expect((await pgc.query('SELECT key_version, wrapped FROM file_keys WHERE version_id = $1', [versionId])).rows).toEqual([{ key_version: 0, wrapped: '' }]);
    // Recorded, without any key (chained into server_audit just after the push's commit).
    const recorded = () =>
      pgc.query(
        `SELECT (SELECT count(*) FROM server_audit WHERE event_type = 'document.file_key_destroyed' AND record_id = $1)
          + (SELECT count(*) FROM server_audit_pending WHERE event_type = 'document.file_key_destroyed' AND record_id = $1) AS n`,
        [versionId],
      );
    expect(Number((await recorded()).rows[0].n)).toBe(1);
    // A laptop that syncs now receives the version without a key: the document does not open there.
    const d = await laptop('D');
    await syncOnce(d);
    expect(d.db.prepare('SELECT file_key FROM document_versions WHERE id = ?').pluck().get(versionId)).toBeNull();
    expect(() => readDocumentBytes(d, doc.id as string)).toThrow();
  }, 180_000);

  it('a document from before keys travelled (no server key) opens on the other laptops once its laptop has offered its keys', async () => {
    const a = laptops[0]!;
    const bytes = randomBytes(3000);
    const doc = await addDocument(a, { caseId, filename: 'old.bin', bytes, title: 'From before' });
    await syncOnce(a);
    const versionId = a.db.prepare('SELECT id FROM document_versions WHERE document_id = ?').pluck().get(doc.id) as string;
    // As on a server of before: no key for the version (servers kept the adding laptop's own wrapping,
    // which migration 0029 cleared), and laptop A has not offered its keys yet.
    await pgc.query('DELETE FROM file_keys WHERE version_id = $1', [versionId]);
    a.db.prepare("DELETE FROM vault_meta WHERE key LIKE 'file_keys_offered:%'").run();
    const e = await laptop('E');
    await syncOnce(e);
    expect(() => readDocumentBytes(e, doc.id as string)).toThrow();

    // A's next sync offers its keys; the server keeps the one it lacked (only), and E's next sync has it.
    const stranger = await srv.request('POST', '/v1/file-keys', {
      token: owner.accessToken,
      body: { orgId: org.orgId, keys: [{ versionId, key: 'not a key' }] },
    });
    expect(stranger.status).toBe(400);
    const before = (await pgc.query('SELECT version_id, wrapped FROM file_keys ORDER BY version_id')).rows;
    await syncOnce(a);
    const after = (await pgc.query('SELECT version_id, wrapped FROM file_keys ORDER BY version_id')).rows;
    expect(after.length).toBe(before.length + 1);
    for (const r of before) expect(after).toContainEqual(r); // the keys it had are untouched
    await syncOnce(e);
    expect(readDocumentBytes(e, doc.id as string).bytes.equals(bytes)).toBe(true);
  }, 180_000);
});
