/**
 * Documents end to end through the real CLI on real encrypted vaults: images made at test time with
 * ImageMagick are OCR'd by tesseract.js with local language data (character error rate bounded); a
 * PDF's text layer is read without OCR and a scanned PDF is OCR'd page by page; passport MRZs with good
 * and bad check digits; canaries never on disk in plaintext; hostile files fail with a reason and the
 * queue goes on; a process killed mid-document resumes; versions, open, expiry.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, cliJson, spawnCli, tempDir } from '../support/cli';
import { parseTd3, checkDigit } from '../../src-main/documents/mrz';
import { readPdf } from '../../src-main/documents/pdf';
import { stopOcr } from '../../src-main/documents/ocr';
import { characterErrorRate } from '../../src-shared/text/edit-distance';

const CONVERT = '/usr/bin/convert';
const haveConvert = existsSync(CONVERT);

const cer = characterErrorRate;

function image(dir: string, name: string, lines: string[], opts: { font?: string; size?: number; rotate?: number; noise?: boolean } = {}) {
  const file = join(dir, name);
  const args = [
    '-size',
    '1400x' + (80 + lines.length * (opts.size ?? 36) * 1.8),
    'xc:white',
    '-font',
    opts.font ?? 'DejaVu-Sans',
    '-pointsize',
    String(opts.size ?? 36),
    '-fill',
    'black',
  ];
  lines.forEach((l, i) => args.push('-annotate', `+40+${60 + i * (opts.size ?? 36) * 1.8}`, l));
  if (opts.noise) args.push('-attenuate', '0.4', '+noise', 'Gaussian');
  if (opts.rotate) args.push('-background', 'white', '-rotate', String(opts.rotate));
  execFileSync(CONVERT, [...args, file]);
  return file;
}

/** A one-page PDF with a real text layer (Helvetica), written by hand: no PDF library needed. */
function textPdf(file: string, lines: string[]) {
  const content = `BT /F1 14 Tf 72 720 Td 18 TL ${lines.map((l) => `(${l.replace(/[()\\]/g, '\\$&')}) Tj T*`).join(' ')} ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  writeFileSync(file, out, 'latin1');
  return file;
}

/** A PDF with `n` real (empty) pages: more than the queue will read. */
function manyPagePdf(file: string, n: number) {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${Array.from({ length: n }, (_, i) => `${i + 3} 0 R`).join(' ')}] /Count ${n} >>`];
  for (let i = 0; i < n; i++) objs.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>');
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  writeFileSync(file, out, 'latin1');
  return file;
}

