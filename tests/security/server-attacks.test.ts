// Attacks on the sync server's HTTP surface (issue 13), real server and real HTTP: those that held when
// the system was attacked stay held (forged, expired and alg:none tokens, refresh token reuse, 50 MB
// bodies, SQL-ish strings in every query parameter, a foreign Host header, path traversal in blob
// routes), and two that did not: an offset of 400 nines (row 14: 500 from /v1/shape, a 200 cut short
// from /v1/snapshot) and invalid UTF-8 in a JSON body (stored as U+FFFD). Each answer is a 4xx with
// nothing changed and the server still serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { newId } from '../../src-shared/ids';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { signAccess } from '../../sync-server/src/auth';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let owner: LoginResponse;
let caseId: string;

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg();
  owner = await srv.login(org.email, org.password);
  caseId = newId();
  const r = await srv.request('POST', '/v1/push', {
    token: owner.accessToken,
    body: {
      clientId: newId(),
      orgId: org.orgId,
      mutations: [{ mutationId: 1, table: 'cases', op: 'insert', id: caseId, fields: { case_number: 'S-1', case_type: 't' }, base: null }],
    },
  });
  expect(r.body.results[0].status).toBe('applied');
});
afterAll(async () => srv?.close());

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
async function serverKey(): Promise<Buffer> {
  const r = await srv.db.pool.query(`SELECT value FROM server_keys WHERE name = 'access_hmac'`);
  return Buffer.from(r.rows[0].value, 'base64');
}
/** Everything an attack could have changed, to compare before and after. */
async function fingerprint() {
  const r = await srv.db.pool.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM users)::int AS users,
    (SELECT count(*) FROM org_memberships)::int AS members, (SELECT string_agg(case_number, ',' ORDER BY id) FROM cases) AS numbers,
    (SELECT count(*) FROM server_keys)::int AS keys`);
  return r.rows[0];
}
/** A raw request (no URL normalisation, any Host). */
function raw(method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const u = new URL(srv.url);
  return new Promise((ok, fail) => {
    const req = httpRequest({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode!, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('tokens', () => {
  it('refuses forged, tampered, expired and alg:none tokens', async () => {
    const id = { userId: org.userId, deviceId: owner.deviceId };
    const key = await serverKey();
    const [body] = owner.accessToken.split('.');
    const tokens = {
      forged: signAccess(Buffer.alloc(32, 7), id),
      tampered: `${b64({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), sub: newId() })}.${owner.accessToken.split('.')[1]}`,
      expired: signAccess(key, id, -60),
      algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: id.userId, dev: id.deviceId, exp: Date.now() / 1000 + 600 })}.`,
      noSignature: `${body}.`,
    };
    for (const [name, token] of Object.entries(tokens)) {
      for (const path of [`/v1/shape?table=cases&offset=-1&orgId=${org.orgId}`, `/v1/orgs/${org.orgId}/devices`]) {
        const r = await srv.request('GET', path, { token });
        expect(r.status, `${name} ${path}`).toBe(401);
      }
    }
    // A valid token of the same user still works: the refusals were the tokens'.
    expect((await srv.request('GET', `/v1/orgs/${org.orgId}/devices`, { token: owner.accessToken })).status).toBe(200);
  });

  it('a refresh token used twice signs the device out (the newer token too)', async () => {
    const dev = await srv.login(org.email, org.password, 'copied laptop');
    const first = await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: dev.refreshToken } });
    expect(first.status).toBe(200);
    expect((await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: dev.refreshToken } })).status).toBe(401);
    expect((await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: first.body.refreshToken } })).status).toBe(401);
  });
});

