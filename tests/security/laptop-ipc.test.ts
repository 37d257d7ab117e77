/**
 * Hostile input through the window's entry point (dispatch: what the browser shell and Electron's IPC
 * both call) and the CLI, on a real encrypted vault: values nested past the JSON depth limit are
 * refused at the boundary, `__proto__` / `constructor` keys never reach Object.prototype nor a row, and
 * SQL-ish strings in every kind of parameter are data, never SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { dispatch } from '../../src-main/app/dispatch';
import { Session } from '../../src-main/app/session';
import { cli, cliJson, tempDir } from '../support/cli';

/** [[[...]]] n deep, built without recursion. */
const deep = (n: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

describe('hostile input through IPC and the CLI', () => {
  let s: Session;
  let caseId: string;
  const call = (method: string, input: unknown) => dispatch(s, method, input);
  const ok = async (method: string, input: unknown = {}) => {
    const r = await call(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as any;
  };
  const auditCount = async () => (await ok('audit.search', { limit: 1000 })).length;

  beforeAll(async () => {
    s = new Session(join(tempDir('cw-ipc-'), 'vault'));
    await ok('vault.create', { passphrase: 'a long enough passphrase', orgName: 'Hostile input practice' });
    caseId = (await ok('cases.create', { caseType: 'EXPRESS_ENTRY_FSW', client: 'Amara Okafor' })).id;
  });
  afterAll(() => s?.lock());

  it('refuses values nested past the depth limit at the boundary, whatever the method', async () => {
    const before = await auditCount();
    for (const [method, input] of [
      ['cases.update', { id: caseId, fields: { custom_fields: { a: deep(40) } } }],
      ['crs.calculate', { profile: deep(100_000) }],
      ['sync.resolve', { id: caseId, value: deep(5_000) }],
      ['vault.unlock', { passphrase: deep(50) }],
    ] as const) {
      const r = await call(method, input);
      expect(r, method).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'input is nested more than 32 levels deep' } });
    }
    // 28 levels inside the input's own three (input, fields, custom_fields) is still a value.
    expect((await call('cases.update', { id: caseId, fields: { custom_fields: { a: deep(28) } } })).ok).toBe(true);
    expect(await auditCount()).toBe(before + 1);
  });

  it('refuses __proto__ and constructor.prototype keys, keeping them off Object.prototype and out of rows', async () => {
    const before = await auditCount();
    for (const [method, text] of [
      ['cases.create', `{"caseType":"EXPRESS_ENTRY_FSW","client":"Proto Person","__proto__":{"isAdmin":true}}`],
      ['cases.create', `{"caseType":"EXPRESS_ENTRY_FSW","client":"Proto Person","constructor":{"prototype":{"polluted":true}}}`],
      ['cases.update', `{"id":"${caseId}","fields":{"custom_fields":{"note":"x","__proto__":{"isAdmin":true}}}}`],
      ['persons.add', `{"caseId":"${caseId}","person":{"first_name":"Chidi","last_name":"Okafor","__proto__":{"isAdmin":true}}}`],
      ['crs.calculate', `{"profile":{"age":30,"__proto__":{"isAdmin":true}}}`],
      ['settings.set', `{"__proto__":{"isAdmin":true}}`],
    ] as const) {
      const r = await call(method, JSON.parse(text));
      expect(r, `${method} ${text}`).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/__proto__|constructor/) } });
    }
    expect(({} as any).isAdmin).toBeUndefined();
    expect(({} as any).polluted).toBeUndefined();
    expect(JSON.stringify(await ok('cases.get', { id: caseId }))).not.toMatch(/isAdmin|polluted/);
    expect(await auditCount()).toBe(before);
  });

  it('treats SQL-ish strings in every parameter as data', async () => {
    const nasty = [`Robert'); DROP TABLE cases;--`, `" OR 1=1 --`, `x' UNION SELECT key, value FROM vault_meta --`, `*`, `NEAR(a b)`, `"unterminated`, `%_\\`];
    const before = (await ok('cases.list', {})).total;
    const made = await ok('cases.create', { caseType: 'EXPRESS_ENTRY_FSW', client: nasty[0] });
    for (const q of nasty) {
      for (const [method, input] of [
        ['cases.list', { search: q }],
        ['cases.list', { status: q }],
        ['search.query', { q }],
        ['audit.search', { q }],
        ['cases.get', { id: q }],
        ['cases.setStatus', { id: made.id, status: q }],
        ['tasks.add', { caseId: made.id, title: q }],
        ['docs.expiring', { withinDays: 30 }],
      ] as const) {
        const r = await call(method, input);
        // Refused as input, or answered: never an internal error, never SQL.
        if (!r.ok) expect(r.error.code, `${method} ${q}`).not.toBe('internal');
      }
    }
    expect((await ok('cases.list', {})).total).toBe(before + 1);
    const found = await ok('cases.list', { search: 'Robert' });
    expect(found.rows?.[0]?.client_name ?? JSON.stringify(found)).toContain(`Robert'); DROP TABLE cases;--`);
    const leaked = await ok('search.query', { q: `x' UNION SELECT key, value FROM vault_meta --` });
    expect(JSON.stringify(leaked)).not.toMatch(/sync_tokens|client_id/);
  });

  it('refuses deep JSON given to the CLI', () => {
    const data = join(tempDir('cw-ipc-cli-'), 'vault');
    cliJson(['init', '--data', data]);
    const c = cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Cli Deep']);
    const fields = `{"custom_fields":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const r = cli(['case', 'update', c.id, '--data', data, '--fields', fields]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/nested more than 32 levels deep/);
  });
});
