/**
 * The document processing queue. What is pending lives in the documents' own processing_status, so the
 * queue survives restarts: a document left 'processing' by a killed process is simply picked up again
 * (at most MAX_ATTEMPTS times). Each document is read from the encrypted store into memory, checked
 * (content vs extension, image size, page count), read (text layer, or OCR in tesseract's worker
 * threads), and its text, confidence, extracted data and type suggestion are written to
 * document_metadata. One bad file fails with a reason; the queue goes on.
 */
import { extname } from 'node:path';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { suggestType } from './classify';
import { readDocumentBytes } from './documents';
import { assertDecodable } from './images';
import { findMrz } from './mrz';
import { ocrImage, parseLanguages, type OcrLanguage } from './ocr';
import { readPdf, type PageText } from './pdf';
import { claimedMime, sniff } from './sniff';

export const MAX_ATTEMPTS = 3;
export const DOCUMENT_TIMEOUT_MS = 5 * 60_000;

export type { OcrProgress } from '../../src-shared/contract/views';
import type { OcrProgress } from '../../src-shared/contract/views';

export interface QueueSummary {
  processed: number;
  failed: Array<{ documentId: string; reason: string }>;
}

function pending(core: Core): Row[] {
  return rows(core, 'documents', "processing_status IN ('pending', 'processing')", [], { orderBy: 'uploaded_at' });
}

export function queueLength(core: Core): number {
  return pending(core).length;
}

const META_OCR_LANGUAGES = 'ocr_languages';

/** The OCR languages a new document is read with ("eng", "fra", "eng+fra"): a setting of this vault. */
export function defaultOcrLanguages(core: Core): string {
  return core.meta(META_OCR_LANGUAGES) ?? 'eng';
}

export function setDefaultOcrLanguages(core: Core, languages: string): string {
  const langs = parseLanguages(languages).join('+');
  core.setMeta(META_OCR_LANGUAGES, langs);
  return langs;
}

function job(core: Core, documentId: string): { attempts: number; languages: string } {
  core.db.prepare('INSERT OR IGNORE INTO doc_jobs (document_id, languages) VALUES (?, ?)').run(documentId, defaultOcrLanguages(core));
  return core.db.prepare('SELECT attempts, languages FROM doc_jobs WHERE document_id = ?').get(documentId) as { attempts: number; languages: string };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let t: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (t = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms)))]).finally(
    () => clearTimeout(t),
  );
}

interface Extracted {
  text: string;
  confidence: number | null;
  pages: Array<Omit<PageText, 'text'>>;
  ocrUsed: boolean;
}

async function extract(core: Core, doc: Row, langs: OcrLanguage[], onPage: (page: number, pages: number) => void): Promise<Extracted> {
  const { bytes } = readDocumentBytes(core, doc.id as string);
  const sniffed = await sniff(bytes);
  const claimed = claimedMime(doc.original_filename as string);
  if (claimed && claimed !== sniffed.mime && !(claimed === 'text/plain' && sniffed.kind === 'text')) {
    throw new Error(`the file is named ${extname(doc.original_filename as string)} but its content is ${sniffed.mime}`);
  }
  if (sniffed.kind === 'image') {
    assertDecodable(bytes);
    onPage(1, 1);
    const r = await ocrImage(bytes, langs);
    return { text: r.text, confidence: r.confidence, pages: [{ page: 1, method: 'ocr', confidence: r.confidence }], ocrUsed: true };
  }
  if (sniffed.kind === 'pdf') {
    const pages = await readPdf(bytes, langs, onPage);
    const ocrd = pages.filter((p) => p.method === 'ocr');
    const confidence = ocrd.length ? Math.round((ocrd.reduce((s, p) => s + (p.confidence ?? 0), 0) / ocrd.length) * 10) / 10 : null;
    return { text: pages.map((p) => p.text).join('\n\f\n'), confidence, pages: pages.map(({ text: _t, ...p }) => p), ocrUsed: ocrd.length > 0 };
  }
  if (sniffed.kind === 'text') return { text: bytes.toString('utf8'), confidence: null, pages: [], ocrUsed: false };
  return { text: '', confidence: null, pages: [], ocrUsed: false };
}

function saveResult(core: Core, doc: Row, x: Extracted) {
  const suggestion = suggestType(x.text, doc.original_filename as string);
  const mrz = findMrz(x.text);
  const fields = {
    case_id: doc.case_id,
    document_id: doc.id,
    extracted_text: x.text,
    ocr_confidence: x.confidence === null ? null : String(x.confidence),
    quality_score: x.confidence === null ? (x.text ? '100' : null) : String(x.confidence),
    extracted_data: { pages: x.pages, ...(mrz ? { mrz: { fields: mrz.fields, valid: mrz.valid, failedChecks: mrz.failedChecks } } : {}) },
    ai_classification: { suggestedType: suggestion.type, category: suggestion.category, matched: suggestion.matched },
    ai_confidence: String(suggestion.confidence),
  };
  core.tx(() => {
    const existing = rows(core, 'document_metadata', 'document_id = ?', [doc.id])[0];
    if (existing) write(core, { table: 'document_metadata', op: 'update', id: existing.id as string, fields });
    else write(core, { table: 'document_metadata', op: 'insert', fields });
    if (mrz) {
      // Proposed, never applied: a person approves (approveExtraction), and bad check digits are reported.
      write(core, {
        table: 'ai_actions',
        op: 'insert',
        fields: {
          case_id: doc.case_id,
          action_type: 'passport_mrz_extraction',
          agent_name: 'casework-mrz',
          input_data: { documentId: doc.id, personId: doc.person_id ?? null, lines: mrz.lines },
          output_data: { fields: mrz.fields, valid: mrz.valid, failedChecks: mrz.failedChecks },
          status: mrz.valid ? 'pending' : 'failed',
          success: mrz.valid,
          error_message: mrz.valid ? null : `check digits do not match for: ${mrz.failedChecks.join(', ')}`,
          requires_approval: mrz.valid,
          confidence_score: mrz.valid ? '1' : '0',
          completed_at: new Date().toISOString(),
        },
      });
    }
    write(core, {
      table: 'documents',
      op: 'update',
      id: doc.id as string,
      fields: { processing_status: 'completed', ocr_status: x.ocrUsed ? 'completed' : 'not_needed' },
    });
    core.db.prepare('UPDATE doc_jobs SET last_error = NULL WHERE document_id = ?').run(doc.id);
  });
}

