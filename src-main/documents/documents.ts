/**
 * Documents of a case: add a file (a new document, or a new version of an existing one), list, show,
 * read back the plain bytes, and the expiry query. Every row goes through the one write path (outbox +
 * audit); the bytes go to the encrypted blob store. A file already stored (same plaintext checksum) is
 * not stored twice.
 */
import { basename, extname } from 'node:path';
import { UserError } from '../../src-shared/errors';
import type { Core } from '../core/core';
import { mustRead, rows, write, type Row } from '../core/writer';
import { getBlob, putBlob, sha256 } from './blob-store';
import { sniff } from './sniff';

export const MAX_FILE_BYTES = 100 * 1024 * 1024;

const CATEGORY_OF: Record<string, string> = {
  passport: 'identity',
  national_id: 'identity',
  language_test: 'language',
  educational_credential: 'education',
  bank_statement: 'financial',
  employment_letter: 'employment',
  police_certificate: 'background',
  medical_exam: 'medical',
  marriage_certificate: 'civil_status',
  birth_certificate: 'civil_status',
};

export interface AddDocumentInput {
  caseId: string;
  filename: string;
  bytes: Buffer;
  type?: string;
  title?: string;
  personId?: string;
  /** Add the file as a new version of this document. */
  documentId?: string;
  expiresAt?: string;
  issuedAt?: string;
}

function cleanFilename(name: string): string {
  // The last part after either separator: a name made on Windows ("..\\x.pdf") must not carry a path
  // to a Windows laptop that later saves the file under its name.
  const b = basename(String(name ?? '').replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f]/g, '')
    .trim();
  if (!b) throw new UserError('invalid_input', 'the file needs a name');
  return b.slice(0, 255);
}

