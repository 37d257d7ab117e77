/**
 * Issue 19: a person's data leaves when it must. The real CLI on a real encrypted vault: consent records,
 * the subject access export (a zip with a JSON manifest and the original file), and erasure tested with
 * canaries: afterwards no file in the vault folder, and no page of the database decrypted with the
 * vault's own key (free pages included; the WAL must be empty), holds the person's name, passport
 * number, email or the document's text, while the rest of the case is intact.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { copyFileSync, cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { cli, cliJson, allFiles, filesContaining, tempDir } from '../support/cli';
import { unlockVaultKey } from '../../src-main/vault/vault';
import { PASS } from '../support/cli';

const NAME = 'Zebedee Quaxworth';
const PASSPORT = 'QX7734219';
const EMAIL = 'zeb.quax@example.org';
const DOC_TEXT = 'canarytext eleventy-plover';
const CANARIES = [NAME, 'Quaxworth', PASSPORT, EMAIL, DOC_TEXT];

/** The database's bytes with every page decrypted by the vault's key (a copy; the vault is untouched). */
async function decryptedDatabase(data: string): Promise<Buffer> {
  const { file, key } = await unlockVaultKey(data, { passphrase: PASS });
  const wal = join(data, `${file.database}-wal`);
  // The erasure truncates the log; a log with frames would hold pages this check does not read.
  if (existsSync(wal)) expect(statSync(wal).size).toBe(0);
  const copy = join(tempDir('casework-canary-'), 'plain.db');
  copyFileSync(join(data, file.database), copy);
  const db = new Database(copy);
  db.pragma(`cipher='${file.cipher}'`);
  db.pragma(`key="x'${key.toString('hex')}'"`);
  db.pragma('journal_mode = DELETE');
  db.pragma("rekey=''");
  db.close();
  return readFileSync(copy);
}

const holds = (bytes: Buffer, s: string) => bytes.includes(Buffer.from(s, 'utf8')) || bytes.includes(Buffer.from(s, 'utf16le'));

