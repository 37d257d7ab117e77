// Resumable blob uploads (issue 18): a laptop (a real vault, logged in, its own upload code:
// src-main/sync/blob-upload.ts) uploads a blob through a TCP relay that cuts the connection when 60 %
// of the bytes have gone through. While it is cut, no device can read the blob (GET /v1/blobs 404) and
// nothing partial is under the blobs folder; then the upload resumes from the server's offset (not
// from zero) and the blob is served whole. The same when the laptop gives up at the cut and uploads
// again later (the upload's URL kept in the vault). Bytes that do not match their SHA-256 are refused
// and never served; someone else's upload cannot be read or appended to; PUT still works.
// UPLOAD_MB sets the size (default 8; `UPLOAD_MB=100` for the full size).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, type Core } from '../../src-main/core/core';
import { uploadBlob } from '../../src-main/sync/blob-upload';
import { login } from '../../src-main/sync/login';
import { newId } from '../../src-shared/ids';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { PASS, tempDir } from '../support/cli';
import { startRelay, type Relay } from '../support/cutting-relay';

const SIZE = Number(process.env.UPLOAD_MB ?? 8) * 1024 * 1024;
let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let owner: LoginResponse;
let relay: Relay;
let core: Core;
let caseId: string;
let mid = 0;

async function push(mutations: Array<Record<string, unknown>>) {
  const r = await srv.request('POST', '/v1/push', {
    token: owner.accessToken,
    body: { clientId: newId(), orgId: org.orgId, mutations: mutations.map((m) => ({ mutationId: ++mid, op: 'insert', base: null, ...m })) },
  });
  expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(mutations.map(() => 'applied'));
}

/** A random blob on the laptop's disk and a document of the firm naming it. */
async function blobOnLaptop(): Promise<{ file: string; sha: string; bytes: Buffer }> {
  const bytes = randomBytes(SIZE);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const file = join(core.dataDir, `${sha}.cwb`);
  writeFileSync(file, bytes);
  await push([
    {
      table: 'documents',
      id: newId(),
      fields: {
        case_id: caseId,
        document_type: 'scan',
        category: 'identity',
        title: 'Scan',
        filename: 'scan.pdf',
        original_filename: 'scan.pdf',
        file_size: SIZE,
        mime_type: 'application/pdf',
        storage_key: sha,
      },
    },
  ]);
  return { file, sha, bytes };
}

const served = (sha: string) => srv.request('GET', `/v1/blobs/${sha}?orgId=${org.orgId}`, { token: owner.accessToken });
const uploadsDir = () => join(srv.dataDir, 'uploads');
const partials = () => readdirSync(uploadsDir()).filter((f) => !f.endsWith('.json'));

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Uploads' });
  owner = await srv.login(org.email, org.password);
  relay = await startRelay(Number(new URL(srv.url).port));
  core = await createVault({ dataDir: join(tempDir('cw-upload-'), 'vault'), passphrase: PASS });
  await login(core, { server: relay.url, email: org.email, password: org.password });
  caseId = newId();
  await push([{ table: 'cases', id: caseId, fields: { case_number: 'UP-1', case_type: 't' } }]);
}, 120_000);
afterAll(async () => {
  core?.close();
  await relay?.close();
  await srv?.close();
});

