// Attack (issue 13, row 7): 40 parallel wrong passwords for one email had 35 really checked (count read
// and failure written in separate transactions), and then the right password got 429 for 15 minutes:
// anyone could lock anyone out; and spraying one password across accounts from one address was free.
// Now one statement counts and decides (per account from this address, per account, per address), so
// the burst reaches Argon2 at most THROTTLE.pair.free times, while the real user logging in from
// another address, or from an address they logged in from before, or refreshing, is not stopped.
// Client addresses are real: each request leaves from its own loopback address (127.0.0.x).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { THROTTLE } from '../../sync-server/src/auth';
import { emailDigest } from '../../sync-server/src/security';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg();
});
afterAll(async () => srv?.close());

/** POST /v1/auth/login from a given local address. */
function loginFrom(from: string, email: string, password: string): Promise<{ status: number; body: any; retryAfter?: string }> {
  const u = new URL(srv.url);
  const data = JSON.stringify({ email, password, deviceName: 'laptop' });
  return new Promise((ok, fail) => {
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        method: 'POST',
        path: '/v1/auth/login',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => ok({ status: res.statusCode!, body: JSON.parse(body), retryAfter: res.headers['retry-after'] as string | undefined }));
      },
    );
    req.on('error', fail);
    req.end(data);
  });
}

const failedChecks = async (email: string) =>
  (await srv.db.pool.query(`SELECT count(*)::int AS n FROM security_events WHERE kind = 'login_failed' AND detail->>'email' = $1`, [emailDigest(email)]))
    .rows[0].n as number;

describe('login throttling (row 7)', () => {
  it('40 parallel wrong passwords: at most the free attempts reach Argon2; the real user elsewhere still logs in', async () => {
    const victim = await srv.addUser(await srv.login(org.email, org.password), org.orgId, 'staff');
    const usual = await loginFrom('127.0.0.3', victim.email, victim.password); // the victim's office, before the attack
    expect(usual.status).toBe(200);

    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => loginFrom('127.0.0.2', victim.email, `wrong-${i}`)));
    const checked = burst.filter((r) => r.status === 401).length;
    expect(burst.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    expect(checked).toBeLessThanOrEqual(THROTTLE.pair.free); // old code: 35
    expect(await failedChecks(victim.email)).toBe(checked);
    const refused = burst.find((r) => r.status === 429)!;
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body.error).toBe('too_many_requests');

    // The attacker's address stays slowed, even with the right password...
    expect((await loginFrom('127.0.0.2', victim.email, victim.password)).status).toBe(429);
    // ...but the real user is not: from their usual address, from a new one, and by refresh.
    expect((await loginFrom('127.0.0.3', victim.email, victim.password)).status).toBe(200);
    const fresh = await loginFrom('127.0.0.5', victim.email, victim.password);
    expect(fresh.status).toBe(200); // old code: 429 for 15 minutes
    const rf = await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: usual.body.refreshToken } });
    expect(rf.status).toBe(200);
  });

  it('spraying from one address is slowed after THROTTLE.address.free failures; a pair that logged in before is not', async () => {
    const owner = await srv.login(org.email, org.password);
    const regular = await srv.addUser(owner, org.orgId, 'consultant');
    const newcomer = await srv.addUser(owner, org.orgId, 'paralegal');
    expect((await loginFrom('127.0.0.4', regular.email, regular.password)).status).toBe(200); // regular works here

    for (let i = 0; i < THROTTLE.address.free; i++) {
      const r = await loginFrom('127.0.0.4', `sprayed${i}@example.test`, 'Summer2024!');
      expect(r.status, `attempt ${i}`).toBe(401);
    }
    expect((await loginFrom('127.0.0.4', 'sprayed-next@example.test', 'Summer2024!')).status).toBe(429);
    // A first login from that address waits its turn (old code: no per-address limit at all)...
    expect((await loginFrom('127.0.0.4', newcomer.email, newcomer.password)).status).toBe(429);
    // ...a user who logged in from there before does not, and neither does anyone elsewhere.
    expect((await loginFrom('127.0.0.4', regular.email, regular.password)).status).toBe(200);
    expect((await loginFrom('127.0.0.6', newcomer.email, newcomer.password)).status).toBe(200);
    // No address or email is stored in clear.
    const stored = await srv.db.pool.query(`SELECT key FROM login_throttle UNION ALL SELECT key FROM login_known_addresses`);
    for (const r of stored.rows) expect(r.key).toMatch(/^[0-9a-f]{64}$/);
  });
});
