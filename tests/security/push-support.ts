/**
 * Helpers of the server-side attack tests: a firm with members of each role on a real sync server
 * (embedded Postgres), pushes as any of them, and shape reads as a laptop makes them.
 */
import { newId } from '../../src-shared/ids';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import type { TestServer } from '../../sync-server/src/testing';

export interface Firm {
  orgId: string;
  ownerEmail: string;
  ownerPassword: string;
  owner: LoginResponse & { userId: string };
  member(role: string): Promise<LoginResponse & { userId: string }>;
}

export async function firm(srv: TestServer, name: string): Promise<Firm> {
  const org = await srv.createOrg({ name });
  const owner = { ...(await srv.login(org.email, org.password)), userId: org.userId };
  return {
    orgId: org.orgId,
    ownerEmail: org.email,
    ownerPassword: org.password,
    owner,
    async member(role) {
      const u = await srv.addUser(owner, org.orgId, role);
      return { ...(await srv.login(u.email, u.password)), userId: u.userId };
    },
  };
}

let mutationIds = 0;
/** One mutation pushed by `who` (its own client id each time); returns the result entry. */
export async function push1(
  srv: TestServer,
  who: LoginResponse,
  orgId: string,
  m: { table: string; op: 'insert' | 'update' | 'delete'; id?: string; fields?: Record<string, unknown>; base?: Record<string, unknown> | null },
): Promise<{ status: string; reason?: string; row?: Record<string, any> }> {
  const r = await srv.request('POST', '/v1/push', {
    token: who.accessToken,
    body: { clientId: newId(), orgId, mutations: [{ mutationId: ++mutationIds, id: m.id ?? newId(), base: null, ...m }] },
  });
  if (r.status !== 200) throw new Error(`push answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body.results[0];
}

export const caseFields = (over: Record<string, unknown> = {}) => ({ case_number: `C-${newId().slice(-8)}`, case_type: 'express_entry', ...over });

/** A shape read of `table` as a laptop makes it: status, row ids (live rows), handle and offset. */
export async function readShape(srv: TestServer, who: LoginResponse, orgId: string, table: string, at?: { offset: string; handle: string }) {
  const q = `table=${table}&orgId=${orgId}&offset=${at?.offset ?? '-1'}${at ? `&handle=${encodeURIComponent(at.handle)}` : ''}`;
  const r = await srv.request('GET', `/v1/shape?${q}`, { token: who.accessToken });
  const rows = Array.isArray(r.body) ? r.body.filter((m: any) => m.value && !m.value.deleted_at).map((m: any) => m.value.id as string) : [];
  return { status: r.status, ids: rows as string[], at: { offset: r.headers.get('electric-offset') ?? '', handle: r.headers.get('electric-handle') ?? '' } };
}
