/**
 * OCR with tesseract.js and language data from the @tesseract.js-data packages: never any network.
 * tesseract.js runs each recognizer in its own worker thread; a scheduler per language set holds as
 * many workers as the machine has cores to spare, and is reused across documents (a cold worker costs
 * ~0.3 s). tesseract.js reads every language from one folder, so a folder of links to the installed
 * packages' data is made once per process (language data is public, nothing personal).
 */
// tesseract.js and the canvas are loaded when the first page is read, not when the app starts: together
// they cost about a quarter of a second of start-up, which the window would wait for.
import type { Scheduler } from 'tesseract.js';
import { availableParallelism, tmpdir } from 'node:os';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UserError } from '../../src-shared/errors';

const require = createRequire(import.meta.url);
export const OCR_LANGUAGES = ['eng', 'fra'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

export function parseLanguages(spec: string | undefined): OcrLanguage[] {
  const langs = (spec ?? 'eng')
    .split(/[+,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  for (const l of langs)
    if (!(OCR_LANGUAGES as readonly string[]).includes(l))
      throw new UserError('invalid_input', `OCR language "${l}" is not installed; installed: ${OCR_LANGUAGES.join(', ')}`);
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
      const { createScheduler, createWorker } = await import('tesseract.js');
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
 * Still below this after both readings, the page may be lying on its side or upside down: the other
 * three orientations are tried (a sideways page can read as confident-looking noise, ~64).
 */
export const TURN_CONFIDENCE = RETRY_CONFIDENCE;

/**
 * How good a reading is: its confidence times the letters it found in words of three or more letters.
 * Confidence alone is not enough: a page read the wrong way up can come back as two confident letters.
 */
export function readingQuality(r: OcrResult): number {
  const letters = (r.text.match(/\p{L}{3,}/gu) ?? []).reduce((n, w) => n + w.length, 0);
  return r.confidence * letters;
}

/**
 * Most pages are straight: they are read once, as the native tesseract CLI would. Only a page read with
 * low confidence pays for a second pass with automatic rotation (skewed scans, phone photos); the better
 * of the two readings is kept. A page still poorly read may be a scan turned by 90 or 180 degrees (no
 * orientation model ships with the npm language data this app uses): it is read in the other three
 * orientations, and the best reading (readingQuality) wins; a page with no text at all is not turned.
 */
export async function ocrImage(image: Buffer, langs: OcrLanguage[] = ['eng']): Promise<OcrResult> {
  const sch = await scheduler(langs);
  const read = async (options: { rotateAuto?: boolean }, img = image) => {
    const r = (await sch.addJob('recognize', img, options)) as { data: { text: string; confidence: number } };
    return { text: r.data.text.trim(), confidence: Math.round(r.data.confidence * 10) / 10 };
  };
  const better = (a: OcrResult, b: OcrResult) => (readingQuality(b) > readingQuality(a) ? b : a);
  let best = await read({ rotateAuto: false });
  if (best.confidence >= RETRY_CONFIDENCE) return best;
  best = better(best, await read({ rotateAuto: true }));
  if (best.confidence >= TURN_CONFIDENCE || !/[\p{L}\p{N}]{2}/u.test(best.text)) return best; // a blank page is not turned
  for (const quarter of [1, 2, 3] as const) {
    const img = await turned(image, quarter);
    if (!img) break;
    best = better(best, await read({ rotateAuto: true }, img));
  }
  return best;
}

/**
 * The image turned by a quarter, half or three-quarter turn onto a canvas of the turned size (tesseract's
 * own rotation keeps the page's frame and would cut a sideways page off). Undefined when the format
 * cannot be decoded here (TIFF): that page keeps its best reading.
 */
async function turned(image: Buffer, quarter: 1 | 2 | 3): Promise<Buffer | undefined> {
  try {
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const img = await loadImage(image);
    const sideways = quarter % 2 === 1;
    const canvas = createCanvas(sideways ? img.height : img.width, sideways ? img.width : img.height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.translate(canvas.width / 2, canvas.height / 2);
    ctx.rotate((quarter * Math.PI) / 2);
    ctx.drawImage(img, -img.width / 2, -img.height / 2);
    return canvas.toBuffer('image/png');
  } catch {
    return undefined;
  }
}

/** Ends the OCR workers (so a command-line process can exit). */
export async function stopOcr(): Promise<void> {
  const all = [...schedulers.values()];
  schedulers.clear();
  await Promise.all(all.map(async (s) => (await s).terminate()));
}
