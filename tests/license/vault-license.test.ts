/**
 * A solo vault's licence through the real `casework` CLI on real encrypted vaults (issue 15): import,
 * status, trial, grace, read-only (every write refused in words, reads/search/export/backup/restore
 * working), tampered and foreign files refused with the reason, and clock rollback. Time is moved with
 * CASEWORK_LICENSE_NOW, honoured in development and test runs only.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliJson, tempDir } from '../support/cli';
import { issue, keygen } from './support';

const dir = tempDir('cw-vault-license-');
const keys = keygen(join(dir, 'keys'));
const env = { CASEWORK_LICENSE_DEV_KEYS: keys.pub };
const at = (iso: string) => ({ ...env, CASEWORK_LICENSE_NOW: iso });
const status = (data: string, when?: string) => cliJson(['license', 'status', '--data', data], when ? at(when) : env);

describe('casework license on a solo vault', () => {
  const data = join(dir, 'vault');
  const file = issue(keys.key, join(dir, 'lic.json'), { until: '2027-06-30', graceDays: 10, seats: 2, modules: 'immigration' });

  beforeAll(() => {
    cliJson(['init', '--data', data], env);
  });

  it('with no licence the vault is on a 30-day trial, then read-only', () => {
    const s = status(data);
    expect(s).toMatchObject({ state: 'none', licensee: null, seats: null, seatsUsed: 1, source: 'trial' });
    expect(Date.parse(s.until) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    // A second vault whose trial is over refuses writes (without disturbing this one's clock).
    const other = join(dir, 'trial-over');
    cliJson(['init', '--data', other], env);
    const later = new Date(Date.now() + 31 * 86_400_000).toISOString();
    expect(status(other, later).state).toBe('read_only');
    const r = cli(['case', 'create', '--data', other, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Late Trial'], at(later));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/licence read_only: this vault is read-only.*trial ended/);
  });

  it('a tampered file and a foreign-key file are refused with the reason and change nothing', () => {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    json.license.seats = 250;
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(json));
    const t = cli(['license', 'import', join(dir, 'tampered.json'), '--data', data], env);
    expect(t.code).not.toBe(0);
    expect(t.stderr).toMatch(/licence refused: the licence signature does not match its content: the file was altered/);
    const foreignKeys = keygen(join(dir, 'foreign'));
    const f = cli(['license', 'import', issue(foreignKeys.key, join(dir, 'foreign.json')), '--data', data], env);
    expect(f.code).not.toBe(0);
    expect(f.stderr).toMatch(/signed by a key Casework does not trust/);
    const n = cli(['license', 'import', join(dir, 'keys', 'vendor.pub'), '--data', data], env);
    expect(n.stderr).toMatch(/not a Casework licence file/);
    expect(status(data)).toMatchObject({ state: 'none', source: 'trial' });
  });

  it('a licence for another org is refused', () => {
    const f = cli(['license', 'import', issue(keys.key, join(dir, 'other-org.json'), { org: '0d6f9a52-0d52-4c58-8d1b-0f2f1e6b2a10' }), '--data', data], env);
    expect(f.code).not.toBe(0);
    expect(f.stderr).toMatch(/for another organisation/);
  });

  it('imports a valid licence: valid, then grace (writes work), then read-only', () => {
    const imported = cliJson(['license', 'import', file, '--data', data], at('2027-01-10T00:00:00Z'));
    expect(imported).toMatchObject({
      state: 'valid',
      licensee: 'Okafor Immigration',
      seats: 2,
      seatsUsed: 1,
      until: '2027-06-30T23:59:59.999Z',
      graceUntil: '2027-07-10T23:59:59.999Z',
      modules: ['immigration'],
    });
    const c = cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Amara Okafor'], at('2027-03-01T00:00:00Z'));
    const grace = status(data, '2027-07-05T00:00:00Z');
    expect(grace.state).toBe('grace');
    expect(grace.reason).toMatch(/6 day\(s\) of grace left/);
    cliJson(['task', 'add', '--data', data, '--case', c.id, '--title', 'Police certificates', '--due', '2027-08-01'], at('2027-07-05T00:00:00Z'));

    const past = at('2027-08-01T00:00:00Z');
    expect(status(data, '2027-08-01T00:00:00Z')).toMatchObject({ state: 'read_only', clockRollback: false });
    // Every write path refuses, in words naming the state, with a non-zero exit.
    for (const args of [
      ['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'New Client'],
      ['case', 'set-status', c.id, 'consultation', '--data', data],
      ['task', 'add', '--data', data, '--case', c.id, '--title', 'Another'],
    ]) {
      const r = cli(args, past);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr).toMatch(/licence read_only: this vault is read-only, the change was not made \(the licence expired on 2027-06-30/);
    }
    // Reads, search, export, backup and restore keep working.
    const list = cliJson<any[]>(['case', 'list', '--data', data], past);
    expect(list.map((x) => x.client_name)).toEqual(['Amara Okafor']);
    expect(cliJson(['case', 'show', c.id, '--data', data], past).tasks.length).toBe(1);
    expect(cliJson<any>(['search', 'okafor', '--data', data], past)).toBeTruthy();
    const exp = cli(['export', '--data', data, '--case', c.id, '--out', join(dir, 'export.json')], past);
    expect(exp.code, exp.stderr).toBe(0);
    expect(readFileSync(join(dir, 'export.json'), 'utf8')).toContain('Amara Okafor');
    const bak = cli(['backup', '--data', data, '--out', join(dir, 'vault.cwbak')], past);
    expect(bak.code, bak.stderr).toBe(0);
    const res = cli(['restore', '--from', join(dir, 'vault.cwbak'), '--data', join(dir, 'restored')], past);
    expect(res.code, res.stderr).toBe(0);
    expect(cliJson<any[]>(['case', 'list', '--data', join(dir, 'restored')], past).length).toBe(1);
  });

  it('turning the clock back is detected and does not make the vault writable again', () => {
    const back = status(data, '2027-03-01T00:00:00Z');
    expect(back).toMatchObject({ state: 'read_only', clockRollback: true });
    expect(back.reason).toMatch(/clock rollback detected/);
    const r = cli(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Back Dated'], at('2027-03-01T00:00:00Z'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/read_only/);
    // A renewed licence makes it writable again.
    const renewed = issue(keys.key, join(dir, 'renewed.json'), { until: '2029-12-31' });
    expect(cliJson(['license', 'import', renewed, '--data', data], at('2027-08-02T00:00:00Z')).state).toBe('valid');
    cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Renewed Client'], at('2027-08-02T00:00:00Z'));
  });
});
