// The sync server's keys rotate (issue 19): `casework-sync keys status|rotate` against a running server's
// database. Token signing keys: a new version signs new tokens; tokens of an older version keep working
// until the minimum is raised, then stop (401) while refresh tokens still give new ones. Blob keys: a
// new version re-wraps every stored file key in batches while the server serves, the retired version is
// deleted, and a new laptop still opens the document with the same bytes. Real server, Postgres, CLI.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, type Core } from '../../src-main/core/core';
import { addDocument, readDocumentBytes } from '../../src-main/documents';
import { login, syncOnce } from '../../src-main/sync';
import { newId } from '../../src-shared/ids';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { PASS, tempDir } from '../support/cli';

const BIN = join(import.meta.dirname, '..', '..', 'sync-server', 'bin', 'casework-sync.mjs');
const run = promisify(execFile);

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let pgc: pg.Client;
const laptops: Core[] = [];
const caseId = newId();

async function keys(...args: string[]): Promise<any> {
  const r = await run(process.execPath, [BIN, 'keys', ...args, '--data', srv.dataDir, '--json'], { encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(r.stdout);
}

async function laptop(name: string): Promise<Core> {
  const core = await createVault({ dataDir: join(tempDir(`cw-srvkeys-${name}-`), 'vault'), passphrase: PASS });
  laptops.push(core);
  await login(core, { server: srv.url, email: org.email, password: org.password, deviceName: name });
  return core;
}

const kv = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kv as number;
const read = (token: string) => srv.request('GET', `/v1/snapshot?table=cases&offset=-1&orgId=${org.orgId}`, { token });

async function until(what: () => Promise<boolean>, ms = 10_000): Promise<number> {
  const t0 = Date.now();
  while (!(await what())) {
    if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - t0;
}

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Rotating keys' });
  const owner = await srv.login(org.email, org.password);
  const made = await srv.request('POST', '/v1/push', {
    token: owner.accessToken,
    body: {
      clientId: newId(),
      orgId: org.orgId,
      mutations: [{ mutationId: 1, op: 'insert', base: null, table: 'cases', id: caseId, fields: { case_number: 'RK-1', case_type: 't' } }],
    },
  });
  expect(made.body.results[0].status).toBe('applied');
  pgc = new pg.Client({ connectionString: srv.databaseUrl });
  await pgc.connect();
}, 180_000);
afterAll(async () => {
  for (const l of laptops) l.close();
  await pgc?.end();
  await srv?.close();
});

describe('casework-sync keys', () => {
  it('status names every key by id and version, never a key', async () => {
    const s = await keys('status');
    expect(s.token).toMatchObject({ currentVersion: 1, minimumVersion: 1 });
    expect(s.token.currentKeyId).toMatch(/^tk_[0-9a-f]{16}$/);
    expect(s.blob).toMatchObject({ currentVersion: 1, minimumVersion: 1 });
    expect(s.blob.currentKeyId).toMatch(/^bk_[0-9a-f]{16}$/);
    expect(s.audit.keyId).toMatch(/^[0-9a-f]{16}$/);
    const secrets = (await pgc.query(`SELECT value FROM server_keys`)).rows.map((r) => String(r.value));
    const text = JSON.stringify(s);
    for (const v of secrets) for (const k of [v, ...(v.match(/[A-Za-z0-9+/]{43}=/g) ?? [])]) if (k.length >= 40) expect(text).not.toContain(k);
  }, 120_000);

  it('a new token key signs new tokens; raising the minimum makes tokens of a retired key stop working', async () => {
    const before = await srv.login(org.email, org.password);
    expect(kv(before.accessToken)).toBe(1);
    const r = await keys('rotate', '--kind', 'token');
    expect(r.token).toEqual({ from: 1, to: 2 });
    // Not retired: the old token keeps working; once version 2 is active, new tokens are signed with it.
    await new Promise((res) => setTimeout(res, 6000));
    expect((await read(before.accessToken)).status).toBe(200);
    const second = await srv.login(org.email, org.password);
    expect(kv(second.accessToken)).toBe(2);
    expect((await read(second.accessToken)).status).toBe(200);

    const retired = await keys('rotate', '--kind', 'token', '--retire');
    expect(retired.token).toEqual({ from: 2, to: 3, retiredBelow: 3 });
    // The running server re-reads its keys every 2 s: the tokens of versions 1 and 2 are refused.
    const ms = await until(async () => (await read(second.accessToken)).status === 401);
    console.log(`token of a retired key refused ${ms} ms after keys rotate --retire returned`);
    expect((await read(before.accessToken)).status).toBe(401);
    // A refresh token is not signed by these keys: the laptop gets a new access token of version 3.
    const refreshed = await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: second.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect(kv(refreshed.body.accessToken)).toBe(3);
    expect((await read(refreshed.body.accessToken)).status).toBe(200);
    // A token forged with a made-up version is refused like any other bad signature.
    const [body, sig] = (refreshed.body.accessToken as string).split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), kv: 99 })).toString('base64url');
    expect((await read(`${forged}.${sig}`)).status).toBe(401);
  }, 120_000);

  it('a new blob key re-wraps every stored file key; the retired one is deleted and documents still open on a new laptop', async () => {
    const a = await laptop('A');
    await syncOnce(a); // the case
    const docs: Array<{ id: string; bytes: Buffer }> = [];
    for (let i = 0; i < 3; i++) {
      const bytes = randomBytes(4096 + i);
      docs.push({ id: (await addDocument(a, { caseId, filename: `f${i}.bin`, bytes, title: `F${i}` })).id as string, bytes });
    }
    await syncOnce(a);
    const wrappings = async () => (await pgc.query('SELECT version_id, key_version, key_id, wrapped FROM file_keys ORDER BY version_id')).rows;
    const old = await wrappings();
    expect(old.map((r) => r.key_version)).toEqual([1, 1, 1]);

    const r = await keys('rotate', '--kind', 'blob', '--retire');
    expect(r.blob).toMatchObject({ from: 1, to: 2, rewrapped: 3, retiredBelow: 2 });
    const now = await wrappings();
    expect(now.map((x) => x.key_version)).toEqual([2, 2, 2]);
    now.forEach((x, i) => {
      expect(x.key_id).not.toBe(old[i].key_id);
      expect(x.wrapped).not.toBe(old[i].wrapped);
    });
    expect((await pgc.query(`SELECT name FROM server_keys WHERE name LIKE 'blob:%' ORDER BY name`)).rows.map((x) => x.name)).toEqual(['blob:min', 'blob:v2']);
    const s = await keys('status');
    expect(s.blob).toMatchObject({ currentVersion: 2, minimumVersion: 2, wrappedFileKeys: { '2': 3 } });

    // The server unwraps with version 2 (once it has re-read its keys): a new laptop opens every document.
    await new Promise((res) => setTimeout(res, 2500));
    const b = await laptop('B');
    await syncOnce(b);
    for (const d of docs) expect(readDocumentBytes(b, d.id).bytes.equals(d.bytes)).toBe(true);
    // A document added after the rotation is wrapped by version 2 from the start.
    const late = await addDocument(a, { caseId, filename: 'late.bin', bytes: randomBytes(100), title: 'Late' });
    await syncOnce(a);
    const lateVersion = a.db.prepare('SELECT id FROM document_versions WHERE document_id = ?').pluck().get(late.id) as string;
    expect((await pgc.query('SELECT key_version FROM file_keys WHERE version_id = $1', [lateVersion])).rows[0].key_version).toBe(2);
  }, 180_000);

  it('refuses an unknown kind with exit code 2 and changes nothing', async () => {
    const before = (await pgc.query('SELECT name, value FROM server_keys ORDER BY name')).rows;
    await expect(run(process.execPath, [BIN, 'keys', 'rotate', '--kind', 'everything', '--data', srv.dataDir], { encoding: 'utf8' })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--kind must be token, blob or all/),
    });
    expect((await pgc.query('SELECT name, value FROM server_keys ORDER BY name')).rows).toEqual(before);
  }, 60_000);
});