/** A scanned PDF: one page per image, each a JPEG (DCTDecode) with no text layer. */
function scannedPdf(file: string, pngs: string[]) {
  const jpegs = pngs.map((p) => {
    const j = p.replace(/\.png$/, '.jpg');
    execFileSync(CONVERT, [p, '-colorspace', 'Gray', '-quality', '92', j]);
    const [w, h] = execFileSync('/usr/bin/identify', ['-format', '%w %h', j]).toString().split(' ').map(Number);
    return { bytes: readFileSync(j), w, h };
  });
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let size = 0;
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    chunks.push(buf);
    size += buf.length;
  };
  const obj = (n: number, body: Array<Buffer | string>) => {
    offsets[n] = size;
    push(`${n} 0 obj\n`);
    body.forEach(push);
    push('\nendobj\n');
  };
  push('%PDF-1.4\n');
  const kids = jpegs.map((_, i) => `${3 + i * 3} 0 R`).join(' ');
  obj(1, ['<< /Type /Catalog /Pages 2 0 R >>']);
  obj(2, [`<< /Type /Pages /Kids [${kids}] /Count ${jpegs.length} >>`]);
  jpegs.forEach((j, i) => {
    const page = 3 + i * 3;
    const pw = (j.w * 72) / 150;
    const ph = (j.h * 72) / 150;
    const draw = `q ${pw.toFixed(2)} 0 0 ${ph.toFixed(2)} 0 0 cm /Im0 Do Q`;
    obj(page, [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pw.toFixed(2)} ${ph.toFixed(2)}] /Contents ${page + 1} 0 R /Resources << /XObject << /Im0 ${page + 2} 0 R >> >> >>`,
    ]);
    obj(page + 1, [`<< /Length ${draw.length} >>\nstream\n${draw}\nendstream`]);
    obj(page + 2, [
      `<< /Type /XObject /Subtype /Image /Width ${j.w} /Height ${j.h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${j.bytes.length} >>\nstream\n`,
      j.bytes,
      '\nendstream',
    ]);
  });
  const n = 3 + jpegs.length * 3;
  const xref = size;
  push(
    `xref\n0 ${n}\n0000000000 65535 f \n${offsets
      .slice(1)
      .map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)
      .join('')}`,
  );
  push(`trailer\n<< /Size ${n} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

const SPECIMEN: [string, string] = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];

describe('passport MRZ (ICAO 9303 TD3)', () => {
  it('parses the ICAO specimen and verifies every check digit', () => {
    const r = parseTd3(...SPECIMEN);
    expect(r.valid).toBe(true);
    expect(r.fields).toMatchObject({
      surname: 'ERIKSSON',
      givenNames: 'ANNA MARIA',
      documentNumber: 'L898902C3',
      nationality: 'UTO',
      dateOfBirth: '1974-08-12',
      sex: 'F',
      expiryDate: '2012-04-15',
      personalNumber: 'ZE184226B',
    });
    expect(checkDigit('L898902C3')).toBe(6);
  });
  it('reports each bad check digit instead of accepting it', () => {
    const badNumber = SPECIMEN[1].slice(0, 9) + '5' + SPECIMEN[1].slice(10);
    expect(parseTd3(SPECIMEN[0], badNumber).failedChecks).toEqual(['documentNumber', 'composite']);
    const badBirth = SPECIMEN[1].slice(0, 13) + '740813' + SPECIMEN[1].slice(19);
    expect(parseTd3(SPECIMEN[0], badBirth).failedChecks).toEqual(expect.arrayContaining(['dateOfBirth', 'composite']));
    expect(() => parseTd3(SPECIMEN[0], SPECIMEN[1].slice(1))).toThrow(/44/);
  });
});

describe.skipIf(!haveConvert)('documents through the CLI', () => {
  let dir: string;
  let data: string;
  let caseId: string;
  let personId: string;

  beforeAll(() => {
    dir = tempDir();
    data = join(dir, 'vault');
    cliJson(['init', '--data', data]);
    const c = cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Amara Okafor']);
    caseId = c.id;
    personId = cliJson(['case', 'show', c.id, '--data', data]).persons[0].id;
  });

  it('OCRs generated images (fonts, sizes, skewed, noisy, scanned sideways) under a 10% character error rate', () => {
    const pages: Array<[string, string[], Parameters<typeof image>[3]]> = [
      ['serif.png', ['Letter of employment for Amara Okafor', 'Senior accountant since March 2019'], { font: 'DejaVu-Serif', size: 34 }],
      ['mono-small.png', ['Closing balance 12,400.00 CAD', 'Account 004-12345-678'], { font: 'DejaVu-Sans-Mono', size: 26 }],
      ['rotated.png', ['Police certificate of good conduct', 'No criminal record found'], { size: 40, rotate: 5 }],
      ['noisy.png', ['IELTS General Training test report', 'Listening 8.0 Reading 7.0'], { size: 40, noise: true }],
      ['sideways.png', ['Certificate of police clearance', 'No criminal record was found'], { size: 40, rotate: 90 }],
    ];
    const ids: Array<[string, string[]]> = [];
    for (const [name, lines, opts] of pages) ids.push([cliJson(['doc', 'add', image(dir, name, lines, opts), '--case', caseId, '--data', data]).id, lines]);
    const summary = cliJson(['doc', 'process', '--data', data]);
    expect(summary.failed).toEqual([]);
    for (const [id, lines] of ids) {
      const d = cliJson(['doc', 'show', id, '--data', data]);
      expect(d.processing_status).toBe('completed');
      expect(d.ocr_status).toBe('completed');
      expect(Number(d.ocr_confidence)).toBeGreaterThan(50);
      const rate = cer(lines.join(' '), d.extracted_text);
      expect(rate, `${id}: ${d.extracted_text}`).toBeLessThan(0.1);
    }
    // The type suggestion reads the words.
    expect(cliJson(['doc', 'show', ids[2][0], '--data', data]).ai_classification.suggestedType).toBe('police_certificate');
  });

  it('reads a PDF text layer without OCR, and OCRs a scanned PDF page by page', () => {
    const text = cliJson([
      'doc',
      'add',
      textPdf(join(dir, 'offer.pdf'), ['Offer of admission', 'University of Toronto, Faculty of Applied Science']),
      '--case',
      caseId,
      '--data',
      data,
    ]).id;
    const scanned = join(dir, 'scan.pdf');
    scannedPdf(scanned, [image(dir, 's1.png', ['Page one: birth certificate']), image(dir, 's2.png', ['Page two: marriage certificate'])]);
    const scan = cliJson(['doc', 'add', scanned, '--case', caseId, '--data', data]).id;
    cliJson(['doc', 'process', '--data', data]);
    const t = cliJson(['doc', 'show', text, '--data', data]);
    expect(t.ocr_status).toBe('not_needed');
    expect(t.extracted_data.pages).toEqual([{ page: 1, method: 'text_layer', confidence: null }]);
    expect(t.extracted_text).toContain('University of Toronto');
    const s = cliJson(['doc', 'show', scan, '--data', data]);
    expect(s.ocr_status).toBe('completed');
    expect(s.extracted_data.pages.map((p: any) => p.method)).toEqual(['ocr', 'ocr']);
    expect(cer('Page one: birth certificate', s.extracted_text.split('\f')[0])).toBeLessThan(0.1);
    expect(cer('Page two: marriage certificate', s.extracted_text.split('\f')[1])).toBeLessThan(0.1);
  });

  it('proposes passport fields from an MRZ for approval; bad check digits are reported, not accepted', () => {
    const good = join(dir, 'passport.txt');
    writeFileSync(good, `PASSPORT\n${SPECIMEN[0]}\n${SPECIMEN[1]}\n`);
    const bad = join(dir, 'passport-bad.txt');
    writeFileSync(bad, `PASSPORT\n${SPECIMEN[0]}\n${SPECIMEN[1].slice(0, 9)}5${SPECIMEN[1].slice(10)}\n`);
    const g = cliJson(['doc', 'add', good, '--case', caseId, '--person', personId, '--type', 'passport', '--data', data]).id;
    const b = cliJson(['doc', 'add', bad, '--case', caseId, '--person', personId, '--type', 'passport', '--data', data]).id;
    cliJson(['doc', 'process', '--data', data]);
    const badDoc = cliJson(['doc', 'show', b, '--data', data]);
    expect(badDoc.proposals[0]).toMatchObject({ status: 'failed', requires_approval: false });
    expect(badDoc.proposals[0].error_message).toMatch(/documentNumber/);
    const refused = cli(['doc', 'approve-extraction', badDoc.proposals[0].id, '--data', data]);
    expect(refused.code).not.toBe(0);
    const goodDoc = cliJson(['doc', 'show', g, '--data', data]);
    expect(goodDoc.proposals[0]).toMatchObject({ status: 'pending', requires_approval: true });
    const before = cliJson(['audit', 'verify', '--data', data]).entries;
    const person = cliJson(['doc', 'approve-extraction', goodDoc.proposals[0].id, '--data', data]);
    expect(person).toMatchObject({ last_name: 'ERIKSSON', first_name: 'ANNA MARIA', date_of_birth: '1974-08-12' });
    expect(person.passport_info.number).toBe('L898902C3');
    expect(cliJson(['audit', 'verify', '--data', data])).toMatchObject({ ok: true });
    expect(cliJson(['audit', 'verify', '--data', data]).entries).toBeGreaterThan(before);
    expect(cli(['doc', 'approve-extraction', goodDoc.proposals[0].id, '--data', data]).code).not.toBe(0);
  });

  it('fails hostile files with a reason, and the queue goes on', () => {
    const png = readFileSync(image(dir, 'real.png', ['hello']));
    writeFileSync(join(dir, 'fake.pdf'), png);
    const bomb = Buffer.alloc(64);
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(bomb, 0);
    bomb.writeUInt32BE(100_000, 16);
    bomb.writeUInt32BE(100_000, 20);
    writeFileSync(join(dir, 'bomb.png'), bomb);
    writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\ngarbage garbage\n');
    // A TIFF whose first directory claims 100000 x 100000 pixels.
    const tiff = Buffer.alloc(64);
    tiff.write('II', 0, 'latin1');
    tiff.writeUInt16LE(42, 2);
    tiff.writeUInt32LE(8, 4);
    tiff.writeUInt16LE(2, 8);
    [256, 257].forEach((tag, k) => {
      tiff.writeUInt16LE(tag, 10 + k * 12);
      tiff.writeUInt16LE(4, 12 + k * 12);
      tiff.writeUInt32LE(1, 14 + k * 12);
      tiff.writeUInt32LE(100_000, 18 + k * 12);
    });
    writeFileSync(join(dir, 'bomb.tiff'), tiff);
    manyPagePdf(join(dir, 'many.pdf'), 600);
    const ids = ['fake.pdf', 'bomb.png', 'broken.pdf', 'bomb.tiff', 'many.pdf'].map(
      (f) => cliJson(['doc', 'add', join(dir, f), '--case', caseId, '--data', data]).id,
    );
    const fine = cliJson(['doc', 'add', image(dir, 'after.png', ['Still processed afterwards']), '--case', caseId, '--data', data]).id;
    const s = cliJson(['doc', 'process', '--data', data]);
    expect(s.failed.map((f: any) => f.documentId).sort()).toEqual([...ids].sort());
    const reasons = Object.fromEntries(s.failed.map((f: any) => [f.documentId, f.reason]));
    expect(reasons[ids[0]]).toMatch(/named \.pdf but its content is image\/png/);
    expect(reasons[ids[1]]).toMatch(/megapixels/);
    expect(reasons[ids[2]]).toMatch(/PDF cannot be read|no pages|Invalid/i);
    expect(reasons[ids[3]]).toMatch(/100000 x 100000 pixels/);
    expect(reasons[ids[4]]).toMatch(/600 pages/);
    expect(cliJson(['doc', 'show', ids[1], '--data', data]).processing_status).toBe('failed');
    expect(cer('Still processed afterwards', cliJson(['doc', 'show', fine, '--data', data]).extracted_text)).toBeLessThan(0.1);
  });

  it('keeps versions, refuses the same file twice, and opens a decrypted copy only where asked', () => {
    const v1 = image(dir, 'contract.png', ['Retainer agreement version one']);
    const d = cliJson(['doc', 'add', v1, '--case', caseId, '--title', 'Retainer', '--data', data]);
    expect(d.version.version_number).toBe(1);
    const v2 = image(dir, 'contract2.png', ['Retainer agreement version two']);
    const d2 = cliJson(['doc', 'add', v2, '--case', caseId, '--document', d.id, '--data', data]);
    expect(d2.version.version_number).toBe(2);
    const again = cli(['doc', 'add', v2, '--case', caseId, '--document', d.id, '--data', data]);
    expect(again.stderr).toMatch(/already version 2/);
    const out = join(dir, 'opened.png');
    cliJson(['doc', 'open', d.id, '--out', out, '--file-version', '1', '--data', data]);
    expect(readFileSync(out).equals(readFileSync(v1))).toBe(true);
    expect(cli(['doc', 'open', d.id, '--out', out, '--data', data]).stderr).toMatch(/already exists/);
    expect(cliJson(['doc', 'list', '--case', caseId, '--data', data]).some((x: any) => x.id === d.id && x.title === 'Retainer')).toBe(true);
    expect(cli(['doc', 'add', join(dir, 'missing.png'), '--case', caseId, '--data', data]).stderr).toMatch(/cannot read/);
    expect(cli(['doc', 'add', v1, '--case', 'not-an-id', '--data', data]).stderr).toMatch(/not a valid id/);
  });

  it('lists expired and soon-expiring documents by their rules', () => {
    const soon = new Date(Date.now() + 30 * 864e5).toISOString().slice(0, 10);
    const oldTest = new Date(Date.now() - (730 - 20) * 864e5).toISOString().slice(0, 10);
    const oldMedical = new Date(Date.now() - 400 * 864e5).toISOString().slice(0, 10);
    const recentTest = new Date(Date.now() - 100 * 864e5).toISOString().slice(0, 10);
    const f = (n: string) => {
      const p = join(dir, n);
      writeFileSync(p, `${n} contents`);
      return p;
    };
    const pass = cliJson(['doc', 'add', f('pp.txt'), '--case', caseId, '--type', 'passport', '--expires', soon, '--data', data]).id;
    const test = cliJson(['doc', 'add', f('ielts.txt'), '--case', caseId, '--type', 'language_test', '--issued', oldTest, '--data', data]).id;
    const med = cliJson(['doc', 'add', f('med.txt'), '--case', caseId, '--type', 'medical_exam', '--issued', oldMedical, '--data', data]).id;
    const fresh = cliJson(['doc', 'add', f('celpip.txt'), '--case', caseId, '--type', 'language_test', '--issued', recentTest, '--data', data]).id;
    const list = cliJson<any[]>(['doc', 'expiring', '--within', '90d', '--data', data]);
    const byId = Object.fromEntries(list.map((x) => [x.id, x]));
    expect(byId[pass]).toMatchObject({ rule: 'expiry_date', expiresOn: soon, expired: false });
    expect(byId[test]).toMatchObject({ rule: 'language_test_2_years', expired: false });
    expect(byId[med]).toMatchObject({ rule: 'medical_12_months', expired: true });
    expect(byId[fresh]).toBeUndefined();
    expect(cli(['doc', 'expiring', '--within', 'soon', '--data', data]).stderr).toMatch(/days/);
  });

  it('never writes a document canary in plaintext anywhere under the vault', () => {
    const canary = 'CANARY-7f3e9b-SECRET-PASSPORT';
    const file = join(dir, 'canary.txt');
    writeFileSync(file, `Private note ${canary} for the file\n`);
    cliJson(['doc', 'add', file, '--case', caseId, '--title', canary, '--data', data]);
    cliJson(['doc', 'add', image(dir, 'canary.png', [canary.replace(/-/g, ' ')]), '--case', caseId, '--data', data]);
    cliJson(['doc', 'process', '--data', data]);
    expect(cliJson<any[]>(['search', 'canary', '--data', data]).length).toBeGreaterThan(0);
    const needles = [canary, 'CANARY 7f3e9b', 'Private note'].map((s) => Buffer.from(s));
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    const files = walk(data);
    expect(files.some((f) => f.endsWith('.cwb'))).toBe(true);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const n of needles) expect(bytes.includes(n), `${f} contains ${n}`).toBe(false);
    }
  });
});

