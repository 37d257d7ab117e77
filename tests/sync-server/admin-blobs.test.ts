// Admin routes and blobs over real HTTP: a suspended member loses shapes and push at once, a role
// change turns into must-refetch, admins cannot make owners, device reports show pushes; blobs are
// checked for hash, size, access, and never partially stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../../src-shared/ids';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import type { LoginResponse } from '../../src-shared/sync/protocol';

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let owner: LoginResponse;

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Admin Co' });
  owner = await srv.login(org.email, org.password);
});
afterAll(async () => srv?.close());

describe('admin routes', () => {
  it('suspending a member cuts their shapes and pushes; a role change invalidates their shape handle', async () => {
    const u = await srv.addUser(owner, org.orgId, 'consultant');
    const ul = await srv.login(u.email, u.password);
    const first = await srv.request('GET', '/v1/shape?table=cases&offset=-1', { token: ul.accessToken });
    expect(first.status).toBe(200);
    const handle = first.headers.get('electric-handle')!;
    const off = first.headers.get('electric-offset')!;
    const promote = await srv.request('PATCH', `/v1/orgs/${org.orgId}/memberships/${u.userId}`, { token: owner.accessToken, body: { role: 'admin' } });
    expect(promote.status).toBe(200);
    expect((await srv.request('GET', `/v1/shape?table=cases&offset=${off}&handle=${handle}`, { token: ul.accessToken })).status).toBe(409);
    const suspend = await srv.request('PATCH', `/v1/orgs/${org.orgId}/memberships/${u.userId}`, { token: owner.accessToken, body: { status: 'suspended' } });
    expect(suspend.status).toBe(200);
    expect((await srv.request('GET', '/v1/shape?table=cases&offset=-1', { token: ul.accessToken })).status).toBe(403);
    const p = await srv.request('POST', '/v1/push', {
      token: ul.accessToken,
      body: {
        clientId: newId(),
        orgId: org.orgId,
        mutations: [{ mutationId: 1, table: 'cases', op: 'insert', id: newId(), fields: { case_number: 'S-1', case_type: 't' }, base: null }],
      },
    });
    expect(p.status).toBe(403);
  });

  it('refuses admins making owners, bad bodies, and non-managers; shows device reports', async () => {
    const a = await srv.addUser(owner, org.orgId, 'admin');
    const al = await srv.login(a.email, a.password);
    const r = await srv.request('POST', `/v1/orgs/${org.orgId}/users`, {
      token: al.accessToken,
      body: { email: 'o2@example.test', password: 'long-enough-1', firstName: 'O', lastName: 'T', role: 'owner' },
    });
    expect(r.status).toBe(403);
    expect(
      (await srv.request('PATCH', `/v1/orgs/${org.orgId}/memberships/${org.userId}`, { token: al.accessToken, body: { status: 'suspended' } })).status,
    ).toBe(403);
    expect((await srv.request('POST', `/v1/orgs/${org.orgId}/users`, { token: owner.accessToken, body: { email: 'x', role: 'staff' } })).status).toBe(400);
    expect((await srv.request('PATCH', `/v1/orgs/${org.orgId}/memberships/${org.userId}`, { token: owner.accessToken, body: {} })).status).toBe(400);
    expect((await srv.request('GET', `/v1/orgs/not-a-uuid/devices`, { token: owner.accessToken })).status).toBe(400);
    const s = await srv.addUser(owner, org.orgId, 'staff');
    const sl = await srv.login(s.email, s.password);
    expect((await srv.request('POST', `/v1/orgs/${org.orgId}/devices/${sl.deviceId}/revoke`, { token: sl.accessToken })).status).toBe(403);
    await srv.request('POST', '/v1/push', {
      token: owner.accessToken,
      body: { clientId: newId(), orgId: org.orgId, mutations: [], appVersion: '1.2.3', pendingCount: 7 },
    });
    const d = await srv.request('GET', `/v1/orgs/${org.orgId}/devices`, { token: owner.accessToken });
    const mine = d.body.devices.find((x: any) => x.deviceId === owner.deviceId);
    expect(mine).toMatchObject({ appVersion: '1.2.3', pendingCount: 7 });
    expect(mine.lastSyncAt).not.toBeNull();
  });
});

describe('blobs', () => {
  it('stores a blob a visible document names, checks hash, size and access, and leaves no partial file', async () => {
    const bytes = Buffer.from('encrypted bytes of a passport scan');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const q = `?orgId=${org.orgId}`;
    // No document names it yet: refused.
    expect((await srv.request('PUT', `/v1/blobs/${sha}${q}`, { token: owner.accessToken, body: bytes })).status).toBe(403);
    const caseId = newId();
    const push = await srv.request('POST', '/v1/push', {
      token: owner.accessToken,
      body: {
        clientId: newId(),
        orgId: org.orgId,
        mutations: [
          { mutationId: 1, table: 'cases', op: 'insert', id: caseId, fields: { case_number: 'B-1', case_type: 't' }, base: null },
          {
            mutationId: 2,
            table: 'documents',
            op: 'insert',
            id: newId(),
            fields: {
              case_id: caseId,
              document_type: 'passport',
              category: 'identity',
              title: 'P',
              filename: 'p.bin',
              original_filename: 'p.pdf',
              mime_type: 'application/pdf',
              file_size: bytes.length,
              storage_key: sha,
            },
            base: null,
          },
        ],
      },
    });
    expect(push.body.results.map((r: any) => r.status)).toEqual(['applied', 'applied']);
    const wrong = Buffer.from('other bytes');
    expect((await srv.request('PUT', `/v1/blobs/${sha}${q}`, { token: owner.accessToken, body: wrong })).status).toBe(400);
    expect((await srv.request('PUT', `/v1/blobs/NOT-A-HASH${q}`, { token: owner.accessToken, body: bytes })).status).toBe(400);
    expect((await srv.request('PUT', `/v1/blobs/${sha}${q}`, { token: owner.accessToken, body: { json: true } })).status).toBeGreaterThanOrEqual(400);
    const put = await srv.request('PUT', `/v1/blobs/${sha}${q}`, { token: owner.accessToken, body: bytes });
    expect(put.status).toBe(201);
    expect((await srv.request('PUT', `/v1/blobs/${sha}${q}`, { token: owner.accessToken, body: bytes })).status).toBe(200);
    const got = await fetch(`${srv.url}/v1/blobs/${sha}${q}`, { headers: { authorization: `Bearer ${owner.accessToken}` } });
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    // Oversized: refused before anything is written.
    const big = Buffer.alloc(101 * 1024 * 1024);
    const bigSha = createHash('sha256').update(big).digest('hex');
    expect((await srv.request('PUT', `/v1/blobs/${bigSha}${q}`, { token: owner.accessToken, body: big })).status).toBe(413);
    const dir = join(srv.dataDir, 'blobs', org.orgId);
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(dir)).toEqual([sha]);
    // A staff member not on the case cannot read it.
    const s = await srv.addUser(owner, org.orgId, 'staff');
    const sl = await srv.login(s.email, s.password);
    expect((await srv.request('GET', `/v1/blobs/${sha}${q}`, { token: sl.accessToken })).status).toBe(404);
  });
});
