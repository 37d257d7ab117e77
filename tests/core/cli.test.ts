/**
 * The command line end to end, against real encrypted vault folders: the interfaces of issue 2, and
 * that bad input gets a clear error, a non-zero exit and changes nothing.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { join } from 'node:path';
import { existsSync, writeFileSync, readFileSync } from 'node:fs';
import { cli, cliJson, tempDir } from '../support/cli';

/** What a vault holds, to prove a failed command changed nothing. */
function fingerprint(data: string) {
  const list = cliJson<any[]>(['case', 'list', '--data', data, '--limit', '500']);
  const audit = cliJson<{ entries: number }>(['audit', 'verify', '--data', data]);
  return { cases: list.map((c) => `${c.id}:${c.status}:${c.updated_at}`).sort(), audit: audit.entries };
}

describe('casework CLI', () => {
  let data: string;
  let caseId: string;

  beforeAll(() => {
    data = join(tempDir(), 'vault');
    const init = cliJson(['init', '--data', data]);
    expect(init.dataDir).toBe(data);
  });

  it('refuses to init over an existing vault', () => {
    const r = cli(['init', '--data', data]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/already exists/);
  });

  it('creates a case with its client and lists it', () => {
    const c = cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Amara Okafor', '--priority', 'high']);
    expect(c).toMatchObject({ case_type: 'EXPRESS_ENTRY_FSW', status: 'draft', priority: 'high' });
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.case_number).toMatch(/^\d{4}-\d{4}-[0-9A-F]{4}$/);
    caseId = c.id;
    const list = cliJson<any[]>(['case', 'list', '--data', data]);
    expect(list.map((x) => x.id)).toContain(caseId);
    expect(list.find((x) => x.id === caseId).client_name).toBe('Amara Okafor');
    expect(cliJson<any[]>(['case', 'list', '--data', data, '--search', 'okaf']).map((x) => x.id)).toEqual([caseId]);
    expect(cliJson<any[]>(['case', 'list', '--data', data, '--status', 'submitted'])).toEqual([]);
    expect(cliJson<any[]>(['case', 'list', '--data', data, '--type', 'EXPRESS_ENTRY_FSW']).length).toBe(1);
  });

  it('shows a case with its persons, tasks, events and checklist', () => {
    const p = cliJson([
      'person',
      'add',
      '--data',
      data,
      '--case',
      caseId,
      '--json',
      JSON.stringify({ firstName: 'Chidi', last_name: 'Okafor', relationship_to_primary: 'spouse', date_of_birth: '1990-04-12' }),
    ]);
    expect(p).toMatchObject({ first_name: 'Chidi', case_id: caseId, date_of_birth: '1990-04-12' });
    const t = cliJson(['task', 'add', '--data', data, '--case', caseId, '--title', 'Request police certificates', '--due', '2026-12-15']);
    expect(t.due_date).toBe('2026-12-15T00:00:00.000Z');
    const s = cliJson(['case', 'set-status', caseId, 'consultation', '--data', data]);
    expect(s.status).toBe('consultation');
    const show = cliJson(['case', 'show', caseId, '--data', data]);
    expect(show.persons.map((x: any) => x.first_name).sort()).toEqual(['Amara', 'Chidi']);
    expect(show.tasks.map((x: any) => x.title)).toEqual(['Request police certificates']);
    expect(show.events.map((e: any) => e.event_type)).toEqual(expect.arrayContaining(['case_created', 'status_change', 'person_added']));
    const change = show.events.find((e: any) => e.event_type === 'status_change');
    expect(change.previous_state).toEqual({ status: 'draft' });
    expect(change.new_state).toEqual({ status: 'consultation' });
    expect(show.checklists[0].items.length).toBeGreaterThan(3);
  });

  it('refuses an impossible status transition and changes nothing', () => {
    const before = fingerprint(data);
    const r = cli(['case', 'set-status', caseId, 'approved', '--data', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot go from consultation to approved/);
    expect(fingerprint(data)).toEqual(before);
  });

  it.each([
    ['unknown case type', ['case', 'create', '--type', 'MARS_COLONY', '--client', 'X Y'], /unknown case type "MARS_COLONY"/],
    ['malformed JSON', ['person', 'add', '--case', '__CASE__', '--json', '{"first_name": "A",'], /not valid JSON/],
    ['a field of the wrong type', ['person', 'add', '--case', '__CASE__', '--json', '{"first_name": 5, "last_name": "B"}'], /first_name/],
    ['an unknown field', ['person', 'add', '--case', '__CASE__', '--json', '{"first_name": "A", "last_name": "B", "ssn": "1"}'], /ssn/],
    [
      'an impossible date',
      ['person', 'add', '--case', '__CASE__', '--json', '{"first_name": "A", "last_name": "B", "date_of_birth": "1990-02-31"}'],
      /date_of_birth/,
    ],
    ['an unknown case id', ['task', 'add', '--case', '01a20413-0000-7000-8000-000000000000', '--title', 'x'], /no case with id/],
    ['a bad due date', ['task', 'add', '--case', '__CASE__', '--title', 'x', '--due', 'tomorrow-ish'], /due/],
    // JavaScript's Date would roll these over to 2 March; the day does not exist and is refused.
    ['a due date that does not exist', ['task', 'add', '--case', '__CASE__', '--title', 'x', '--due', '2026-02-30'], /due: "2026-02-30" is not a date/],
    [
      'a birth date in the future',
      ['person', 'add', '--case', '__CASE__', '--json', '{"first_name": "A", "last_name": "B", "date_of_birth": "2031-01-01"}'],
      /date_of_birth: cannot be in the future/,
    ],
    ['an empty client name', ['case', 'create', '--type', 'STUDY_PERMIT', '--client', '  '], /client: enter the client's name/],
    [
      'a client name over 200 characters',
      ['case', 'create', '--type', 'STUDY_PERMIT', '--client', `Ana ${'x'.repeat(200)}`],
      /client: must be at most 200 characters/,
    ],
  ])('%s: clear error, non-zero exit, nothing changed', (_name, args, message) => {
    const before = fingerprint(data);
    const r = cli([...args.map((a) => (a === '__CASE__' ? caseId : a)), '--data', data]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(fingerprint(data)).toEqual(before);
  });

  it('takes a client name of up to 200 characters, the same limit as the window', () => {
    const long = `${'Maria-Fernanda '.repeat(6).trim()} ${'y'.repeat(100)}`;
    expect(long.length).toBeGreaterThan(100);
    const c = cliJson(['case', 'create', '--data', data, '--type', 'STUDY_PERMIT', '--client', long]);
    expect(cliJson(['case', 'show', c.id, '--data', data]).persons[0].last_name).toBe('y'.repeat(100));
  });

  it('refuses a duplicate case number and changes nothing', () => {
    const first = cliJson(['case', 'create', '--data', data, '--type', 'STUDY_PERMIT', '--client', 'Wei Zhang', '--number', 'CW-DUP-1']);
    expect(first.case_number).toBe('CW-DUP-1');
    const before = fingerprint(data);
    const r = cli(['case', 'create', '--data', data, '--type', 'STUDY_PERMIT', '--client', 'Another Person', '--number', 'CW-DUP-1']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/already has this case_number/);
    expect(fingerprint(data)).toEqual(before);
  });

  it('says "wrong passphrase or key" for a wrong passphrase and changes nothing', () => {
    const before = readFileSync(join(data, 'vault.json'));
    const r = cli(['case', 'list', '--data', data], { CASEWORK_PASSPHRASE: 'not the passphrase' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/wrong passphrase or key/);
    expect(r.stderr).not.toMatch(/file is not a database/);
    expect(readFileSync(join(data, 'vault.json'))).toEqual(before);
  });

  it('never creates a new vault when the key store record is missing', () => {
    const other = join(tempDir(), 'v');
    cliJson(['init', '--data', other]);
    const db = readFileSync(join(other, 'casework.db'));
    const vaultJson = join(other, 'vault.json');
    const saved = readFileSync(vaultJson);
    writeFileSync(vaultJson, ''); // damaged
    let r = cli(['case', 'list', '--data', other]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/not valid JSON|restore/);
    require('node:fs').rmSync(vaultJson);
    r = cli(['case', 'list', '--data', other]);
    expect(r.stderr).toMatch(/missing but the vault database is there/);
    r = cli(['init', '--data', other]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/already exists/);
    expect(existsSync(vaultJson)).toBe(false);
    expect(readFileSync(join(other, 'casework.db'))).toEqual(db);
    writeFileSync(vaultJson, saved);
    expect(cliJson<any[]>(['case', 'list', '--data', other])).toEqual([]);
  });

  it('reports a corrupted database file clearly and leaves it as it was', () => {
    const other = join(tempDir(), 'v');
    cliJson(['init', '--data', other]);
    cliJson(['case', 'create', '--data', other, '--type', 'WORK_PERMIT', '--client', 'Ana Silva']);
    const dbFile = join(other, 'casework.db');
    const bytes = readFileSync(dbFile);
    // Overwrite the first pages (the encrypted header and schema) with garbage.
    const damaged = Buffer.from(bytes);
    for (let i = 0; i < 8192 && i < damaged.length; i++) damaged[i] = (i * 7) & 0xff;
    writeFileSync(dbFile, damaged);
    const r = cli(['case', 'list', '--data', other]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/wrong passphrase or key|damaged/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(readFileSync(dbFile)).toEqual(damaged);
  });

  it('exports one client case as JSON', () => {
    const out = join(tempDir(), 'export.json');
    cliJson(['export', '--data', data, '--case', caseId, '--out', out]);
    const e = JSON.parse(readFileSync(out, 'utf8'));
    expect(e.case.id).toBe(caseId);
    expect(e.persons.length).toBe(2);
    expect(e.tasks.length).toBe(1);
    expect(e.case_events.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps a verifiable local audit chain', () => {
    const a = cliJson(['audit', 'verify', '--data', data]);
    expect(a.ok).toBe(true);
    expect(a.entries).toBeGreaterThan(5);
  });
});
