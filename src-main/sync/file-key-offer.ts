/**
 * Once per vault and firm: offer the server the file keys of the document versions this laptop holds
 * (POST /v1/file-keys), so documents added before file keys travelled through the server open on the
 * firm's other laptops too (docs/keys.md). The server keeps an offered key only for a version that has
 * none and that this user may read; keys of newer versions already went with their push. A key that
 * does not unwrap here is left out; a refused request leaves the offer for the next sync.
 */
import type { Core } from '../core/core';
import { fileKeyForServer } from '../core/file-keys';
import { authFetch, describeFailure } from './http';
import { UserError } from '../../src-shared/errors';
import { API_PREFIX } from '../../src-shared/sync/protocol';

const BATCH = 500;
const offeredMeta = (orgId: string) => `file_keys_offered:${orgId}`;

/** Offer this vault's file keys once; returns how many the server stored (0 when already offered). */
export async function offerFileKeysOnce(core: Core): Promise<number> {
  const orgId = core.actor.orgId;
  if (!orgId || core.meta(offeredMeta(orgId))) return 0;
  const rows = core.db
    .prepare('SELECT id, file_key FROM document_versions WHERE file_key IS NOT NULL AND org_id = ? AND deleted_at IS NULL ORDER BY id')
    .all(orgId) as Array<{ id: string; file_key: string }>;
  let stored = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const keys: Array<{ versionId: string; key: string }> = [];
    for (const r of rows.slice(i, i + BATCH)) {
      try {
        keys.push({ versionId: r.id, key: fileKeyForServer(core, r.file_key)! });
      } catch {
        // not this vault's wrapping (a copy it could never open): nothing to offer
      }
    }
    if (!keys.length) continue;
    const res = await authFetch(core, `${API_PREFIX}/file-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ orgId, keys }),
    });
    if (!res.ok) throw new UserError('forbidden', `file keys not taken: ${await describeFailure(res)}`);
    stored += ((await res.json()) as { stored: number }).stored;
  }
  core.setMeta(offeredMeta(orgId), new Date().toISOString());
  return stored;
}
