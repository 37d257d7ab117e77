/**
 * A firm's licence on a real sync server (issue 15), over real HTTP against a real embedded Postgres,
 * with licences issued by the real `casework-license` and installed by the real `casework-sync license`:
 * seats, devices per user, the signed lease, health reports and the device table, tamper, and then (the
 * server's clock moved with CASEWORK_LICENSE_NOW) grace, read-only pushes and clock rollback. Last, a
 * real laptop vault logs in, syncs, keeps its lease and is read-only when the firm's licence is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newId } from '../../src-shared/ids';
import { leaseSignedText } from '../../src-shared/license';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { forgetLicenseCache } from '../../sync-server/src/license';
import { ed25519Verify } from '../../src-main/vault/ed25519';
import { BIN, PASS, tempDir, ROOT, type CliResult } from '../support/cli';
import { issue, keygen } from '../license/support';

const SYNC_BIN = join(ROOT, 'sync-server', 'bin', 'casework-sync.mjs');
const dir = tempDir('cw-srv-license-');
const keys = keygen(join(dir, 'keys'));
process.env.CASEWORK_LICENSE_DEV_KEYS = keys.pub;

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let owner: LoginResponse;

/**
 * A child process run without blocking this one: the server under test lives in this process and must
 * keep answering (and finish its audit chaining, which holds a lock) while the command runs.
 */
