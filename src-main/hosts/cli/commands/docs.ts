/**
 * Document commands: doc add | list | show | open | process | reprocess | expiring | approve-extraction.
 * Files are read into memory and encrypted before anything is written; `doc open` is the one place a
 * decrypted copy is written, to a path the user names.
 */
import type { Command } from 'commander';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../../../../src-shared/errors';
import { UUID_RE } from '../../../../src-shared/ids';
import {
  addDocument,
  approveExtraction,
  expiringDocuments,
  getDocument,
  listDocuments,
  MAX_FILE_BYTES,
  processQueue,
  readDocumentBytes,
  reprocess,
  stopOcr,
  type OcrProgress,
} from '../../../documents';
import { withCore, type CommonOptions } from '../run';
import { recordDocumentRead } from '../../../core/restricted-read';

const common = (c: Command) => c.option('--data <dir>', 'vault folder').option('--json', 'machine-readable output');

function id(value: string, what: string) {
  if (!UUID_RE.test(value)) throw new UserError('invalid_input', `${what} "${value}" is not a valid id`);
  return value;
}

function readInput(file: string): Buffer {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw new UserError('not_found', `cannot read the file ${file}`);
  }
  if (size > MAX_FILE_BYTES) throw new UserError('invalid_input', `${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  return readFileSync(file);
}

function days(spec: string): number {
  const m = /^(\d{1,4})d?$/.exec(spec.trim());
  if (!m) throw new UserError('invalid_input', '--within takes days, e.g. 90d');
  return Number(m[1]);
}

/** A one-line progress bar on a terminal; nothing when output is piped. */
function progressBar(p: OcrProgress) {
  if (!process.stderr.isTTY) return;
  const frac = p.overall.total ? (p.overall.done + (p.pages ? (p.page ?? 0) / p.pages : 0)) / p.overall.total : 1;
  const width = 30;
  const filled = Math.round(frac * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.overall.done}/${p.overall.total} documents${p.pages ? `, page ${p.page}/${p.pages}` : ''}   `,
  );
  if (p.overall.done === p.overall.total && (p.phase === 'done' || p.phase === 'failed')) process.stderr.write('\n');
}

export function register(program: Command) {
  const doc = program.command('doc').description('documents: encrypted store, OCR, extraction');
  common(doc.command('add <file>'))
    .requiredOption('--case <id>', 'the case')
    .option('--type <type>', 'document type, e.g. passport, language_test, bank_statement')
    .option('--title <title>')
    .option('--person <id>', 'the person the document is about')
    .option('--document <id>', 'add the file as a new version of this document')
    .option('--expires <YYYY-MM-DD>', 'expiry date printed on the document')
    .option('--issued <YYYY-MM-DD>', 'date of issue (language tests and medicals expire from it)')
    .action(
      (
        file: string,
        o: CommonOptions & { case: string; type?: string; title?: string; person?: string; document?: string; expires?: string; issued?: string },
      ) => {
        const bytes = readInput(file);
        for (const [flag, v] of [
          ['--expires', o.expires],
          ['--issued', o.issued],
        ] as const) {
          if (v !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))))
            throw new UserError('invalid_input', `${flag} must be a date YYYY-MM-DD`);
        }
        return withCore(
          o,
          (core) =>
            addDocument(core, {
              caseId: id(o.case, 'case'),
              filename: basename(file),
              bytes,
              type: o.type,
              title: o.title,
              personId: o.person && id(o.person, 'person'),
              documentId: o.document && id(o.document, 'document'),
              expiresAt: o.expires && `${o.expires}T00:00:00.000Z`,
              issuedAt: o.issued,
            }),
          (d) =>
            `Added ${(d as { title: string }).title} (version ${(d as { version: { version_number: number } }).version.version_number}); run "casework doc process" to read it`,
        );
      },
    );
  common(doc.command('list'))
    .requiredOption('--case <id>')
    .action((o: CommonOptions & { case: string }) =>
      withCore(
        o,
        (core) => listDocuments(core, id(o.case, 'case')),
        (r) =>
          (r as Array<Record<string, unknown>>)
            .map((d) => `${d.id}  ${String(d.document_type).padEnd(20)} ${String(d.processing_status).padEnd(10)} ${d.title}`)
            .join('\n') || 'No documents.',
      ),
    );
  common(doc.command('show <id>')).action((docId: string, o: CommonOptions) => withCore(o, (core) => getDocument(core, id(docId, 'document'))));
  common(doc.command('open <id>'))
    .requiredOption('--out <file>', 'where to write the decrypted copy (must not exist)')
    .option('--file-version <n>', 'a version number (default: the latest)')
    .action((docId: string, o: CommonOptions & { out: string; fileVersion?: string }) =>
      withCore(
        o,
        (core) => {
          const v = o.fileVersion === undefined ? undefined : Number(o.fileVersion);
          if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new UserError('invalid_input', '--file-version must be a version number');
          const f = readDocumentBytes(core, id(docId, 'document'), v);
          recordDocumentRead(core, id(docId, 'document'), 'cli');
          try {
            writeFileSync(o.out, f.bytes, { flag: 'wx', mode: 0o600 });
          } catch (e) {
            throw new UserError(
              'invalid_input',
              (e as { code?: string }).code === 'EEXIST' ? `${o.out} already exists; choose a new file name` : `cannot write ${o.out}`,
            );
          }
          return { out: o.out, filename: f.filename, bytes: f.bytes.length };
        },
        (r) => `Wrote ${(r as { out: string }).out}`,
      ),
    );
  common(doc.command('process'))
    .description('read pending documents (text layers, OCR, extraction)')
    .option('--wait', 'keep reading until the queue is empty, including documents queued meanwhile (without it: what is pending now)')
    .option('--document <id>', 'only this document')
    .action(async (o: CommonOptions & { wait?: boolean; document?: string }) => {
      try {
        await withCore(
          o,
          (core) =>
            processQueue(core, { documentId: o.document && id(o.document, 'document'), onProgress: o.json ? undefined : progressBar, untilEmpty: !!o.wait }),
          (s) => {
            const x = s as { processed: number; failed: Array<{ documentId: string; reason: string }> };
            return [`Processed ${x.processed} document(s)`, ...x.failed.map((f) => `failed ${f.documentId}: ${f.reason}`)].join('\n');
          },
        );
      } finally {
        await stopOcr();
      }
    });
  common(doc.command('reprocess <id>'))
    .option('--lang <langs>', 'OCR languages: eng, fra or eng+fra', 'eng')
    .action(async (docId: string, o: CommonOptions & { lang: string }) => {
      try {
        await withCore(o, async (core) => {
          reprocess(core, id(docId, 'document'), o.lang);
          return processQueue(core, { documentId: docId });
        });
      } finally {
        await stopOcr();
      }
    });
  common(doc.command('expiring'))
    .option('--within <days>', 'e.g. 90d', '90d')
    .action((o: CommonOptions & { within: string }) => withCore(o, (core) => expiringDocuments(core, { withinDays: days(o.within) })));
  common(doc.command('approve-extraction <actionId>'))
    .description('apply proposed fields (a passport MRZ) to the person')
    .action((actionId: string, o: CommonOptions) => withCore(o, (core) => approveExtraction(core, id(actionId, 'proposal'))));
}
