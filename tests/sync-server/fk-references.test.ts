// Foreign keys in Postgres (issue 18): every reference of the schema spec is a key of the Postgres of
// record (within an org an (org_id, column) -> (org_id, id) key); a push naming a row that does not
// exist, or another firm's row, is rejected with the same clear reason and writes nothing, while the
// rest of its batch lands (a parent and its child in one batch, in device order, are fine); and rows
// written before a key existed that break it do not stop a server from starting: the key stays
// NOT VALID (still enforced for new writes) until the rows are fixed, then the next start validates it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src-shared/ids';
import { TABLES, columnsOf } from '../../src-shared/schema/tables';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { foreignKeySql, pgForeignKeys } from '../../sync-server/src/db/pg-schema';
import { openDatabase } from '../../sync-server/src/db/postgres';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';

let srv: TestServer;
let a: Awaited<ReturnType<TestServer['createOrg']>>;
let b: Awaited<ReturnType<TestServer['createOrg']>>;
let ownerA: LoginResponse;
let ownerB: LoginResponse;

beforeAll(async () => {
  srv = await startTestServer();
  [a, b] = [await srv.createOrg({ name: 'Firm A' }), await srv.createOrg({ name: 'Firm B' })];
  [ownerA, ownerB] = [await srv.login(a.email, a.password), await srv.login(b.email, b.password)];
}, 60_000);
afterAll(async () => srv?.close());

let mid = 0;
async function push(token: string, orgId: string, mutations: Array<Record<string, unknown>>) {
  const r = await srv.request('POST', '/v1/push', {
    token,
    body: { clientId: newId(), orgId, mutations: mutations.map((m) => ({ mutationId: ++mid, op: 'insert', base: null, ...m })) },
  });
  expect(r.status).toBe(200);
  return r.body.results as Array<{ status: string; reason?: string }>;
}
const newCase = (id: string) => ({ table: 'cases', id, fields: { case_number: `FK-${id.slice(-12)}`, case_type: 't' } });
const person = (id: string, caseId: string) => ({ table: 'persons', id, fields: { case_id: caseId, first_name: 'Ada', last_name: 'Test' } });
const family = (id: string, caseId: string, primary: string, related: string) => ({
  table: 'family_members',
  id,
  fields: { case_id: caseId, primary_person_id: primary, related_person_id: related, relationship: 'spouse' },
});

