/**
 * OCR benchmark (issue 4): the same generated pages through tesseract.js (the app's own OCR path, its
 * worker pool warmed) and Debian's native `tesseract` CLI, one page at a time each, one OCR thread each
 * (OMP_THREAD_LIMIT=1), in one run. Prints time per page, the time ratio (target <= 1.5x) and the
 * character error rate of each against the text the pages were made from. The native CLI runs twice:
 * with the very model the app uses (@tesseract.js-data eng 4.0.0_best_int, gunzipped into a temp
 * tessdata folder: the same-model comparison) and with Debian's own eng model (tessdata_fast).
 * Flags: --pages=N (default 12).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ocrImage, stopOcr } from '../src-main/documents/ocr';
import { flag, table } from './_util';
import { characterErrorRate } from '../src-shared/text/edit-distance';

const WORDS =
  'applicant passport statement balance employment letter canada immigration refugee citizenship permanent residence study permit work experience language benchmark education credential assessment provincial nomination express entry'.split(
    ' ',
  );

const cer = characterErrorRate;

export function makePages(dir: string, n: number): Array<{ file: string; text: string }> {
  const fonts = ['DejaVu-Sans', 'DejaVu-Serif', 'DejaVu-Sans-Mono'];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => {
    const lines = Array.from({ length: 8 }, () => Array.from({ length: 6 }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' '));
    const file = join(dir, `page${i}.png`);
    const args = ['-size', '1700x900', 'xc:white', '-font', fonts[i % fonts.length], '-pointsize', '34', '-fill', 'black'];
    lines.forEach((l, k) => args.push('-annotate', `+50+${80 + k * 95}`, l));
    if (i % 4 === 3) args.push('-attenuate', '0.3', '+noise', 'Gaussian');
    execFileSync('/usr/bin/convert', [...args, file]);
    return { file, text: lines.join(' ') };
  });
}

export async function runOcrBench(args: string[]): Promise<Array<Record<string, string | number>>> {
  if (!existsSync('/usr/bin/tesseract') || !existsSync('/usr/bin/convert'))
    throw new Error('the OCR benchmark needs Debian packages tesseract-ocr and imagemagick');
  process.env.OMP_THREAD_LIMIT = '1';
  const n = flag(args, 'pages', 12);
  const dir = mkdtempSync(join(tmpdir(), 'casework-bench-ocr-'));
  try {
    const pages = makePages(dir, n);
    const t0 = performance.now();
    await ocrImage(readFileSync(pages[0].file)); // start the worker pool (reported separately)
    const coldMs = performance.now() - t0;
    let js = 0;
    let jsCer = 0;
    for (const p of pages) {
      const s = performance.now();
      const r = await ocrImage(readFileSync(p.file));
      js += performance.now() - s;
      jsCer += cer(p.text, r.text);
    }
    await stopOcr();
    // The app's own model for the native CLI: the npm package's file, gunzipped (language data is public).
    const sameModel = join(dir, 'tessdata');
    mkdirSync(sameModel);
    const pkg = dirname(createRequire(import.meta.url).resolve('@tesseract.js-data/eng/package.json'));
    writeFileSync(join(sameModel, 'eng.traineddata'), gunzipSync(readFileSync(join(pkg, '4.0.0_best_int', 'eng.traineddata.gz'))));
    const nativeRun = (extra: string[]) => {
      let ms = 0;
      let errors = 0;
      for (const p of pages) {
        const s = performance.now();
        const out = execFileSync('/usr/bin/tesseract', [p.file, 'stdout', '-l', 'eng', ...extra], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          stdio: ['ignore', 'pipe', 'ignore'],
        }).toString();
        ms += performance.now() - s;
        errors += cer(p.text, out);
      }
      return { ms, cer: errors };
    };
    const same = nativeRun(['--tessdata-dir', sameModel]);
    const debian = nativeRun([]);
    const version = execFileSync('/usr/bin/tesseract', ['--version']).toString().split('\n')[0];
    return [
      {
        engine: 'tesseract.js 7 (best_int eng) vs native, same model',
        pages: n,
        ms_per_page: js / n,
        cer_pct: (jsCer / n) * 100,
        ratio: js / same.ms,
        target: `<= 1.5: ${js / same.ms <= 1.5 ? 'met' : 'MISSED'}`,
      },
      {
        engine: 'tesseract.js 7 (best_int eng) vs native, Debian model',
        pages: n,
        ms_per_page: js / n,
        cer_pct: (jsCer / n) * 100,
        ratio: js / debian.ms,
        target: `<= 1.5: ${js / debian.ms <= 1.5 ? 'met' : 'MISSED'}`,
      },
      { engine: `native ${version}, same best_int eng`, pages: n, ms_per_page: same.ms / n, cer_pct: (same.cer / n) * 100, ratio: 1, target: 'reference' },
      { engine: `native ${version}, Debian eng (fast)`, pages: n, ms_per_page: debian.ms / n, cer_pct: (debian.cer / n) * 100, ratio: 1, target: 'reference' },
      { engine: 'tesseract.js worker start (once)', pages: 0, ms_per_page: coldMs, cer_pct: 0, ratio: 0, target: '-' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(args: string[]) {
  table('OCR of generated pages: tesseract.js vs Debian tesseract, one thread each, same pages', await runOcrBench(args));
}
