/**
 * A PDF's streams are measured before pdf.js reads any of them: a Flate stream inflates up to ~1000
 * times its size, so a 2 MB file can hold 2 GiB of page content, which pdf.js would inflate and parse
 * for minutes in gigabytes of memory (issue 13, row 13). Each stream is inflated here with a ceiling
 * (zlib stops at it; nothing beyond is produced), the total is held to a budget, and a stream that
 * inflates to another zlib stream is measured again (a nested bomb). Streams that are not Flate
 * (images in DCT, encrypted streams) inflate to nothing here and are bounded by the page limits.
 */
import { constants, inflateSync } from 'node:zlib';

/** The most page content and resources a PDF may inflate to, all streams together. */
export const MAX_PDF_INFLATED_BYTES = 256 * 1024 * 1024;
const MAX_NESTING = 3;

export class HostilePdfError extends Error {}

const STREAM = Buffer.from('stream');
const END = Buffer.from('endstream');

/** zlib's header: CMF 0x?8 with a 32K window or less, and the check bits. */
function looksZlib(b: Buffer): boolean {
  return b.length >= 2 && (b[0]! & 0x0f) === 8 && b[0]! >> 4 <= 7 && ((b[0]! << 8) | b[1]!) % 31 === 0;
}

/** Bytes `data` inflates to, up to `limit` (then limit + 1); nested zlib output is counted too. */
function inflatedSize(data: Buffer, limit: number, depth = 0): number {
  if (!looksZlib(data) || depth > MAX_NESTING) return 0;
  let out: Buffer;
  try {
    // Z_SYNC_FLUSH: a stream cut short still yields what it holds (pdf.js would read that much too).
    out = inflateSync(data, { maxOutputLength: limit + 1, finishFlush: constants.Z_SYNC_FLUSH });
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) return limit + 1;
    return 0; // not Flate after all: nothing to count
  }
  if (out.length > limit) return limit + 1;
  return out.length + inflatedSize(out, limit - out.length, depth + 1);
}

/** Throws HostilePdfError when the PDF's streams inflate past `budget` bytes. Returns the total. */
export function assertPdfInflatesWithin(bytes: Buffer, budget = MAX_PDF_INFLATED_BYTES): number {
  let total = 0;
  for (let at = bytes.indexOf(STREAM); at >= 0; at = bytes.indexOf(STREAM, at + STREAM.length)) {
    // The keyword `stream` (not the tail of `endstream`), then CRLF or LF, then the data.
    if (at >= 3 && bytes.toString('latin1', at - 3, at) === 'end') continue;
    let start = at + STREAM.length;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] !== 0x0a) continue;
    start++;
    const end = bytes.indexOf(END, start);
    const data = bytes.subarray(start, end < 0 ? bytes.length : end);
    total += inflatedSize(data, budget - total);
    if (total > budget)
      throw new HostilePdfError(
        `the PDF's compressed contents inflate to more than ${budget / (1024 * 1024)} MiB (a decompression bomb, or a file far larger than a case document); it was not read`,
      );
    if (end < 0) break;
    at = end;
  }
  return total;
}