describe.skipIf(!haveConvert)('the queue after a crash', () => {
  it('resumes a document left half-read by a killed process', async () => {
    const dir = tempDir();
    const data = join(dir, 'vault');
    cliJson(['init', '--data', data]);
    const c = cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Li Wei']);
    const pages = Array.from({ length: 8 }, (_, i) => image(dir, `p${i}.png`, [`Scanned page number ${i + 1} of the study plan`]));
    const pdf = join(dir, 'long.pdf');
    scannedPdf(pdf, pages);
    const d = cliJson(['doc', 'add', pdf, '--case', c.id, '--data', data]);
    const child = spawnCli(['doc', 'process', '--data', data, '--json']);
    // Kill it once the document is being read.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const s = cliJson(['doc', 'show', d.id, '--data', data]);
      if (s.processing_status === 'processing') break;
      if (Date.now() > deadline) throw new Error('the document never started processing');
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 800));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(cliJson(['doc', 'show', d.id, '--data', data]).processing_status).toBe('processing');
    const s = cliJson(['doc', 'process', '--data', data]);
    expect(s).toMatchObject({ processed: 1, failed: [] });
    const done = cliJson(['doc', 'show', d.id, '--data', data]);
    expect(done.processing_status).toBe('completed');
    expect(done.extracted_data.pages).toHaveLength(8);
    expect(done.extracted_text).toMatch(/page number 8/i);
  });
});

