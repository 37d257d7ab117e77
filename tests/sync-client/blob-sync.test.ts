// Documents' blobs move with the app's own sync (issue 18): laptop A adds a document, and its
// `syncOnce` pushes the rows and then uploads the encrypted blob through tus (src-main/sync/blob-sync.ts
// → blob-upload.ts). A relay cuts the connection at 60 % of the blob and holds new ones: while cut, the
// server holds part of it and serves none of it; released, the same sync goes on from the server's
// offset (far less than the blob crosses the wire again). Laptop B, a second vault of the firm, then
// syncs and fetches the blob, checked against its SHA-256. Real vaults, real server.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, type Core } from '../../src-main/core/core';
import { addDocument, readDocumentBytes } from '../../src-main/documents';
import { login, startSyncLoop, syncOnce } from '../../src-main/sync';
import { newId } from '../../src-shared/ids';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { PASS, tempDir } from '../support/cli';
import { startRelay, type Relay } from '../support/cutting-relay';

const SIZE = 8 * 1024 * 1024;
let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let a: Core;
let b: Core;
let relay: Relay;
const caseId = newId();

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Blob sync' });
  const owner = await srv.login(org.email, org.password);
  const made = await srv.request('POST', '/v1/push', {
    token: owner.accessToken,
    body: {
      clientId: newId(),
      orgId: org.orgId,
      mutations: [{ mutationId: 1, op: 'insert', base: null, table: 'cases', id: caseId, fields: { case_number: 'BS-1', case_type: 't' } }],
    },
  });
  expect(made.body.results[0].status).toBe('applied');
  relay = await startRelay(Number(new URL(srv.url).port));
  a = await createVault({ dataDir: join(tempDir('cw-blobsync-a-'), 'vault'), passphrase: PASS });
  await login(a, { server: relay.url, email: org.email, password: org.password, deviceName: 'A' });
  b = await createVault({ dataDir: join(tempDir('cw-blobsync-b-'), 'vault'), passphrase: PASS });
  await login(b, { server: srv.url, email: org.email, password: org.password, deviceName: 'B' });
  await syncOnce(a);
}, 180_000);
afterAll(async () => {
  a?.close();
  b?.close();
  await relay?.close();
  await srv?.close();
});

describe("a document's blob goes through the app's sync, resumably", () => {
  it('a sync cut at 60 % of the blob goes on from the server offset; a second laptop fetches it whole', async () => {
    const bytes = randomBytes(SIZE);
    const doc = await addDocument(a, { caseId, filename: 'scan.bin', bytes, title: 'Scan' });
    const sha = doc.storage_key as string;
    const uploads = join(srv.dataDir, 'uploads');
    const partials = () => (existsSync(uploads) ? readdirSync(uploads).filter((f) => !f.endsWith('.json')) : []);

    const cut = relay.arm(Math.floor(SIZE * 0.6));
    const syncing = syncOnce(a);
    await cut;
    await new Promise((r) => setTimeout(r, 300));
    // Cut off: the rows are on the server, part of the blob is, and no device can read any of it.
    expect(partials().length).toBe(1);
    const kept = statSync(join(uploads, partials()[0]!)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(SIZE);
    expect(existsSync(join(srv.dataDir, 'blobs', org.orgId, sha))).toBe(false);
    const early = await syncOnce(b);
    expect(early.blobsFetched).toBe(0);
    expect(() => readDocumentBytes(b, doc.id as string)).toThrow(/not on this device yet/);

    relay.bytesUp = 0;
    relay.release();
    const summary = await syncing;
    expect(summary.blobsSent).toBe(1);
    // Resumed, not restarted: what crossed the relay after the cut is the rest, not the whole blob.
    expect(relay.bytesUp).toBeGreaterThan(SIZE * 0.2);
    expect(relay.bytesUp).toBeLessThan(SIZE * 0.6);
    expect(partials()).toEqual([]);

    // The second laptop fetches it at its next sync: the same ciphertext, under its address.
    const later = await syncOnce(b);
    expect(later.blobsFetched).toBe(1);
    const onB = readFileSync(join(b.dataDir, 'blobs', sha.slice(0, 2), `${sha}.cwb`));
    expect(createHash('sha256').update(onB).digest('hex')).toBe(sha);
    expect(onB.equals(readFileSync(join(a.dataDir, 'blobs', sha.slice(0, 2), `${sha}.cwb`)))).toBe(true);
    // Both open it: the file key reached B through the server (docs/keys.md), wrapped there by B's vault.
    expect(readDocumentBytes(a, doc.id as string).bytes.equals(bytes)).toBe(true);
    expect(readDocumentBytes(b, doc.id as string).bytes.equals(bytes)).toBe(true);
    // Nothing is sent twice: A's next sync uploads nothing, B's fetches nothing.
    expect((await syncOnce(a)).blobsSent).toBe(0);
    expect((await syncOnce(b)).blobsFetched).toBe(0);
  }, 180_000);

  it('a blob the server refuses waits without stopping the sync of rows', async () => {
    const doc = await addDocument(a, { caseId, filename: 'bad.bin', bytes: randomBytes(4096), title: 'Bad' });
    const sha = doc.storage_key as string;
    // The file under the blob's name no longer holds its bytes: the server refuses it at the end (400).
    writeFileSync(join(a.dataDir, 'blobs', sha.slice(0, 2), `${sha}.cwb`), randomBytes(4096));
    const s = await syncOnce(a);
    expect(s.applied).toBe(2); // the document and its version
    expect(s.blobsSent).toBe(0);
    expect(existsSync(join(srv.dataDir, 'blobs', org.orgId, sha))).toBe(false);
  }, 60_000);

  it('a live laptop that got the rows before the blob was whole fetches it once it is', async () => {
    const loop = startSyncLoop(b);
    try {
      const bytes = randomBytes(SIZE);
      const doc = await addDocument(a, { caseId, filename: 'later.bin', bytes, title: 'Later' });
      const sha = doc.storage_key as string;
      const onB = join(b.dataDir, 'blobs', sha.slice(0, 2), `${sha}.cwb`);
      const cut = relay.arm(Math.floor(SIZE * 0.6));
      const syncing = syncOnce(a);
      await cut;
      // B's live channel brings the rows; the blob is not on the server yet (404), so B has none of it.
      const rowsAt = Date.now();
      while (!b.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(doc.id) && Date.now() - rowsAt < 20_000) await new Promise((r) => setTimeout(r, 100));
      expect(b.db.prepare('SELECT 1 FROM documents WHERE id = ?').get(doc.id)).toBeTruthy();
      await new Promise((r) => setTimeout(r, 500));
      expect(existsSync(onB)).toBe(false);
      relay.release();
      expect((await syncing).blobsSent).toBe(1);
      // Nothing about rows changes now: only B's own retry can bring the blob.
      const sentAt = Date.now();
      while (!existsSync(onB) && Date.now() - sentAt < 40_000) await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(onB)).toBe(true);
      expect(createHash('sha256').update(readFileSync(onB)).digest('hex')).toBe(sha);
      console.log(`live laptop had the blob ${Date.now() - sentAt} ms after the upload finished`);
    } finally {
      await loop.stop();
    }
  }, 180_000);
});