describe('resumable blob uploads', () => {
  it('a connection cut at 60 % resumes from there; nothing partial is ever served', async () => {
    const { file, sha, bytes } = await blobOnLaptop();
    const cut = relay.arm(Math.floor(SIZE * 0.6));
    const done = uploadBlob(core, sha, file, { retryDelays: [100, 200, 400] });
    await cut;
    // Cut off and held: the server has part of it, and no device can read any of it.
    await new Promise((r) => setTimeout(r, 300));
    expect(partials().length).toBe(1);
    const kept = statSync(join(uploadsDir(), partials()[0]!)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(SIZE);
    expect((await served(sha)).status).toBe(404);
    expect(existsSync(join(srv.dataDir, 'blobs', org.orgId, sha))).toBe(false);
    relay.bytesUp = 0;
    relay.release();
    const result = await done;
    // It went on from the server's offset: the second PATCH started past half, and far less than the
    // whole blob crossed the wire again.
    expect(result.patchOffsets[0]).toBe(0);
    expect(result.patchOffsets.at(-1)!).toBeGreaterThanOrEqual(SIZE * 0.5);
    expect(relay.bytesUp).toBeLessThan(SIZE * 0.6);
    const got = await fetch(`${srv.url}/v1/blobs/${sha}?orgId=${org.orgId}`, { headers: { authorization: `Bearer ${owner.accessToken}` } });
    expect(got.status).toBe(200);
    expect(
      createHash('sha256')
        .update(Buffer.from(await got.arrayBuffer()))
        .digest('hex'),
    ).toBe(sha);
    expect(bytes.length).toBe(SIZE);
    expect(partials()).toEqual([]);
  }, 120_000);

  it('a laptop that gave up at the cut resumes the same upload later (its URL kept in the vault)', async () => {
    const { file, sha } = await blobOnLaptop();
    const cut = relay.arm(Math.floor(SIZE * 0.6));
    await expect(uploadBlob(core, sha, file, { retryDelays: [] })).rejects.toThrow(/cannot be reached/);
    await cut;
    expect(core.db.prepare("SELECT count(*) AS n FROM vault_meta WHERE key LIKE 'tus_upload:%'").get()).toEqual({ n: 1 });
    relay.release();
    relay.bytesUp = 0;
    const again = await uploadBlob(core, sha, file);
    expect(again.patchOffsets[0]!).toBeGreaterThanOrEqual(SIZE * 0.5);
    expect(relay.bytesUp).toBeLessThan(SIZE * 0.6);
    expect((await served(sha)).status).toBe(200);
    expect(core.db.prepare("SELECT count(*) AS n FROM vault_meta WHERE key LIKE 'tus_upload:%'").get()).toEqual({ n: 0 });
  }, 120_000);

  it('refuses bytes that do not match their name, blobs no visible document names, and others reaching an upload', async () => {
    // A document names `sha`, but the bytes sent are others: refused at the end, nothing served or left.
    const { sha } = await blobOnLaptop();
    const wrong = join(core.dataDir, 'wrong.cwb');
    writeFileSync(wrong, randomBytes(64 * 1024));
    await expect(uploadBlob(core, sha, wrong)).rejects.toThrow(/do not match/);
    expect((await served(sha)).status).toBe(404);
    expect(partials()).toEqual([]);
    // No document names this blob: refused at creation.
    const stray = randomBytes(1024);
    const straySha = createHash('sha256').update(stray).digest('hex');
    writeFileSync(wrong, stray);
    await expect(uploadBlob(core, straySha, wrong)).rejects.toThrow(/no document you may see/);

    // Another firm's user cannot read the offset of, or append to, this firm's upload.
    const named = await blobOnLaptop();
    const create = await fetch(`${srv.url}/v1/uploads?orgId=${org.orgId}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${owner.accessToken}`,
        'tus-resumable': '1.0.0',
        'upload-length': String(SIZE),
        'upload-metadata': `sha256 ${Buffer.from(named.sha).toString('base64')}`,
      },
    });
    expect(create.status).toBe(201);
    const location = create.headers.get('location')!;
    expect(location).toMatch(/^\/v1\/uploads\/[0-9a-f]{32}\?orgId=/);
    const other = await srv.createOrg({ name: 'Other firm' });
    const stranger = await srv.login(other.email, other.password);
    const strangerUrl = `${srv.url}${location.replace(org.orgId, other.orgId)}`;
    const head = await fetch(strangerUrl, { method: 'HEAD', headers: { authorization: `Bearer ${stranger.accessToken}`, 'tus-resumable': '1.0.0' } });
    expect(head.status).toBe(404);
    const patch = await fetch(strangerUrl, {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${stranger.accessToken}`,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      body: new Uint8Array(16),
    });
    expect(patch.status).toBe(404);
    // Nor with the firm's own org id in the URL (not a member) ...
    const foreign = await fetch(`${srv.url}${location}`, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${stranger.accessToken}`, 'tus-resumable': '1.0.0' },
    });
    expect(foreign.status).toBe(403);
    // ... and without a token, nothing.
    expect((await fetch(`${srv.url}${location}`, { method: 'HEAD', headers: { 'tus-resumable': '1.0.0' } })).status).toBe(401);
    // An upload's bytes are never served by the tus route either.
    expect((await fetch(`${srv.url}${location}`, { headers: { authorization: `Bearer ${owner.accessToken}` } })).status).toBe(404);
    // The owner's offset is still 0: nothing was appended.
    const mine = await fetch(`${srv.url}${location}`, { method: 'HEAD', headers: { authorization: `Bearer ${owner.accessToken}`, 'tus-resumable': '1.0.0' } });
    expect(mine.headers.get('upload-offset')).toBe('0');
    // PUT keeps working beside it.
    const put = await srv.request('PUT', `/v1/blobs/${named.sha}?orgId=${org.orgId}`, { token: owner.accessToken, body: named.bytes });
    expect(put.status).toBe(201);
  }, 120_000);
});
