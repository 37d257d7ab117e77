/**
 * Chunking by the model's own tokens, through the embedding worker, with the generated tiny model given a
 * small 64-token window: no chunk is longer than the model reads (counted here with transformers.js's
 * tokenizer loaded independently from the same folder), every word of the text lands in some chunk,
 * chunks overlap a little, and none but the last is wastefully short.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { loadEmbedder, stopEmbedWorker, type Embedder } from '../../src-main/search/embedder';
import { chunkText } from '../../src-main/search/chunking';
import { writeTinyModel } from '../../src-main/search/tiny-model';
import { tempDir } from '../support/cli';

const MAX = 64;
// Unique words (so coverage is checkable), each a few WordPiece tokens long in the tiny vocabulary.
const words = Array.from({ length: 900 }, (_, i) => `${['bank', 'visa', 'exam', 'job'][i % 4]}${i}`);
const text = words.map((w, i) => (i % 9 === 8 ? `${w}.` : w)).join(' ');

describe('chunks cut by the model tokenizer', () => {
  const dir = join(tempDir(), 'tiny-64');
  let tokenizer: PreTrainedTokenizer;
  let model: Embedder;
  const tokens = (s: string) => tokenizer.encode(s).length; // with [CLS] and [SEP], as the model sees it

  beforeAll(async () => {
    writeTinyModel(dir, { maxTokens: MAX });
    env.allowRemoteModels = false;
    env.localModelPath = join(dir, '..') + '/';
    tokenizer = await AutoTokenizer.from_pretrained('tiny-64', { local_files_only: true });
    model = await loadEmbedder(dir);
  });
  afterAll(() => stopEmbedWorker());

  it('reads the window from the folder', () => {
    expect(model.maxTokens).toBe(MAX);
  });

  it('no chunk exceeds the window, every word is covered, chunks overlap and are not wastefully short', async () => {
    expect(tokens(text)).toBeGreaterThan(20 * MAX); // the text really needs many chunks
    const [chunks] = await model.chunk([text]);
    expect(chunks.length).toBeGreaterThan(20);
    for (const c of chunks) expect(tokens(c)).toBeLessThanOrEqual(MAX);
    const seen = new Set(chunks.flatMap((c) => c.split(' ').map((w) => w.replace(/\.$/, ''))));
    for (const w of words) expect(seen.has(w)).toBe(true);
    // Each chunk but the last is filled to at least 3/4 of the window, and the next one repeats its tail.
    for (const c of chunks.slice(0, -1)) expect(tokens(c)).toBeGreaterThanOrEqual(0.75 * MAX);
    for (let i = 1; i < chunks.length; i++)
      expect(chunks[i - 1].endsWith(chunks[i].split(' ')[0]) || chunks[i - 1].includes(` ${chunks[i].split(' ')[0]} `)).toBe(true);
    // The old cut by characters would have handed the model chunks it truncates.
    expect(Math.max(...chunkText(text).map(tokens))).toBeGreaterThan(MAX);
  });

  it('a run of characters longer than the window is cut into parts that fit, losing none; short text stays whole', async () => {
    const blob = 'x'.repeat(400);
    const [[short], long] = await model.chunk(['A short note about the bank.', `${blob} after`]);
    expect(short).toBe('A short note about the bank.');
    for (const c of long) expect(tokens(c)).toBeLessThanOrEqual(MAX);
    expect(long.at(-1)).toMatch(/after$/);
    expect(
      long
        .join('')
        .replace(/ after$/, '')
        .replace(/ /g, ''),
    ).toMatch(new RegExp(`^(${blob})`));
    expect(long.join(' ').split('x').length - 1).toBeGreaterThanOrEqual(400);
    expect(await model.chunk([])).toEqual([]);
  });
});
