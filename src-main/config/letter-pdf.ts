/**
 * A letter as a PDF made on the laptop (pdf-lib: pure JS, no network): A4, the standard Helvetica font
 * (WinAnsi text, src-shared/text/win-ansi.ts), paragraphs as typed, lines wrapped at word boundaries and
 * pages added as needed. The bytes go straight into the encrypted document store, never to a plain file.
 */
import { winAnsi } from '../../src-shared/text/win-ansi';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const SIZE = 11;
const LEADING = 15;

export async function letterPdf(title: string, text: string): Promise<Buffer> {
  // Loaded with the first letter, not with every command (it is not in the core bundle).
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(title));
  doc.setCreator('Casework');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const width = A4[0] - 2 * MARGIN;
  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const put = (line: string) => {
    if (y < MARGIN) {
      page = doc.addPage(A4);
      y = A4[1] - MARGIN;
    }
    if (line) page.drawText(line, { x: MARGIN, y, size: SIZE, font });
    y -= LEADING;
  };
  for (const paragraph of winAnsi(text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')).split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, SIZE) <= width || !line) line = next;
      else {
        put(line);
        line = word;
      }
      // A single word wider than the page (a long reference) is cut where it overflows.
      while (font.widthOfTextAtSize(line, SIZE) > width) {
        let cut = line.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), SIZE) > width) cut--;
        put(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
    put(line);
  }
  return Buffer.from(await doc.save());
}
