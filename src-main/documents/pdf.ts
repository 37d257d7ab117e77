/**
 * PDFs page by page: the text layer where a page has one (no OCR needed); a page without text is
 * rendered with @napi-rs/canvas and OCR'd. Page count and rendered size are bounded so a hostile PDF
 * fails with a reason instead of stalling the queue.
 *
 * Pipelined: while page n is OCR'd (tesseract.js works in its own worker), page n+1 is already read
 * and, if scanned, rendered here; at most one rendered page waits, so memory stays bounded.
 */
import { ocrImage, type OcrLanguage } from './ocr';
import { assertPdfInflatesWithin } from './pdf-budget';

export const MAX_PDF_PAGES = 500;
const RENDER_SCALE = 2; // ~144 dpi: enough for OCR of ordinary scans
const MAX_RENDER_SIDE = 6000;
/** One rendered page's pixels (a 6000 x 6000 canvas is 144 MB) and all pages' together. */
const MAX_RENDER_PIXELS = 36_000_000;
export const MAX_PDF_RENDER_PIXELS = 1_000_000_000;

export interface PageText {
  page: number;
  method: 'text_layer' | 'ocr';
  text: string;
  confidence: number | null;
}

/** One page made ready for reading: its text layer, or a rendered PNG to OCR. */
type PreparedPage = { page: number; text: string } | { page: number; png: Buffer };

/**
 * Read every page of a PDF. `onPage(n, pages)` follows each finished page; `onRendered(n)` follows each
 * page rendered for OCR (with the pipeline, page n+1 is rendered before page n's OCR ends).
 */
export async function readPdf(
  bytes: Buffer,
  langs: OcrLanguage[],
  onPage?: (page: number, pages: number) => void,
  onRendered?: (page: number) => void,
): Promise<PageText[]> {
  // Before pdf.js inflates anything: a decompression bomb fails here, in a fraction of a second.
  assertPdfInflatesWithin(bytes);
  // pdf.js and the canvas load with the first PDF, not with the app (see ocr.ts).
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { createCanvas } = await import('@napi-rs/canvas');
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      stopAtErrors: true,
      verbosity: 0,
    }).promise;
  } catch (e) {
    throw new Error(`the PDF cannot be read (${(e as Error).message})`);
  }
  let rendered = 0;
  const prepare = async (n: number): Promise<PreparedPage> => {
    const page = await doc.getPage(n);
    try {
      const content = await page.getTextContent();
      const text = content.items
        .map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : ' ') : ''))
        .join('')
        .replace(/[ \t]+\n/g, '\n')
        .trim();
      if (text.replace(/\s/g, '').length >= 3) return { page: n, text };
      const viewport = page.getViewport({ scale: RENDER_SCALE });
      const pixels = Math.ceil(viewport.width) * Math.ceil(viewport.height);
      if (viewport.width > MAX_RENDER_SIDE || viewport.height > MAX_RENDER_SIDE || pixels > MAX_RENDER_PIXELS)
        throw new Error(`page ${n} is ${Math.round(viewport.width)} x ${Math.round(viewport.height)} pixels when rendered, too large to OCR`);
      rendered += pixels;
      if (rendered > MAX_PDF_RENDER_PIXELS)
        throw new Error(`the PDF's scanned pages come to more than ${MAX_PDF_RENDER_PIXELS / 1e6} megapixels when rendered, more than Casework will OCR`);
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvasContext: ctx as unknown as Parameters<typeof page.render>[0]['canvasContext'], viewport }).promise;
      const png = canvas.toBuffer('image/png');
      onRendered?.(n);
      return { page: n, png };
    } finally {
      page.cleanup();
    }
  };
  let next: Promise<PreparedPage> | undefined;
  try {
    if (doc.numPages > MAX_PDF_PAGES) throw new Error(`the PDF has ${doc.numPages} pages, more than the ${MAX_PDF_PAGES} Casework will process`);
    const out: PageText[] = [];
    next = doc.numPages >= 1 ? prepare(1) : undefined;
    for (let n = 1; n <= doc.numPages; n++) {
      const cur = await next!;
      next = n < doc.numPages ? prepare(n + 1) : undefined;
      next?.catch(() => undefined); // its failure is reported when its turn comes
      if ('text' in cur) out.push({ page: n, method: 'text_layer', text: cur.text, confidence: null });
      else {
        const r = await ocrImage(cur.png, langs);
        out.push({ page: n, method: 'ocr', text: r.text, confidence: r.confidence });
      }
      onPage?.(n, doc.numPages);
    }
    return out;
  } finally {
    await next?.catch(() => undefined); // never destroy the document under a page still being rendered
    await doc.destroy();
  }
}
