// A blob key rotation killed anywhere loses no file key (issue 19: each rotation survives SIGKILL).
// `casework-sync keys rotate --kind blob --retire` is SIGKILLed at random moments of its batched
// re-wrap; after each kill every stored file key still unwraps, with the key version its row names, to
// the very key that was stored. A last run to the end leaves every key on the newest version and no
// older blob key. Real server database, real command.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { readRings } from '../../sync-server/src/keys/ring';
import { serverKeysOf } from '../../sync-server/src/keys/ring';
import { unwrapFileKey, wrapFileKey } from '../../sync-server/src/keys/file-keys';

const BIN = join(import.meta.dirname, '..', '..', 'sync-server', 'bin', 'casework-sync.mjs');
const N = 6000;
const KILLS = Number(process.env.CASEWORK_SERVER_KEY_KILLS ?? 5);

let srv: TestServer;
let pgc: pg.Client;
let orgId: string;
const keys = new Map<string, Buffer>();

/** One run; with kill, SIGKILLed a random moment after its first batch of re-wrapped keys is reported. */
function rotate(kill = false): Promise<{ code: number | null; signal: string | null; stdout: string }> {
  return new Promise((done) => {
    const args = ['keys', 'rotate', '--kind', 'blob', '--retire', '--settle-ms', '0', '--data', srv.dataDir];
    const child = spawn(process.execPath, [BIN, ...args, ...(kill ? [] : ['--json'])], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (d: Buffer) => {
      // "<n> file keys re-wrapped" after each batch (stderr, without --json)
      if (kill && !timer && /re-wrapped/.test(String(d))) timer = setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 600));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout });
    });
  });
}

async function everyKeyStillOpens(): Promise<Record<number, number>> {
  const rings = await srv.db.withSystem((tx) => readRings(tx));
  const rows = (await pgc.query('SELECT version_id, org_id, key_version, wrapped FROM file_keys')).rows;
  expect(rows).toHaveLength(N);
  const perVersion: Record<number, number> = {};
  for (const r of rows) {
    const key = unwrapFileKey(rings.blob, r.org_id, r.version_id, r.key_version, r.wrapped);
    expect(key?.equals(keys.get(r.version_id)!), `version ${r.version_id} (blob key v${r.key_version})`).toBe(true);
    perVersion[r.key_version] = (perVersion[r.key_version] ?? 0) + 1;
  }
  return perVersion;
}

beforeAll(async () => {
  srv = await startTestServer();
  ({ orgId } = await srv.createOrg({ name: 'Killed rotations' }));
  pgc = new pg.Client({ connectionString: srv.databaseUrl });
  await pgc.connect();
  // File keys as pushes store them (their version rows are not needed here: no triggers on this session).
  await pgc.query('SET session_replication_role = replica');
  const ring = serverKeysOf(srv.db).rings.blob;
  for (let i = 0; i < N; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, N - i) }, () => {
      const id = randomUUID();
      const key = randomBytes(32);
      keys.set(id, key);
      const w = wrapFileKey(ring, orgId, id, key);
      return [id, orgId, w.keyVersion, w.keyId, w.wrapped];
    });
    await pgc.query(
      'INSERT INTO file_keys (version_id, org_id, key_version, key_id, wrapped) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[])',
      [0, 1, 2, 3, 4].map((k) => rows.map((r) => r[k])),
    );
  }
}, 180_000);
afterAll(async () => {
  await pgc?.end();
  await srv?.close();
});

describe('casework-sync keys rotate --kind blob, SIGKILLed', () => {
  it(`loses no file key when killed ${KILLS} times mid-way, and a last run finishes the job`, async () => {
    const full = await rotate();
    expect(full.code).toBe(0);
    expect(JSON.parse(full.stdout).blob).toMatchObject({ rewrapped: N, retiredBelow: 2 });
    expect(await everyKeyStillOpens()).toEqual({ 2: N });

    const mixes: Array<Record<number, number>> = [];
    for (let i = 0; i < KILLS; i++) {
      const r = await rotate(true);
      mixes.push(await everyKeyStillOpens());
      if (r.code === 0) continue; // finished before the kill: fine too
      expect(r.signal).toBe('SIGKILL');
    }
    console.log(`keys per blob version after each kill: ${JSON.stringify(mixes)}`);
    // Some kill landed mid-re-wrap (keys on two versions at once), or the test aimed badly.
    expect(mixes.some((m) => Object.keys(m).length > 1)).toBe(true);

    const last = await rotate();
    expect(last.code).toBe(0);
    const per = await everyKeyStillOpens();
    const newest = Math.max(...Object.keys(per).map(Number));
    expect(per).toEqual({ [newest]: N });
    const blobKeys = (await pgc.query(`SELECT name FROM server_keys WHERE name ~ '^blob:v'`)).rows.map((r) => r.name);
    expect(blobKeys).toEqual([`blob:v${newest}`]);
  }, 600_000);
});
