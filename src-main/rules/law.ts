/**
 * Law sources: import an HTML, PDF or text file as a law_source (url, jurisdiction, content hash), split
 * it into law_chunks by section, and on re-import of a changed source report which chunks changed and
 * which approved rules cite that source (so a reviewer knows what to re-check).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { UserError } from '../../src-shared/errors';
import { SYSTEM_ORG_ID } from '../../src-shared/schema/tables';
import type { Core } from '../core/core';
import { rows, write, type Row } from '../core/writer';

const MAX_BYTES = 20 * 1024 * 1024;
const CHUNK_CHARS = 2000;
const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

export interface Section {
  title: string;
  number: string | null;
  text: string;
}

const decode = (s: string) =>
  s
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d)));

/** HTML to text with a marker line before every heading, so sections survive the stripping. */
export function htmlToText(html: string): { title: string | null; text: string } {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim() ?? null;
  const body = html
    .replace(/<(head|title|script|style|nav|header|footer)[\s\S]*?<\/\1>/gi, '')
    .replace(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/gi, (_, _l, t) => `\n\n§§ ${t.replace(/<[^>]+>/g, '').trim()}\n`)
    .replace(/<(br|\/p|\/div|\/li|\/tr)[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '');
  return {
    title: title ? decode(title) : null,
    text: decode(body)
      .replace(/[ \t]+/g, ' ')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
}

const HEADING = /^(§§ .+|#{1,6} .+|(?:Section|Article|Part|Division)\s+\d+[\w.()-]*.*|\d+(?:\.\d+)*\s+[A-Z][^.]{2,80})$/;

export function splitSections(text: string): Section[] {
  const sections: Section[] = [];
  let cur: Section = { title: 'Preamble', number: null, text: '' };
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (HEADING.test(t)) {
      if (cur.text.trim()) sections.push(cur);
      const title = t.replace(/^§§ |^#{1,6} /, '');
      cur = { title: title.slice(0, 500), number: /^(?:(?:Section|Article|Part|Division)\s+)?(\d+(?:\.\d+)*[\w()]*)/.exec(title)?.[1] ?? null, text: '' };
    } else cur.text += `${line}\n`;
  }
  if (cur.text.trim()) sections.push(cur);
  // Long sections become several chunks (kept under one section title).
  return sections.flatMap((s) => {
    const body = s.text.trim();
    if (body.length <= CHUNK_CHARS) return [{ ...s, text: body }];
    const parts: Section[] = [];
    for (let i = 0; i < body.length; i += CHUNK_CHARS) parts.push({ ...s, text: body.slice(i, i + CHUNK_CHARS) });
    return parts;
  });
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= Math.min(doc.numPages, 2000); i++) {
    const c = await (await doc.getPage(i)).getTextContent();
    pages.push(c.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  await doc.destroy();
  return pages.join('\n');
}

export interface LawImportResult {
  source: Row;
  chunks: number;
  unchanged: boolean;
  previousSourceId: string | null;
  changedChunks: Array<{ section: string; change: 'added' | 'removed' | 'changed' }>;
  citingRules: Array<{ ruleId: string; version: number; sourceSection: string | null }>;
}

export async function importLawSource(core: Core, file: string, opts: { url: string; jurisdiction: string; sourceType?: string }): Promise<LawImportResult> {
  if (!opts.url || !/^https?:\/\/\S+$/.test(opts.url)) throw new UserError('invalid_input', '--url must be the http(s) address the text was published at');
  if (!opts.jurisdiction) throw new UserError('invalid_input', '--jurisdiction is required (federal, or a province code)');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UserError('not_found', `cannot read ${file}`);
  }
  if (size > MAX_BYTES) throw new UserError('invalid_input', `${file} is larger than ${MAX_BYTES / 1024 / 1024} MB`);
  return importLawBytes(core, readFileSync(file), file, opts);
}

/** The same import from bytes already in memory (the app's upload): `fileName` only gives the type and label. */
export async function importLawBytes(
  core: Core,
  bytes: Buffer,
  fileName: string,
  opts: { url: string; jurisdiction: string; sourceType?: string },
): Promise<LawImportResult> {
  if (!opts.url || !/^https?:\/\/\S+$/.test(opts.url)) throw new UserError('invalid_input', '--url must be the http(s) address the text was published at');
  if (!opts.jurisdiction) throw new UserError('invalid_input', '--jurisdiction is required (federal, or a province code)');
  if (bytes.length > MAX_BYTES) throw new UserError('invalid_input', `${fileName} is larger than ${MAX_BYTES / 1024 / 1024} MB`);
  const file = fileName;
  const ext = extname(file).toLowerCase();
  let title: string | null = null;
  let text: string;
  let raw: string | null = null;
  if (ext === '.pdf' || bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    try {
      text = await pdfText(bytes);
    } catch (e) {
      throw new UserError('invalid_input', `${file} is not a readable PDF (${(e as Error).message})`);
    }
  } else {
    const s = bytes.toString('utf8');
    if (s.includes('\u0000')) throw new UserError('invalid_input', `${file} is not text, HTML or PDF`);
    if (ext === '.html' || ext === '.htm' || /^\s*<(!doctype html|html)/i.test(s)) {
      raw = s;
      ({ title, text } = htmlToText(s));
    } else text = s;
  }
  const sections = splitSections(text);
  if (!sections.length) throw new UserError('invalid_input', `${file} has no text to import`);
  const contentHash = sha256(bytes);
  const previous = rows(core, 'law_sources', 'url = ? AND org_id IN (?, ?)', [opts.url, core.actor.orgId, SYSTEM_ORG_ID], {
    orderBy: 'last_fetched_at DESC',
    limit: 1,
  })[0];
  const now = new Date().toISOString();
  const citing = rows(core, 'approved_rules', 'source_url = ? AND org_id IN (?, ?) AND is_active = 1', [opts.url, core.actor.orgId, SYSTEM_ORG_ID]).map(
    (r) => ({
      ruleId: r.rule_id as string,
      version: r.rule_version as number,
      sourceSection: (r.source_section as string | null) ?? null,
    }),
  );
  if (previous && previous.content_hash === contentHash) {
    return {
      source: previous,
      chunks: rows(core, 'law_chunks', 'law_source_id = ?', [previous.id]).length,
      unchanged: true,
      previousSourceId: previous.id as string,
      changedChunks: [],
      citingRules: [],
    };
  }
  return core.tx(() => {
    const source = write(core, {
      table: 'law_sources',
      op: 'insert',
      fields: {
        url: opts.url,
        source_type: opts.sourceType ?? 'imported_file',
        jurisdiction: opts.jurisdiction,
        title: title ?? sections[0]?.title ?? null,
        content_hash: contentHash,
        raw_html: raw,
        extracted_text: text,
        last_fetched_at: now,
        last_changed_at: previous ? now : null,
        processing_status: 'completed',
        metadata: { file: file.split('/').pop(), bytes: bytes.length },
      },
    });
    const newChunks = sections.map((s, i) => {
      write(core, {
        table: 'law_chunks',
        op: 'insert',
        fields: { law_source_id: source.id, chunk_index: i, chunk_text: s.text, chunk_hash: sha256(s.text), section_title: s.title, section_number: s.number },
      });
      return { section: s.title, hash: sha256(s.text) };
    });
    const changed: LawImportResult['changedChunks'] = [];
    if (previous) {
      const old = rows(core, 'law_chunks', 'law_source_id = ?', [previous.id], { orderBy: 'chunk_index' }).map((c) => ({
        section: c.section_title as string,
        hash: c.chunk_hash as string,
      }));
      const oldHashes = new Set(old.map((c) => c.hash));
      const newHashes = new Set(newChunks.map((c) => c.hash));
      const oldSections = new Set(old.map((c) => c.section));
      for (const c of newChunks) if (!oldHashes.has(c.hash)) changed.push({ section: c.section, change: oldSections.has(c.section) ? 'changed' : 'added' });
      const newSections = new Set(newChunks.map((c) => c.section));
      for (const c of old) if (!newHashes.has(c.hash) && !newSections.has(c.section)) changed.push({ section: c.section, change: 'removed' });
    }
    return {
      source,
      chunks: newChunks.length,
      unchanged: false,
      previousSourceId: (previous?.id as string) ?? null,
      changedChunks: changed,
      citingRules: previous ? citing : [],
    };
  });
}

export interface LawSourceLine {
  id: string;
  title: string | null;
  url: string;
  jurisdiction: string | null;
  sections: number;
  importedAt: string | null;
  changedAt: string | null;
}

/** The law and guidance in this vault: the latest import of each address, newest first, with its section count. */
export function listLawSources(core: Core): LawSourceLine[] {
  return core.db
    .prepare(
      `SELECT s.id, s.title, s.url, s.jurisdiction, s.last_fetched_at AS importedAt, s.last_changed_at AS changedAt,
              (SELECT count(*) FROM law_chunks c WHERE c.law_source_id = s.id AND c.deleted_at IS NULL) AS sections
         FROM law_sources s
        WHERE s.org_id IN (?, ?) AND s.deleted_at IS NULL
          AND s.last_fetched_at = (SELECT max(x.last_fetched_at) FROM law_sources x WHERE x.url = s.url AND x.org_id IN (?, ?) AND x.deleted_at IS NULL)
        ORDER BY s.last_fetched_at DESC`,
    )
    .all(core.actor.orgId, SYSTEM_ORG_ID, core.actor.orgId, SYSTEM_ORG_ID) as LawSourceLine[];
}
