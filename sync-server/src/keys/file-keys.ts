/**
 * Documents' file keys on the server (issue 19; docs/keys.md). A laptop encrypts each document with its
 * own random AES-256-GCM file key and keeps that key wrapped by its own vault; that wrapping opens
 * nothing on another laptop of the firm. So the laptop sends the key itself in its push (the
 * authenticated channel, `raw:<base64>` in document_versions.file_key), and the server:
 *  - wraps it at once with its current blob key (ring.ts) and stores the wrapping in file_keys, never in
 *    the row (so no audit entry, export or page carries it);
 *  - puts it back, unwrapped, only into a page of document_versions for a device the policy lets read
 *    that version (a device that may not read a document gets no row, so no key); the laptop wraps it
 *    with its own key before storing it;
 *  - forgets it when a laptop sends file_key null (an erasure: crypto-shredding; the blob stays
 *    encrypted by a key no one holds), keeping a row of version 0 with no wrapping so that it is never
 *    taken back.
 * The server never decrypts a blob. The wrapping's AAD binds it to its org and version row, so a
 * wrapping copied onto another row does not unwrap.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Database, Tx } from '../db/postgres';
import { currentVersion, serverKeysOf, validVersion, type Ring } from './ring';

/** How a file key travels between a laptop and the server (both directions, inside TLS only). */
export const RAW_PREFIX = 'raw:';
const RAW = /^raw:([A-Za-z0-9+/]{43}=)$/;

export interface SentFileKey {
  /** The key, or null: the laptop destroyed it (crypto-shredding). */
  key: Buffer | null;
}

/**
 * Takes file_key out of a document version's pushed fields (it is never written to the row). Returns
 * undefined when the push does not mention it, or a reason to refuse it when it is not a key.
 */
export function takeFileKey(fields: Record<string, unknown>): SentFileKey | string | undefined {
  if (!('file_key' in fields)) return undefined;
  const v = fields.file_key;
  delete fields.file_key;
  if (v === null) return { key: null };
  const m = typeof v === 'string' ? RAW.exec(v) : null;
  if (!m) return 'document_versions.file_key must be the file key itself ("raw:" and 32 bytes in base64), sent by Casework over its signed-in connection';
  return { key: Buffer.from(m[1]!, 'base64') };
}

const aad = (orgId: string, versionId: string) => Buffer.from(`casework-file-key|${orgId}|${versionId}`);

export function wrapFileKey(ring: Ring, orgId: string, versionId: string, key: Buffer): { keyVersion: number; keyId: string; wrapped: string } {
  const v = currentVersion(ring);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', v.key, iv);
  c.setAAD(aad(orgId, versionId));
  const data = Buffer.concat([c.update(key), c.final()]);
  return { keyVersion: v.version, keyId: v.id, wrapped: `${iv.toString('base64')}.${c.getAuthTag().toString('base64')}.${data.toString('base64')}` };
}

/** The file key, or null when its blob key is unknown or retired, or the wrapping is not this row's. */
export function unwrapFileKey(ring: Ring, orgId: string, versionId: string, keyVersion: number, wrapped: string): Buffer | null {
  const v = validVersion(ring, keyVersion);
  const [iv, tag, data] = wrapped.split('.');
  if (!v || !iv || !tag || !data) return null;
  try {
    const d = createDecipheriv('aes-256-gcm', v.key, Buffer.from(iv, 'base64'));
    d.setAAD(aad(orgId, versionId));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(data, 'base64')), d.final()]);
  } catch {
    return null;
  }
}

/** Store (or, for null, destroy) a version's key inside the push's transaction, as the app role (RLS: its org). */
export async function storeFileKey(db: Database, tx: Tx, orgId: string, versionId: string, sent: SentFileKey): Promise<void> {
  if (!sent.key) {
    // Destroyed, and remembered as destroyed (version 0, no wrapping): a key a laptop offers later
    // (routes.ts) or pushes again for this version is not taken back.
    // (Delete, then insert: the app role may not UPDATE file_keys, so no wrapping is ever rewritten by a push.)
    await tx.query('DELETE FROM file_keys WHERE version_id = $1', [versionId]);
    await tx.query(`INSERT INTO file_keys (version_id, org_id, key_version, key_id, wrapped) VALUES ($1, $2, 0, 'destroyed', '')`, [versionId, orgId]);
    return;
  }
  const w = wrapFileKey(serverKeysOf(db).rings.blob, orgId, versionId, sent.key);
  // A version's file key is the one its blob was encrypted with and never changes: the first one stays.
  await tx.query(`INSERT INTO file_keys (version_id, org_id, key_version, key_id, wrapped) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (version_id) DO NOTHING`, [
    versionId,
    orgId,
    w.keyVersion,
    w.keyId,
    w.wrapped,
  ]);
}

/**
 * The SQL of document_versions.file_key in a page (shape-page.ts): the stored wrapping as
 * "<key version>:<wrapping>", which pageFileKeys turns into the key before the row leaves.
 */
export const PAGE_FILE_KEY_SQL = `(SELECT k.key_version::text || ':' || k.wrapped FROM file_keys k WHERE k.version_id = t.id AND k.org_id = t.org_id)`;

/**
 * For document_versions pages: the page's file_key text -> the key as it travels ("raw:..."), or null
 * (unknown or retired blob key: the laptop keeps the key it has). Undefined for other tables.
 */
export function pageFileKeys(db: Database, table: string): ((text: string, orgId: string, versionId: string) => string | null) | undefined {
  if (table !== 'document_versions') return undefined;
  const keys = serverKeysOf(db);
  return (text, orgId, versionId) => {
    const at = text.indexOf(':');
    const key = at > 0 ? unwrapFileKey(keys.rings.blob, orgId, versionId, Number(text.slice(0, at)), text.slice(at + 1)) : null;
    return key ? `${RAW_PREFIX}${key.toString('base64')}` : null;
  };
}
