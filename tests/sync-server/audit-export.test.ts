// Issue 15, audit export: a date range of an org's server audit chain as JSON Lines and CSV, with the
// chain proof (first and last hash, a checkpoint and a range signature by the server's audit key). A
// real server on embedded Postgres; entries made by real admin calls and a real push whose values hold
// commas, quotes and a line break (CSV's hard cases). Verification is offline, against the public key
// laptops pin; every kind of tampering an auditor must catch fails it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { join } from 'node:path';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import { verifyAuditExport } from '../../sync-server/src/audit-export';
import { entryHash } from '../../sync-server/src/audit';
import { main as syncCli } from '../../sync-server/src/cli';
import { CSV_PROOF_PREFIX, exportProofMessage } from '../../src-shared/sync/audit-export';
import { caseFields, firm, push1, type Firm } from '../security/push-support';

let srv: TestServer;
let f: Firm;
let publicKey: string;
const dir = mkdtempSync(join(tmpdir(), 'cw-audit-export-'));
const today = new Date().toISOString().slice(0, 10);
const TRICKY = 'Okafor, "Amara"\nsecond line';

beforeAll(async () => {
  srv = await startTestServer();
  f = await firm(srv, 'Export Firm');
  await f.member('paralegal');
  await f.member('consultant');
  const r = await push1(srv, f.owner, f.orgId, { table: 'cases', op: 'insert', fields: caseFields({ source: 'Okafor, "A"', tags: [TRICKY] }) });
  expect(r.reason ?? r.status).toBe('applied');
  const cp = await srv.request('GET', `/v1/audit/checkpoints?orgId=${f.orgId}`, { token: f.owner.accessToken });
  publicKey = cp.body.publicKey; // what a laptop pins at join
});
afterAll(async () => {
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

const exportOf = async (format: 'jsonl' | 'csv', from = today, to = today, token = f.owner.accessToken) =>
  srv.request('GET', `/v1/orgs/${f.orgId}/audit/export?from=${from}&to=${to}&format=${format}`, { token });

/** Re-sign a proof with another key, as a forger who rewrote the entries would have to. */
function resignWithForeignKey(proof: Record<string, any>) {
  const { privateKey, publicKey: pub } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(pub.export({ format: 'jwk' }).x!, 'base64url');
  const { signature: _s, checkpoint: _c, publicKey: _p, type: _t, version: _v, ...body } = proof;
  return { ...proof, publicKey: raw.toString('base64'), signature: sign(null, Buffer.from(exportProofMessage(body as never)), privateKey).toString('base64') };
}

describe('audit export', () => {
  it('JSON Lines: every entry of the range, then a proof that verifies with the pinned key', async () => {
    const r = await exportOf('jsonl');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (r.body as string).trim().split('\n');
    const entries = lines.slice(0, -1).map((l) => JSON.parse(l));
    const { proof } = JSON.parse(lines[lines.length - 1]!);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1)); // all of today, from the org's first entry
    expect(entries.map((e) => e.event_type)).toEqual(expect.arrayContaining(['admin.create_org', 'admin.create_user', 'auth.login']));
    expect(proof).toMatchObject({ entries: entries.length, firstSeq: 1, lastSeq: entries.length, firstHash: entries[0].hash, lastHash: entries.at(-1).hash });
    expect(proof.checkpoint).toMatchObject({ seq: entries.length, headHash: entries.at(-1).hash });
    const v = verifyAuditExport(r.body, publicKey);
    expect(v).toMatchObject({ ok: true, format: 'jsonl', entries: entries.length, problems: [] });
  });

  it('CSV: a header, one row per entry (commas, quotes and line breaks survive), the proof line; verifies', async () => {
    const r = await exportOf('csv');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    const text = r.body as string;
    expect(text.split('\n')[0]).toBe(
      'seq,at,event_type,table_name,record_id,user_id,device_id,request_id,old_values,new_values,changed_fields,metadata,prev_hash,hash',
    );
    expect(text).toContain('\n' + CSV_PROOF_PREFIX);
    expect(text).toContain('second line'); // the case title's line break, inside a quoted cell
    expect(verifyAuditExport(text, publicKey)).toMatchObject({ ok: true, format: 'csv', problems: [] });
  });

  it('a tampered export fails verification, whatever was changed', async () => {
    const text = (await exportOf('jsonl')).body as string;
    const lines = text.trim().split('\n');
    const entries = lines.slice(0, -1).map((l) => JSON.parse(l));
    const proof = JSON.parse(lines.at(-1)!).proof;
    const jsonl = (es: unknown[], p = proof) => [...es.map((e) => JSON.stringify(e)), JSON.stringify({ proof: p })].join('\n') + '\n';
    const fails = (t: string, why: RegExp) => {
      const v = verifyAuditExport(t, publicKey);
      expect(v.ok).toBe(false);
      expect(v.problems.join(' | ')).toMatch(why);
    };
    // one field of one entry edited
    fails(jsonl(entries.map((e, i) => (i === 2 ? { ...e, event_type: 'auth.login_failed' } : e))), /seq 3 was altered/);
    // an entry removed from the middle, the start or the end
    fails(jsonl(entries.filter((_, i) => i !== 3)), /out of place|counts/);
    fails(jsonl(entries.slice(1)), /out of place|counts|first entry/);
    fails(jsonl(entries.slice(0, -1)), /counts|last entry/);
    // the entries edited and re-hashed from the edit on, the proof's ends and counts made to match: the
    // signatures no longer do; re-signed with another key: not the server's key
    const edited = structuredClone(entries);
    edited[1].metadata = { note: 'rewritten' };
    for (let i = 1; i < edited.length; i++) {
      edited[i].prev_hash = edited[i - 1].hash;
      edited[i].hash = entryHash({ ...edited[i], org_id: f.orgId });
    }
    const fixed = { ...proof, lastHash: edited.at(-1).hash };
    fails(jsonl(edited, fixed), /signature does not verify|checkpoint/);
    fails(jsonl(edited, resignWithForeignKey(fixed)), /another key/);
    // the proof's range widened after signing
    fails(jsonl(entries, { ...proof, from: '2000-01-01T00:00:00.000Z' }), /signature does not verify/);
    // CSV: one cell edited
    const csv = (await exportOf('csv')).body as string;
    fails(csv.replace('admin.create_user', 'admin.create_usex'), /was altered/);
    // not an export at all, and the right file against another key
    fails('hello\n', /not an audit export|no valid proof/);
    expect(verifyAuditExport(text, resignWithForeignKey(proof).publicKey).ok).toBe(false);
  });

  it('a range with no entry exports only a signed proof that says so', async () => {
    const r = await exportOf('jsonl', '2001-01-01', '2001-12-31');
    expect(r.status).toBe(200);
    const text = `${JSON.stringify(r.body)}\n`; // one line of JSON (the helper parsed it)
    expect(r.body.proof).toMatchObject({ entries: 0, firstSeq: null, checkpoint: null, from: '2001-01-01T00:00:00.000Z', to: '2002-01-01T00:00:00.000Z' });
    expect(verifyAuditExport(text, publicKey).ok).toBe(true);
  });

  it('only owners and admins export; bad ranges and formats are refused in words; the export is audited', async () => {
    const para = await f.member('paralegal');
    expect((await exportOf('jsonl', today, today, para.accessToken)).status).toBe(403);
    const bad = await exportOf('jsonl', '2026-02-30', today);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/from and to/);
    expect((await exportOf('jsonl', today, '2001-01-01')).status).toBe(400);
    expect((await exportOf('xml' as never)).status).toBe(400);
    const log = await srv.request('GET', `/v1/orgs/${f.orgId}/audit?limit=500`, { token: f.owner.accessToken });
    const exports = log.body.entries.filter((e: { event_type: string }) => e.event_type === 'admin.audit_export');
    expect(exports.length).toBeGreaterThan(0);
    expect(exports[0].metadata).toMatchObject({ format: 'jsonl' });
  });

  it('`casework-sync audit export` writes the range (0600) with its flags; `audit verify --export` checks it offline', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const keyFile = join(srv.dataDir, 'audit-signing-key.pem');
    const common = ['--database-url', srv.databaseUrl, '--audit-key-file', keyFile];
    const file = join(dir, 'audit.csv');
    try {
      const run = (args: string[]) => syncCli(['node', 'casework-sync', 'audit', ...args]);
      expect(await run(['export', '--org', f.orgId, '--from', today, '--to', today, '--format', 'csv', '--out', file, ...common])).toBe(0);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(JSON.parse(out.at(-1)!)).toMatchObject({ out: file, format: 'csv', firstSeq: 1 });
      expect(await run(['verify', '--export', file, '--audit-key-file', keyFile])).toBe(0);
      expect(JSON.parse(out.at(-1)!)).toMatchObject({ ok: true, format: 'csv' });
      expect(await run(['verify', '--export', file, '--public-key', publicKey])).toBe(0);

      const tampered = join(dir, 'tampered.csv');
      writeFileSync(tampered, readFileSync(file, 'utf8').replace('auth.login', 'auth.logout'));
      expect(await run(['verify', '--export', tampered, '--public-key', publicKey])).toBe(1);
      expect(JSON.parse(out.at(-1)!).ok).toBe(false);

      // bad input: exit 2, nothing written
      const never = join(dir, 'never.jsonl');
      expect(await run(['export', '--org', f.orgId, '--from', 'yesterday', '--to', today, '--out', never, ...common])).toBe(2);
      expect(await run(['export', '--org', f.orgId, '--from', today, '--to', today, '--format', 'xml', '--out', never, ...common])).toBe(2);
      expect(await run(['export', '--org', 'nope', '--from', today, '--to', today, '--out', never, ...common])).toBe(2);
      expect(await run(['export', '--org', f.orgId, '--from', today, '--to', today, '--out', file, ...common])).toBe(2); // exists
      expect(existsSync(never)).toBe(false);
    } finally {
      spy.mockRestore();
      errSpy.mockRestore();
    }
  });

  it('a chain altered in the database is not exported (409): the server never signs what does not verify', async () => {
    const su = new pg.Client({ connectionString: srv.databaseUrl });
    await su.connect();
    try {
      // What a database owner can do: bypass the append-only trigger for a moment.
      await su.query('SET session_replication_role = replica');
      await su.query(`UPDATE server_audit SET event_type = 'auth.login_failed' WHERE org_id = $1 AND seq = 2`, [f.orgId]);
      await su.query('SET session_replication_role = origin');
    } finally {
      await su.end();
    }
    const r = await exportOf('jsonl');
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error: 'audit_chain_broken' });
    expect(r.body.message).toMatch(/seq 2/);
  });
});
