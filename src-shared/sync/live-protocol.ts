/**
 * GET /v1/live?orgId=O[&cursor=C] (issue 18): one long-poll per laptop that says which of its shapes
 * changed, instead of one live shape request per synced table. The answer is
 *   {"cursor": C', "changed": [table, ...]}
 * at once when something the caller may see changed after C (or when C is absent or stale: then every
 * table), else after about LIVE_TIMEOUT_MS with `changed` empty. The laptop reads the tables named
 * (GET /v1/snapshot or /v1/shape from each shape's own offset and handle, as before) and asks again
 * with C'. A cursor is "<version>.<access epoch>": a row version, valid on every server instance, and
 * the caller's access epoch, so that an access change makes the next answer name every table (their
 * reads then get 409 must-refetch).
 */
import { z } from 'zod';

export const LIVE_PATH = '/v1/live';
/** How long the server holds a live request with nothing to say (below common proxy timeouts of 30 s+). */
export const LIVE_TIMEOUT_MS = 25_000;

const uuid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a UUID');
export const LIVE_CURSOR = /^(\d{1,16})\.(-?\d{1,16})$/;

export const LiveQuery = z.strictObject({
  orgId: uuid,
  cursor: z.string().regex(LIVE_CURSOR, 'must be <version>.<epoch>').optional(),
});
export type LiveQuery = z.infer<typeof LiveQuery>;

export const LiveAnswer = z.object({
  cursor: z.string().regex(LIVE_CURSOR),
  changed: z.array(z.string().max(100)).max(1000),
});
export type LiveAnswer = z.infer<typeof LiveAnswer>;