function run(bin: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...args], { env: { ...process.env, CASEWORK_PASSPHRASE: PASS, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
const syncCli = (args: string[]) => run(SYNC_BIN, [...args, '--data', srv.dataDir]);
const cli = (args: string[], env: Record<string, string | undefined> = {}) => run(BIN, args, env);
async function cliJson<T = any>(args: string[], env: Record<string, string | undefined> = {}): Promise<T> {
  const r = await cli([...args, '--json'], env);
  if (r.code !== 0) throw new Error(`casework ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
const status = async () => {
  const r = await syncCli(['license', 'status', '--org', org.orgId, '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
};
/** Move the server's clock (in-process) and forget cached states. */
function serverNow(iso: string | undefined) {
  if (iso) process.env.CASEWORK_LICENSE_NOW = iso;
  else delete process.env.CASEWORK_LICENSE_NOW;
  forgetLicenseCache(srv.db);
}

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Okafor Immigration' });
  owner = await srv.login(org.email, org.password, 'owner laptop');
});
afterAll(async () => {
  delete process.env.CASEWORK_LICENSE_NOW;
  await srv?.close();
});

describe('casework-sync license', () => {
  it('no licence: the org is on its trial; tampered and foreign files are refused with the reason', async () => {
    expect(await status()).toMatchObject({ state: 'none', orgId: org.orgId, seatsUsed: 1, licensee: null });
    const file = issue(keys.key, join(dir, 'for-tamper.json'), { org: org.orgId });
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.license.devicesPerUser = 99;
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(json));
    const t = await syncCli(['license', 'install', join(dir, 'tampered.json')]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/licence refused: the licence signature does not match its content: the file was altered/);
    const foreign = keygen(join(dir, 'foreign'));
    const f = await syncCli(['license', 'install', issue(foreign.key, join(dir, 'foreign.json'), { org: org.orgId })]);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/signed by a key Casework does not trust/);
    const other = await syncCli(['license', 'install', issue(keys.key, join(dir, 'unknown-org.json'), { org: newId() })]);
    expect(other.stderr).toMatch(/which this server does not have/);
    expect((await status()).state).toBe('none');
  });

  it('installs the licence: valid, seats used, modules', async () => {
    const file = issue(keys.key, join(dir, 'firm.json'), { org: org.orgId, seats: 2, devicesPerUser: 2, until: '2027-06-30', graceDays: 10 });
    const r = await syncCli(['license', 'install', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(await status()).toMatchObject({
      state: 'valid',
      licensee: 'Okafor Immigration',
      seats: 2,
      seatsUsed: 1,
      devicesPerUser: 2,
      modules: ['immigration'],
      until: '2027-06-30T23:59:59.999Z',
      graceUntil: '2027-07-10T23:59:59.999Z',
    });
  });

  it('seats: member N+1 is refused in words; a suspended member frees a seat and cannot come back over the limit', async () => {
    const first = await srv.addUser(owner, org.orgId, 'staff');
    const over = await srv.request('POST', `/v1/orgs/${org.orgId}/users`, {
      token: owner.accessToken,
      body: { email: `third.${Date.now()}@example.test`, password: 'third-password-1', firstName: 'T', lastName: 'Hird', role: 'staff' },
    });
    expect(over.status).toBe(403);
    expect(over.body).toMatchObject({ error: 'license_seats', seats: 2, seatsUsed: 2 });
    expect(over.body.message).toMatch(/allows 2 seat\(s\) and 2 are in use: deactivate a member or get a licence with more seats/);
    expect((await status()).seatsUsed).toBe(2);
    const suspend = await srv.request('PATCH', `/v1/orgs/${org.orgId}/memberships/${first.userId}`, {
      token: owner.accessToken,
      body: { status: 'suspended' },
    });
    expect(suspend.status).toBe(200);
    await srv.addUser(owner, org.orgId, 'staff');
    const back = await srv.request('PATCH', `/v1/orgs/${org.orgId}/memberships/${first.userId}`, { token: owner.accessToken, body: { status: 'active' } });
    expect(back.status).toBe(403);
    expect(back.body.error).toBe('license_seats');
  });

  it('devices per user: one more device is refused naming the limit; revoking one lets the next in', async () => {
    const second = await srv.login(org.email, org.password, 'home desktop');
    const third = await srv.request('POST', '/v1/auth/login', { body: { email: org.email, password: org.password, deviceName: 'third laptop' } });
    expect(third.status).toBe(403);
    expect(third.body.error).toBe('license_devices');
    expect(third.body.message).toMatch(
      /allows 2 device\(s\) per user and you already have 2 \(.*owner laptop.*home desktop.*\): ask an administrator to revoke an old one/,
    );
    const revoke = await srv.request('POST', `/v1/orgs/${org.orgId}/devices/${second.deviceId}/revoke`, { token: owner.accessToken });
    expect(revoke.status).toBe(200);
    expect((await srv.request('POST', '/v1/auth/login', { body: { email: org.email, password: org.password, deviceName: 'third laptop' } })).status).toBe(200);
  });

  it('hands each device a lease signed with the key pinned at login; a changed lease does not verify', async () => {
    const r = await srv.request('GET', `/v1/license/lease?orgId=${org.orgId}`, { token: owner.accessToken });
    expect(r.status).toBe(200);
    const { lease, keyId, signature } = r.body;
    expect(keyId).toBe(owner.serverKey!.publicKey);
    expect(lease).toMatchObject({ orgId: org.orgId, deviceId: owner.deviceId, state: 'valid', seats: 2, modules: ['immigration'] });
    expect(Date.parse(lease.expiresAt) - Date.parse(lease.issuedAt)).toBe(14 * 86_400_000);
    expect(ed25519Verify(keyId, leaseSignedText(lease), signature)).toBe(true);
    expect(ed25519Verify(keyId, leaseSignedText({ ...lease, state: 'valid', until: '2099-01-01T00:00:00.000Z' }), signature)).toBe(false);
    expect((await srv.request('GET', `/v1/license/lease?orgId=${newId()}`, { token: owner.accessToken })).status).toBe(403);
  });

  it('health reports: kept per device, listed with warnings; devices renamed by an admin only', async () => {
    const health = {
      orgId: org.orgId,
      appVersion: '0.1.0',
      lastPush: new Date().toISOString(),
      lastPull: new Date().toISOString(),
      pendingChanges: 3,
      failedPushes: 1,
      openConflicts: 2,
      diskUsedBytes: 123456,
      lease: { state: 'valid', expiresAt: new Date(Date.now() + 14 * 86_400_000).toISOString() },
    };
    const r = await srv.request('POST', '/v1/devices/health', { token: owner.accessToken, body: health });
    expect(r.status).toBe(200);
    expect(r.body.lease.lease.deviceId).toBe(owner.deviceId);
    const bad = await srv.request('POST', '/v1/devices/health', { token: owner.accessToken, body: { ...health, pendingChanges: -1 } });
    expect(bad.status).toBe(400);
    const list = await srv.request('GET', `/v1/orgs/${org.orgId}/devices`, { token: owner.accessToken });
    const mine = list.body.devices.find((d: any) => d.deviceId === owner.deviceId);
    const { orgId: _o, ...kept } = health;
    expect(mine).toMatchObject({ health: kept, pendingCount: 3, appVersion: '0.1.0' });
    expect(mine.warnings).toEqual(['unsynced_changes', 'failing_pushes']);
    const silent = list.body.devices.find((d: any) => d.name === 'third laptop');
    expect(silent.warnings).toContain('not_synced');
    const rename = await srv.request('PATCH', `/v1/orgs/${org.orgId}/devices/${silent.deviceId}`, {
      token: owner.accessToken,
      body: { name: 'Front desk PC' },
    });
    expect(rename.status).toBe(200);
    const again = await srv.request('GET', `/v1/orgs/${org.orgId}/devices`, { token: owner.accessToken });
    expect(again.body.devices.find((d: any) => d.deviceId === silent.deviceId).name).toBe('Front desk PC');
    expect((await srv.request('PATCH', `/v1/orgs/${org.orgId}/devices/${silent.deviceId}`, { token: owner.accessToken, body: { name: '' } })).status).toBe(400);
  });

  it('a device slot per laptop, not per login: the same laptop (its deviceKey) signing in again keeps its one device', async () => {
    const devices = async () =>
      (await srv.request('GET', `/v1/orgs/${org.orgId}/devices`, { token: owner.accessToken })).body.devices.filter(
        (d: { userId: string; revokedAt: string | null }) => d.userId === org.userId && !d.revokedAt,
      );
    // 2 of 2 in use (owner laptop and the one renamed Front desk PC): revoke the other so this laptop takes the last slot.
    const third = (await devices()).find((d: { deviceId: string }) => d.deviceId !== owner.deviceId);
    expect((await srv.request('POST', `/v1/orgs/${org.orgId}/devices/${third.deviceId}/revoke`, { token: owner.accessToken })).status).toBe(200);
    const laptopKey = 'k'.repeat(43);
    const signIn = (deviceKey: string, deviceName = 'work laptop') =>
      srv.request('POST', '/v1/auth/login', { body: { email: org.email, password: org.password, deviceName, deviceKey } });
    const first = await signIn(laptopKey);
    expect(first.status).toBe(200);
    for (const name of ['work laptop', 'work laptop (renamed)']) {
      const again = await signIn(laptopKey, name);
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body.deviceId).toBe(first.body.deviceId);
    }
    expect(await devices()).toHaveLength(2);
    expect((await devices()).map((d: { name: string }) => d.name)).toContain('work laptop (renamed)');
    // The earlier login's refresh token was replaced, not left alive beside the new one.
    expect((await srv.request('POST', '/v1/auth/refresh', { body: { refreshToken: first.body.refreshToken } })).status).toBe(401);
    // Another laptop is still a new device, over the limit.
    const other = await signIn('o'.repeat(43), 'other laptop');
    expect(other.status).toBe(403);
    expect(other.body.error).toBe('license_devices');
    // Revoked, the laptop starts again as a new device (its old row keeps its history).
    expect((await srv.request('POST', `/v1/orgs/${org.orgId}/devices/${first.body.deviceId}/revoke`, { token: owner.accessToken })).status).toBe(200);
    const fresh = await signIn(laptopKey);
    expect(fresh.status).toBe(200);
    expect(fresh.body.deviceId).not.toBe(first.body.deviceId);
  });

  it('a real laptop syncs, keeps its lease and shows the firm licence; past the grace it and the server are read-only; a clock turned back changes nothing', async () => {
    const vault = join(dir, 'laptop');
    await cliJson(['init', '--data', vault]);
    // The owner's device limit is reached; the laptop signs in as a new member of a bigger licence.
    expect(
      (
        await syncCli([
          'license',
          'install',
          issue(keys.key, join(dir, 'bigger.json'), { org: org.orgId, seats: 10, devicesPerUser: 3, until: '2027-06-30', graceDays: 10 }),
        ])
      ).code,
    ).toBe(0);
    forgetLicenseCache(srv.db);
    const member = await srv.addUser(owner, org.orgId, 'admin');
    const login = await cli(['login', '--server', srv.url, '--email', member.email, '--data', vault], { CASEWORK_PASSWORD: member.password });
    expect(login.code, login.stderr).toBe(0);
    // The same laptop signing in again is the same device (one slot), as the server's device list says.
    const again = await cli(['login', '--server', srv.url, '--email', member.email, '--data', vault], { CASEWORK_PASSWORD: member.password });
    expect(again.code, again.stderr).toBe(0);
    const listed = (await srv.request('GET', `/v1/orgs/${org.orgId}/devices`, { token: owner.accessToken })).body.devices;
    expect(listed.filter((d: { userId: string }) => d.userId === member.userId)).toHaveLength(1);
    const synced = await cliJson(['sync', '--once', '--data', vault]);
    expect(synced.license).toBe('valid');
    expect(await cliJson(['license', 'status', '--data', vault])).toMatchObject({ state: 'valid', source: 'lease', seats: 10, licensee: 'Okafor Immigration' });

    // Grace on the server and on the laptop: writes still work.
    serverNow('2027-07-05T00:00:00Z');
    const lap = { CASEWORK_LICENSE_NOW: '2027-07-05T00:00:00Z' };
    expect((await cliJson(['sync', '--once', '--data', vault], lap)).license).toBe('grace');
    await cliJson(['case', 'create', '--data', vault, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Grace Client'], lap);
    expect((await cliJson(['sync', '--once', '--data', vault], lap)).applied).toBeGreaterThan(0);

    // Past the grace: the server refuses pushes in words, the laptop refuses writes, reads work.
    serverNow('2027-08-01T00:00:00Z');
    const pushed = await srv.request('POST', '/v1/push', { token: owner.accessToken, body: { clientId: newId(), orgId: org.orgId, mutations: [] } });
    expect(pushed.status).toBe(403);
    expect(pushed.body).toMatchObject({ error: 'license_read_only', state: 'read_only' });
    expect(pushed.body.message).toMatch(/licence read_only: the organisation is read-only/);
    const late = { CASEWORK_LICENSE_NOW: '2027-08-01T00:00:00Z' };
    await cli(['sync', '--once', '--data', vault], late);
    expect((await cliJson(['license', 'status', '--data', vault], late)).state).toBe('read_only');
    const refused = await cli(['case', 'create', '--data', vault, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Too Late'], late);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/licence read_only: this vault is read-only/);
    expect((await cliJson<any[]>(['case', 'list', '--data', vault], late)).map((c) => c.client_name)).toContain('Grace Client');

    // The server's clock turned back: its sealed last-seen time keeps it read-only.
    serverNow('2027-03-01T00:00:00Z');
    expect(await status()).toMatchObject({ state: 'read_only', clockRollback: true });
    const sealed = await srv.db.pool.query(`SELECT value FROM server_keys WHERE name = 'license_last_seen'`);
    expect(sealed.rows[0].value).not.toMatch(/2027/);
    expect((await srv.request('POST', '/v1/push', { token: owner.accessToken, body: { clientId: newId(), orgId: org.orgId, mutations: [] } })).status).toBe(
      403,
    );
    serverNow(undefined);
  });
});