export async function addDocument(core: Core, input: AddDocumentInput): Promise<Row & { version: Row }> {
  if (!Buffer.isBuffer(input.bytes)) throw new UserError('invalid_input', 'no file content');
  if (input.bytes.length === 0) throw new UserError('invalid_input', 'the file is empty');
  if (input.bytes.length > MAX_FILE_BYTES) throw new UserError('invalid_input', `the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  if (input.type !== undefined && !/^[a-z][a-z0-9_]{1,60}$/.test(input.type))
    throw new UserError('invalid_input', `document type "${input.type}" is not valid (lowercase words joined by _, e.g. passport)`);
  const filename = cleanFilename(input.filename);
  const c = mustRead(core, 'cases', input.caseId, 'case');
  const sniffed = await sniff(input.bytes);
  const checksum = sha256(input.bytes);
  return core.tx(() => {
    const existingDoc = input.documentId ? mustRead(core, 'documents', input.documentId, 'document') : undefined;
    if (existingDoc && existingDoc.case_id !== c.id) throw new UserError('invalid_input', 'that document belongs to another case');
    if (existingDoc) {
      const same = rows(core, 'document_versions', 'document_id = ? AND checksum = ?', [existingDoc.id, checksum])[0];
      if (same) throw new UserError('conflict', `this file is already version ${same.version_number} of the document`);
    }
    // The same bytes anywhere in the vault: reuse the stored blob and its key instead of a second copy.
    const twin = rows(core, 'document_versions', 'checksum = ?', [checksum], { limit: 1 })[0];
    const blob = twin ? { storageKey: twin.storage_key as string, fileKey: twin.file_key as string } : putBlob(core, input.bytes);
    const now = new Date().toISOString();
    const status =
      sniffed.kind === 'other' ? { processing_status: 'completed', ocr_status: 'not_needed' } : { processing_status: 'pending', ocr_status: 'pending' };
    let doc: Row;
    let versionNumber = 1;
    if (existingDoc) {
      versionNumber = Math.max(...rows(core, 'document_versions', 'document_id = ?', [existingDoc.id]).map((v) => v.version_number as number)) + 1;
      doc = write(core, {
        table: 'documents',
        op: 'update',
        id: existingDoc.id as string,
        fields: {
          filename: `${blob.storageKey}.cwb`,
          original_filename: filename,
          file_size: input.bytes.length,
          mime_type: sniffed.mime,
          storage_key: blob.storageKey,
          ...status,
          uploaded_at: now,
        },
      });
    } else {
      const type = input.type ?? 'other';
      doc = write(core, {
        table: 'documents',
        op: 'insert',
        fields: {
          case_id: c.id,
          person_id: input.personId ?? null,
          document_type: type,
          category: CATEGORY_OF[type] ?? 'other',
          title: (input.title ?? filename.slice(0, filename.length - extname(filename).length)).slice(0, 255) || filename,
          filename: `${blob.storageKey}.cwb`,
          original_filename: filename,
          file_size: input.bytes.length,
          mime_type: sniffed.mime,
          storage_key: blob.storageKey,
          ...status,
          uploaded_by: core.actor.userId,
          uploaded_at: now,
          expires_at: input.expiresAt ?? null,
          issued_at: input.issuedAt ?? null,
          custom_fields: input.type ? {} : { typeSuggested: true },
        },
      });
    }
    const version = write(core, {
      table: 'document_versions',
      op: 'insert',
      fields: {
        case_id: c.id,
        document_id: doc.id,
        version_number: versionNumber,
        filename,
        file_size: input.bytes.length,
        mime_type: sniffed.mime,
        storage_key: blob.storageKey,
        checksum,
        file_key: blob.fileKey,
        uploaded_by: core.actor.userId,
      },
    });
    return { ...doc, version: publicVersion(version) };
  });
}

/** A version row without its wrapped key (which never leaves the core). */
function publicVersion(v: Row): Row {
  const { file_key: _k, ...rest } = v;
  return rest;
}

export function listDocuments(core: Core, caseId: string): Row[] {
  mustRead(core, 'cases', caseId, 'case');
  return rows(core, 'documents', 'case_id = ?', [caseId], { orderBy: 'uploaded_at DESC' });
}

export function getDocument(core: Core, id: string): Row {
  const doc = mustRead(core, 'documents', id, 'document');
  const versions = rows(core, 'document_versions', 'document_id = ?', [id], { orderBy: 'version_number' }).map(publicVersion);
  const meta = rows(core, 'document_metadata', 'document_id = ?', [id])[0];
  const actions = rows(core, 'ai_actions', "json_extract(input_data, '$.documentId') = ?", [id], { orderBy: 'created_at' });
  return {
    ...doc,
    versions,
    extracted_text: meta?.extracted_text ?? null,
    ocr_confidence: meta?.ocr_confidence ?? null,
    extracted_data: meta?.extracted_data ?? {},
    quality_score: meta?.quality_score ?? null,
    ai_classification: meta?.ai_classification ?? {},
    proposals: actions,
  };
}

export function readDocumentBytes(core: Core, id: string, versionNumber?: number): { filename: string; mime: string; bytes: Buffer } {
  mustRead(core, 'documents', id, 'document');
  const versions = rows(core, 'document_versions', 'document_id = ?', [id], { orderBy: 'version_number DESC' });
  const v = versionNumber === undefined ? versions[0] : versions.find((x) => x.version_number === versionNumber);
  if (!v) throw new UserError('not_found', versionNumber === undefined ? 'this document has no file' : `this document has no version ${versionNumber}`);
  const bytes = getBlob(core, v.storage_key as string, v.file_key as string);
  if (sha256(bytes) !== v.checksum) throw new UserError('corrupt', 'the file does not match its recorded checksum');
  return { filename: v.filename as string, mime: (v.mime_type as string) ?? 'application/octet-stream', bytes };
}

export interface ExpiringDocument {
  id: string;
  caseId: string;
  title: string;
  documentType: string;
  /** When it expires (passports: the printed date; language tests: 2 years after the test; medicals: 12 months). */
  expiresOn: string;
  rule: 'expiry_date' | 'language_test_2_years' | 'medical_12_months';
  expired: boolean;
}

/** Documents expired or expiring within the given days, soonest first. */
export function expiringDocuments(core: Core, opts: { withinDays: number; today?: string }): ExpiringDocument[] {
  if (!Number.isInteger(opts.withinDays) || opts.withinDays < 0 || opts.withinDays > 3650)
    throw new UserError('invalid_input', 'within must be a whole number of days from 0 to 3650');
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const sql = `
    SELECT id, case_id, title, document_type, substr(expires_at, 1, 10) AS expires_on, 'expiry_date' AS rule FROM documents
      WHERE deleted_at IS NULL AND expires_at IS NOT NULL AND substr(expires_at, 1, 10) <= date(@today, '+' || @days || ' days')
    UNION ALL
    SELECT id, case_id, title, document_type, date(issued_at, '+2 years'), 'language_test_2_years' FROM documents
      WHERE deleted_at IS NULL AND expires_at IS NULL AND document_type = 'language_test' AND issued_at IS NOT NULL AND date(issued_at, '+2 years') <= date(@today, '+' || @days || ' days')
    UNION ALL
    SELECT id, case_id, title, document_type, date(issued_at, '+12 months'), 'medical_12_months' FROM documents
      WHERE deleted_at IS NULL AND expires_at IS NULL AND document_type = 'medical_exam' AND issued_at IS NOT NULL AND date(issued_at, '+12 months') <= date(@today, '+' || @days || ' days')
    ORDER BY expires_on`;
  const found = core.db.prepare(sql).all({ today, days: opts.withinDays }) as Array<{
    id: string;
    case_id: string;
    title: string;
    document_type: string;
    expires_on: string;
    rule: ExpiringDocument['rule'];
  }>;
  return found.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    title: r.title,
    documentType: r.document_type,
    expiresOn: r.expires_on,
    rule: r.rule,
    expired: r.expires_on < today,
  }));
}
