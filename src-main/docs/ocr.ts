/**
 * OCR with tesseract.js and language data from the @tesseract.js-data packages: never any network.
 * tesseract.js runs each recognizer in its own worker thread; a scheduler per language set holds as
 * many workers as the machine has cores to spare, and is reused across documents (a cold worker costs
 * ~0.3 s). tesseract.js reads every language from one folder, so a folder of links to the installed
 * packages' data is made once per process (language data is public, nothing personal).
 */
import { createScheduler, createWorker, type Scheduler } from 'tesseract.js';
import { availableParallelism, tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UserError } from '../../src-shared/errors';

const require = createRequire(import.meta.url);
export const OCR_LANGUAGES = ['eng', 'fra'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

export function parseLanguages(spec: string | undefined): OcrLanguage[] {
  const langs = (spec ?? 'eng').split(/[+,]/).map((s) => s.trim()).filter(Boolean);
  for (const l of langs) if (!(OCR_LANGUAGES as readonly string[]).includes(l)) throw new UserError('invalid_input', `OCR language "${l}" is not installed; installed: ${OCR_LANGUAGES.join(', ')}`);
  if (!langs.length) throw new UserError('invalid_input', 'name at least one OCR language');
  return [...new Set(langs)] as OcrLanguage[];
}

let langDir: string | undefined;
function languageFolder(): string {
  if (langDir) return langDir;
  const dir = mkdtempSync(join(tmpdir(), 'casework-ocr-lang-'));
  for (const l of OCR_LANGUAGES) {
    const src = join(dirname(require.resolve(`@tesseract.js-data/${l}/package.json`)), '4.0.0_best_int', `${l}.traineddata.gz`);
    if (!existsSync(src)) throw new Error(`OCR language data missing: ${src}`);
    symlinkSync(src, join(dir, `${l}.traineddata.gz`));
  }
  mkdirSync(dir, { recursive: true });
  langDir = dir;
  return dir;
}

export const OCR_WORKERS = Math.max(1, availableParallelism() - 1);
const schedulers = new Map<string, Promise<Scheduler>>();

function scheduler(langs: OcrLanguage[]): Promise<Scheduler> {
  const key = langs.join('+');
  let s = schedulers.get(key);
  if (!s) {
    s = (async () => {
      const sch = createScheduler();
      for (let i = 0; i < OCR_WORKERS; i++) {
        const w = await createWorker(langs, 1, { langPath: languageFolder(), gzip: true, cacheMethod: 'none' });
        sch.addWorker(w);
      }
      return sch;
    })();
    schedulers.set(key, s);
  }
  return s;
}

export interface OcrResult {
  text: string;
  /** 0-100, tesseract's mean word confidence. */
  confidence: number;
}

/** Below this mean confidence a page is read again with tesseract's skew correction. */
export const RETRY_CONFIDENCE = 75;

/**
 * Most pages are straight: they are read once, as the native tesseract CLI would. Only a page read with
 * low confidence pays for a second pass with automatic rotation (skewed scans, phone photos); the better
 * of the two readings is kept.
 */
export async function ocrImage(image: Buffer, langs: OcrLanguage[] = ['eng']): Promise<OcrResult> {
  const sch = await scheduler(langs);
  const read = async (rotateAuto: boolean) => {
    const r = (await sch.addJob('recognize', image, { rotateAuto })) as { data: { text: string; confidence: number } };
    return { text: r.data.text.trim(), confidence: Math.round(r.data.confidence * 10) / 10 };
  };
  const first = await read(false);
  if (first.confidence >= RETRY_CONFIDENCE) return first;
  const second = await read(true);
  return second.confidence > first.confidence ? second : first;
}

/** Ends the OCR workers (so a command-line process can exit). */
export async function stopOcr(): Promise<void> {
  const all = [...schedulers.values()];
  schedulers.clear();
  await Promise.all(all.map(async (s) => (await s).terminate()));
}
