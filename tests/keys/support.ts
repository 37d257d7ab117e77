/** A real vault with cases and documents, and a fingerprint of everything in it, for the key tests. */
import { join } from 'node:path';
import { createVault, openCore, type Core } from '../../src-main/core/core';
import { fillDemo } from '../../src-main/app/demo';
import { addDocument, readDocumentBytes } from '../../src-main/documents';
import { verifyLocalAudit } from '../../src-main/core/audit';
import { PASS, tempDir } from '../support/cli';

export interface Fingerprint {
  cases: number;
  persons: number;
  docs: Record<string, string>;
  audit: number;
}

/** A vault of `cases` demo cases and `docs` documents (distinct bytes each). */
export async function makeVault(cases = 60, docs = 12): Promise<string> {
  const data = join(tempDir('casework-keys-'), 'vault');
  const core = await createVault({ dataDir: data, passphrase: PASS });
  try {
    fillDemo(core, cases);
    const caseIds = core.db.prepare('SELECT id FROM cases ORDER BY id LIMIT ?').pluck().all(docs) as string[];
    for (const [i, caseId] of caseIds.entries()) {
      await addDocument(core, { caseId, filename: `letter-${i}.txt`, bytes: Buffer.from(`document ${i} of the key tests: ${'x'.repeat(i * 97)}`) });
    }
  } finally {
    core.close();
  }
  return data;
}

/** What must survive any rotation: rows, every document's bytes (decrypted through its re-wrapped key), the audit chain. */
export function fingerprint(core: Core): Fingerprint {
  const docs: Record<string, string> = {};
  for (const id of core.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as string[]) {
    docs[id] = readDocumentBytes(core, id).bytes.toString('utf8');
  }
  const audit = verifyLocalAudit(core.db);
  if (!audit.ok) throw new Error(`the audit chain does not verify: ${JSON.stringify(audit)}`);
  return {
    cases: core.db.prepare('SELECT count(*) FROM cases').pluck().get() as number,
    persons: core.db.prepare('SELECT count(*) FROM persons').pluck().get() as number,
    docs,
    audit: core.db.prepare("SELECT count(*) FROM audit_log WHERE event_type != 'vault_key_rotated'").pluck().get() as number,
  };
}

export async function withVault<T>(data: string, fn: (core: Core) => T | Promise<T>, passphrase = PASS): Promise<T> {
  const core = await openCore({ dataDir: data, passphrase });
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}