describe.skipIf(!haveConvert)('casework doc process --wait', () => {
  it('also reads documents queued while it runs, and only then exits', async () => {
    const dir = tempDir();
    const data = join(dir, 'vault');
    cliJson(['init', '--data', data]);
    const c = cliJson(['case', 'create', '--data', data, '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Ana Silva']);
    const pdf = join(dir, 'long.pdf');
    scannedPdf(
      pdf,
      Array.from({ length: 12 }, (_, i) => image(dir, `p${i}.png`, [`Bank statement page ${i + 1}`])),
    );
    const first = cliJson(['doc', 'add', pdf, '--case', c.id, '--data', data]);
    const child = spawnCli(['doc', 'process', '--wait', '--data', data, '--json']);
    let out = '';
    child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    const deadline = Date.now() + 60_000;
    while (cliJson(['doc', 'show', first.id, '--data', data]).processing_status !== 'processing') {
      if (Date.now() > deadline) throw new Error('the first document never started processing');
      await new Promise((r) => setTimeout(r, 100));
    }
    // Queued while the first one is being read (another window, another shell).
    const second = cliJson(['doc', 'add', image(dir, 'late.png', ['Letter of acceptance, late arrival']), '--case', c.id, '--data', data]);
    expect(await exited).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ processed: 2, failed: [] });
    const late = cliJson(['doc', 'show', second.id, '--data', data]);
    expect(late.processing_status).toBe('completed');
    expect(cer('Letter of acceptance, late arrival', late.extracted_text)).toBeLessThan(0.1);
  });
});

