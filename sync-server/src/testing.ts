/**
 * Test support shared by the server's tests and the client's: a real sync server on a fresh embedded
 * Postgres in a temp folder and a random free port, plus helpers to create orgs/users and log in.
 *   const srv = await startTestServer();  ...  await srv.close();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { startServer, type RunningServer } from './index';
import { createOrg as createOrgDb } from './admin';
import { freePort } from './db/postgres';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Superuser URL of the test's Postgres (for direct inspection, or `start --database-url`). */
  databaseUrl: string;
  /** createOrg({name, adminEmail, password}) or createOrg(name, adminEmail, password); all optional. */
  createOrg(
    input?: string | { name?: string; adminEmail?: string; password?: string },
    adminEmail?: string,
    password?: string,
  ): Promise<{ orgId: string; userId: string; email: string; password: string }>;
  login(email: string, password: string, deviceName?: string): Promise<LoginResponse>;
  /** Create a member through the admin API as `admin` and return their login. */
  addUser(admin: LoginResponse, orgId: string, role: string, email?: string): Promise<{ userId: string; email: string; password: string }>;
  request(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
}

let n = 0;
export async function startTestServer(
  opts: { dataDir?: string; keep?: boolean; /** Receives the server's log lines (silent by default). */ log?: (entry: Record<string, unknown>) => void } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'casework-sync-test-'));
  const srv = await startServer({ port: await freePort(), dataDir, log: opts.log ?? (() => {}) });
  const request: TestServer['request'] = async (method, path, o = {}) => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | Uint8Array | undefined;
    if (o.body !== undefined) {
      if (Buffer.isBuffer(o.body)) body = new Uint8Array(o.body);
      else if (typeof o.body === 'string') body = o.body;
      else body = JSON.stringify(o.body);
      headers['content-type'] ??= Buffer.isBuffer(o.body) ? 'application/octet-stream' : 'application/json';
    }
    const res = await fetch(srv.url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const login: TestServer['login'] = async (email, password, deviceName = 'test laptop') => {
    const r = await request('POST', '/v1/auth/login', { body: { email, password, deviceName } });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as LoginResponse;
  };
  return {
    ...srv,
    dataDir,
    databaseUrl: srv.db.url,
    request,
    login,
    async createOrg(arg = {}, adminEmailArg, passwordArg) {
      const input = typeof arg === 'string' ? { name: arg, adminEmail: adminEmailArg, password: passwordArg } : arg;
      n++;
      const email = input.adminEmail ?? `owner${n}.${Date.now()}@example.test`;
      const password = input.password ?? 'owner-password-1';
      const r = await createOrgDb(srv.db, { name: input.name ?? `Org ${n}`, adminEmail: email, password });
      return { ...r, email, password };
    },
    async addUser(admin, orgId, role, email) {
      n++;
      const e = email ?? `${role}${n}.${Date.now()}@example.test`;
      const password = `${role}-password-1`;
      const r = await request('POST', `/v1/orgs/${orgId}/users`, {
        token: admin.accessToken,
        body: { email: e, password, firstName: 'Test', lastName: role, role },
      });
      if (r.status !== 201) throw new Error(`addUser failed: ${r.status} ${JSON.stringify(r.body)}`);
      return { userId: r.body.userId, email: e, password };
    },
    async close() {
      await srv.close();
      if (!opts.keep && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
