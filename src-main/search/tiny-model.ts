/**
 * Writes a TINY embedding model folder that transformers.js loads exactly like a real one
 * (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx), so tests, the demo and the
 * benchmark exercise the real embedding path with no network and no Python.
 *
 * The ONNX graph is Gather(embedding table, input_ids) * attention_mask -> last_hidden_state
 * [batch, seq, dim]; the protobuf is encoded here by hand (a few field types suffice). The vocabulary is
 * a small WordPiece list (topic words, letters and ##letters so any word tokenizes). Words of one topic
 * share a seeded direction, so "bank" and "funds" land near each other: enough for semantic search to
 * rank a related text first, deterministically.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// ---- a minimal protobuf writer ----------------------------------------------------------------------
type Bytes = Uint8Array;
function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}
const cat = (parts: Array<Bytes | number[]>): Bytes => Buffer.concat(parts.map((p) => Buffer.from(p as Uint8Array)));
const fInt = (field: number, n: number | bigint) => cat([varint((field << 3) | 0), varint(n)]);
const fBytes = (field: number, b: Bytes) => cat([varint((field << 3) | 2), varint(b.length), b]);
const fStr = (field: number, s: string) => fBytes(field, Buffer.from(s, 'utf8'));
const msg = (...fields: Bytes[]) => cat(fields);

// ---- ONNX messages (field numbers from onnx.proto) ------------------------------------------------
const FLOAT = 1;
const INT64 = 7;
const dim = (d: number | string) => fBytes(1, typeof d === 'number' ? fInt(1, d) : fStr(2, d));
const valueInfo = (name: string, elem: number, dims: Array<number | string>) =>
  msg(fStr(1, name), fBytes(2, fBytes(1, msg(fInt(1, elem), fBytes(2, cat(dims.map(dim)))))));
const tensor = (name: string, elem: number, dims: number[], raw: Bytes) => msg(...dims.map((d) => fInt(1, d)), fInt(2, elem), fStr(8, name), fBytes(9, raw));
const attrInt = (name: string, v: number) => msg(fStr(1, name), fInt(3, v), fInt(20, 2 /* INT */));
const node = (op: string, inputs: string[], outputs: string[], attrs: Bytes[] = []) =>
  msg(...inputs.map((i) => fStr(1, i)), ...outputs.map((o) => fStr(2, o)), fStr(3, `${op}_${outputs[0]}`), fStr(4, op), ...attrs.map((a) => fBytes(5, a)));

export function encodeEmbeddingOnnx(table: Float32Array, vocabSize: number, hidden: number): Bytes {
  const axes = Buffer.alloc(8);
  axes.writeBigInt64LE(-1n);
  const graph = msg(
    fBytes(1, node('Gather', ['embeddings', 'input_ids'], ['gathered'], [attrInt('axis', 0)])),
    fBytes(1, node('Cast', ['attention_mask'], ['mask_f'], [attrInt('to', FLOAT)])),
    fBytes(1, node('Unsqueeze', ['mask_f', 'axes'], ['mask3'])),
    fBytes(1, node('Mul', ['gathered', 'mask3'], ['last_hidden_state'])),
    fStr(2, 'tiny_embedding'),
    fBytes(5, tensor('embeddings', FLOAT, [vocabSize, hidden], Buffer.from(table.buffer, table.byteOffset, table.byteLength))),
    fBytes(5, tensor('axes', INT64, [1], axes)),
    fBytes(11, valueInfo('input_ids', INT64, ['batch', 'sequence'])),
    fBytes(11, valueInfo('attention_mask', INT64, ['batch', 'sequence'])),
    fBytes(12, valueInfo('last_hidden_state', FLOAT, ['batch', 'sequence', hidden])),
  );
  return msg(fInt(1, 8), fStr(2, 'casework-tiny-model'), fBytes(7, graph), fBytes(8, msg(fStr(1, ''), fInt(2, 13))));
}

