// Attack (issue 13, row 1): the owner of firm A POSTed /v1/orgs/A/users with the email of firm B's
// existing user: 201, B's user attached without consent; A then listed that user's devices, revoked
// B's laptop (which wiped itself) and saw the user's names and logins. Now an existing user is only
// invited (202 {invitation}, nothing about them visible to A) until they accept; and a revocation in A
// signs the device out of A only, with a 403 that names A so the laptop wipes A's data only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src-shared/ids';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';

let srv: TestServer;
let a: Awaited<ReturnType<TestServer['createOrg']>>;
let b: Awaited<ReturnType<TestServer['createOrg']>>;
let ownerA: LoginResponse;
let ownerB: LoginResponse;
const bob = { email: `bob.${Date.now()}@firm-b.test`, password: 'bobs-own-password-1', firstName: 'Bertrand', lastName: 'Secretname' };
let bobId: string;
let bobLaptop: LoginResponse;

beforeAll(async () => {
  srv = await startTestServer();
  a = await srv.createOrg({ name: 'Firm A' });
  b = await srv.createOrg({ name: 'Firm B' });
  ownerA = await srv.login(a.email, a.password);
  ownerB = await srv.login(b.email, b.password);
  const r = await srv.request('POST', `/v1/orgs/${b.orgId}/users`, { token: ownerB.accessToken, body: { ...bob, role: 'consultant' } });
  expect(r.status).toBe(201);
  bobId = r.body.userId;
  bobLaptop = await srv.login(bob.email, bob.password, "Bob's laptop");
});
afterAll(async () => srv?.close());

async function shapeRows(token: string, orgId: string, table: string): Promise<any[]> {
  const r = await srv.request('GET', `/v1/shape?table=${table}&offset=-1&orgId=${orgId}`, { token });
  expect(r.status).toBe(200);
  return r.body.filter((m: any) => m.key).map((m: any) => m.value);
}
const push = (token: string, orgId: string) => srv.request('POST', '/v1/push', { token, body: { clientId: newId(), orgId, mutations: [] } });

