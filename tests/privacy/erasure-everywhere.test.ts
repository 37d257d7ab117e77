/**
 * Issue 19: an erasure made on laptop A reaches the server and laptop B, and a vault restored from a
 * backup made before it applies it again. Real encrypted vaults, the real sync server on embedded
 * Postgres, its real blob store. Canaries (the person's name, passport number, email and their
 * document's text) are looked for afterwards in every file of both laptops' folders and in every page of
 * their databases decrypted with their own keys, in the server's blob store, and in every row of every
 * table of the server's database but its audit chain (whose push entries still carry values: see
 * docs/privacy.md); and the erased version's key is gone from the server (crypto-shredding).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, existsSync, readFileSync, statSync, chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, openCore, type Core } from '../../src-main/core/core';
import { write } from '../../src-main/core/writer';
import { addDocument, readDocumentBytes } from '../../src-main/documents';
import { erasePerson, syncErasures } from '../../src-main/privacy';
import { login, syncOnce } from '../../src-main/sync';
import { backupVault, restoreVault } from '../../src-main/app/backup';
import { unlockVaultKey } from '../../src-main/vault/vault';
import { newId } from '../../src-shared/ids';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { allFiles, PASS, tempDir } from '../support/cli';
import { joinedLaptop } from '../sync-client/support';

const FIRST = 'Ottoline';
const LAST = 'Brackwater';
const NAME = `${FIRST} ${LAST}`;
const PASSPORT = 'OB5529173';
const EMAIL = 'ottoline.brackwater@example.org';
const DOC_TEXT = 'canarytext umber-lapwing-quorum';
const CANARIES = [NAME, LAST, PASSPORT, EMAIL, DOC_TEXT];

const holds = (bytes: Buffer, s: string) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le'));
const found = (bytes: Buffer) => CANARIES.filter((c) => holds(bytes, c));

/** The database of a closed vault with every page decrypted by its own key (a copy). */
async function decryptedDatabase(data: string): Promise<Buffer> {
  const { file, key } = await unlockVaultKey(data, { passphrase: PASS });
  const wal = join(data, `${file.database}-wal`);
  if (existsSync(wal)) expect(statSync(wal).size).toBe(0);
  const copy = join(tempDir('cw-canary-'), 'plain.db');
  copyFileSync(join(data, file.database), copy);
  const db = new Database(copy);
  db.pragma(`cipher='${file.cipher}'`);
  db.pragma(`key="x'${key.toString('hex')}'"`);
  db.pragma('journal_mode = DELETE');
  db.pragma("rekey=''");
  db.close();
  return readFileSync(copy);
}

/** Every file of a vault folder, raw, and its database decrypted: the canaries found, by where. */
async function canariesIn(data: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const f of allFiles(data)) {
    const hit = found(readFileSync(f));
    if (hit.length) out[f] = hit;
  }
  const plain = found(await decryptedDatabase(data));
  if (plain.length) out['decrypted database'] = plain;
  return out;
}

let srv: TestServer;
let serverDir: string;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let pgc: pg.Client;
const open: Core[] = [];

async function laptop(name: string): Promise<Core> {
  const core = await createVault({ dataDir: join(tempDir(`cw-erase-${name}-`), 'vault'), passphrase: PASS });
  open.push(core);
  await login(core, { server: srv.url, email: org.email, password: org.password, deviceName: name });
  return core;
}

/** Every row of every table of the server's database (a logical dump), but the audit chain's. */
async function serverDump(): Promise<Buffer> {
  const tables = (await pgc.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.tablename as string);
  const parts: string[] = [];
  for (const t of tables) {
    if (t.startsWith('server_audit')) continue;
    const rows = await pgc.query(`SELECT t::text AS r FROM "${t}" t`);
    for (const r of rows.rows) parts.push(`${t}: ${r.r as string}`);
  }
  return Buffer.from(parts.join('\n'));
}

beforeAll(async () => {
  serverDir = mkdtempSync(join(tmpdir(), 'cw-erase-srv-'));
  chmodSync(serverDir, 0o755); // initdb runs as the postgres user when the tests run as root
  srv = await startTestServer({ dataDir: serverDir, log: (e) => e.level === 'error' && console.error('server:', JSON.stringify(e)) });
  org = await srv.createOrg({ name: 'Erasure everywhere' });
  pgc = new pg.Client({ connectionString: srv.databaseUrl });
  await pgc.connect();
}, 180_000);
afterAll(async () => {
  for (const c of open) if (c.db.open) c.close();
  await pgc?.end();
  await srv?.close();
});

