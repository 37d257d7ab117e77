/**
 * An approved configuration version is a record, checked and kept on the server too (issue 16): a push
 * of a config_versions row whose definition the window and the value checks could not read is refused
 * with the reason, and a pushed update or delete of a stored version is refused, whoever sends it. The
 * laptop's writer refuses the same. Real sync server (embedded Postgres), raw pushes as a modified
 * laptop could send them; a real encrypted vault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { join } from 'node:path';
import { newId } from '../../src-shared/ids';
import { defaultDefinition } from '../../src-shared/config';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { createVault } from '../../src-main/core/core';
import { write } from '../../src-main/core/writer';
import { PASS, tempDir } from '../support/cli';

let srv: TestServer;
let org: Awaited<ReturnType<TestServer['createOrg']>>;
let owner: LoginResponse;
let mid = 0;

async function push(token: string, mutations: Array<Record<string, unknown>>) {
  const r = await srv.request('POST', '/v1/push', {
    token,
    body: { clientId: newId(), orgId: org.orgId, mutations: mutations.map((m) => ({ base: null, fields: {}, ...m, mutationId: ++mid })) },
  });
  expect(r.status).toBe(200);
  return r.body.results as Array<{ status: string; reason?: string }>;
}

const version = (definition: unknown, n: number) => ({
  case_type: 'DEBT_ADVICE',
  config_version: n,
  definition,
  approved_at: new Date().toISOString(),
  summary: `version ${n}`,
});

beforeAll(async () => {
  srv = await startTestServer();
  org = await srv.createOrg({ name: 'Config firm' });
  owner = await srv.login(org.email, org.password);
}, 180_000);
afterAll(async () => srv?.close());

describe('configuration versions on the server', () => {
  it('refuses a definition that does not parse, and stores one that does', async () => {
    const broken = structuredClone(defaultDefinition('DEBT_ADVICE')) as unknown as { fields: Array<Record<string, unknown>> };
    broken.fields.push({ key: 'Not A Key!', type: 'telepathy' });
    const [refused] = await push(owner.accessToken, [{ table: 'config_versions', op: 'insert', id: newId(), fields: version(broken, 1) }]);
    expect(refused!.status).toBe('rejected');
    expect(refused!.reason).toMatch(/config_versions: definition is not valid/);

    const id = newId();
    const [stored] = await push(owner.accessToken, [{ table: 'config_versions', op: 'insert', id, fields: version(defaultDefinition('DEBT_ADVICE'), 1) }]);
    expect(stored!.status).toBe('applied');

    const [edited] = await push(owner.accessToken, [{ table: 'config_versions', op: 'update', id, fields: { summary: 'rewritten history' } }]);
    expect(edited!.status).toBe('rejected');
    expect(edited!.reason).toMatch(/never changed once written/);
    const [deleted] = await push(owner.accessToken, [{ table: 'config_versions', op: 'delete', id }]);
    expect(deleted!.status).toBe('rejected');
    const su = new pg.Client({ connectionString: srv.databaseUrl });
    await su.connect();
    try {
      const rows = await su.query('SELECT summary, deleted_at FROM config_versions WHERE id = $1', [id]);
      expect(rows.rows).toEqual([{ summary: 'version 1', deleted_at: null }]);
    } finally {
      await su.end();
    }
  });

  it('the laptop refuses to change a stored version', async () => {
    const core = await createVault({ dataDir: join(tempDir(), 'v'), passphrase: PASS });
    try {
      const row = write(core, { table: 'config_versions', op: 'insert', fields: version(defaultDefinition('DEBT_ADVICE'), 1) });
      expect(() => write(core, { table: 'config_versions', op: 'update', id: row.id as string, fields: { summary: 'x' } })).toThrow(
        /never changed once written/,
      );
      expect(() => write(core, { table: 'config_versions', op: 'delete', id: row.id as string })).toThrow(/never changed once written/);
      expect(() => write(core, { table: 'config_versions', op: 'insert', fields: version({ fields: 'none' }, 2) })).toThrow(/definition is not valid/);
    } finally {
      core.close();
    }
  });
});
