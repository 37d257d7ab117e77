/**
 * Latin-1 text for PDF's standard fonts (Helvetica, WinAnsi encoding), which is what the laptop's PDFs
 * use so that they need no font files: accents are dropped when that is all that differs, and anything
 * else becomes '?', so a client's name never makes a PDF fail.
 */
export function winAnsi(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e\xa0-\xff£•–—]/g, '?');
}
