/**
 * Reveal with a reason, security events with severity/category/status, audit risk levels and the audit
 * of restricted document reads (issue 14), on the real sync server (embedded Postgres, HTTP).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { newId } from '../../src-shared/ids';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import type { LoginResponse } from '../../src-shared/sync/protocol';

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let owner: LoginResponse;
const users: Record<string, LoginResponse> = {};
const PASSPORT = 'ZX9081726';
const caseId = newId();
const personId = newId();
const blobOf = (s: string) => ({ bytes: Buffer.from(s), sha: createHash('sha256').update(s).digest('hex') });
const adminBlob = blobOf('admin-only scan');
const teamBlob = blobOf('team scan');
const docs = { admin: newId(), team: newId() };

type AuditEntry = { event_type: string; table_name: string | null; record_id: string | null; user_id: string | null; metadata: Record<string, unknown> };
async function audit(): Promise<AuditEntry[]> {
  const r = await srv.request('GET', `/v1/orgs/${org.orgId}/audit?limit=1000`, { token: owner.accessToken });
  expect(r.status).toBe(200);
  return r.body.entries;
}
const reveal = (token: string, body: Record<string, unknown>) => srv.request('POST', `/v1/orgs/${org.orgId}/reveal`, { token, body });
const events = (token: string, q = '') => srv.request('GET', `/v1/orgs/${org.orgId}/security-events${q}`, { token });

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Reveal firm' });
  owner = await srv.login(org.email, org.password);
  for (const role of ['manager', 'staff', 'consultant', 'trainee']) {
    const u = await srv.addUser(owner, org.orgId, role);
    users[role] = await srv.login(u.email, u.password);
  }
  const doc = (id: string, level: string, b: { sha: string; bytes: Buffer }) => ({
    table: 'documents',
    op: 'insert',
    id,
    fields: {
      case_id: caseId,
      document_type: 'passport',
      category: 'identity',
      title: level,
      filename: 'p.png',
      original_filename: 'p.png',
      mime_type: 'image/png',
      file_size: b.bytes.length,
      storage_key: b.sha,
      access_level: level,
    },
  });
  const muts = [
    { table: 'cases', op: 'insert', id: caseId, fields: { case_number: 'R-1', case_type: 't', assigned_staff: [users.staff!.userId, users.trainee!.userId] } },
    { table: 'persons', op: 'insert', id: personId, fields: { case_id: caseId, first_name: 'A', last_name: 'B', passport_info: { number: PASSPORT } } },
    doc(docs.admin, 'admin_only', adminBlob),
    doc(docs.team, 'case_team', teamBlob),
  ];
  const r = await srv.request('POST', '/v1/push', {
    token: owner.accessToken,
    body: { clientId: newId(), orgId: org.orgId, mutations: muts.map((m, i) => ({ ...m, base: null, mutationId: i + 1 })) },
  });
  expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
  for (const b of [adminBlob, teamBlob])
    expect((await srv.request('PUT', `/v1/blobs/${b.sha}?orgId=${org.orgId}`, { token: owner.accessToken, body: b.bytes })).status).toBe(201);
}, 180_000);
afterAll(async () => srv?.close());

describe('reveal with a reason', () => {
  const ask = { table: 'persons', id: personId, field: 'passport_info.number', reason: 'checking the visa application form' };

  it('is refused to a role that may not reveal (403, a security event, nothing audited as revealed)', async () => {
    const r = await reveal(users.staff!.accessToken, ask);
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).not.toContain(PASSPORT);
    const ev = await events(owner.accessToken, '?kind=reveal_refused');
    expect(ev.body.events).toHaveLength(1);
    expect(ev.body.events[0]).toMatchObject({ severity: 'medium', category: 'access', status: 'open', userId: users.staff!.userId });
    expect((await audit()).filter((e) => e.event_type === 'field.reveal')).toHaveLength(0);
  });

  it('refuses bad input in words and changes nothing', async () => {
    expect((await reveal(users.manager!.accessToken, { ...ask, reason: 'x' })).status).toBe(400);
    expect((await reveal(users.manager!.accessToken, { ...ask, field: 'first_name' })).status).toBe(400);
    expect((await reveal(users.manager!.accessToken, { ...ask, id: newId() })).status).toBe(404);
    expect((await audit()).filter((e) => e.event_type === 'field.reveal')).toHaveLength(0);
  });

  it('shows a manager the value once, not cached, audited with the reason at high risk, and a security event', async () => {
    const r = await reveal(users.manager!.accessToken, ask);
    expect(r.status).toBe(200);
    expect(r.body.value).toBe(PASSPORT);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const entries = (await audit()).filter((e) => e.event_type === 'field.reveal');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ table_name: 'persons', record_id: personId, user_id: users.manager!.userId });
    expect(entries[0]!.metadata).toMatchObject({ reason: ask.reason, risk: 'high' });
    const ev = await events(owner.accessToken, '?kind=field_reveal');
    expect(ev.body.events[0]).toMatchObject({ severity: 'medium', category: 'data', userId: users.manager!.userId });
    // The value is in no security event (identifiers only).
    expect(JSON.stringify(ev.body)).not.toContain(PASSPORT);
  });
});

describe('security events console', () => {
  it('files failed logins with severity and category, filters them, and moves them through triage (audited)', async () => {
    const bad = await srv.request('POST', '/v1/auth/login', { body: { email: org.email, password: 'wrong-password-1', deviceName: 'x' } });
    expect(bad.status).toBe(401);
    const ev = await events(owner.accessToken, '?category=authentication&status=open');
    expect(ev.status).toBe(200);
    const failed = ev.body.events.find((e: { kind: string }) => e.kind === 'login_failed');
    expect(failed).toMatchObject({ severity: 'low', category: 'authentication', status: 'open' });
    expect(JSON.stringify(failed)).not.toContain(org.email);

    // Not the console of a staff member or a manager (the policy: owner and admin).
    expect((await events(users.staff!.accessToken)).status).toBe(403);
    expect((await events(users.manager!.accessToken)).status).toBe(403);
    expect(
      (await srv.request('PATCH', `/v1/orgs/${org.orgId}/security-events/${failed.id}`, { token: users.staff!.accessToken, body: { status: 'resolved' } }))
        .status,
    ).toBe(403);
    // A bad status or filter: 400, nothing changes.
    expect(
      (await srv.request('PATCH', `/v1/orgs/${org.orgId}/security-events/${failed.id}`, { token: owner.accessToken, body: { status: 'closed' } })).status,
    ).toBe(400);
    expect((await events(owner.accessToken, '?severity=urgent')).status).toBe(400);

    const ack = await srv.request('PATCH', `/v1/orgs/${org.orgId}/security-events/${failed.id}`, {
      token: owner.accessToken,
      body: { status: 'acknowledged' },
    });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', statusBy: org.userId });
    expect((await events(owner.accessToken, '?status=acknowledged')).body.events.map((e: { id: number }) => e.id)).toEqual([failed.id]);
    expect((await events(owner.accessToken, '?status=open')).body.events.map((e: { id: number }) => e.id)).not.toContain(failed.id);
    expect((await audit()).find((e) => e.event_type === 'admin.security_event_status')!.metadata).toMatchObject({
      eventId: failed.id,
      status: 'acknowledged',
      risk: 'medium',
    });
    // Another org's events are not this console's.
    const other = await srv.createOrg();
    const otherOwner = await srv.login(other.email, other.password);
    expect((await srv.request('GET', `/v1/orgs/${org.orgId}/security-events`, { token: otherOwner.accessToken })).status).toBe(403);
    expect(
      (await srv.request('PATCH', `/v1/orgs/${other.orgId}/security-events/${failed.id}`, { token: otherOwner.accessToken, body: { status: 'resolved' } }))
        .status,
    ).toBe(404);
  });
});

describe('refused pushes', () => {
  it('a push the policy refuses is a security event with the table and row, not the values', async () => {
    const r = await srv.request('POST', '/v1/push', {
      token: users.trainee!.accessToken,
      body: {
        clientId: newId(),
        orgId: org.orgId,
        // A trainee's change waits for a supervisor's sign-off: refused on push.
        mutations: [{ mutationId: 1, table: 'persons', op: 'update', id: personId, base: null, fields: { last_name: 'NEW123456' } }],
      },
    });
    expect(r.body.results[0].status).toBe('rejected');
    const ev = await events(owner.accessToken, '?kind=push_refused');
    expect(ev.body.events).toHaveLength(1);
    expect(ev.body.events[0]).toMatchObject({
      severity: 'medium',
      category: 'access',
      userId: users.trainee!.userId,
      detail: { table: 'persons', id: personId },
    });
    expect(JSON.stringify(ev.body)).not.toContain('NEW123456');
  });
});

describe('restricted reads', () => {
  it("audits each download of a restricted document's blob, not of an ordinary one; every audit entry has a risk level", async () => {
    expect((await srv.request('GET', `/v1/blobs/${adminBlob.sha}?orgId=${org.orgId}`, { token: owner.accessToken })).status).toBe(200);
    expect((await srv.request('GET', `/v1/blobs/${teamBlob.sha}?orgId=${org.orgId}`, { token: owner.accessToken })).status).toBe(200);
    // Staff may not read the admin-only blob at all: no read to audit.
    expect((await srv.request('GET', `/v1/blobs/${adminBlob.sha}?orgId=${org.orgId}`, { token: users.staff!.accessToken })).status).toBe(404);
    const all = await audit();
    const reads = all.filter((e) => e.event_type === 'document.read');
    expect(reads.map((e) => [e.record_id, e.user_id, e.metadata.via, e.metadata.risk])).toEqual([[docs.admin, org.userId, 'blob', 'high']]);
    for (const e of all) expect(['low', 'medium', 'high'], e.event_type).toContain(e.metadata.risk);
  });
});
