/**
 * PDFs page by page: the text layer where a page has one (no OCR needed); a page without text is
 * rendered with @napi-rs/canvas and OCR'd. Page count and rendered size are bounded so a hostile PDF
 * fails with a reason instead of stalling the queue.
 */
import { createCanvas } from '@napi-rs/canvas';
import { ocrImage, type OcrLanguage } from './ocr';

export const MAX_PDF_PAGES = 500;
const RENDER_SCALE = 2; // ~144 dpi: enough for OCR of ordinary scans
const MAX_RENDER_SIDE = 6000;

export interface PageText {
  page: number;
  method: 'text_layer' | 'ocr';
  text: string;
  confidence: number | null;
}

export async function readPdf(bytes: Buffer, langs: OcrLanguage[], onPage?: (page: number, pages: number) => void): Promise<PageText[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, stopAtErrors: true, verbosity: 0 }).promise;
  } catch (e) {
    throw new Error(`the PDF cannot be read (${(e as Error).message})`);
  }
  try {
    if (doc.numPages > MAX_PDF_PAGES) throw new Error(`the PDF has ${doc.numPages} pages, more than the ${MAX_PDF_PAGES} Casework will process`);
    const out: PageText[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const text = content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : ' ') : '')).join('').replace(/[ \t]+\n/g, '\n').trim();
      if (text.replace(/\s/g, '').length >= 3) {
        out.push({ page: n, method: 'text_layer', text, confidence: null });
      } else {
        const viewport = page.getViewport({ scale: RENDER_SCALE });
        if (viewport.width > MAX_RENDER_SIDE || viewport.height > MAX_RENDER_SIDE) throw new Error(`page ${n} is ${Math.round(viewport.width)} x ${Math.round(viewport.height)} pixels when rendered, too large to OCR`);
        const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        await page.render({ canvasContext: ctx as unknown as Parameters<typeof page.render>[0]['canvasContext'], viewport }).promise;
        const r = await ocrImage(canvas.toBuffer('image/png'), langs);
        out.push({ page: n, method: 'ocr', text: r.text, confidence: r.confidence });
      }
      page.cleanup();
      onPage?.(n, doc.numPages);
    }
    return out;
  } finally {
    await doc.destroy();
  }
}