describe('consent, subject access export and erasure', () => {
  let data: string;
  let caseId: string;
  let personId: string;
  let otherId: string;
  let docId: string;
  let otherDocId: string;

  beforeAll(() => {
    data = join(tempDir('casework-privacy-'), 'vault');
    cliJson(['init', '--data', data]);
    caseId = cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Amara Okafor']).id;
    const p = cliJson([
      'person',
      'add',
      '--data',
      data,
      '--case',
      caseId,
      '--json',
      JSON.stringify({
        first_name: 'Zebedee',
        last_name: 'Quaxworth',
        relationship_to_primary: 'spouse',
        email: EMAIL,
        passport_info: { number: PASSPORT, country: 'GBR' },
      }),
    ]);
    personId = p.id;
    otherId = cliJson([
      'person',
      'add',
      '--data',
      data,
      '--case',
      caseId,
      '--json',
      JSON.stringify({ first_name: 'Chidi', last_name: 'Okafor', relationship_to_primary: 'child' }),
    ]).id;
    const dir = tempDir();
    writeFileSync(join(dir, 'letter.txt'), `Letter for ${NAME}, passport ${PASSPORT}: ${DOC_TEXT}\n`);
    writeFileSync(join(dir, 'school.txt'), 'School report for Chidi Okafor: keeps-this-text\n');
    docId = cliJson(['doc', 'add', join(dir, 'letter.txt'), '--data', data, '--case', caseId, '--person', personId]).id;
    otherDocId = cliJson(['doc', 'add', join(dir, 'school.txt'), '--data', data, '--case', caseId, '--person', otherId]).id;
    cliJson(['doc', 'process', '--data', data]);
    cliJson(['task', 'add', '--data', data, '--case', caseId, '--title', `Call ${NAME} about the passport`]);
  }, 180_000);

  it('records consent per purpose and text version, withdraws it (kept as evidence), and refuses bad input', () => {
    const c = cliJson(['consent', 'add', personId, '--purpose', 'share_with_creditor', '--text-version', 'v3-2026', '--data', data]);
    expect(c).toMatchObject({ person_id: personId, case_id: caseId, purpose: 'share_with_creditor', text_version: 'v3-2026', method: 'written' });
    expect(c.withdrawn_at ?? null).toBeNull();
    cliJson(['consent', 'add', personId, '--purpose', 'marketing', '--text-version', 'm1', '--method', 'electronic', '--data', data]);
    const w = cliJson(['consent', 'withdraw', c.id, '--data', data]);
    expect(w.withdrawn_at).toBeTruthy();
    const again = cli(['consent', 'withdraw', c.id, '--data', data]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already withdrawn/);
    const bad = cli(['consent', 'add', personId, '--purpose', 'selling-lists', '--text-version', 'x', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown purpose/);
    const list = cliJson<any[]>(['consent', 'list', '--person', personId, '--data', data]);
    expect(list.map((x) => [x.purpose, !!x.withdrawn_at])).toEqual([
      ['share_with_creditor', true],
      ['marketing', false],
    ]);
  });

  it('exports everything about the person as a zip: manifest with rows, consents and audit entries, and the original file', () => {
    const out = join(tempDir(), 'sar.zip');
    const r = cliJson(['person', 'export', personId, '--out', out, '--data', data]);
    expect(r.files).toBe(1);
    const zip = unzipSync(readFileSync(out));
    const manifest = JSON.parse(strFromU8(zip['manifest.json']));
    expect(manifest.format).toBe('casework-subject-access/1');
    expect(manifest.person).toMatchObject({ id: personId, first_name: 'Zebedee', last_name: 'Quaxworth' });
    expect(manifest.consents.map((c: any) => c.purpose).sort()).toEqual(['marketing', 'share_with_creditor']);
    expect(manifest.rows.documents.map((d: any) => d.id)).toEqual([docId]);
    expect(manifest.rows.document_versions[0].file_key).toBeUndefined();
    expect(manifest.auditEntries.some((e: any) => e.record_id === personId && e.event_type === 'create')).toBe(true);
    // Nothing of another person.
    expect(JSON.stringify(manifest)).not.toContain(otherId);
    const file = manifest.files[0];
    expect(strFromU8(zip[file.path])).toContain(DOC_TEXT);
    expect(statSync(out).mode & 0o077).toBe(0);
    const twice = cli(['person', 'export', personId, '--out', out, '--data', data]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/already exists/);
  });

  it('refuses an erasure without a reason or of an unknown person, changing nothing', () => {
    const before = readFileSync(join(data, 'vault.json'), 'utf8');
    const noReason = cli(['person', 'erase', personId, '--reason', '  ', '--data', data]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toMatch(/reason/);
    const unknown = cli(['person', 'erase', '00000000-0000-7000-8000-000000000001', '--reason', 'request', '--data', data]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no person/);
    expect(readFileSync(join(data, 'vault.json'), 'utf8')).toBe(before);
    expect(cliJson(['case', 'show', caseId, '--data', data]).persons.map((p: any) => p.id)).toContain(personId);
  });

  it('erases the person: no canary left in any file or any decrypted page; the rest of the case intact', async () => {
    // The control: before the erasure the decrypted database does hold every canary (so the check can see them).
    const beforeCopy = join(tempDir('casework-before-'), 'vault');
    cpSync(data, beforeCopy, { recursive: true });
    const plainBefore = await decryptedDatabase(beforeCopy);
    for (const c of CANARIES) expect(holds(plainBefore, c), `before: ${c}`).toBe(true);

    const r = cliJson(['person', 'erase', personId, '--reason', 'erasure request received 2026-11-27', '--data', data]);
    expect(r).toMatchObject({ personId, mode: 'erase', blobsDeleted: 1 });
    expect(r.auditEntriesRedacted).toBeGreaterThan(0);

    for (const c of CANARIES) expect(filesContaining(data, c), `plain files holding ${c}`).toEqual([]);
    const plain = await decryptedDatabase(data);
    for (const c of CANARIES) expect(holds(plain, c), `decrypted database holding ${c}`).toBe(false);
    // The other person, their document and the case stay.
    expect(holds(plain, 'Chidi')).toBe(true);
    expect(cliJson(['audit', 'verify', '--data', data])).toMatchObject({ ok: true });
    const shown = cliJson(['case', 'show', caseId, '--data', data]);
    expect(shown.persons.map((p: any) => p.id)).toContain(otherId);
    expect(shown.persons.map((p: any) => p.id)).not.toContain(personId);
    const out = join(tempDir(), 'school.txt');
    cli(['doc', 'open', otherDocId, '--out', out, '--data', data]);
    expect(readFileSync(out, 'utf8')).toContain('keeps-this-text');
    expect(cli(['doc', 'open', docId, '--out', join(tempDir(), 'x.txt'), '--data', data]).code).not.toBe(0);
    expect(cliJson<any[]>(['search', 'plover', '--data', data])).toEqual([]);
    // Every blob left is the other document's.
    expect(allFiles(join(data, 'blobs')).length).toBe(1);
  }, 120_000);

  it('anonymises instead when the case must be kept: the person stays as "Erased Person" with their consents, their data goes', async () => {
    const p = cliJson([
      'person',
      'add',
      '--data',
      data,
      '--case',
      caseId,
      '--json',
      JSON.stringify({ first_name: 'Ottoline', last_name: 'Brackenbury', relationship_to_primary: 'parent', phone: '+15550199887' }),
    ]);
    const consent = cliJson(['consent', 'add', p.id, '--purpose', 'case_processing', '--text-version', 'v1', '--data', data]);
    const r = cliJson(['person', 'erase', p.id, '--reason', 'retention: closed case kept 7 years', '--anonymise', '--data', data]);
    expect(r.mode).toBe('anonymise');
    const shown = cliJson(['case', 'show', caseId, '--data', data]).persons.find((x: any) => x.id === p.id);
    expect(shown).toMatchObject({ first_name: 'Erased', last_name: 'Person', relationship_to_primary: 'parent' });
    expect(shown.phone ?? null).toBeNull();
    expect(cliJson<any[]>(['consent', 'list', '--person', p.id, '--data', data]).map((c) => c.id)).toEqual([consent.id]);
    const plain = await decryptedDatabase(data);
    for (const c of ['Ottoline Brackenbury', 'Brackenbury', '+15550199887']) expect(holds(plain, c), `decrypted database holding ${c}`).toBe(false);
    expect(cliJson(['audit', 'verify', '--data', data])).toMatchObject({ ok: true });
  }, 120_000);
});