describe.skipIf(!haveConvert)('scanned PDF pipeline', () => {
  it("renders the next page while the current one is OCR'd, and keeps page order and text", async () => {
    const dir = tempDir();
    const pdf = join(dir, 'three.pdf');
    scannedPdf(
      pdf,
      [1, 2, 3].map((i) => image(dir, `s${i}.png`, [`Pipeline page number ${i}`])),
    );
    const events: string[] = [];
    try {
      const pages = await readPdf(
        readFileSync(pdf),
        ['eng'],
        (n) => events.push(`done ${n}`),
        (n) => events.push(`rendered ${n}`),
      );
      expect(pages.map((p) => [p.page, p.method])).toEqual([
        [1, 'ocr'],
        [2, 'ocr'],
        [3, 'ocr'],
      ]);
      pages.forEach((p, i) => expect(cer(p.text.trim().toLowerCase(), `pipeline page number ${i + 1}`)).toBeLessThan(0.1));
      expect(events.filter((e) => e.startsWith('rendered'))).toEqual(['rendered 1', 'rendered 2', 'rendered 3']);
      // Page n+1 was rendered before page n's OCR finished; never more than one page ahead.
      expect(events.indexOf('rendered 2')).toBeLessThan(events.indexOf('done 1'));
      expect(events.indexOf('rendered 3')).toBeLessThan(events.indexOf('done 2'));
      expect(events.indexOf('rendered 3')).toBeGreaterThan(events.indexOf('done 1'));
    } finally {
      await stopOcr();
    }
  });
});
