/**
 * Who may erase a vault, and what a wipe leaves behind. The laptop talks to a remote server only over
 * https (loopback may use http); a device_revoked answer about another org leaves this org's vault
 * alone; a wipe removes the key the vault left in the OS keychain (real gnome-keyring in a private
 * D-Bus session). The "server" here is an impostor on a real socket: the attacker who answers for
 * the firm's server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { generateKeyPairSync, sign } from 'node:crypto';
import { BIN, ROOT, tempDir } from '../support/cli';
import { joinedLaptop, run, runJson, startServer } from '../sync-client/support';
import { revocationMessage } from '../../src-shared/sync/revocation';

/** Answers a login for `orgId`, then device_revoked (naming `revokedOrg`, or no org) to everything else. */
function impostor(orgId: string, revokedOrg: () => string | undefined): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/auth/login') {
        res.end(
          JSON.stringify({
            accessToken: 'a'.repeat(40),
            refreshToken: 'r'.repeat(40),
            userId: randomUUID(),
            deviceId: randomUUID(),
            memberships: [{ orgId, role: 'owner' }],
          }),
        );
        return;
      }
      const org = revokedOrg();
      res.statusCode = 403;
      res.end(JSON.stringify({ error: 'device_revoked', message: 'this device was revoked', ...(org ? { orgId: org } : {}) }));
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