describe('erasure everywhere', () => {
  it('reaches the server (rows, file key, blob) and laptop B (rows, file key, blob, index), leaving no canary; a restore of an older backup applies it again', async () => {
    const a = await laptop('A');
    const b = await laptop('B');
    const caseId = newId();
    write(a, { table: 'cases', op: 'insert', id: caseId, fields: { case_number: 'ER-1', case_type: 'EXPRESS_ENTRY_FSW' } });
    const personId = newId();
    write(a, {
      table: 'persons',
      op: 'insert',
      id: personId,
      fields: {
        case_id: caseId,
        first_name: FIRST,
        last_name: LAST,
        relationship_to_primary: 'spouse',
        email: EMAIL,
        passport_info: { number: PASSPORT, country: 'GBR' },
      },
    });
    const keeper = newId();
    write(a, {
      table: 'persons',
      op: 'insert',
      id: keeper,
      fields: { case_id: caseId, first_name: 'Kept', last_name: 'Client', relationship_to_primary: 'primary' },
    });
    const doc = await addDocument(a, {
      caseId,
      personId,
      filename: 'letter.txt',
      bytes: Buffer.from(`Letter for ${NAME}, passport ${PASSPORT}: ${DOC_TEXT}\n`),
    });
    const versionId = (doc.version as { id: string }).id;
    const sha = (doc.version as { storage_key: string }).storage_key;
    await syncOnce(a);
    await syncOnce(b);
    expect(readDocumentBytes(b, doc.id as string).bytes.toString()).toContain(DOC_TEXT);
    const blobOnServer = join(serverDir, 'blobs', org.orgId, sha);
    expect(existsSync(blobOnServer)).toBe(true);
    expect((await pgc.query('SELECT 1 FROM file_keys WHERE version_id = $1', [versionId])).rowCount).toBe(1);
    // The canaries are there to be found before (the document's text never: the server holds ciphertext).
    expect(found(await serverDump())).toEqual([LAST, PASSPORT, EMAIL]);
    // B has the person in its search index.
    expect(b.db.prepare("SELECT count(*) FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'").pluck().get()).toBeGreaterThan(0);

    // A backup of A made before the erasure.
    const backup = join(tempDir('cw-erase-backup-'), 'before.cwbackup');
    await backupVault(a, backup, PASS);

    // A erases the person; its next sync pushes the rows, then the notice.
    const erased = erasePerson(a, personId, { reason: 'the person asked (art. 17)' });
    expect(erased.notice).toMatchObject({ erasureId: erased.erasureId, personId, mode: 'erase', versionIds: [versionId], storageKeys: [sha] });
    await syncOnce(a);
    expect(await syncErasures(a)).toEqual({ sent: 1, waiting: 0, applied: 0 });
    // The server: blob row and file gone, its wrapping of the file key dropped, no canary in any table.
    expect(existsSync(blobOnServer)).toBe(false);
    expect((await pgc.query('SELECT 1 FROM blobs WHERE sha256 = $1', [sha])).rowCount).toBe(0);
    expect((await pgc.query('SELECT 1 FROM file_keys WHERE version_id = $1 AND key_version > 0', [versionId])).rowCount).toBe(0);
    expect(found(await serverDump())).toEqual([]);
    for (const f of allFiles(join(serverDir, 'blobs'))) expect(found(readFileSync(f))).toEqual([]);
    // The erasure is in the server's audit chain, without the data.
    const logged = await pgc.query("SELECT metadata::text AS m FROM server_audit WHERE event_type = 'person_erased'");
    expect(logged.rowCount).toBe(1);
    expect(found(Buffer.from(logged.rows[0].m as string))).toEqual([]);
    // Sending it again changes nothing (idempotent); it is not sent twice by A.
    expect(await syncErasures(a)).toEqual({ sent: 0, waiting: 0, applied: 0 });

    // B's next sync: the rows arrive erased, the log makes B purge its key, blob and index.
    const bBlob = join(b.dataDir, 'blobs', sha.slice(0, 2), `${sha}.cwb`);
    expect(existsSync(bBlob)).toBe(true);
    await syncOnce(b);
    expect(await syncErasures(b)).toEqual({ sent: 0, waiting: 0, applied: 1 });
    expect(existsSync(bBlob)).toBe(false);
    expect(b.db.prepare('SELECT file_key FROM document_versions WHERE id = ?').pluck().get(versionId) ?? null).toBeNull();
    expect(b.db.prepare('SELECT first_name FROM persons WHERE id = ?').pluck().get(keeper)).toBe('Kept');
    expect(await syncErasures(b)).toEqual({ sent: 0, waiting: 0, applied: 0 });

    const bDir = b.dataDir;
    const aDir = a.dataDir;
    a.close();
    b.close();
    expect(await canariesIn(aDir)).toEqual({});
    expect(await canariesIn(bDir)).toEqual({});

    // A backup from before the erasure, restored: its first sync applies the erasure log again.
    const restoredDir = join(tempDir('cw-erase-restored-'), 'vault');
    await restoreVault(backup, restoredDir, PASS);
    const r = await openCore({ dataDir: restoredDir, passphrase: PASS });
    open.push(r);
    expect(r.db.prepare('SELECT first_name FROM persons WHERE id = ?').pluck().get(personId)).toBe(FIRST);
    await login(r, { server: srv.url, email: org.email, password: org.password, deviceName: 'restored' });
    await syncOnce(r);
    expect((await syncErasures(r)).applied).toBe(1);
    expect(r.db.prepare('SELECT count(*) FROM persons WHERE id = ? AND deleted_at IS NULL').pluck().get(personId)).toBe(0);
    expect(existsSync(join(restoredDir, 'blobs', sha.slice(0, 2), `${sha}.cwb`))).toBe(false);
    r.close();
    expect(await canariesIn(restoredDir)).toEqual({});
  }, 300_000);

  it('refuses a notice from a non-manager, a malformed one, and one whose rows the server still holds, changing nothing', async () => {
    const owner = await srv.login(org.email, org.password);
    const staff = await srv.addUser(owner, org.orgId, 'consultant');
    const staffLogin = await srv.login(staff.email, staff.password);
    const caseId = newId();
    const personId = newId();
    const made = await srv.request('POST', '/v1/push', {
      token: owner.accessToken,
      body: {
        clientId: newId(),
        orgId: org.orgId,
        mutations: [
          { mutationId: 1, op: 'insert', base: null, table: 'cases', id: caseId, fields: { case_number: 'ER-2', case_type: 't' } },
          { mutationId: 2, op: 'insert', base: null, table: 'persons', id: personId, fields: { case_id: caseId, first_name: 'Still', last_name: 'Here' } },
        ],
      },
    });
    expect(made.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied']);
    const notice = { erasureId: newId(), personId, mode: 'erase', rowIds: [personId], versionIds: [], storageKeys: [] };
    const url = `/v1/orgs/${org.orgId}/erasures`;
    const before = (await pgc.query("SELECT count(*)::int AS n FROM server_audit_pending WHERE event_type = 'person_erased'")).rows[0].n;
    expect((await srv.request('POST', url, { token: staffLogin.accessToken, body: notice })).status).toBe(403);
    expect((await srv.request('POST', url, { token: owner.accessToken, body: { ...notice, storageKeys: ['not-a-hash'] } })).status).toBe(400);
    expect((await srv.request('POST', url, { token: owner.accessToken, body: { ...notice, mode: 'forget' } })).status).toBe(400);
    const early = await srv.request('POST', url, { token: owner.accessToken, body: notice });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/push the erasure/);
    expect((await pgc.query("SELECT count(*)::int AS n FROM server_audit_pending WHERE event_type = 'person_erased'")).rows[0].n).toBe(before);
    expect((await pgc.query('SELECT first_name FROM persons WHERE id = $1', [personId])).rows[0].first_name).toBe('Still');
    // Any member reads the log; a stranger's token does not.
    expect((await srv.request('GET', `${url}?after=0`, { token: staffLogin.accessToken })).status).toBe(200);
    expect((await srv.request('GET', `${url}?after=-1`, { token: staffLogin.accessToken })).status).toBe(400);
    const other = await srv.createOrg({ name: 'Stranger' });
    const stranger = await srv.login(other.email, other.password);
    expect((await srv.request('GET', `${url}?after=0`, { token: stranger.accessToken })).status).toBe(403);
  }, 120_000);

  it('from the command line: casework person erase, then casework sync --once sends the notice and the server shreds', async () => {
    const l = await joinedLaptop(srv.url, org.email, org.password, 'cli');
    const caseId = (await l.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Cli Primary'])).id as string;
    const personId = (
      await l.json(['person', 'add', '--case', caseId, '--json', JSON.stringify({ first_name: 'Cli', last_name: LAST, relationship_to_primary: 'spouse' })])
    ).id as string;
    expect((await l.sync()).erasures).toEqual({ sent: 0, waiting: 0, applied: 1 }); // the first test's erasure, from the log
    const erased = await l.json(['person', 'erase', personId, '--reason', 'asked in writing']);
    const s = await l.sync();
    expect(s.erasures).toEqual({ sent: 1, waiting: 0, applied: 0 });
    const logged = await pgc.query("SELECT 1 FROM server_audit WHERE event_type = 'person_erased' AND metadata->>'erasureId' = $1", [erased.erasureId]);
    expect(logged.rowCount).toBe(1);
    expect((await pgc.query('SELECT deleted_at FROM persons WHERE id = $1', [personId])).rows[0].deleted_at).not.toBeNull();
  }, 180_000);
});
