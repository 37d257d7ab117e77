/**
 * Every read of a restricted document on the laptop is on the record (issue 14): a document whose
 * access_level is consultant_only or admin_only, or which is classified restricted, opened by the user
 * (the window's open, `casework doc open`) gets an entry in this vault's audit log and a 'document_read'
 * event on its case's timeline, which syncs like any row, so the firm server's audit records it too.
 * Reading for OCR is the machine's, not a person's: the queue does not call this.
 */
import type { Core } from './core';
import { appendAudit } from './audit';
import { write } from './writer';

const RESTRICTED_LEVELS = new Set(['consultant_only', 'admin_only']);

export function recordDocumentRead(core: Core, documentId: string, via: 'window' | 'cli'): void {
  const d = core.db.prepare('SELECT case_id, access_level, data_classification FROM documents WHERE id = ?').get(documentId) as
    { case_id: string | null; access_level: string | null; data_classification: string | null } | undefined;
  if (!d || !(RESTRICTED_LEVELS.has(d.access_level ?? '') || d.data_classification === 'restricted')) return;
  core.tx(() => {
    appendAudit(core.db, core.actor, {
      event_type: 'document.read',
      table_name: 'documents',
      record_id: documentId,
      description: `restricted document opened (${via})`,
    });
    if (d.case_id)
      write(core, {
        table: 'case_events',
        op: 'insert',
        fields: {
          case_id: d.case_id,
          event_type: 'document_read',
          event_category: 'user_action',
          title: 'Restricted document opened',
          event_data: { document_id: documentId, access_level: d.access_level, classification: d.data_classification, via },
          triggered_by_user_id: core.actor.userId,
          is_visible_to_client: false,
        },
      });
  });
}