// ---- vocabulary and a seeded table ------------------------------------------------------------------
/** Topics: words in one list share a direction in embedding space. */
export const TINY_TOPICS: string[][] = [
  ['bank', 'funds', 'money', 'balance', 'savings', 'deposit', 'account', 'statement', 'settlement', 'financial', 'cash', 'salary'],
  ['passport', 'visa', 'travel', 'border', 'nationality', 'citizen', 'citizenship', 'identity', 'expiry'],
  ['school', 'university', 'diploma', 'degree', 'education', 'study', 'college', 'student', 'credential', 'transcript'],
  ['ielts', 'celpip', 'english', 'french', 'language', 'test', 'listening', 'reading', 'writing', 'speaking'],
  ['medical', 'doctor', 'health', 'exam', 'hospital', 'clinic', 'physician'],
  ['job', 'employer', 'work', 'employment', 'offer', 'occupation', 'experience', 'wage'],
  ['marriage', 'spouse', 'wife', 'husband', 'partner', 'family', 'child', 'children', 'wedding'],
];
const COMMON = ['the', 'of', 'and', 'a', 'to', 'in', 'for', 'is', 'on', 'with', 'de', 'la', 'le', 'et'];
const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TinyModelOptions {
  hidden?: number;
  seed?: number;
  /** The token window the tokenizer and config declare (default 512). */
  maxTokens?: number;
}

/** Write the tiny model folder into `dir` (created if needed); returns its hidden size. */
export function writeTinyModel(dir: string, opts: TinyModelOptions = {}): { dir: string; hidden: number; vocabSize: number } {
  const hidden = opts.hidden ?? 32;
  const maxTokens = opts.maxTokens ?? 512;
  const rand = mulberry32(opts.seed ?? 42);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const vocab: string[] = [...SPECIALS, ...COMMON, ...TINY_TOPICS.flat(), ...LETTERS, ...LETTERS.map((l) => `##${l}`)];
  const table = new Float32Array(vocab.length * hidden);
  const topicDir = TINY_TOPICS.map(() => Array.from({ length: hidden }, gauss));
  vocab.forEach((word, id) => {
    if (SPECIALS.includes(word)) return; // zero vectors: [CLS]/[SEP]/[PAD] carry no meaning
    const topic = TINY_TOPICS.findIndex((t) => t.includes(word));
    const weight = topic >= 0 ? 1 : COMMON.includes(word) ? 0.05 : 0.3; // common words and letters barely count
    for (let j = 0; j < hidden; j++) table[id * hidden + j] = weight * ((topic >= 0 ? topicDir[topic][j] : 0) + 0.35 * gauss());
  });

  mkdirSync(join(dir, 'onnx'), { recursive: true });
  writeFileSync(join(dir, 'onnx', 'model.onnx'), encodeEmbeddingOnnx(table, vocab.length, hidden));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify(
      {
        model_type: 'bert',
        architectures: ['BertModel'],
        hidden_size: hidden,
        vocab_size: vocab.length,
        max_position_embeddings: maxTokens,
        _name: 'casework-tiny',
      },
      null,
      2,
    ),
  );
  const id = (t: string) => vocab.indexOf(t);
  const special = (t: string) => ({ id: id(t), content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  writeFileSync(
    join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: SPECIALS.map(special),
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
        pair: [
          { SpecialToken: { id: '[CLS]', type_id: 0 } },
          { Sequence: { id: 'A', type_id: 0 } },
          { SpecialToken: { id: '[SEP]', type_id: 0 } },
          { Sequence: { id: 'B', type_id: 1 } },
          { SpecialToken: { id: '[SEP]', type_id: 1 } },
        ],
        special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        continuing_subword_prefix: '##',
        max_input_chars_per_word: 100,
        vocab: Object.fromEntries(vocab.map((w, i) => [w, i])),
      },
    }),
  );
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify(
      {
        tokenizer_class: 'BertTokenizer',
        do_lower_case: true,
        model_max_length: maxTokens,
        cls_token: '[CLS]',
        sep_token: '[SEP]',
        pad_token: '[PAD]',
        unk_token: '[UNK]',
        mask_token: '[MASK]',
      },
      null,
      2,
    ),
  );
  return { dir, hidden, vocabSize: vocab.length };
}
