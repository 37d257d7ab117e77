/**
 * Letter templates with merge fields, filled in for a case and filed on it as a PDF (issue 16). The
 * checks a template passes before it is saved; who may change templates; a system default replaced by
 * the firm's own version; the letter's text read back from the PDF in the encrypted document store (its
 * text layer, by pdf.js as the documents pipeline reads PDFs). Real encrypted vault, the real CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { createVault, type Core } from '../../src-main/core/core';
import { createCase } from '../../src-main/cases/cases';
import { fileLetter, previewTemplate, saveCaseFields, saveTemplate } from '../../src-main/config';
import { readDocumentBytes } from '../../src-main/documents';
import { readPdf } from '../../src-main/documents/pdf';
import { fillTemplate, templateProblems } from '../../src-shared/config';
import { cli, cliJson, PASS, tempDir } from '../support/cli';

const LETTER = `Dear {{client_name}},

Re: your case {{case_number}} ({{case_type}}) with {{firm_name}}.

Your debts total £{{custom.total_debt}}. We still need:
{{document_list}}

Kind regards`;

describe('letter templates', () => {
  let core: Core;
  let dir: string;
  let caseId: string;
  beforeAll(async () => {
    dir = join(tempDir(), 'v');
    core = await createVault({ dataDir: dir, passphrase: PASS, orgName: 'Northside Money Advice' });
    caseId = createCase(core, { caseType: 'DEBT_ADVICE', client: 'Zoë Brontë' }).id as string;
    saveCaseFields(core, caseId, { total_debt: '12500.00' });
  });
  afterAll(() => core?.close());

  it('refuses a template naming a field that does not exist, and says which', () => {
    expect(templateProblems('Dear {{client_nam}}')).toEqual([expect.stringMatching(/unknown merge field {{client_nam}}/)]);
    expect(templateProblems('Dear {{client_name}')).toEqual([expect.stringMatching(/not closed/)]);
    expect(templateProblems('{{custom.total_debt}} {{ case_number }}')).toEqual([]);
    expect(fillTemplate('{{a}}-{{b}}', { a: 'x' })).toEqual({ text: 'x-', blank: ['b'] });
    expect(() => saveTemplate(core, { name: 'Bad', templateType: 'letter', content: 'Hello {{nobody}}' })).toThrow(/unknown merge field {{nobody}}/);
  });

  it('fills a letter in for a case and files it on the case as a PDF', async () => {
    const t = saveTemplate(core, { name: 'Debts letter', templateType: 'letter', content: LETTER });
    expect(t).toMatchObject({ version: 1, system: false, fields: expect.arrayContaining(['client_name', 'custom.total_debt', 'document_list']) });
    const preview = previewTemplate(core, { templateId: t.id, caseId });
    expect(preview.text).toContain('Dear Zoë Brontë,');
    expect(preview.text).toContain('£12500.00');
    expect(preview.text).toContain('with Northside Money Advice.');
    expect(preview.blank).toEqual([]);

    const filed = await fileLetter(core, t.id, caseId);
    const stored = readDocumentBytes(core, filed.documentId);
    expect(stored.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await readPdf(stored.bytes, ['eng']);
    const text = pages.map((p) => p.text).join('\n');
    expect(text).toContain('Dear Zoe Bronte,'); // the standard font's Latin-1: accents dropped
    expect(text).toContain('12500.00');
    expect(pages.every((p) => p.method === 'text_layer')).toBe(true);

    // A new version of the firm's template, by an owner; a consultant may not change templates.
    expect(saveTemplate(core, { id: t.id, name: 'Debts letter', templateType: 'letter', content: `${LETTER}\n{{today}}` }).version).toBe(2);
    core.setMeta('role', 'consultant');
    try {
      expect(() => saveTemplate(core, { id: t.id, name: 'X', templateType: 'letter', content: 'Hi' })).toThrow(/only an owner or admin/);
    } finally {
      core.setMeta('role', 'owner');
    }
  });

  it('the command line: a system default replaced by the firm, a letter written to a file', () => {
    core.close();
    const env = { CASEWORK_PASSPHRASE: PASS };
    const before = cliJson(['template', 'list', '--data', dir, '--json'], env) as Array<{ id: string; name: string; system: boolean }>;
    const welcome = before.find((x) => x.name === 'Welcome Email' && x.system)!;
    expect(welcome).toBeTruthy();
    const file = join(tempDir(), 'welcome.txt');
    writeFileSync(file, 'Dear {{client_name}}, welcome to {{firm_name}}. Your case is {{case_number}}.');
    const edited = cli(['template', 'save', '--id', welcome.id, '--name', 'Welcome Email', '--file', file, '--data', dir], env);
    expect(edited.code).not.toBe(0);
    expect(edited.stderr).toMatch(/a system template is not edited/);
    const own = cliJson(
      ['template', 'save', '--overrides', welcome.id, '--name', 'Welcome Email', '--type', 'email', '--file', file, '--data', dir, '--json'],
      env,
    );
    const after = cliJson(['template', 'list', '--data', dir, '--json'], env) as Array<{ id: string; name: string }>;
    expect(after.filter((x) => x.name === 'Welcome Email').map((x) => x.id)).toEqual([own.id]);

    const out = join(tempDir(), 'letter.pdf');
    const r = cliJson(['template', 'render', own.id, '--case', caseId, '--out', out, '--data', dir, '--json'], env);
    expect(r).toMatchObject({ file: out, blank: [] });
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    const unknownCase = cli(['template', 'render', own.id, '--case', '00000000-0000-4000-8000-000000000000', '--data', dir], env);
    expect(unknownCase.code).not.toBe(0);
    expect(unknownCase.stderr).toMatch(/no case/);
  });
});