describe('bodies', () => {
  it('a 50 MB JSON body gets 413 and the server keeps serving', async () => {
    const big = `{"clientId":"${newId()}","orgId":"${org.orgId}","mutations":[],"pad":"${'x'.repeat(50 * 1024 * 1024)}"}`;
    const r = await srv.request('POST', '/v1/push', { token: owner.accessToken, body: big });
    expect(r.status).toBe(413);
    expect((await srv.request('GET', '/healthz')).status).toBe(200);
  });

  it('invalid UTF-8 in a JSON body is 400 and stores nothing (was stored as U+FFFD)', async () => {
    const before = await fingerprint();
    const json = Buffer.from(
      JSON.stringify({
        clientId: newId(),
        orgId: org.orgId,
        mutations: [{ mutationId: 1, table: 'cases', op: 'update', id: caseId, fields: { case_number: 'BAD-@@' }, base: null }],
      }),
    );
    const at = json.indexOf('@@');
    json[at] = 0xc3; // a lead byte followed by no continuation byte
    json[at + 1] = 0x28;
    const r = await srv.request('POST', '/v1/push', { token: owner.accessToken, body: json, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(await fingerprint()).toEqual(before);
  });

  it('__proto__ keys in a body are refused', async () => {
    const r = await srv.request('POST', '/v1/auth/login', {
      body: '{"email":"a@b.c","password":"x","deviceName":"d","__proto__":{"isAdmin":true}}',
    });
    expect(r.status).toBe(400);
  });
});

describe('query parameters', () => {
  it('an offset of 400 nines (or beyond 2^53) is 400 on /v1/shape and /v1/snapshot', async () => {
    for (const offset of [`${'9'.repeat(400)}_0`, '9007199254740993_0', `1_${'9'.repeat(400)}`]) {
      for (const path of ['/v1/shape', '/v1/snapshot']) {
        const r = await srv.request('GET', `${path}?table=cases&offset=${offset}&orgId=${org.orgId}&handle=x`, { token: owner.accessToken });
        expect(r.status, `${path} ${offset.slice(0, 20)}`).toBe(400);
      }
    }
    // The largest safe version is still a valid offset (an empty page).
    const ok = await srv.request('GET', `/v1/shape?table=cases&offset=${Number.MAX_SAFE_INTEGER}_0&orgId=${org.orgId}`, { token: owner.accessToken });
    expect(ok.status).toBe(200);
  });

  it('SQL-ish strings in every query parameter: 4xx or an empty answer, never 500, nothing changed', async () => {
    const before = await fingerprint();
    const evil = [`' OR '1'='1`, `1; DROP TABLE cases; --`, `cases" WHERE 1=1 --`, `$1) OR (1=1`, `\\'; SELECT pg_sleep(5); --`];
    const t = owner.accessToken;
    for (const e of evil) {
      const q = encodeURIComponent(e);
      const paths = [
        `/v1/shape?table=${q}&offset=-1&orgId=${org.orgId}`,
        `/v1/shape?table=cases&offset=${q}&orgId=${org.orgId}`,
        `/v1/shape?table=cases&offset=-1&orgId=${q}`,
        `/v1/shape?table=cases&offset=-1&orgId=${org.orgId}&handle=${q}`,
        `/v1/shape?table=cases&offset=-1&orgId=${org.orgId}&live=${q}`,
        `/v1/shape?table=cases&offset=-1&orgId=${org.orgId}&cursor=${q}`,
        `/v1/shape?table=cases&offset=-1&orgId=${org.orgId}&where=${q}`,
        `/v1/snapshot?table=${q}&offset=-1&orgId=${org.orgId}`,
        `/v1/snapshot?table=cases&offset=${q}&orgId=${org.orgId}`,
        `/v1/snapshot?table=cases&offset=-1&orgId=${org.orgId}&handle=${q}`,
        `/v1/orgs/${org.orgId}/audit?table=${q}`,
        `/v1/orgs/${org.orgId}/audit?recordId=${q}`,
        `/v1/orgs/${org.orgId}/audit?userId=${q}`,
        `/v1/orgs/${org.orgId}/audit?from=${q}`,
        `/v1/orgs/${org.orgId}/audit?to=${q}`,
        `/v1/orgs/${org.orgId}/audit?after=${q}`,
        `/v1/orgs/${org.orgId}/audit?limit=${q}`,
        `/v1/orgs/${q}/devices`,
        `/v1/orgs/${q}/audit/verify`,
        `/v1/blobs/${'a'.repeat(64)}?orgId=${q}`,
        `/v1/blobs/${q}?orgId=${org.orgId}`,
      ];
      for (const path of paths) {
        const r = await srv.request('GET', path, { token: t });
        expect(r.status, path).toBeGreaterThanOrEqual(200);
        expect(r.status, path).toBeLessThan(500);
        // A 200 is an audit query that matched nothing (the values are bound parameters).
        if (r.status === 200 && path.includes('/audit?')) expect(r.body.entries, path).toEqual([]);
        else if (r.status === 200 && path.startsWith('/v1/shape')) expect(path).toMatch(/handle=|cursor=/);
      }
      for (const path of [`/v1/orgs/${q}/devices/${q}/revoke`, `/v1/invitations/${q}/accept`]) {
        expect((await srv.request('POST', path, { token: t })).status, path).toBe(400);
      }
    }
    expect(await fingerprint()).toEqual(before);
  });
});

describe('routes', () => {
  it('blob routes refuse path traversal (400, never a file outside the blob store)', async () => {
    for (const path of [
      '/v1/blobs/..%2F..%2Fpostgres-secrets.json',
      '/v1/blobs/..%2f..%2fcluster.json',
      `/v1/blobs/%2e%2e%2f${'a'.repeat(58)}`,
      '/v1/blobs/..\\..\\cluster.json',
    ]) {
      const r = await raw('GET', `${path}?orgId=${org.orgId}`, { authorization: `Bearer ${owner.accessToken}` });
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      expect(r.body).not.toMatch(/superuser|appUrl|postgres:/);
    }
  });

  it('a foreign Host header (DNS rebinding) gains nothing: authority is the bearer token, never ambient', async () => {
    // No cookie or address-based trust exists: a page that rebinds a name to this server has no token.
    const r = await raw('GET', `/v1/orgs/${org.orgId}/devices`, { host: 'attacker.example' });
    expect(r.status).toBe(401);
    const withToken = await raw('GET', `/v1/orgs/${org.orgId}/devices`, { host: 'attacker.example', authorization: `Bearer ${owner.accessToken}` });
    expect(withToken.status).toBe(200); // the token, not the name, decides (a rebinding page cannot read one)
  });
});
