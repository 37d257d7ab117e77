/**
 * The contract through dispatch (what both the browser shell and Electron's ipcMain call) on a real
 * vault: bad input is refused with the field named and nothing changes; rules review, administration
 * and sync status answer as the screens expect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { dispatch } from '../../src-main/api/dispatch';
import { Session } from '../../src-main/api/session';
import { tempDir } from '../support/cli';

describe('the contract through dispatch', () => {
  let s: Session;
  const ok = async (method: string, input: unknown = {}) => {
    const r = await dispatch(s, method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as any;
  };
  beforeAll(async () => {
    s = new Session(join(tempDir(), 'vault'));
    await ok('vault.create', { passphrase: 'a long passphrase', orgName: 'Test practice' });
  });
  afterAll(() => s?.lock());

  it('refuses bad input naming the field, and changes nothing', async () => {
    const before = (await ok('audit.search', {})).length;
    expect(await dispatch(s, 'cases.create', { caseType: 'EXPRESS_ENTRY_FSW', client: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^client:/) } });
    expect(await dispatch(s, 'sync.login', { server: 'not a url', email: 'a@b.ca', password: 'x' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/server: must be the server address/) } });
    expect(await dispatch(s, 'rules.reject', { id: '01a20000-0000-7000-8000-000000000000', notes: ' ' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/notes: say why/) } });
    expect(await dispatch(s, 'docs.add', { caseId: 'x', filename: 'a', base64: 'AA==' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/caseId: must be an id/) } });
    expect((await ok('audit.search', {})).length).toBe(before);
  });

  it('reviews rule proposals', async () => {
    const c = await ok('cases.list', {});
    expect(c.total).toBe(0);
    const { propose } = await import('../../src-main/rules');
    const p = propose(s.requireCore(), { ruleId: 'crs.additional.sibling', ruleJson: { pack: 'crs', kind: 'points', group: 'additional', factor: 'sibling', label: 'Sibling' }, effectsJson: { points: 20 }, summary: 'test' });
    expect((await ok('rules.proposals')).map((x: any) => x.id)).toContain(p.id);
    expect((await ok('rules.diff', { id: p.id })).changes.some((ch: any) => ch.path === 'effects_json.points')).toBe(true);
    expect((await ok('rules.reject', { id: p.id, notes: 'not in the regulations' })).status).toBe('rejected');
  });

  it('answers administration and sync questions for a solo vault', async () => {
    const users = await ok('admin.users');
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ role: 'owner', active: true });
    expect(await ok('admin.devices')).toEqual([]);
    expect(await dispatch(s, 'admin.revokeDevice', { id: '01a20000-0000-7000-8000-000000000000' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not joined to a firm server/) } });
    const audit = await ok('audit.search', { q: 'rule_proposals' });
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((a: any) => a.table === 'rule_proposals' || /rule_proposals/.test(a.description ?? ''))).toBe(true);
    expect(await ok('audit.verify')).toMatchObject({ ok: true, scope: 'device' });
    expect((await ok('sync.status')).server).toBeNull();
    expect(await ok('sync.conflicts', {})).toEqual([]);
  });
});