describe('foreign keys of the Postgres of record', () => {
  it('has a validated, deferrable key for every reference of the spec (built-in tables aside)', async () => {
    const r = await srv.db.pool.query(
      `SELECT conname, convalidated, condeferrable, condeferred FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`,
    );
    const found = new Map(r.rows.map((x) => [x.conname as string, x]));
    for (const k of pgForeignKeys) {
      expect(found.get(k.name), k.name).toMatchObject({ convalidated: true, condeferrable: true, condeferred: false });
    }
    // Every reference of the synced tables is a key, except those naming a table of built-in rows.
    const refs = Object.values(TABLES)
      .filter((s) => s.scope !== 'local')
      .flatMap((s) =>
        Object.entries(columnsOf(s))
          .filter(([, c]) => c.references)
          .map(([c, col]) => `${s.name}.${c}->${col.references}`),
      );
    const keyed = new Set(pgForeignKeys.map((k) => `${k.table}.${k.column}->${k.references}`));
    expect(refs.filter((x) => !keyed.has(x)).every((x) => x.endsWith('->config_case_types'))).toBe(true);
    expect(keyed.size).toBeGreaterThan(80);
  });

  it('rejects a reference to a missing row, or to another firm row, with one reason; the rest of the batch lands', async () => {
    const [caseA, p1, p2, caseB, pB] = [newId(), newId(), newId(), newId(), newId()];
    // Firm B's person, which firm A must not be able to name (nor learn exists).
    expect((await push(ownerB.accessToken, b.orgId, [newCase(caseB), person(pB, caseB)])).map((x) => x.status)).toEqual(['applied', 'applied']);
    const [fMissing, fForeign, fOk] = [newId(), newId(), newId()];
    const missing = newId();
    const results = await push(ownerA.accessToken, a.orgId, [
      newCase(caseA),
      person(p1, caseA),
      person(p2, caseA),
      family(fMissing, caseA, p1, missing),
      family(fForeign, caseA, p1, pB),
      family(fOk, caseA, p1, p2),
    ]);
    expect(results.map((x) => x.status)).toEqual(['applied', 'applied', 'applied', 'rejected', 'rejected', 'applied']);
    expect(results[3]!.reason).toBe(`family_members ${fMissing}: related_person_id refers to a persons row that does not exist`);
    expect(results[4]!.reason).toBe(`family_members ${fForeign}: related_person_id refers to a persons row that does not exist`);
    const rows = await srv.db.pool.query('SELECT id FROM family_members WHERE id = ANY($1)', [[fMissing, fForeign, fOk]]);
    expect(rows.rows.map((x) => x.id)).toEqual([fOk]);
    // The attempt on another firm's row is on record (ids only).
    const ev = await srv.db.pool.query(`SELECT detail FROM security_events WHERE kind = 'cross_org_mutation' AND detail->>'id' = $1`, [fForeign]);
    expect(ev.rowCount).toBe(1);
  });

  it('an update that points a row at a missing one is rejected and leaves the row as it was', async () => {
    const [caseA, p1, p2, f] = [newId(), newId(), newId(), newId()];
    await push(ownerA.accessToken, a.orgId, [newCase(caseA), person(p1, caseA), person(p2, caseA), family(f, caseA, p1, p2)]);
    const bad = newId();
    const [r] = await push(ownerA.accessToken, a.orgId, [
      { table: 'family_members', id: f, op: 'update', fields: { related_person_id: bad }, base: { related_person_id: p2 } },
    ]);
    expect(r).toMatchObject({ status: 'rejected', reason: `family_members ${f}: related_person_id refers to a persons row that does not exist` });
    const row = await srv.db.pool.query('SELECT related_person_id FROM family_members WHERE id = $1', [f]);
    expect(row.rows[0].related_person_id).toBe(p2);
  });

  it('rows that break a key do not stop a server from starting; the key is validated once they are fixed', async () => {
    const su = new pg.Client({ connectionString: srv.databaseUrl });
    await su.connect();
    const key = pgForeignKeys.find((k) => k.name === 'family_members_related_person_id_fk')!;
    const orphan = newId();
    try {
      // As rows written before the key existed: drop it, write an orphan, add it back as the migration does.
      const caseA = newId();
      const [p1, p2] = [newId(), newId()];
      await push(ownerA.accessToken, a.orgId, [newCase(caseA), person(p1, caseA), person(p2, caseA)]);
      await su.query(`ALTER TABLE family_members DROP CONSTRAINT ${key.name}`);
      await su.query(
        `INSERT INTO family_members (id, org_id, case_id, primary_person_id, related_person_id, relationship, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 'spouse', nextval('row_version_seq'), now(), now())`,
        [orphan, a.orgId, caseA, p1, newId()],
      );
      await su.query(foreignKeySql([key]));
      const writes: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((s: string) => (writes.push(String(s)), true)) as typeof process.stderr.write;
      let db;
      try {
        db = await openDatabase({ databaseUrl: srv.databaseUrl, poolSize: 2 });
      } finally {
        process.stderr.write = write;
      }
      await db.close();
      expect(writes.join('')).toContain(key.name);
      const state = () => su.query('SELECT convalidated FROM pg_constraint WHERE conname = $1', [key.name]).then((r) => r.rows[0].convalidated);
      expect(await state()).toBe(false);
      // Still enforced for new writes.
      const [r] = await push(ownerA.accessToken, a.orgId, [family(newId(), caseA, p1, newId())]);
      expect(r!.status).toBe('rejected');
      // Fixed: the next start validates the key.
      await su.query('UPDATE family_members SET related_person_id = $1 WHERE id = $2', [p2, orphan]);
      const again = await openDatabase({ databaseUrl: srv.databaseUrl, poolSize: 2 });
      await again.close();
      expect(await state()).toBe(true);
    } finally {
      await su.end();
    }
  }, 60_000);
});
