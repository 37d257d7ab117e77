/**
 * POST /v1/file-keys: a laptop offers the file keys of document versions it holds, for versions whose
 * key the server does not have (documents added before file keys travelled through the server, when
 * servers kept only the adding laptop's own wrapping: docs/keys.md). Each offered key is stored (wrapped
 * by the blob key, file-keys.ts) only if the caller may read that version under the policy, exactly as a
 * page would give it, and only if none is stored: the first key stays, an offer never replaces one.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../db/postgres';
import { HttpError, authenticate } from '../auth';
import { shapeFilterLiteral } from '../access';
import { readPlan } from '../policy';
import { pageAccess, pageBegin } from '../shape-page';
import { storeFileKey, takeFileKey } from './file-keys';
import { claimVersions } from '../versions';
import { changes } from '../shape';

export const MAX_OFFERED_KEYS = 500;

const Offer = z.strictObject({
  orgId: z.string().uuid(),
  keys: z
    .array(z.strictObject({ versionId: z.string().uuid(), key: z.string().max(100) }))
    .min(1)
    .max(MAX_OFFERED_KEYS),
});

export interface OfferResult {
  /** Keys stored now. */
  stored: number;
  /** Versions that already had a key, or that the caller may not read or that do not exist (not told apart). */
  skipped: number;
}

export async function offerFileKeys(db: Database, who: { userId: string; deviceId: string }, orgId: string, keys: Array<{ versionId: string; key: string }>) {
  const parsed = keys.map((k) => ({ versionId: k.versionId.toLowerCase(), sent: takeFileKey({ file_key: k.key }) }));
  const bad = parsed.find((p) => typeof p.sent === 'string' || !p.sent?.key);
  if (bad) throw new HttpError(400, 'bad_request', `keys: the key of version ${bad.versionId} must be "raw:" and 32 bytes in base64`);
  return db.withOrg(
    orgId,
    async (tx, begun): Promise<OfferResult> => {
      const access = pageAccess(begun, who, orgId, 'document_versions', undefined, '-1');
      if (access.kind !== 'read') throw new HttpError(403, 'forbidden', 'not an active member of this organization');
      const plan = readPlan('document_versions', access.member);
      // The versions the caller may read (as in a page) that have no stored key yet.
      const open = await tx.query(
        `SELECT t.id FROM document_versions t ${plan.join}
         WHERE ${plan.filter ?? shapeFilterLiteral('document_versions', access.member)} AND ${plan.where}
           AND t.deleted_at IS NULL AND t.id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM file_keys k WHERE k.version_id = t.id)`,
        [parsed.map((p) => p.versionId)],
      );
      const ids = new Set(open.rows.map((r) => r.id as string));
      const storedIds: string[] = [];
      for (const p of parsed) {
        if (!ids.has(p.versionId)) continue;
        ids.delete(p.versionId);
        await storeFileKey(db, tx, orgId, p.versionId, p.sent as { key: Buffer });
        storedIds.push(p.versionId);
      }
      if (storedIds.length) {
        // A new version number for those rows, so laptops that already hold them (without a key) read
        // them again, now with their key (the claim first: versions.ts).
        await claimVersions(tx);
        await tx.query(`UPDATE document_versions SET version = nextval('row_version_seq') WHERE id = ANY($1::uuid[])`, [storedIds]);
      }
      return { stored: storedIds.length, skipped: parsed.length - storedIds.length };
    },
    { begin: pageBegin(who, orgId) },
  );
}

export function registerFileKeyRoutes(app: FastifyInstance, opts: { db: Database; key: Buffer }) {
  app.post('/v1/file-keys', async (req) => {
    const r = Offer.safeParse(req.body ?? {});
    if (!r.success) throw new HttpError(400, 'bad_request', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    const orgId = r.data.orgId.toLowerCase();
    const who = await authenticate(opts.db, opts.key, req.headers.authorization, orgId);
    const out = await offerFileKeys(opts.db, who, orgId, r.data.keys);
    if (out.stored) changes.emit('change'); // as after a push: this instance's waiting shape requests look again
    return out;
  });
}