function fail(core: Core, doc: Row, reason: string) {
  core.tx(() => {
    write(core, {
      table: 'documents',
      op: 'update',
      id: doc.id as string,
      fields: { processing_status: 'failed', ocr_status: 'failed', custom_fields: { ...((doc.custom_fields as object) ?? {}), processingError: reason } },
    });
    core.db.prepare('UPDATE doc_jobs SET last_error = ? WHERE document_id = ?').run(reason, doc.id);
  });
}

export interface ProcessOptions {
  documentId?: string;
  onProgress?: (p: OcrProgress) => void;
  /**
   * Keep going until nothing is pending: documents queued while this runs (another window, another
   * `casework doc add`) are read too (`casework doc process --wait`). Without it, one pass over what was
   * pending at the start.
   */
  untilEmpty?: boolean;
}

/** Process every pending document (or only `documentId`), emitting progress on core.events. */
export async function processQueue(core: Core, opts: ProcessOptions = {}): Promise<QueueSummary> {
  const summary: QueueSummary = { processed: 0, failed: [] };
  // Each pass takes what is pending now; a document that keeps coming back (requeued again and again)
  // cannot hold the loop forever.
  for (let pass = 0; pass < 100; pass++) {
    const before = summary.processed + summary.failed.length;
    await processPass(core, opts, summary);
    if (!opts.untilEmpty || opts.documentId || summary.processed + summary.failed.length === before) break;
  }
  return summary;
}

async function processPass(core: Core, opts: ProcessOptions, summary: QueueSummary): Promise<void> {
  const todo = pending(core).filter((d) => !opts.documentId || d.id === opts.documentId);
  const emit = (p: OcrProgress) => {
    core.events.emit('progress', p);
    opts.onProgress?.(p);
  };
  for (const [i, doc] of todo.entries()) {
    const overall = { done: i, total: todo.length };
    const j = job(core, doc.id as string);
    if (doc.processing_status === 'processing' && j.attempts >= MAX_ATTEMPTS) {
      const reason = `reading this file stopped ${j.attempts} times without finishing; it may be damaged or hostile`;
      fail(core, doc, reason);
      summary.failed.push({ documentId: doc.id as string, reason });
      emit({ kind: 'ocr', documentId: doc.id as string, phase: 'failed', overall: { done: i + 1, total: todo.length }, reason });
      continue;
    }
    core.tx(() => {
      core.db.prepare('UPDATE doc_jobs SET attempts = attempts + 1, started_at = ? WHERE document_id = ?').run(new Date().toISOString(), doc.id);
      write(core, { table: 'documents', op: 'update', id: doc.id as string, fields: { processing_status: 'processing', ocr_status: 'processing' } });
    });
    emit({ kind: 'ocr', documentId: doc.id as string, phase: 'start', overall });
    try {
      const langs = parseLanguages(j.languages);
      const x = await withTimeout(
        extract(core, doc, langs, (page, pages) => emit({ kind: 'ocr', documentId: doc.id as string, phase: 'page', page, pages, overall })),
        DOCUMENT_TIMEOUT_MS,
        'reading this file',
      );
      saveResult(core, doc, x);
      summary.processed++;
      emit({ kind: 'ocr', documentId: doc.id as string, phase: 'done', overall: { done: i + 1, total: todo.length } });
    } catch (e) {
      const reason = (e as Error).message || String(e);
      fail(core, doc, reason);
      summary.failed.push({ documentId: doc.id as string, reason });
      emit({ kind: 'ocr', documentId: doc.id as string, phase: 'failed', overall: { done: i + 1, total: todo.length }, reason });
    }
  }
}

/**
 * The reading of `documentId` was stopped on purpose (the vault was locked mid-read), not by a crash: it
 * does not count toward the attempts after which a file is judged damaged or hostile.
 */
export function forgiveAttempt(core: Core, documentId: string): void {
  core.db.prepare('UPDATE doc_jobs SET attempts = max(attempts - 1, 0) WHERE document_id = ?').run(documentId);
}

/** Queue a document again, with the OCR languages asked for ("eng", "fra", "eng+fra"). */
export function requeue(core: Core, documentId: string, languages: string): Row {
  const langs = parseLanguages(languages);
  mustRead(core, 'documents', documentId, 'document');
  return core.tx(() => {
    core.db
      .prepare(
        'INSERT INTO doc_jobs (document_id, attempts, languages) VALUES (?, 0, ?) ON CONFLICT(document_id) DO UPDATE SET attempts = 0, languages = excluded.languages, last_error = NULL',
      )
      .run(documentId, langs.join('+'));
    return write(core, { table: 'documents', op: 'update', id: documentId, fields: { processing_status: 'pending', ocr_status: 'pending' } });
  });
}
