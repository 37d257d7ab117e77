/**
 * Semantic and hybrid search on a real encrypted vault with the project's generated tiny model, loaded by
 * the real transformers.js + onnxruntime-node path (the one a real model uses) with every network call
 * made to throw. Covers `casework models install` (good and broken folders), indexing that follows
 * writes and deletes, semantic ranking of a related text with no shared words, reciprocal rank fusion,
 * switching models, and the CLI.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCore, type Core } from '../../src-main/core/core';
import { write } from '../../src-main/core/writer';
import { indexPending, installModel, listModels, pendingCount, search, startBackgroundIndexing, type SearchHit } from '../../src-main/search';
import { RRF_K } from '../../src-main/search/rrf';
import { isBinaryIndex } from '../../src-main/search/vectors';
import { writeTinyModel } from '../../src-main/search/tiny-model';
import { cli, cliJson, filesContaining, PASS, tempDir } from '../support/cli';

const NO_NET = { NODE_OPTIONS: `--require ${join(__dirname, 'no-network.cjs')}` };

describe('semantic search with the generated tiny model', () => {
  const root = tempDir();
  const modelDir = join(root, 'casework-tiny');
  const data = join(root, 'vault');
  let caseId: string;
  let core: Core;
  const fetchSpy = vi.fn(() => {
    throw new Error('network access attempted');
  });
  const docs: Record<string, string> = {};

  const addDoc = (title: string, text: string) => {
    const doc = write(core, {
      table: 'documents',
      op: 'insert',
      fields: {
        case_id: caseId,
        document_type: 'other',
        category: 'other',
        title,
        filename: 'x.pdf',
        original_filename: `${title}.pdf`,
        file_size: 10,
        mime_type: 'application/pdf',
        storage_key: 'k',
      },
    });
    const meta = write(core, { table: 'document_metadata', op: 'insert', fields: { case_id: caseId, document_id: doc.id, extracted_text: text } });
    docs[title] = doc.id as string;
    return { docId: doc.id as string, metaId: meta.id as string };
  };

  beforeAll(() => {
    vi.stubGlobal('fetch', fetchSpy);
    writeTinyModel(modelDir);
    cliJson(['init', '--data', data]);
    caseId = cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Amara Okafor']).id;
  });
  afterAll(() => {
    core?.close();
    vi.unstubAllGlobals();
  });

  it('models install rejects a broken folder (missing tokenizer, corrupt ONNX) and changes nothing', () => {
    const noTok = join(root, 'no-tokenizer');
    cpSync(modelDir, noTok, { recursive: true });
    rmSync(join(noTok, 'tokenizer.json'));
    const a = cli(['models', 'install', '--from', noTok, '--data', data], NO_NET);
    expect(a.code).not.toBe(0);
    expect(a.stderr).toMatch(/tokenizer\.json/);

    const corrupt = join(root, 'corrupt');
    cpSync(modelDir, corrupt, { recursive: true });
    writeFileSync(join(corrupt, 'onnx', 'model.onnx'), Buffer.from('this is not an onnx protobuf at all'));
    const b = cli(['models', 'install', '--from', corrupt, '--data', data], NO_NET);
    expect(b.code).not.toBe(0);
    expect(b.stderr).toMatch(/could not be loaded|failed/);

    expect(cli(['models', 'install', '--from', join(root, 'nowhere'), '--data', data]).stderr).toMatch(/no model folder/);
    expect(cli(['models', 'install', '--from', modelDir, '--name', '../evil', '--data', data]).stderr).toMatch(/not a usable model name/);
    expect(cliJson(['models', 'list', '--data', data])).toEqual([]);
    expect(existsSync(join(data, 'models', 'corrupt'))).toBe(false);
    expect(existsSync(join(data, 'models', 'no-tokenizer'))).toBe(false);
  });

  it('installs the generated model through the CLI with the network disabled', () => {
    const m = cliJson(['models', 'install', '--from', modelDir, '--data', data], NO_NET);
    expect(m).toMatchObject({ name: 'casework-tiny', dim: 32, active: true });
    expect(existsSync(join(data, 'models', 'casework-tiny', 'onnx', 'model.onnx'))).toBe(true);
    expect(cliJson<any[]>(['models', 'list', '--data', data])).toEqual([expect.objectContaining({ name: 'casework-tiny', active: true, dim: 32 })]);
  });

  it('ranks a related text first when it shares no word with the query', async () => {
    core = await openCore({ dataDir: data, passphrase: PASS });
    addDoc('Statement', 'Royal Bank of Canada. Closing balance and savings deposit for the account.');
    addDoc('Diploma', 'University diploma and transcript of the degree in education.');
    addDoc('Medical', 'Medical exam by the clinic physician at the hospital.');
    const report = await indexPending(core);
    expect(report.indexed).toBeGreaterThanOrEqual(3);
    expect(report.remaining).toBe(0);
    // Binary-quantized vectors in sqlite-vec; each chunk keeps its 32 float32 values for exact re-ranking.
    expect(isBinaryIndex(core)).toBe(true);
    expect(core.db.prepare('SELECT DISTINCT length(embedding) FROM search_chunks').pluck().all()).toEqual([32 * 4]);

    const lexical = (await search(core, 'money funds', { mode: 'lexical', kinds: ['document'] })).hits;
    expect(lexical).toEqual([]);
    const r = await search(core, 'money funds', { mode: 'semantic', kinds: ['document'] });
    expect(r.mode).toBe('semantic');
    expect(r.reason).toBeUndefined();
    expect(r.hits[0]).toMatchObject({ kind: 'document', id: docs.Statement, caseId });
    expect(r.hits[0].score).toBeGreaterThan(r.hits[1].score);
    expect((await search(core, 'hospital doctor', { mode: 'semantic', kinds: ['document'] })).hits[0].id).toBe(docs.Medical);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('hybrid fuses the lexical and semantic lists by reciprocal rank', async () => {
    const q = 'diploma'; // lexical finds one document; semantic ranks every document
    const opts = { kinds: ['document' as const], limit: 10 };
    const lex = (await search(core, q, { ...opts, mode: 'lexical' })).hits;
    const sem = (await search(core, q, { ...opts, mode: 'semantic' })).hits;
    const h = await search(core, q, { ...opts, mode: 'hybrid' });
    expect(h.mode).toBe('hybrid');
    expect(lex.map((x) => x.id)).toEqual([docs.Diploma]);
    const rank = (list: SearchHit[], id: string) => list.findIndex((x) => x.id === id);
    const expected = (id: string) => [lex, sem].reduce((s, l) => (rank(l, id) >= 0 ? s + 1 / (RRF_K + rank(l, id) + 1) : s), 0);
    for (const hit of h.hits) expect(hit.score).toBeCloseTo(expected(hit.id), 10);
    // In both lists, the diploma outranks anything found by one list only; semantic-only hits still come.
    expect(h.hits[0].id).toBe(docs.Diploma);
    expect(sem.length).toBeGreaterThan(1);
    expect(h.hits.map((x) => x.id)).toEqual(expect.arrayContaining([docs.Statement, docs.Diploma]));
    // The lexical hit keeps its FTS highlight.
    expect(h.hits[0].snippet).toMatch(/\[\[diploma\]\]/i);
  });

  it('follows edits and deletes of the text', async () => {
    const { docId, metaId } = addDoc('Note', 'Medical physician letter.');
    await indexPending(core);
    const top = async (q: string) => (await search(core, q, { mode: 'semantic', kinds: ['document'] })).hits.map((x) => x.id);
    expect((await top('health clinic')).slice(0, 2)).toContain(docId);
    write(core, { table: 'document_metadata', op: 'update', id: metaId, fields: { extracted_text: 'Wedding certificate: marriage of husband and wife.' } });
    expect((await top('spouse partner'))[0]).toBe(docId); // search indexes what is queued first
    write(core, { table: 'documents', op: 'delete', id: docId });
    expect(await top('spouse partner')).not.toContain(docId);
    expect(core.db.prepare('SELECT count(*) FROM search_chunks WHERE ref_id = ?').pluck().get(docId)).toBe(0);
  });

  it('indexes in the background after writes (the app path), without a search having to wait', async () => {
    const stop = startBackgroundIndexing(core, 20);
    try {
      const { docId } = addDoc('Offer', 'Employer job offer letter with the occupation and wage.');
      expect(pendingCount(core)).toBeGreaterThan(0);
      for (let i = 0; i < 200 && pendingCount(core) > 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(pendingCount(core)).toBe(0);
      const r = await search(core, 'employment work', { mode: 'semantic', kinds: ['document'], indexFirst: 0 });
      expect(r.hits[0].id).toBe(docId);
      expect(r.pending).toBeUndefined();
    } finally {
      stop();
    }
  });

  it('hostile query text is harmless in hybrid and semantic modes too', async () => {
    for (const q of ['"', 'AND OR (', 'NEAR(a b)', '*', "'; DROP TABLE search_chunks; --", '\u0000', '   ']) {
      for (const mode of ['hybrid', 'semantic'] as const) await expect(search(core, q, { mode })).resolves.toBeDefined();
    }
    expect(core.db.prepare('SELECT count(*) FROM search_chunks').pluck().get()).toBeGreaterThan(0);
  });

  it('keeps chunk text inside the encrypted database only', async () => {
    addDoc('Canary', 'Zqxjcanary bank savings account balance.');
    await indexPending(core);
    expect(core.db.prepare("SELECT count(*) FROM search_chunks WHERE text LIKE '%Zqxjcanary%'").pluck().get()).toBeGreaterThan(0);
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(filesContaining(data, 'Zqxjcanary')).toEqual([]);
  });

  it('switching models re-embeds everything with the new one', async () => {
    const other = join(root, 'tiny-b');
    writeTinyModel(other, { hidden: 16, seed: 7 });
    const m = await installModel(core, other);
    expect(m).toMatchObject({ name: 'tiny-b', dim: 16 });
    expect(
      listModels(core)
        .map((x) => `${x.name}:${x.active}`)
        .sort(),
    ).toEqual(['casework-tiny:false', 'tiny-b:true']);
    const r = await indexPending(core);
    expect(r.model).toBe('tiny-b');
    expect(core.db.prepare('SELECT DISTINCT model FROM search_chunks').pluck().all()).toEqual(['tiny-b']);
    expect((await search(core, 'money funds', { mode: 'semantic', kinds: ['document'] })).hits[0].id).toBe(docs.Statement);
    core.close();
    core = undefined as unknown as Core;
  });

  it('casework search --semantic prints a JSON array of hits', () => {
    const hits = cliJson<any[]>(['search', 'money funds', '--semantic', '--data', data, '--json'], NO_NET);
    expect(Array.isArray(hits)).toBe(true);
    expect(hits[0]).toMatchObject({ kind: expect.any(String), id: expect.any(String), score: expect.any(Number), snippet: expect.any(String) });
    expect(hits.find((h) => h.kind === 'document')?.id).toBe(docs.Statement);
    const hybrid = cli(['search', 'okafor', '--data', data], NO_NET);
    expect(hybrid.code).toBe(0);
    expect(hybrid.stderr).toMatch(/hybrid search/);
    const rebuilt = cliJson(['index', 'rebuild', '--data', data], NO_NET);
    expect(rebuilt).toMatchObject({ model: 'tiny-b', remaining: 0 });
    expect(rebuilt.indexed).toBeGreaterThanOrEqual(4);
  });
});