describe('admin routes act only inside the caller org (row 1)', () => {
  it('adding an existing user of another org makes an invitation; nothing about them is visible before acceptance', async () => {
    const add = await srv.request('POST', `/v1/orgs/${a.orgId}/users`, {
      token: ownerA.accessToken,
      body: { email: bob.email.toUpperCase(), password: 'a-password-A-chose', firstName: 'X', lastName: 'Y', role: 'admin' },
    });
    expect(add.status).toBe(202); // old code: 201 and Bob attached
    expect(add.body.invitation).toMatchObject({ orgId: a.orgId, role: 'admin', status: 'pending' });
    const said = JSON.stringify(add.body);
    for (const secret of [bobId, bob.firstName, bob.lastName, bobLaptop.deviceId, b.orgId]) expect(said).not.toContain(secret);

    // A sees no trace of Bob: users shape, memberships, devices, audit, invitations list.
    const everything = JSON.stringify([
      await shapeRows(ownerA.accessToken, a.orgId, 'users'),
      await shapeRows(ownerA.accessToken, a.orgId, 'org_memberships'),
      (await srv.request('GET', `/v1/orgs/${a.orgId}/devices`, { token: ownerA.accessToken })).body,
      (await srv.request('GET', `/v1/orgs/${a.orgId}/audit?limit=1000`, { token: ownerA.accessToken })).body,
      (await srv.request('GET', `/v1/orgs/${a.orgId}/invitations`, { token: ownerA.accessToken })).body,
    ]);
    for (const secret of [bobId, bob.firstName, bob.lastName, bobLaptop.deviceId]) expect(everything).not.toContain(secret);
    // A can neither act on Bob nor on his laptop, and the password A sent is not Bob's.
    expect((await srv.request('POST', `/v1/orgs/${a.orgId}/devices/${bobLaptop.deviceId}/revoke`, { token: ownerA.accessToken })).status).toBe(404);
    expect((await srv.request('PATCH', `/v1/orgs/${a.orgId}/memberships/${bobId}`, { token: ownerA.accessToken, body: { role: 'staff' } })).status).toBe(404);
    expect((await srv.request('POST', '/v1/auth/login', { body: { email: bob.email, password: 'a-password-A-chose', deviceName: 'x' } })).status).toBe(401);
    const rf = await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: bobLaptop.refreshToken } });
    expect(rf.body.memberships).toEqual([{ orgId: b.orgId, role: 'consultant' }]);
    bobLaptop.refreshToken = rf.body.refreshToken;
    expect((await push(bobLaptop.accessToken, a.orgId)).status).toBe(403);

    // Bob sees the invitation; nobody else may answer it.
    const mine = await srv.request('GET', '/v1/invitations', { token: bobLaptop.accessToken });
    expect(mine.body.invitations).toEqual([expect.objectContaining({ id: add.body.invitation.id, orgId: a.orgId, orgName: 'Firm A', role: 'admin' })]);
    expect((await srv.request('GET', '/v1/invitations', { token: ownerB.accessToken })).body.invitations).toEqual([]);
    for (const t of [ownerA, ownerB])
      expect((await srv.request('POST', `/v1/invitations/${add.body.invitation.id}/accept`, { token: t.accessToken })).status).toBe(404);

    // Where A's laptop stands in the users shape before Bob accepts: its next catch-up starts here.
    const before = await srv.request('GET', `/v1/shape?table=users&offset=-1&orgId=${a.orgId}`, { token: ownerA.accessToken });
    const at = { offset: before.headers.get('electric-offset')!, handle: before.headers.get('electric-handle')! };

    // Bob accepts: from now on he is A's admin, and A sees him.
    const acc = await srv.request('POST', `/v1/invitations/${add.body.invitation.id}/accept`, { token: bobLaptop.accessToken });
    expect(acc.status).toBe(200);
    expect(acc.body).toMatchObject({ orgId: a.orgId, role: 'admin', accepted: true });
    expect((await srv.request('POST', `/v1/invitations/${add.body.invitation.id}/accept`, { token: bobLaptop.accessToken })).status).toBe(404);
    const again = await srv.login(bob.email, bob.password, "Bob's phone");
    expect(again.memberships).toEqual(
      expect.arrayContaining([
        { orgId: a.orgId, role: 'admin' },
        { orgId: b.orgId, role: 'consultant' },
      ]),
    );
    expect((await shapeRows(ownerA.accessToken, a.orgId, 'users')).map((u) => u.id)).toContain(bobId);
    // A laptop already synced receives him too: his user row predates A's cursor, so accepting re-sends it.
    const caught = await srv.request('GET', `/v1/shape?table=users&offset=${at.offset}&handle=${at.handle}&orgId=${a.orgId}`, {
      token: ownerA.accessToken,
    });
    expect(caught.status).toBe(200);
    expect(caught.body.filter((m: any) => m.key).map((m: any) => m.value.id)).toContain(bobId);
    expect((await push(bobLaptop.accessToken, a.orgId)).status).toBe(200);
  });

  it('a declined invitation leaves no trace of the person in the inviting org', async () => {
    const carol = await srv.addUser(ownerB, b.orgId, 'staff');
    const carolLogin = await srv.login(carol.email, carol.password);
    const add = await srv.request('POST', `/v1/orgs/${a.orgId}/users`, {
      token: ownerA.accessToken,
      body: { email: carol.email, password: 'whatever-123', firstName: 'X', lastName: 'Y', role: 'staff' },
    });
    expect(add.status).toBe(202);
    expect((await srv.request('POST', `/v1/invitations/${add.body.invitation.id}/decline`, { token: carolLogin.accessToken })).status).toBe(200);
    const audit = (await srv.request('GET', `/v1/orgs/${a.orgId}/audit?limit=1000`, { token: ownerA.accessToken })).body.entries;
    expect(audit.find((e: any) => e.event_type === 'admin.invitation_declined')).toMatchObject({ user_id: null });
    expect(JSON.stringify(audit)).not.toContain(carol.userId);
    expect((await srv.request('GET', `/v1/orgs/${a.orgId}/invitations`, { token: ownerA.accessToken })).body.invitations).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: add.body.invitation.id, status: 'declined' })]),
    );
    expect((await srv.login(carol.email, carol.password)).memberships).toEqual([{ orgId: b.orgId, role: 'staff' }]);
  });

  it('revoking a device in A signs it out of A only, and the 403 names A', async () => {
    // Bob's laptop is in both orgs since the first test.
    const rv = await srv.request('POST', `/v1/orgs/${a.orgId}/devices/${bobLaptop.deviceId}/revoke`, { token: ownerA.accessToken });
    expect(rv.status).toBe(200);
    expect(rv.body).toMatchObject({ deviceId: bobLaptop.deviceId, orgId: a.orgId, revoked: true });

    const refusals = [
      await srv.request('GET', `/v1/shape?table=cases&offset=-1&orgId=${a.orgId}`, { token: bobLaptop.accessToken }),
      await srv.request('GET', `/v1/snapshot?table=cases&offset=-1&orgId=${a.orgId}`, { token: bobLaptop.accessToken }),
      await push(bobLaptop.accessToken, a.orgId),
      await srv.request('GET', `/v1/blobs/${'a'.repeat(64)}?orgId=${a.orgId}`, { token: bobLaptop.accessToken }),
      await srv.request('GET', `/v1/orgs/${a.orgId}/devices`, { token: bobLaptop.accessToken }),
    ];
    for (const r of refusals) {
      expect(r.status).toBe(403);
      expect(r.body).toEqual(expect.objectContaining({ error: 'device_revoked', orgId: a.orgId }));
    }
    // B is untouched (old code: every token of the device revoked, B's data wiped at the next sync).
    expect((await srv.request('GET', `/v1/shape?table=cases&offset=-1&orgId=${b.orgId}`, { token: bobLaptop.accessToken })).status).toBe(200);
    expect((await push(bobLaptop.accessToken, b.orgId)).status).toBe(200);
    const rf = await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: bobLaptop.refreshToken } });
    expect(rf.status).toBe(200);
    expect(rf.body.memberships).toEqual([{ orgId: b.orgId, role: 'consultant' }]);
    const inB = (await srv.request('GET', `/v1/orgs/${b.orgId}/devices`, { token: ownerB.accessToken })).body.devices;
    expect(inB.find((d: any) => d.deviceId === bobLaptop.deviceId).revokedAt).toBeNull();
    const inA = (await srv.request('GET', `/v1/orgs/${a.orgId}/devices`, { token: ownerA.accessToken })).body.devices;
    expect(inA.find((d: any) => d.deviceId === bobLaptop.deviceId).revokedAt).not.toBeNull();
  });
});
