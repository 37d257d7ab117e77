/**
 * The one search box, lexical part, on a real encrypted vault: cases, persons, documents' extracted text
 * and law chunks are found by word prefixes with accents folded, hits carry highlighted snippets,
 * deleted rows and text leave the index, case scoping holds, and hostile query text never reaches FTS
 * syntax. Also through the real CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { createVault, type Core } from '../../src-main/core/core';
import { createCase } from '../../src-main/cases/cases';
import { addPerson } from '../../src-main/cases/persons';
import { write } from '../../src-main/core/writer';
import { importLawSource } from '../../src-main/rules/law';
import { search, HIGHLIGHT } from '../../src-main/search';
import { lexicalSearch } from '../../src-main/search/lexical';
import { cli, cliJson, tempDir, PASS } from '../support/cli';

function addDocument(core: Core, caseId: string, title: string, text?: string) {
  const doc = write(core, {
    table: 'documents',
    op: 'insert',
    fields: {
      case_id: caseId,
      document_type: 'bank_statement',
      category: 'financial',
      title,
      filename: 'x.pdf',
      original_filename: `${title}.pdf`,
      file_size: 10,
      mime_type: 'application/pdf',
      storage_key: 'k',
    },
  });
  const meta =
    text === undefined
      ? undefined
      : write(core, { table: 'document_metadata', op: 'insert', fields: { case_id: caseId, document_id: doc.id, extracted_text: text } });
  return { doc, meta };
}

describe('lexical search', () => {
  let core: Core;
  let caseA: string;
  let caseB: string;

  beforeAll(async () => {
    core = await createVault({ dataDir: join(tempDir(), 'vault'), passphrase: PASS, prefer: 'passphrase' });
    caseA = createCase(core, { caseType: 'EXPRESS_ENTRY_FSW', client: 'Amara Okafor' }).id as string;
    caseB = createCase(core, { caseType: 'STUDY_PERMIT', client: 'José Martínez' }).id as string;
    addPerson(core, caseA, {
      first_name: 'Chidi',
      last_name: 'Okafor',
      relationship_to_primary: 'spouse',
      passport_info: { number: 'P4366918', nationality: 'NGA' },
    });
    addDocument(core, caseA, 'Statement March', 'Royal Bank of Canada. Closing balance 12,400.00 CAD. Proof of settlement funds.');
    addDocument(core, caseB, 'Lettre d’acceptation', 'Université de Montréal: admission au baccalauréat en génie.');
    const dir = tempDir();
    const law = join(dir, 'irpr.txt');
    writeFileSync(
      law,
      'Section 76 Selection criteria\nSettlement funds must be sufficient to support the applicant and family members.\n\nSection 78 Education\nPoints are awarded for education credentials.\n',
    );
    await importLawSource(core, law, { url: 'https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/', jurisdiction: 'federal' });
  });
  afterAll(() => core?.close());

  const kinds = async (q: string, opts = {}) => (await search(core, q, { mode: 'lexical', ...opts })).hits.map((h) => `${h.kind}:${h.title}`);

  it('finds each kind by a word prefix, with a highlighted snippet', async () => {
    const r = await search(core, 'okaf', { mode: 'lexical' });
    expect(r.hits.map((h) => h.kind)).toEqual(expect.arrayContaining(['case', 'person']));
    for (const h of r.hits) expect(h.snippet).toContain(`${HIGHLIGHT.open}Okafor${HIGHLIGHT.close}`);
    const settle = (await search(core, 'settlement funds', { mode: 'lexical' })).hits;
    expect(settle.map((h) => h.kind).sort()).toEqual(['document', 'law']);
    expect(settle.find((h) => h.kind === 'document')?.caseId).toBe(caseA);
    expect(settle.find((h) => h.kind === 'law')?.snippet).toMatch(/\[\[Settlement\]\] \[\[funds\]\]/);
    expect(await kinds('P43669')).toEqual(['person:Chidi Okafor']);
  });

  it('folds accents both ways', async () => {
    expect((await kinds('martinez')).map((k) => k.split(':')[0]).sort()).toEqual(['case', 'person']);
    expect(await kinds('universite montreal')).toEqual(['document:Lettre d’acceptation']);
    expect(await kinds('génie')).toEqual(await kinds('genie'));
  });

  it('indexes text that arrives after the document, and forgets deleted rows and text', async () => {
    const { doc } = addDocument(core, caseB, 'Scan 1');
    expect(await kinds('ielts')).toEqual([]);
    const meta = write(core, {
      table: 'document_metadata',
      op: 'insert',
      fields: { case_id: caseB, document_id: doc.id, extracted_text: 'IELTS General Training test report form' },
    });
    expect(await kinds('ielts')).toEqual(['document:Scan 1']);
    write(core, { table: 'document_metadata', op: 'update', id: meta.id as string, fields: { extracted_text: 'CELPIP score report' } });
    expect(await kinds('ielts')).toEqual([]);
    expect(await kinds('celpip')).toEqual(['document:Scan 1']);
    write(core, { table: 'documents', op: 'delete', id: doc.id as string });
    expect(await kinds('celpip')).toEqual([]);
  });

  it('scopes to one case (law is org-wide and left out of a case-scoped search)', async () => {
    expect((await search(core, 'settlement', { mode: 'lexical', caseId: caseB })).hits).toEqual([]);
    expect((await search(core, 'settlement', { mode: 'lexical', caseId: caseA })).hits.map((h) => h.kind)).toEqual(['document']);
  });

  it("ranks an unselective query over its newest matches only, with each winner's own snippet", async () => {
    // Ten documents share a word; the older ones repeat it (bm25 prefers them). Each has its own tag word.
    const caseC = createCase(core, { caseType: 'STUDY_PERMIT', client: 'Window Test' }).id as string;
    const tags = Array.from({ length: 10 }, (_, i) => `tag${String.fromCharCode(97 + i)}`);
    tags.forEach((tag, i) => addDocument(core, caseC, `Zephyr ${i}`, `${tag} ${'zephyrine '.repeat(10 - i)}filler words here`));
    const all = lexicalSearch(core, 'zephyrine', { rankWindow: Infinity, limit: 10 });
    expect(all.map((h) => h.title)).toEqual(tags.map((_, i) => `Zephyr ${i}`));
    const windowed = lexicalSearch(core, 'zephyrine', { rankWindow: 3, limit: 3 });
    expect(windowed.map((h) => h.title)).toEqual(['Zephyr 7', 'Zephyr 8', 'Zephyr 9']);
    for (const hits of [all, windowed]) {
      for (const h of hits) {
        const i = Number(h.title.split(' ')[1]);
        expect(h.snippet).toContain(tags[i]);
        expect(h.snippet).toContain(`${HIGHLIGHT.open}zephyrine${HIGHLIGHT.close}`);
      }
    }
    // A case-scoped search ranks every match of that case.
    expect(lexicalSearch(core, 'zephyrine', { rankWindow: 3, limit: 3, caseId: caseC }).map((h) => h.title)).toEqual(['Zephyr 0', 'Zephyr 1', 'Zephyr 2']);
  });

  it('never lets query text become FTS syntax', async () => {
    for (const q of ['"', 'AND OR (', 'NEAR(a b)', '*', 'title:okafor', "'; DROP TABLE cases; --", '\u0000', '   ']) {
      await expect(search(core, q, { mode: 'lexical' })).resolves.toBeDefined();
    }
    await expect(search(core, 'x'.repeat(501))).rejects.toThrow(/longer than/);
  });

  it('without a model, stays lexical and says so; semantic alone is refused clearly', async () => {
    const r = await search(core, 'okafor');
    expect(r.mode).toBe('lexical');
    expect(r.reason).toMatch(/no embedding model/);
    await expect(search(core, 'okafor', { mode: 'semantic' })).rejects.toThrow(/models install/);
  });
});

describe('casework search', () => {
  it('prints an array of hits with kind, id, score and snippet, and refuses bad flags', async () => {
    const data = join(tempDir(), 'vault');
    cliJson(['init', '--data', data]);
    const c = cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Zoë Lefèvre']);
    const hits = cliJson<any[]>(['search', 'zoe', '--data', data, '--json']);
    const hit = hits.find((h) => h.kind === 'case');
    expect(hit).toMatchObject({ kind: 'case', id: c.id });
    expect(typeof hit.score).toBe('number');
    expect(hit.snippet).toContain('[[Zoë]]');
    expect(hits.map((h) => h.kind).sort()).toEqual(['case', 'person']);
    const r = cli(['search', 'zoe', '--data', data, '--limit', '0']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--limit/);
    expect(cli(['search', 'zoe', '--data', data, '--lexical', '--semantic']).stderr).toMatch(/not both/);
    expect(cli(['search', 'zoe', '--data', data, '--case', 'nope']).stderr).toMatch(/not a valid case id/);
  });
});
