/**
 * The sync commands against real vaults before (or without) a server: status, bad input and an
 * unreachable server all answer clearly, and none of them changes the vault.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { cli, cliJson, tempDir } from '../support/cli';

function fingerprint(data: string) {
  const cases = cliJson<any[]>(['case', 'list', '--data', data, '--limit', '500']).map((c) => `${c.id}:${c.status}:${c.updated_at}`);
  return { cases, status: cliJson(['sync', 'status', '--data', data]), audit: cliJson(['audit', 'verify', '--data', data]).entries };
}

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('sync commands without a server', () => {
  let data: string;
  beforeAll(() => {
    data = join(tempDir('cw-sync-offline-'), 'vault');
    cliJson(['init', '--data', data]);
    cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Offline Person']);
  });

  it('reports a solo vault: no server, its local changes queued', () => {
    const s = cliJson(['sync', 'status', '--data', data]);
    expect(s.server).toBeNull();
    expect(s.pendingPushes).toBeGreaterThan(0);
    expect(s).toMatchObject({ rejected: 0, conflicts: 0, lastPull: null, lastPush: null });
    expect(s.deviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(cliJson(['conflicts', 'list', '--data', data])).toEqual([]);
  });

  it('refuses bad input and an unreachable server, changing nothing', async () => {
    const before = fingerprint(data);
    const port = await closedPort();
    const env = { CASEWORK_PASSWORD: 'secret-password' };
    const cases: Array<[string[], Record<string, string | undefined>, RegExp]> = [
      [['sync', '--once', '--data', data], {}, /not connected to a sync server/],
      [['login', '--data', data, '--server', 'not a url', '--email', 'a@b.ca'], env, /not a URL/],
      [['login', '--data', data, '--server', 'ftp://x.ca', '--email', 'a@b.ca'], env, /http/],
      [['login', '--data', data, '--server', `http://127.0.0.1:${port}`, '--email', 'nobody'], env, /not an email/],
      [['login', '--data', data, '--server', `http://127.0.0.1:${port}`, '--email', 'a@b.ca'], { CASEWORK_PASSWORD: '' }, /CASEWORK_PASSWORD/],
      [['login', '--data', data, '--server', `http://127.0.0.1:${port}`, '--email', 'a@b.ca'], env, /cannot be reached/],
      [['conflicts', 'resolve', 'nope', '--keep', 'mine', '--data', data], {}, /not a valid id/],
      [['conflicts', 'resolve', '0190aaaa-0000-7000-8000-000000000000', '--keep', 'maybe', '--data', data], {}, /mine or theirs/],
      [['conflicts', 'resolve', '0190aaaa-0000-7000-8000-000000000000', '--value', '{bad', '--data', data], {}, /JSON/],
      [['conflicts', 'resolve', '0190aaaa-0000-7000-8000-000000000000', '--data', data], {}, /exactly one/],
      [['conflicts', 'resolve', '0190aaaa-0000-7000-8000-000000000000', '--keep', 'mine', '--data', data], {}, /no conflict/],
    ];
    for (const [args, e, msg] of cases) {
      const r = cli(args, e);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(msg);
    }
    expect(fingerprint(data)).toEqual(before);
  });
});
