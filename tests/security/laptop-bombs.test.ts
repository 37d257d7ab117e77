/**
 * Decompression bombs through the real document queue of a real encrypted vault (issue 13, row 13):
 * a 2.5 MB PDF whose page content inflates to 2.5 GiB, a PDF whose one stream is compressed twice, and
 * images that declare gigantic dimensions. Each fails as hostile, with its reason, in seconds; an
 * ordinary compressed PDF is still read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { createVault, type Core } from '../../src-main/core/core';
import { createCase } from '../../src-main/cases/cases';
import { addDocument, getDocument, processQueue } from '../../src-main/documents';
import { PASS, tempDir } from '../support/cli';

/** A one-page PDF whose page content is the given (already Flate-compressed) streams, with a valid xref. */
function pdfWithStreams(streams: Array<{ data: Buffer; filter: string }>): Buffer {
  const contents = streams.map((_, i) => `${5 + i} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents [${contents}] >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...streams.map((s) => ({ head: `<< /Length ${s.data.length} /Filter ${s.filter} >>`, data: s.data })),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  const offsets: number[] = [];
  let size = parts[0]!.length;
  objects.forEach((o, i) => {
    offsets.push(size);
    const chunk =
      typeof o === 'string'
        ? Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`)
        : Buffer.concat([Buffer.from(`${i + 1} 0 obj\n${o.head}\nstream\n`), o.data, Buffer.from('\nendstream\nendobj\n')]);
    parts.push(chunk);
    size += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`));
  return Buffer.concat(parts);
}

describe('decompression bombs', () => {
  let core: Core;
  let caseId: string;
  beforeAll(async () => {
    core = await createVault({ dataDir: join(tempDir('cw-bombs-'), 'vault'), passphrase: PASS });
    caseId = createCase(core, { caseType: 'EXPRESS_ENTRY_FSW', client: 'Bomb Target' }).id as string;
  });
  afterAll(() => core?.close());

  const add = async (filename: string, bytes: Buffer) => (await addDocument(core, { caseId, filename, bytes })).id as string;

  it('fails a PDF that inflates to gigabytes as hostile, in seconds, and still reads an ordinary one', async () => {
    // 64 MiB of spaces compress to ~64 KB; forty references to copies of it are 2.5 GiB of page content.
    const blob = deflateSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
    const bomb = pdfWithStreams(Array.from({ length: 40 }, () => ({ data: blob, filter: '/FlateDecode' })));
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    // The same 2.5 GiB folded twice: a small stream that inflates to another zlib stream.
    const inner = deflateSync(Buffer.alloc(320 * 1024 * 1024, 0x20), { level: 9 });
    const nested = pdfWithStreams([{ data: deflateSync(inner, { level: 9 }), filter: '[/FlateDecode /FlateDecode]' }]);
    const fine = pdfWithStreams([{ data: deflateSync(Buffer.from('BT /F1 24 Tf 72 700 Td (Ordinary compressed letter) Tj ET')), filter: '/FlateDecode' }]);
    const ids = { bomb: await add('bomb.pdf', bomb), nested: await add('nested.pdf', nested), fine: await add('fine.pdf', fine) };

    const started = performance.now();
    const s = await processQueue(core);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(30);
    const reasons = Object.fromEntries(s.failed.map((f) => [f.documentId, f.reason]));
    expect(reasons[ids.bomb]).toMatch(/inflate to more than 256 MiB \(a decompression bomb/);
    expect(reasons[ids.nested]).toMatch(/decompression bomb/);
    expect(reasons[ids.fine]).toBeUndefined();
    expect(getDocument(core, ids.bomb)).toMatchObject({ processing_status: 'failed' });
    expect(getDocument(core, ids.fine)).toMatchObject({ processing_status: 'completed' });
  }, 60_000);

  it('fails images that declare gigantic dimensions without decoding them', async () => {
    const png = Buffer.alloc(64);
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(png, 0);
    png.writeUInt32BE(60_000, 16);
    png.writeUInt32BE(60_000, 20);
    // A baseline JPEG whose frame header declares 65000 x 65000 pixels.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0xfd, 0xe8, 0xfd, 0xe8, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
    const webp = Buffer.alloc(40);
    webp.write('RIFF', 0, 'latin1');
    webp.writeUInt32LE(32, 4);
    webp.write('WEBPVP8X', 8, 'latin1');
    webp.writeUIntLE(16383, 24, 3);
    webp.writeUIntLE(16383, 27, 3);
    const ids = { png: await add('huge.png', png), jpeg: await add('huge.jpg', jpeg), webp: await add('huge.webp', webp) };
    const s = await processQueue(core);
    const reasons = Object.fromEntries(s.failed.map((f) => [f.documentId, f.reason]));
    expect(reasons[ids.png]).toMatch(/60000 x 60000 pixels.*decompression bomb/);
    expect(reasons[ids.jpeg]).toMatch(/65000 x 65000 pixels/);
    expect(reasons[ids.webp]).toMatch(/16384 x 16384 pixels/);
    for (const id of Object.values(ids)) expect(getDocument(core, id)).toMatchObject({ processing_status: 'failed' });
  }, 60_000);
});
