/**
 * The contract through dispatch (what both the browser shell and Electron's ipcMain call) on a real
 * vault: bad input is refused with the field named and nothing changes; rules review, administration
 * and sync status answer as the screens expect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { dispatch } from '../../src-main/app/dispatch';
import { Session } from '../../src-main/app/session';
import { cliJson, tempDir } from '../support/cli';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { writeTinyModel } from '../../src-main/search/tiny-model';

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
    expect(await dispatch(s, 'cases.create', { caseType: 'EXPRESS_ENTRY_FSW', client: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^client:/) },
    });
    expect(await dispatch(s, 'sync.login', { server: 'not a url', email: 'a@b.ca', password: 'x' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/server: must be the server address/) },
    });
    expect(await dispatch(s, 'rules.reject', { id: '01a20000-0000-7000-8000-000000000000', notes: ' ' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/notes: say why/) },
    });
    expect(await dispatch(s, 'docs.add', { caseId: 'x', filename: 'a', base64: 'AA==' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/caseId: must be an id/) },
    });
    expect((await ok('audit.search', {})).length).toBe(before);
  });

  it('reviews rule proposals', async () => {
    const c = await ok('cases.list', {});
    expect(c.total).toBe(0);
    const { propose } = await import('../../src-main/rules');
    const p = propose(s.requireCore(), {
      ruleId: 'crs.additional.sibling',
      ruleJson: { pack: 'crs', kind: 'points', group: 'additional', factor: 'sibling', label: 'Sibling' },
      effectsJson: { points: 20 },
      summary: 'test',
    });
    expect((await ok('rules.proposals')).map((x: any) => x.id)).toContain(p.id);
    expect((await ok('rules.diff', { id: p.id })).changes.some((ch: any) => ch.path === 'effects_json.points')).toBe(true);
    expect((await ok('rules.reject', { id: p.id, notes: 'not in the regulations' })).status).toBe('rejected');
  });

  it('answers administration and sync questions for a solo vault', async () => {
    const users = await ok('admin.users');
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ role: 'owner', active: true });
    expect(await ok('admin.devices')).toEqual([]);
    expect(await dispatch(s, 'admin.revokeDevice', { id: '01a20000-0000-7000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not joined to a firm server/) },
    });
    expect(
      await dispatch(s, 'admin.addUser', { email: 'maya@example.test', firstName: 'Maya', lastName: 'Chen', role: 'staff', password: 'first-password-1' }),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/works on its own/) } });
    expect(
      await dispatch(s, 'admin.addUser', { email: 'maya@example.test', firstName: 'Maya', lastName: 'Chen', role: 'boss', password: 'first-password-1' }),
    ).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^role/) } });
    expect(await dispatch(s, 'admin.setMembership', { userId: users[0].id })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/say the new role or status/) },
    });
    const audit = await ok('audit.search', { q: 'rule_proposals' });
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((a: any) => a.table === 'rule_proposals' || /rule_proposals/.test(a.description ?? ''))).toBe(true);
    expect(await ok('audit.verify')).toMatchObject({ ok: true, scope: 'device' });
    expect(await ok('sync.status')).toMatchObject({ server: null, auto: true, live: false, liveError: null });
    // Pausing is remembered by the vault; with no server nothing runs either way.
    expect(await ok('sync.setAuto', { on: false })).toMatchObject({ auto: false, live: false });
    expect(await ok('sync.status')).toMatchObject({ auto: false });
    expect(await ok('sync.setAuto', { on: true })).toMatchObject({ auto: true, live: false });
    expect(await dispatch(s, 'sync.setAuto', { on: 'yes' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^on:/) } });
    expect(await ok('sync.conflicts', {})).toEqual([]);
    expect(await dispatch(s, 'sync.discard', { id: 'everything' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^id: must be the id of a rejected change/) },
    });
    expect(await dispatch(s, 'sync.discard', { id: 'm999999' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('records what the case page edits (update, people, communications, appointments, money) and opens a document byte for byte', async () => {
    const types = await ok('caseTypes.list');
    const c = await ok('cases.create', { caseType: types[0].code, client: 'Amara Okafor' });
    expect((await ok('cases.update', { id: c.id, fields: { priority: 'high' } })).priority).toBe('high');
    expect(await dispatch(s, 'cases.update', { id: c.id, fields: { status: 'closed' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const p = await ok('persons.add', { caseId: c.id, person: { firstName: 'Amara', lastName: 'Okafor' } });
    expect((await ok('persons.update', { id: p.id, fields: { lastName: 'Okafor-Ndu' } })).last_name).toBe('Okafor-Ndu');
    await ok('communications.log', { caseId: c.id, communication: { communicationType: 'call', direction: 'inbound', subject: 'Passport renewal' } });
    await ok('appointments.schedule', { caseId: c.id, appointment: { appointmentType: 'consultation', scheduledAt: '2030-01-15T15:00:00Z' } });
    const inv = await ok('invoices.create', { caseId: c.id, lineItems: [{ description: 'Consultation', quantity: 2, unitPrice: '150.00' }] });
    await ok('payments.record', { caseId: c.id, invoiceId: inv.id, amount: 100 });
    expect(await dispatch(s, 'invoices.create', { caseId: c.id, lineItems: [] })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^lineItems/) },
    });
    const page = await ok('cases.get', { id: c.id });
    expect(page.persons.map((x: any) => x.last_name)).toContain('Okafor-Ndu');
    expect(JSON.stringify(page)).toContain('Passport renewal');
    const bytes = Buffer.from('%PDF-1.4 not really, just bytes to round-trip ' + Math.random());
    const doc = await ok('docs.add', { caseId: c.id, filename: 'note.txt', base64: bytes.toString('base64') });
    const opened = await ok('docs.open', { id: doc.id });
    expect(Buffer.from(opened.base64, 'base64').equals(bytes)).toBe(true);
    expect(await dispatch(s, 'docs.reprocess', { id: doc.id, languages: 'english' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^languages/) },
    });
  });

  it('tells the Settings screen which key stores guard this vault and what OCR and search use', async () => {
    const st = await ok('settings.get');
    expect(st.keyStores).toEqual(['passphrase']);
    expect(st.ocrLanguages).toEqual(expect.arrayContaining(['eng', 'fra']));
    expect(st.activeModel).toBeNull();
    expect(typeof st.pendingEmbeddings).toBe('number');
    expect(await dispatch(s, 'settings.get', { theme: 'dark' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('changes the OCR languages new documents are read with, and refuses a bad setting without changing any', async () => {
    expect((await ok('settings.get')).defaultOcrLanguages).toBe('eng');
    expect(await dispatch(s, 'settings.set', {})).toMatchObject({ ok: false, error: { message: expect.stringMatching(/say which setting/) } });
    expect(await dispatch(s, 'settings.set', { ocrLanguages: 'deu' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/"deu" is not installed/) },
    });
    // A bad model name refuses the whole call: the languages asked for alongside it are not changed either.
    expect(await dispatch(s, 'settings.set', { ocrLanguages: 'fra', activeModel: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await ok('settings.get')).defaultOcrLanguages).toBe('eng');
    expect((await ok('settings.set', { ocrLanguages: 'eng+fra' })).defaultOcrLanguages).toBe('eng+fra');
    // The queue reads a new document with the vault's setting.
    const c = (await ok('cases.list', {})).rows[0];
    const doc = await ok('docs.add', { caseId: c.id, filename: 'lettre.txt', base64: Buffer.from('Madame, votre demande est reçue.').toString('base64') });
    await ok('docs.process');
    const job = s.requireCore().db.prepare('SELECT languages FROM doc_jobs WHERE document_id = ?').get(doc.id) as { languages: string };
    expect(job.languages).toBe('eng+fra');
  });

  it('installs an embedding model from a folder and switches between installed models', async () => {
    const dir = tempDir();
    writeTinyModel(join(dir, 'tiny-a'));
    writeTinyModel(join(dir, 'tiny-b'), { hidden: 16, seed: 7 });
    expect(await dispatch(s, 'models.install', { folder: join(dir, 'missing') })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/no model folder/) },
    });
    expect((await ok('settings.get')).models).toEqual([]);
    expect((await ok('models.install', { folder: join(dir, 'tiny-a') })).activeModel).toBe('tiny-a');
    const st = await ok('models.install', { folder: join(dir, 'tiny-b') });
    expect(st.activeModel).toBe('tiny-b');
    expect(st.models.map((m: any) => [m.name, m.active])).toEqual([
      ['tiny-a', false],
      ['tiny-b', true],
    ]);
    expect((await ok('settings.set', { activeModel: 'tiny-a' })).activeModel).toBe('tiny-a');
    // Search now runs hybrid with the chosen model (its vectors are queued afresh).
    const r = await ok('search.query', { q: 'Okafor' });
    expect(r.mode).toBe('hybrid');
    expect(r.hits.length).toBeGreaterThan(0);
    expect(await dispatch(s, 'settings.set', { activeModel: 'tiny-c' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await ok('settings.get')).activeModel).toBe('tiny-a');
  });

  it('filters the case list by consultant: me, or a colleague by id', async () => {
    const me = s.requireCore().actor.userId;
    const all = await ok('cases.list', {});
    expect(all.total).toBeGreaterThan(0);
    expect((await ok('cases.list', { consultant: 'me' })).total).toBe(all.total);
    expect((await ok('cases.list', { consultant: me })).total).toBe(all.total);
    expect((await ok('cases.list', { consultant: '01a20000-0000-7000-8000-000000000000' })).total).toBe(0);
    expect(await dispatch(s, 'cases.list', { consultant: 'someone' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^consultant/) } });
  });

  it('backs up the vault from the window with progress, and the backup restores with its own passphrase', async () => {
    const dir = tempDir();
    const file = join(dir, 'office.cwbackup');
    expect(await dispatch(s, 'backup.create', { file: 'relative.cwbackup', passphrase: 'backup passphrase' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/full path/) },
    });
    expect(await dispatch(s, 'backup.create', { file, passphrase: 'short' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^passphrase/) },
    });
    expect(existsSync(file)).toBe(false);
    expect((await ok('settings.get')).backupSuggestion).toMatch(/casework-backup-\d{4}-\d{2}-\d{2}\.cwbackup$/);
    const seen: number[] = [];
    const listen = (p: any) => p?.kind === 'backup' && seen.push(p.percent);
    s.events.on('progress', listen);
    const r = await ok('backup.create', { file, passphrase: 'backup passphrase' });
    s.events.off('progress', listen);
    expect(r).toMatchObject({ file, verified: true });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(100);
    expect(await dispatch(s, 'backup.create', { file, passphrase: 'backup passphrase' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/already exists/) },
    });
    const restored = join(dir, 'restored');
    cliJson(['restore', '--from', file, '--data', restored], { CASEWORK_PASSPHRASE: 'backup passphrase' });
    const cases = cliJson<any[]>(['case', 'list', '--data', restored], { CASEWORK_PASSPHRASE: 'backup passphrase' });
    expect(cases.map((c) => c.id).sort()).toEqual((await ok('cases.list', {})).rows.map((c: any) => c.id).sort());
  });

  it('says which key stores a locked vault offers, and asks for the passphrase when there is no keychain', async () => {
    const other = new Session(join(tempDir(), 'vault'));
    expect(other.status()).toMatchObject({ exists: false });
    expect(other.status()).not.toHaveProperty('keyStores');
    expect(await dispatch(other, 'vault.create', { passphrase: 'a long passphrase', keyStore: 'usb-stick' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^keyStore/) },
    });
    expect(other.status().exists).toBe(false);
    const r = await dispatch(other, 'vault.create', { passphrase: 'a long passphrase' });
    expect(r).toMatchObject({ ok: true, value: { unlocked: true, keyStores: ['passphrase'] } });
    await other.lock();
    expect(await dispatch(other, 'vault.unlock', {})).toMatchObject({
      ok: false,
      error: { code: 'wrong_key', message: expect.stringMatching(/needs its passphrase/) },
    });
    expect(other.status().unlocked).toBe(false);
    expect(await dispatch(other, 'vault.unlock', { passphrase: 'a long passphrase' })).toMatchObject({ ok: true, value: { unlocked: true } });
    await other.lock();
  });

  it('imports law from the window, lists it, and says when a re-import changed nothing', async () => {
    const html =
      '<html><head><title>Immigration and Refugee Protection Regulations</title></head><body><h2>Section 75 Federal Skilled Worker Class</h2><p>The federal skilled worker class is prescribed as a class of persons who are skilled workers.</p><h2>Section 76 Selection criteria</h2><p>Minimal requirements of points and settlement funds.</p></body></html>';
    const input = {
      filename: 'irpr.html',
      base64: Buffer.from(html).toString('base64'),
      url: 'https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/',
      jurisdiction: 'federal',
    };
    expect(await dispatch(s, 'law.import', { ...input, url: 'ftp://example.org/x' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^url: must be an http/) },
    });
    expect(await dispatch(s, 'law.import', { ...input, base64: Buffer.from([0, 1, 2, 3]).toString('base64') })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not text, HTML or PDF/) },
    });
    expect(await ok('law.list')).toEqual([]);
    const first = await ok('law.import', input);
    expect(first).toMatchObject({ title: 'Immigration and Refugee Protection Regulations', unchanged: false });
    expect(first.sections).toBeGreaterThanOrEqual(2);
    expect(await ok('law.import', input)).toMatchObject({ unchanged: true });
    const list = await ok('law.list');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ url: input.url, jurisdiction: 'federal', sections: first.sections });
    const hits = (await ok('search.query', { q: 'skilled worker class' })).hits;
    expect(hits.some((h: any) => h.kind === 'law')).toBe(true);
  });

  it('reads files dropped in quick succession once each, with one queue runner', async () => {
    const c = (await ok('cases.list', {})).rows[0];
    const docs = [];
    // Three adds without waiting: each would start a run; the runner reads each document once.
    for (const n of [1, 2, 3])
      docs.push(await ok('docs.add', { caseId: c.id, filename: `note-${n}.txt`, base64: Buffer.from(`Client note number ${n}`).toString('base64') }));
    await ok('docs.process');
    const db = s.requireCore().db;
    for (const d of docs) {
      expect(db.prepare('SELECT attempts FROM doc_jobs WHERE document_id = ?').pluck().get(d.id)).toBe(1);
      expect(db.prepare('SELECT processing_status FROM documents WHERE id = ?').pluck().get(d.id)).not.toMatch(/pending|processing/);
    }
  });

  it('records an Express Entry invitation to apply: a milestone, a task due 60 days later, and the window on Today', async () => {
    const day = (n: number) => new Date(Date.now() + n * 864e5).toISOString().slice(0, 10);
    const ee = await ok('cases.create', { caseType: 'EXPRESS_ENTRY_FSW', client: 'Priya Raman' });
    const work = await ok('cases.create', { caseType: 'WORK_PERMIT', client: 'Tomas Silva' });
    expect(await dispatch(s, 'cases.recordIta', { id: work.id, date: day(-10) })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/Express Entry/) },
    });
    expect(await dispatch(s, 'cases.recordIta', { id: ee.id, date: day(5) })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/future/) } });
    expect(await dispatch(s, 'cases.recordIta', { id: ee.id, date: '10/11/2026' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^date/) },
    });
    expect((await ok('cases.get', { id: ee.id })).events.some((e: any) => e.event_type === 'ita_received')).toBe(false);

    expect(await ok('cases.recordIta', { id: ee.id, date: day(-10) })).toEqual({ date: day(-10), deadline: day(50) });
    const page = await ok('cases.get', { id: ee.id });
    expect(page.events.find((e: any) => e.event_type === 'ita_received')).toMatchObject({ is_milestone: expect.anything() });
    expect(page.tasks.find((t: any) => /ITA deadline/.test(t.title))).toMatchObject({ priority: 'urgent' });
    expect(String(page.tasks.find((t: any) => /ITA deadline/.test(t.title)).due_date).slice(0, 10)).toBe(day(50));
    const today = await ok('today.summary');
    expect(today.itaWindows).toEqual([expect.objectContaining({ caseId: ee.id, client: 'Priya Raman', deadline: day(50), daysLeft: 50 })]);
  });

  it('a lock in the middle of reading a scan does not count against the scan; it is read at the next unlock', async () => {
    const other = new Session(join(tempDir(), 'vault'));
    const call = async (method: string, input: unknown = {}) => {
      const r = await dispatch(other, method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as any;
    };
    await call('vault.create', { passphrase: 'a long passphrase' });
    const c = await call('cases.create', { caseType: 'WORK_PERMIT', client: 'Lena Vogel' });
    const img = join(tempDir(), 'letter.png');
    execFileSync('/usr/bin/convert', [
      '-size',
      '1200x200',
      'xc:white',
      '-font',
      'DejaVu-Sans',
      '-pointsize',
      '40',
      '-fill',
      'black',
      '-annotate',
      '+40+120',
      'Letter of employment',
      img,
    ]);
    const started = new Promise<string>((resolve) =>
      other.events.on('progress', (p: any) => p?.kind === 'ocr' && p.phase === 'start' && resolve(p.documentId)),
    );
    const doc = await call('docs.add', { caseId: c.id, filename: 'letter.png', base64: readFileSync(img).toString('base64') });
    expect(await started).toBe(doc.id);
    await other.lock();
    await call('vault.unlock', { passphrase: 'a long passphrase' });
    await call('docs.process');
    const db = other.requireCore().db;
    // One attempt: the interrupted one was forgiven (without that, 2 — and a third lock would fail the file as hostile).
    expect(db.prepare('SELECT attempts FROM doc_jobs WHERE document_id = ?').pluck().get(doc.id)).toBe(1);
    expect((await call('docs.get', { id: doc.id })).processing_status).toBe('completed');
    await other.lock();
  }, 120_000);
});