describe('revocation and transport', () => {
  const orgA = randomUUID();
  let revokeIn: string | undefined;
  let fake: Awaited<ReturnType<typeof impostor>>;
  beforeAll(async () => {
    fake = await impostor(orgA, () => revokeIn);
  });
  afterAll(() => fake?.server.close());

  it('refuses a remote server over plain http, and accepts https and loopback http', async () => {
    const data = join(tempDir('cw-transport-'), 'vault');
    await runJson(['init', '--data', data]);
    for (const server of ['http://sync.example-firm.test', 'http://127.0.0.1.nip.io']) {
      const r = await run(['login', '--data', data, '--server', server, '--email', 'a@b.ca'], { CASEWORK_PASSWORD: 'pw' });
      expect(r.code, server).not.toBe(0);
      expect(r.stderr, server).toMatch(/must use https/);
    }
    // https is attempted (nothing answers there: a connection error, not a refusal of the URL).
    const https = await run(['login', '--data', data, '--server', 'https://127.0.0.1:1', '--email', 'a@b.ca'], { CASEWORK_PASSWORD: 'pw' });
    expect(https.stderr).not.toMatch(/must use https/);
    expect((await runJson(['sync', 'status', '--data', data])).server).toBeNull();
  });

  it('keeps the vault when the revocation names another org, wipes it when it names this one', async () => {
    const data = join(tempDir('cw-revoke-org-'), 'vault');
    await runJson(['init', '--data', data]);
    await runJson(['login', '--data', data, '--server', fake.url, '--email', 'owner@a.test'], { CASEWORK_PASSWORD: 'pw' });
    const kept = await runJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Stays Here']);
    revokeIn = randomUUID();
    const other = await run(['sync', '--once', '--data', data]);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toMatch(/another organisation/);
    expect((await runJson(['case', 'show', kept.id, '--data', data])).id).toBe(kept.id);
    revokeIn = orgA;
    const mine = await run(['sync', '--once', '--data', data]);
    expect(mine.stderr).toMatch(/has been wiped/);
    expect(existsSync(join(data, 'casework.db'))).toBe(false);
  });

  const keyring = existsSync('/usr/bin/dbus-run-session') && existsSync('/usr/bin/gnome-keyring-daemon');
  it.skipIf(!keyring)('a wipe removes the vault key from the OS keychain', async () => {
    revokeIn = undefined;
    const home = tempDir('cw-revoke-keyring-');
    const runDir = join(home, 'run');
    mkdirSync(runDir, { recursive: true });
    chmodSync(runDir, 0o700);
    const data = join(home, 'vault');
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      HOME: home,
      XDG_DATA_HOME: join(home, 'data'),
      XDG_RUNTIME_DIR: runDir,
      CASEWORK_PASSWORD: 'pw',
    };
    delete env.CASEWORK_PASSPHRASE;
    delete env.DBUS_SESSION_BUS_ADDRESS;
    const cw = `${process.execPath} ${BIN}`;
    const probe = `${process.execPath} -e "const {Entry}=require('@napi-rs/keyring');const id=require('${data}/vault.json').vaultId;console.log('ENTRY', id, new Entry('Casework','vault:'+id).getPassword()?'present':'absent')"`;
    const script = [
      'set -e',
      'echo -n unlock-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
      `${cw} init --data ${data} --json >/dev/null`,
      `cp ${data}/vault.json ${home}/vault-copy.json`,
      probe,
      `${cw} login --data ${data} --server ${fake.url} --email owner@a.test --json >/dev/null`,
      `${cw} sync --once --data ${data} || echo "SYNC $?"`,
      probe.replace(`${data}/vault.json`, `${home}/vault-copy.json`),
    ].join('\n');
    const out = await new Promise<string>((resolve) => {
      const p = spawn('dbus-run-session', ['--', 'bash', '-c', script], { env, cwd: ROOT });
      let text = '';
      p.stdout.on('data', (d) => (text += d));
      p.stderr.on('data', (d) => (text += d));
      p.on('close', () => resolve(text));
    });
    const entries = [...out.matchAll(/ENTRY \S+ (present|absent)/g)].map((m) => m[1]);
    expect(entries, out).toEqual(['present', 'absent']);
    expect(out).toMatch(/has been wiped/);
    expect(existsSync(join(data, 'vault.json'))).toBe(false);
  });

  describe('a revocation is believed only when the joined server signed it', () => {
    let srv: Awaited<ReturnType<typeof startServer>>;
    let proxy: Server;
    let proxyUrl: string;
    /** When set, the man in the middle answers every request with this instead of the server's answer. */
    let forged: ((deviceId: string) => unknown) | undefined;
    beforeAll(async () => {
      srv = await startServer();
      // A pass-through on the path to the real server, which can start answering for it.
      proxy = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', async () => {
          if (forged && req.url !== '/v1/auth/login') {
            res.writeHead(403, { 'content-type': 'application/json' });
            return res.end(JSON.stringify(forged(String(req.headers['x-device'] ?? ''))));
          }
          const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<
            string,
            string
          >;
          const answer = await fetch(srv.url + req.url, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(Buffer.from(await answer.arrayBuffer()));
        });
      });
      await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', () => ok()));
      proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
    });
    afterAll(async () => {
      proxy?.close();
      await srv?.stop();
    });

    it('ignores forged revocations, and wipes on the real one', async () => {
      const org = await srv.createOrg();
      const victim = await joinedLaptop(proxyUrl, org.email, org.password, 'victim');
      await victim.sync();
      const { deviceId } = await victim.json(['sync', 'status']);
      const orgId = org.orgId;
      const kept = await victim.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Unsynced Work']);
      const attacker = generateKeyPairSync('ed25519');
      const keyId =
        (await srv.request('GET', `/v1/audit/checkpoints?orgId=${org.orgId}`, { token: (await srv.login(org.email, org.password)).accessToken })).body?.keyId ??
        '0'.repeat(16);
      const proof = (o: string, d: string, k = attacker.privateKey) => {
        const body = { orgId: o, deviceId: d, revokedAt: new Date().toISOString(), keyId };
        return { ...body, signature: sign(null, Buffer.from(revocationMessage(body)), k).toString('base64') };
      };
      for (const answer of [
        { error: 'device_revoked', message: 'revoked' },
        { error: 'device_revoked', orgId, proofs: [proof(orgId, deviceId)] },
        { error: 'device_revoked', proofs: [proof('*', deviceId)] },
      ]) {
        forged = () => answer;
        const r = await victim.run(['sync', '--once']);
        expect(r.code, JSON.stringify(answer)).not.toBe(0);
        expect(r.stderr).toMatch(/not signed by the server this vault joined; nothing was wiped/);
        expect((await victim.json(['case', 'show', kept.id])).id).toBe(kept.id);
      }
      forged = undefined;
      const admin = await srv.login(org.email, org.password);
      const revoked = await srv.request('POST', `/v1/orgs/${org.orgId}/devices/${deviceId}/revoke`, { token: admin.accessToken });
      expect(revoked.status, JSON.stringify(revoked.body)).toBeLessThan(300);
      const real = await victim.run(['sync', '--once']);
      expect(real.stderr).toMatch(/has been wiped/);
      expect(existsSync(join(victim.data, 'casework.db'))).toBe(false);
    });
  });
});
