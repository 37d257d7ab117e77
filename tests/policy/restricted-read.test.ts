/**
 * A restricted document opened on the laptop (issue 14 item 2), in a real encrypted vault through the
 * window's own method (docs.open): an entry in the vault's audit log and a 'document_read' event on the
 * case's timeline, queued to sync so the firm's server records it too. An ordinary document's opening,
 * and the OCR queue's reading, are not such events.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createVault } from '../../src-main/core/core';
import { write } from '../../src-main/core/writer';
import { handlers } from '../../src-main/app/handlers';
import { addDocument } from '../../src-main/documents';
import { tempDir, PASS } from '../support/cli';

describe('restricted document reads on the laptop', () => {
  it('are audited and queued to sync as read events; ordinary ones are not', async () => {
    const core = await createVault({ dataDir: join(tempDir(), 'v'), passphrase: PASS });
    try {
      const c = write(core, { table: 'cases', op: 'insert', fields: { case_number: 'RR-1', case_type: 'X' } });
      const add = (name: string) => addDocument(core, { caseId: c.id as string, filename: name, bytes: Buffer.from(`text of ${name}`), type: 'passport' });
      const secret = await add('secret.txt');
      const plain = await add('plain.txt');
      write(core, { table: 'documents', op: 'update', id: secret.id as string, fields: { access_level: 'admin_only' } });
      const reads = () => core.db.prepare("SELECT record_id FROM audit_log WHERE event_type = 'document.read'").all() as { record_id: string }[];
      const events = () =>
        (core.db.prepare("SELECT id, event_data FROM case_events WHERE event_type = 'document_read'").all() as { id: string; event_data: string }[]).map(
          (e) => ({
            id: e.id,
            data: JSON.parse(e.event_data),
          }),
        );

      const opened = await handlers['docs.open'](core, { id: plain.id as string });
      expect(Buffer.from(opened.base64, 'base64').toString()).toBe('text of plain.txt');
      expect(reads()).toEqual([]);
      expect(events()).toEqual([]);

      await handlers['docs.open'](core, { id: secret.id as string });
      expect(reads()).toEqual([{ record_id: secret.id }]);
      const ev = events();
      expect(ev).toHaveLength(1);
      expect(ev[0]!.data).toMatchObject({ document_id: secret.id, access_level: 'admin_only', via: 'window' });
      // Queued for the server like any change of the case.
      const queued = core.db.prepare("SELECT count(*) AS n FROM sync_outbox WHERE table_name = 'case_events' AND row_id = ?").get(ev[0]!.id) as { n: number };
      expect(queued.n).toBe(1);
    } finally {
      core.close();
    }
  }, 60_000);
});
