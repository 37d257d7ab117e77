// Issue 13 row 4: a database owner deletes an audit entry and re-hashes the rest with the project's own
// hash function. The chain is then internally consistent (the old /audit/verify said ok); the
// checkpoints signed with the server's audit key (a 0600 file outside the database) no longer match
// it, in the database and on the laptops that kept copies. Also: forged checkpoints are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync, sign } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { checkpointMessage, type AuditCheckpoint } from '../../src-shared/sync/audit-checkpoints';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { entryHash, GENESIS } from '../../sync-server/src/audit';
import { main as syncCli } from '../../sync-server/src/cli';
import { caseFields, firm, push1, type Firm } from './push-support';

let srv: TestServer;
let f: Firm;
let su: pg.Client;

beforeAll(async () => {
  // A folder of our own: the server is restarted on it (startTestServer removes only folders it made).
  const dir = mkdtempSync(join(tmpdir(), 'cw-audit-anchor-'));
  chmodSync(dir, 0o755); // initdb runs as the postgres user when the tests run as root
  srv = await startTestServer({ dataDir: dir });
  f = await firm(srv, 'Anchored Firm');
  su = new pg.Client({ connectionString: srv.databaseUrl });
  await su.connect();
});
afterAll(async () => {
  await su?.end().catch(() => {});
  await srv?.close();
  rmSync(srv.dataDir, { recursive: true, force: true }); // kept across the restart
});

const verify = (checkpoints?: AuditCheckpoint[]) =>
  checkpoints
    ? srv.request('POST', `/v1/orgs/${f.orgId}/audit/verify`, { token: f.owner.accessToken, body: { checkpoints } })
    : srv.request('GET', `/v1/orgs/${f.orgId}/audit/verify`, { token: f.owner.accessToken });

/** What a database owner can do: bypass the append-only triggers for a moment. */
async function asOwner<T>(fn: () => Promise<T>): Promise<T> {
  await su.query(`SET session_replication_role = replica`);
  try {
    return await fn();
  } finally {
    await su.query(`SET session_replication_role = origin`);
  }
}

describe('signed audit checkpoints', () => {
  it('the key is a 0600 file under --data, not in the database; members get checkpoints, strangers do not', async () => {
    const file = join(srv.dataDir, 'audit-signing-key.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const pem = readFileSync(file, 'utf8');
    const body = pem.split('\n')[1]!;
    const inDb = await su.query(`SELECT count(*)::int AS n FROM server_keys WHERE value LIKE '%' || $1 || '%'`, [body.slice(0, 40)]);
    expect(inDb.rows[0].n).toBe(0);

    const para = await f.member('paralegal');
    expect((await push1(srv, f.owner, f.orgId, { table: 'cases', op: 'insert', fields: caseFields() })).status).toBe('applied');
    await srv.request('GET', `/v1/orgs/${f.orgId}/audit`, { token: f.owner.accessToken }); // chained
    const r = await srv.request('GET', `/v1/audit/checkpoints?orgId=${f.orgId}&since=0`, { token: para.accessToken });
    expect(r.status).toBe(200);
    expect(r.body.checkpoints.length).toBeGreaterThan(0);
    expect(r.body.publicKey).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const other = await firm(srv, 'Stranger');
    expect((await srv.request('GET', `/v1/audit/checkpoints?orgId=${f.orgId}`, { token: other.owner.accessToken })).status).toBe(403);
  });

  it('delete one entry and re-hash the rest as the database owner: verify detects it, from the server and from a laptop', async () => {
    for (let i = 0; i < 6; i++) expect((await push1(srv, f.owner, f.orgId, { table: 'cases', op: 'insert', fields: caseFields() })).status).toBe('applied');
    const before = await verify();
    expect(before.body).toMatchObject({ ok: true, problems: [] });
    expect(before.body.anchoredSeq).toBe(before.body.entries);
    // What a member's laptop holds after its sync.
    const held = (await srv.request('GET', `/v1/audit/checkpoints?orgId=${f.orgId}&since=0`, { token: f.owner.accessToken })).body
      .checkpoints as AuditCheckpoint[];
    expect(held.at(-1)!.seq).toBe(before.body.entries);

    // The attack: delete entry 3, renumber and re-hash everything after it with the project's own hash.
    await asOwner(async () => {
      await su.query('DELETE FROM server_audit WHERE org_id = $1 AND seq = 3', [f.orgId]);
      const rows = (await su.query('SELECT * FROM server_audit WHERE org_id = $1 ORDER BY seq', [f.orgId])).rows;
      let prev = GENESIS;
      let seq = 0;
      for (const row of rows) {
        const e = { ...row, seq: ++seq, prev_hash: prev };
        e.hash = prev = entryHash(e);
        await su.query('UPDATE server_audit SET seq = $2, prev_hash = $3, hash = $4 WHERE id = $1', [row.id, e.seq, e.prev_hash, e.hash]);
      }
    });
    // The chain alone is consistent again: only the signatures tell.
    const after = await verify();
    expect(after.status).toBe(200);
    expect(after.body.ok).toBe(false);
    expect(after.body.problems.join('\n')).toMatch(/rewritten|removed/);
    // The operator's command line says so too (exit 1).
    expect(await syncCli(['node', 'casework-sync', 'audit', 'verify', '--org', f.orgId, '--data', srv.dataDir])).toBe(1);

    // The owner also deletes every stored checkpoint: that is seen, and the laptop's copies still show the rewrite.
    await asOwner(() => su.query('DELETE FROM audit_checkpoints WHERE org_id = $1', [f.orgId]));
    const bare = await verify();
    expect(bare.body.ok).toBe(false);
    expect(bare.body.problems).toEqual(['no checkpoint signed by this server covers this chain']);
    const laptop = await verify(held);
    expect(laptop.body.ok).toBe(false);
    expect(laptop.body.problems.join('\n')).toMatch(/laptop checkpoint/);
    // Restarting the server does not sign the rewritten chain (its key already existed).
    await su.end();
    await srv.close();
    srv = await startTestServer({ dataDir: srv.dataDir });
    su = new pg.Client({ connectionString: srv.databaseUrl });
    await su.connect();
    f.owner = { ...(await srv.login(f.ownerEmail, f.ownerPassword)), userId: f.owner.userId };
    expect((await verify()).body.problems).toEqual(['no checkpoint signed by this server covers this chain']);
  });

  it('a checkpoint forged with another key, or altered, is refused', async () => {
    const head = (await su.query('SELECT seq, hash FROM server_audit WHERE org_id = $1 ORDER BY seq DESC LIMIT 1', [f.orgId])).rows[0];
    const { privateKey } = generateKeyPairSync('ed25519');
    const held = (await srv.request('GET', `/v1/audit/checkpoints?orgId=${f.orgId}&since=0`, { token: f.owner.accessToken })).body;
    const body = { orgId: f.orgId, seq: Number(head.seq), headHash: String(head.hash), at: new Date().toISOString(), keyId: held.keyId };
    const forged = { ...body, signature: sign(null, Buffer.from(checkpointMessage(body)), privateKey).toString('base64') };
    await asOwner(() =>
      su.query('INSERT INTO audit_checkpoints (org_id, seq, head_hash, at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)', [
        f.orgId,
        forged.seq + 1000,
        forged.headHash,
        forged.at,
        forged.keyId,
        forged.signature,
      ]),
    );
    const r = await verify([forged]);
    expect(r.body.ok).toBe(false);
    expect(r.body.problems.filter((p: string) => /not signed by this server/.test(p)).length).toBe(2);
  });
});
