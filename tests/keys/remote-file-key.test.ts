/**
 * After a rotation the laptop's file keys are wrapped by its new vault key, while the firm's server keeps
 * the wrapping it was first sent. A pull of the same document version (a catch-up, a re-snapshot) must not
 * put the old wrapping back: the document would open nothing on this laptop ever again.
 */
import { describe, expect, it } from 'vitest';
import { rotateKeys } from '../../src-main/privacy';
import { applyRemoteRow } from '../../src-main/sync/remote-rows';
import { applyRows } from '../../src-main/sync/page-apply';
import { readDocumentBytes } from '../../src-main/documents';
import { fromDb } from '../../src-main/db/wire';
import { PASS } from '../support/cli';
import { makeVault, withVault } from './support';

describe('a pulled document version after a rotation', () => {
  it('keeps the file key this vault wrapped, so the document still opens', async () => {
    const data = await makeVault(3, 1);
    const asServerHasIt = await withVault(data, (core) =>
      fromDb('document_versions', core.db.prepare('SELECT * FROM document_versions').get() as Record<string, unknown>)!,
    );
    await rotateKeys(data, { passphrase: PASS });
    await withVault(data, (core) => {
      const docId = asServerHasIt.document_id as string;
      const before = readDocumentBytes(core, docId).bytes;
      // As after a push the server acknowledged: nothing of this laptop's is pending.
      core.db.prepare('DELETE FROM sync_outbox').run();
      core.tx(() => applyRemoteRow(core, 'document_versions', { ...asServerHasIt, filename: 'renamed-on-server.txt' }));
      const after = readDocumentBytes(core, docId);
      expect(after.filename).toBe('renamed-on-server.txt');
      expect(after.bytes.equals(before)).toBe(true);
    });
  }, 60_000);

  it('keeps it also when the version comes in a snapshot page (the bulk path of a first sync)', async () => {
    const data = await makeVault(3, 1);
    const asServerHasIt = await withVault(data, (core) =>
      fromDb('document_versions', core.db.prepare('SELECT * FROM document_versions').get() as Record<string, unknown>)!,
    );
    await rotateKeys(data, { passphrase: PASS });
    await withVault(data, async (core) => {
      const docId = asServerHasIt.document_id as string;
      const before = readDocumentBytes(core, docId).bytes;
      core.db.prepare('DELETE FROM sync_outbox').run();
      // The page as the server sends it: Postgres text for every column.
      const row = { ...asServerHasIt, filename: 'renamed-on-server.txt' };
      const columns = Object.keys(row);
      const text = (v: unknown) => (v == null ? null : typeof v === 'boolean' ? (v ? 't' : 'f') : typeof v === 'object' ? JSON.stringify(v) : String(v));
      await applyRows(core, 'document_versions', columns, [columns.map((c) => text((row as Record<string, unknown>)[c]))]);
      const after = readDocumentBytes(core, docId);
      expect(after.filename).toBe('renamed-on-server.txt');
      expect(after.bytes.equals(before)).toBe(true);
    });
  }, 60_000);
});
