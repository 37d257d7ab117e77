// The server's keys with two instances on one Postgres (issue 19 with issue 18's scale-out): a file key
// one instance wrapped is unwrapped by the other for a laptop signed in there (the same key reaches it); a token one instance
// signed is accepted by the other; after `casework-sync keys rotate --retire` the retired token is
// refused by both and the re-wrapped file keys still open through the second instance. Real processes.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, type Core } from '../../src-main/core/core';
import { addDocument } from '../../src-main/documents';
import { unwrapFileKey } from '../../src-main/core/file-keys';
import { login, syncOnce } from '../../src-main/sync';
import { newId } from '../../src-shared/ids';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { AUDIT_KEY_FILE } from '../../sync-server/src/audit-key';
import { startInstance, type Instance } from '../support/instances';
import { PASS, tempDir } from '../support/cli';

const BIN = join(import.meta.dirname, '..', '..', 'sync-server', 'bin', 'casework-sync.mjs');
const run = promisify(execFile);

let srv: TestServer;
let two: Instance;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
const laptops: Core[] = [];
/** The document's file key as this laptop holds it (unwrapped with its own vault). Blob bytes are not
 * compared here: upload storage is per instance (docs/sync-scale-out.md), keys are in Postgres. */
const fileKey = (l: Core, docId: string) =>
  unwrapFileKey(l, l.db.prepare('SELECT file_key FROM document_versions WHERE document_id = ?').pluck().get(docId) as string).toString('hex');
const caseId = newId();

async function laptop(name: string, server: string): Promise<Core> {
  const core = await createVault({ dataDir: join(tempDir(`cw-keys2-${name}-`), 'vault'), passphrase: PASS });
  laptops.push(core);
  await login(core, { server, email: org.email, password: org.password, deviceName: name });
  return core;
}
const kv = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kv as number;
const read = async (base: string, token: string) =>
  (await fetch(`${base}/v1/snapshot?table=cases&offset=-1&orgId=${org.orgId}`, { headers: { authorization: `Bearer ${token}` } })).status;
const loginAt = async (base: string) =>
  (await (
    await fetch(`${base}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: org.email, password: org.password, deviceName: 'probe' }),
    })
  ).json()) as { accessToken: string };

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Two instances' });
  const owner = await srv.login(org.email, org.password);
  const made = await srv.request('POST', '/v1/push', {
    token: owner.accessToken,
    body: {
      clientId: newId(),
      orgId: org.orgId,
      mutations: [{ mutationId: 1, op: 'insert', base: null, table: 'cases', id: caseId, fields: { case_number: 'TI-1', case_type: 't' } }],
    },
  });
  expect(made.body.results[0].status).toBe('applied');
  two = await startInstance(srv.databaseUrl, join(srv.dataDir, AUDIT_KEY_FILE));
}, 180_000);
afterAll(async () => {
  for (const l of laptops) l.close();
  await two?.stop();
  await srv?.close();
});

describe('keys across two instances', () => {
  it('a key wrapped by one instance opens through the other, before and after a retiring rotation of both kinds', async () => {
    const a = await laptop('A', srv.url);
    await syncOnce(a);
    const bytes = randomBytes(5000);
    const doc = await addDocument(a, { caseId, filename: 'x.bin', bytes, title: 'X' });
    await syncOnce(a);
    const b = await laptop('B', two.url);
    await syncOnce(b);
    expect(fileKey(b, doc.id as string)).toBe(fileKey(a, doc.id as string));

    const t1 = (await loginAt(srv.url)).accessToken;
    expect(await read(two.url, t1)).toBe(200);

    const out = await run(process.execPath, [BIN, 'keys', 'rotate', '--retire', '--json', '--data', srv.dataDir], { encoding: 'utf8', timeout: 120_000 });
    const r = JSON.parse(out.stdout);
    expect(r.token).toMatchObject({ from: 1, to: 2, retiredBelow: 2 });
    expect(r.blob).toMatchObject({ from: 1, to: 2, retiredBelow: 2 });
    expect(r.blob.rewrapped).toBeGreaterThanOrEqual(1);
    // Both instances re-read their keys within 2 s: the retired token is refused by both.
    const t0 = Date.now();
    while ((await read(two.url, t1)) !== 401 && Date.now() - t0 < 10_000) await new Promise((res) => setTimeout(res, 100));
    expect(await read(two.url, t1)).toBe(401);
    expect(await read(srv.url, t1)).toBe(401);
    const t2 = (await loginAt(two.url)).accessToken;
    expect(kv(t2)).toBe(2);
    expect(await read(srv.url, t2)).toBe(200);

    const c = await laptop('C', two.url);
    await syncOnce(c);
    expect(fileKey(c, doc.id as string)).toBe(fileKey(a, doc.id as string));
  }, 240_000);
});
