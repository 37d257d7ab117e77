/**
 * Data portability (PIPEDA / GDPR art. 20): everything held about one client's case, as one JSON file.
 * Document bytes stay in the encrypted store; the export lists each version's checksum and the text
 * read from it, so the file is complete without shipping decrypted scans by surprise.
 */
import { TABLES } from '../../src-shared/schema/tables';
import type { Core } from '../core/core';
import { mustRead } from '../core/writer';
import { fromDb } from '../db/wire';
import { appendAudit } from '../core/audit';

export function exportCase(core: Core, caseId: string): Record<string, unknown> {
  const c = mustRead(core, 'cases', caseId, 'case');
  const out: Record<string, unknown> = {
    format: 'casework-case-export/1',
    exportedAt: new Date().toISOString(),
    case: c,
  };
  for (const spec of Object.values(TABLES)) {
    if (spec.scope !== 'case' || spec.name === 'cases') continue;
    const rs = core.db.prepare(`SELECT * FROM ${spec.name} WHERE ${spec.caseColumn} = ? AND deleted_at IS NULL ORDER BY created_at`).all(caseId) as Record<
      string,
      unknown
    >[];
    out[spec.name] = rs.map((r) => {
      const row = fromDb(spec.name, r)!;
      if (spec.name === 'document_versions') delete row.file_key; // a key is no personal data and must not leak
      return row;
    });
  }
  core.tx(() =>
    appendAudit(core.db, core.actor, { event_type: 'export', table_name: 'cases', record_id: caseId, description: 'case exported for data portability' }),
  );
  return out;
}
