/**
 * The vendor tool and the pure licence logic (issue 15): keys on disk, signed files that verify only
 * against trusted keys and only as issued, and the state a licence puts a vault in at a given time.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/cli';
import { issue, keygen, licenseCli } from './support';
import { computeLicenseState, verifyLicenseText, type License } from '../../src-shared/license';
import { ed25519Verify } from '../../src-main/vault/ed25519';

const DAY = 86_400_000;

describe('casework-license', () => {
  const dir = tempDir('cw-license-');
  const keys = keygen(join(dir, 'keys'));
  const file = issue(keys.key, join(dir, 'lic.json'), { seats: 5, modules: 'immigration,debt_advice', until: '2027-06-30', graceDays: 10 });

  it('keygen writes vendor.key readable by its owner only and vendor.pub; refuses to overwrite', () => {
    expect(statSync(keys.key).mode & 0o777).toBe(0o600);
    expect(readFileSync(keys.pub, 'utf8').trim()).toBe(keys.keyId);
    expect(Buffer.from(keys.keyId, 'base64')).toHaveLength(32);
    const again = licenseCli(['keygen', '--out', join(dir, 'keys')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(readFileSync(keys.pub, 'utf8').trim()).toBe(keys.keyId);
  });

  it('inspect --json verifies with a dev key and refuses without it', () => {
    const ok = licenseCli(['inspect', file, '--json'], { CASEWORK_LICENSE_DEV_KEYS: keys.pub });
    expect(ok.code).toBe(0);
    const out = JSON.parse(ok.stdout);
    expect(out).toMatchObject({ valid: true, trusted: true, keyId: keys.keyId });
    expect(out.license).toMatchObject({
      licensee: 'Okafor Immigration',
      seats: 5,
      devicesPerUser: 2,
      modules: ['immigration', 'debt_advice'],
      validFrom: '2025-01-01T00:00:00.000Z',
      validUntil: '2027-06-30T23:59:59.999Z',
      graceDays: 10,
      orgId: null,
      plan: 'standard',
    });
    expect(out.license.licenseId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(out.license.issuedAt)).toBeGreaterThan(Date.now() - 60_000);
    const foreign = licenseCli(['inspect', file, '--json'], { CASEWORK_LICENSE_DEV_KEYS: '' });
    expect(foreign.code).toBe(1);
    expect(JSON.parse(foreign.stdout)).toMatchObject({ valid: false, refusal: 'foreign_key', trusted: false });
  });

  it('a changed field breaks the signature; re-indenting does not', () => {
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const opts = { trustedKeys: [keys.keyId], verify: ed25519Verify };
    expect(verifyLicenseText(JSON.stringify(json), opts).ok).toBe(true);
    json.license.seats = 500;
    const tampered = verifyLicenseText(JSON.stringify(json), opts);
    expect(tampered).toMatchObject({ ok: false, refusal: 'bad_signature' });
    expect(!tampered.ok && tampered.reason).toMatch(/altered/);
    expect(verifyLicenseText('not json', opts)).toMatchObject({ ok: false, refusal: 'malformed' });
    const other = JSON.parse(readFileSync(file, 'utf8'));
    expect(verifyLicenseText(JSON.stringify(other), { ...opts, orgId: '00000000-0000-4000-8000-000000000001' }).ok).toBe(true); // no org: any
  });

  it('bad input: exit 2 with the flag named, no file written', () => {
    const out = join(dir, 'bad.json');
    const base = ['issue', '--key', keys.key, '--licensee', 'X', '--devices-per-user', '1', '--from', '2025-01-01', '--out', out];
    const r1 = licenseCli([...base, '--seats', '0', '--until', '2026-01-01']);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/--seats/);
    const r2 = licenseCli([...base, '--seats', '2', '--until', '2026-02-30']);
    expect(r2.stderr).toMatch(/not a real date/);
    const r3 = licenseCli([...base, '--seats', '2', '--until', '2026-01-01', '--modules', 'astrology']);
    expect(r3.code).toBe(2);
    expect(() => statSync(out)).toThrow();
    writeFileSync(join(dir, 'open.key'), readFileSync(keys.key), { mode: 0o644 });
    const r4 = licenseCli([...base.map((a) => (a === keys.key ? join(dir, 'open.key') : a)), '--seats', '2', '--until', '2026-01-01']);
    expect(r4.stderr).toMatch(/chmod 600/);
  });
});

describe('licence state', () => {
  const lic: License = {
    licenseId: '6f1c2b0e-8d0f-4a43-9d53-0b7d7a1f2e01',
    licensee: 'Firm',
    orgId: null,
    plan: 'standard',
    seats: 3,
    devicesPerUser: 2,
    modules: ['immigration'],
    validFrom: '2025-01-01T00:00:00.000Z',
    validUntil: '2026-01-01T00:00:00.000Z',
    graceDays: 10,
    issuedAt: '2024-12-20T00:00:00.000Z',
  };
  const at = (iso: string, lastSeen?: string) =>
    computeLicenseState({
      now: Date.parse(iso),
      lastSeen: lastSeen ? Date.parse(lastSeen) : undefined,
      license: lic,
      trialStart: 0,
      allModules: ['immigration', 'debt_advice'],
    });

  it('valid, grace counting down, read-only after, invalid before', () => {
    expect(at('2025-06-01T00:00:00Z').state).toBe('valid');
    const g = at('2026-01-05T00:00:00Z');
    expect(g.state).toBe('grace');
    expect(g.reason).toMatch(/6 day\(s\) of grace left/);
    expect(g.graceUntil).toBe('2026-01-11T00:00:00.000Z');
    expect(at('2026-01-12T00:00:00Z').state).toBe('read_only');
    expect(at('2024-12-25T00:00:00Z').state).toBe('invalid');
  });

  it('a clock behind the last-seen time is detected and judged at the last-seen time', () => {
    const back = at('2025-06-01T00:00:00Z', '2026-02-01T00:00:00Z');
    expect(back).toMatchObject({ state: 'read_only', clockRollback: true, at: '2026-02-01T00:00:00.000Z' });
    expect(back.reason).toMatch(/clock rollback detected/);
    expect(at('2025-06-01T00:00:00Z', '2025-06-01T00:05:00Z').clockRollback).toBe(false); // drift within tolerance
    expect(at('2024-01-01T00:00:00Z').clockRollback).toBe(true); // before the licence was issued
  });

  it('no licence: a 30-day trial, then read-only', () => {
    const t = (days: number) => computeLicenseState({ now: days * DAY, license: null, trialStart: 0, allModules: ['immigration'] });
    expect(t(29)).toMatchObject({ state: 'none', modules: ['immigration'] });
    expect(t(31).state).toBe('read_only');
    expect(t(31).reason).toMatch(/trial ended/);
  });
});
