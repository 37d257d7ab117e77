/**
 * Image sizes read from headers before anything decodes them, so a decompression bomb (a small file
 * that claims a gigantic bitmap) is refused instead of exhausting memory. PNG, JPEG, WebP and TIFF headers
 * are read here; an image whose size cannot be read is not decoded at all.
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
  // WebP: RIFF....WEBP then a VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk.
  if (b.length >= 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    const chunk = b.toString('latin1', 12, 16);
    if (chunk === 'VP8X') return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
    if (chunk === 'VP8L') {
      const bits = b.readUInt32LE(21);
      return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
    }
    if (chunk === 'VP8 ') return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  // TIFF: the first image directory's ImageWidth (256) and ImageLength (257) tags.
  if (b.length >= 8 && (b.toString('latin1', 0, 2) === 'II' || b.toString('latin1', 0, 2) === 'MM')) {
    const le = b[0] === 0x49;
    const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    if (u16(2) !== 42) return null;
    const ifd = u32(4);
    if (ifd + 2 > b.length) return null;
    const found: Record<number, number> = {};
    for (let k = 0, n = u16(ifd); k < n && ifd + 2 + k * 12 + 12 <= b.length; k++) {
      const e = ifd + 2 + k * 12;
      const tag = u16(e);
      if (tag === 256 || tag === 257) found[tag] = u16(e + 2) === 3 ? u16(e + 8) : u32(e + 8);
    }
    if (found[256] !== undefined && found[257] !== undefined) return { width: found[256], height: found[257] };
  }
  return null;
}

/** Throws a reason when an image is too large to decode safely. */
export function assertDecodable(b: Buffer) {
  const d = imageDimensions(b);
  if (!d) throw new Error("the image's size cannot be read from its header, so Casework will not decode it");
  if (d.width * d.height > MAX_PIXELS)
    throw new Error(
      `the image claims ${d.width} x ${d.height} pixels, more than the ${MAX_PIXELS / 1e6} megapixels Casework will decode (a decompression bomb, or a scan at an absurd resolution)`,
    );
}
