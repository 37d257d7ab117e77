/**
 * What a file really is, from its bytes (file-type), and whether that agrees with its name. The queue
 * refuses a file whose content is not what its extension says rather than feeding it to a decoder.
 */
import { fileTypeFromBuffer } from 'file-type';
import { extname } from 'node:path';

export type Kind = 'image' | 'pdf' | 'text' | 'other';

export interface Sniffed {
  mime: string;
  kind: Kind;
  /** The extension the content implies ('png', 'pdf', ...), or null when unknown. */
  ext: string | null;
}

export const OCR_IMAGE_MIMES = ['image/png', 'image/jpeg', 'image/tiff', 'image/webp'];

const EXTENSION_MIMES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  text: 'text/plain',
};

export async function sniff(bytes: Buffer): Promise<Sniffed> {
  const t = await fileTypeFromBuffer(bytes);
  if (t) return { mime: t.mime, ext: t.ext, kind: t.mime === 'application/pdf' ? 'pdf' : OCR_IMAGE_MIMES.includes(t.mime) ? 'image' : 'other' };
  const head = bytes.subarray(0, 4096);
  const looksText = head.length > 0 && !head.includes(0) && Buffer.from(head.toString('utf8'), 'utf8').equals(head);
  return looksText ? { mime: 'text/plain', ext: 'txt', kind: 'text' } : { mime: 'application/octet-stream', ext: null, kind: 'other' };
}

/** The mime type a filename claims, or null for extensions we do not judge. */
export function claimedMime(filename: string): string | null {
  return EXTENSION_MIMES[extname(filename).slice(1).toLowerCase()] ?? null;
}
