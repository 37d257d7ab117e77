/**
 * Subject access export (issue 19; PIPEDA principle 4.9, Law 25 art. 27, GDPR art. 15): everything this
 * vault holds about one person, as one zip: manifest.json (the person's row, every row that refers to
 * them in any table, their consents, the audit entries about those rows, and a list of files) and the
 * original bytes of each of their documents under files/. The zip is written where the person asked for
 * it and nowhere else (temp file beside it, fsync, rename), readable by its owner only.
 */
import { zipSync, strToU8 } from 'fflate';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { UserError } from '../../src-shared/errors';
import { TABLES, type TableSpec } from '../../src-shared/schema/tables';
import type { Core } from '../core/core';
import { appendAudit } from '../core/audit';
import { mustRead } from '../core/writer';
import { fromDb } from '../db/wire';
import { readDocumentBytes } from '../documents';

/** Tables with a column that names a person, and those columns. */
export function personReferences(): Array<{ spec: TableSpec; columns: string[] }> {
  const out: Array<{ spec: TableSpec; columns: string[] }> = [];
  for (const spec of Object.values(TABLES)) {
    const columns = Object.entries(spec.columns)
      .filter(([, c]) => c.references === 'persons')
      .map(([name]) => name);
    if (columns.length) out.push({ spec, columns });
  }
  return out;
}

export interface PersonExport {
  manifest: Record<string, unknown>;
  files: Array<{ path: string; bytes: Buffer }>;
}

export function collectPerson(core: Core, personId: string): PersonExport {
  const person = mustRead(core, 'persons', personId, 'person');
  const related: Record<string, Record<string, unknown>[]> = {};
  const ids = new Set<string>([personId]);
  for (const { spec, columns } of personReferences()) {
    const where = columns.map((c) => `${c} = ?`).join(' OR ');
    const rs = core.db
      .prepare(`SELECT * FROM ${spec.name} WHERE deleted_at IS NULL AND (${where}) ORDER BY created_at`)
      .all(...columns.map(() => personId)) as Record<string, unknown>[];
    if (!rs.length) continue;
    related[spec.name] = rs.map((r) => fromDb(spec.name, r)!);
    for (const r of rs) ids.add(r.id as string);
  }
  // A document's versions and metadata refer to the document, not the person: they come with it.
  const docIds = (related.documents ?? []).map((d) => d.id as string);
  const files: PersonExport['files'] = [];
  const fileList: Record<string, unknown>[] = [];
  for (const table of ['document_versions', 'document_metadata']) {
    const rs = docIds.length
      ? (core.db.prepare(`SELECT * FROM ${table} WHERE deleted_at IS NULL AND document_id IN (${docIds.map(() => '?').join(',')})`).all(...docIds) as Record<
          string,
          unknown
        >[])
      : [];
    if (!rs.length) continue;
    related[table] = rs.map((r) => {
      const row = fromDb(table, r)!;
      delete row.file_key; // a key is no personal data, and it would open the blob for whoever holds the zip
      ids.add(row.id as string);
      return row;
    });
  }
  for (const d of related.documents ?? []) {
    const { filename, mime, bytes } = readDocumentBytes(core, d.id as string);
    const path = `files/${d.id as string}/${filename.replace(/[^\w.-]+/g, '_')}`;
    files.push({ path, bytes });
    fileList.push({ document_id: d.id, path, filename, mime, size: bytes.length });
  }
  const audit = core.db
    .prepare(`SELECT * FROM audit_log WHERE record_id IN (${[...ids].map(() => '?').join(',')}) ORDER BY seq`)
    .all(...ids)
    .map((r) => fromDb('audit_log', r as Record<string, unknown>)!);
  const manifest = {
    format: 'casework-subject-access/1',
    exportedAt: new Date().toISOString(),
    personId,
    person,
    consents: related.consents ?? [],
    rows: related,
    files: fileList,
    auditEntries: audit,
  };
  return { manifest, files };
}

export function exportPerson(core: Core, personId: string, out: string): { file: string; files: number; tables: Record<string, number> } {
  if (!out) throw new UserError('invalid_input', '--out FILE.zip is required');
  if (existsSync(out)) throw new UserError('invalid_input', `${out} already exists; choose a new file name`);
  const { manifest, files } = collectPerson(core, personId);
  const entries: Record<string, Uint8Array> = { 'manifest.json': strToU8(JSON.stringify(manifest, null, 2)) };
  for (const f of files) entries[f.path] = f.bytes;
  const zip = zipSync(entries, { level: 6 });
  const tmp = `${out}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, zip);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, out);
  core.tx(() =>
    appendAudit(core.db, core.actor, {
      event_type: 'subject_access_export',
      table_name: 'persons',
      record_id: personId,
      description: 'everything held about the person exported for a subject access request',
      metadata: { files: files.length },
    }),
  );
  const tables = Object.fromEntries(Object.entries(manifest.rows as Record<string, unknown[]>).map(([t, rs]) => [t, rs.length]));
  return { file: out, files: files.length, tables: { persons: 1, ...tables } };
}
