/**
 * Image sizes read from headers before anything decodes them, so a decompression bomb (a small file
 * that claims a gigantic bitmap) is refused instead of exhausting memory.
 */
export const MAX_PIXELS = 40_000_000;

export function imageDimensions(b: Buffer): { width: number; height: number } | null {
  // PNG: IHDR right after the 8-byte signature.
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47) return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  // JPEG: walk the markers to the first start-of-frame.
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1];
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
      i += 2 + len;
    }
  }
  return null;
}

/** Throws a reason when an image is too large to decode safely. */
export function assertDecodable(b: Buffer) {
  const d = imageDimensions(b);
  if (d && d.width * d.height > MAX_PIXELS) throw new Error(`the image claims ${d.width} x ${d.height} pixels, more than the ${MAX_PIXELS / 1e6} megapixels Casework will decode (a decompression bomb, or a scan at an absurd resolution)`);
}
