/**
 * `casework-sync keys rotate|status` (issue 19; docs/keys.md, server section).
 *
 * Rotating a kind adds version N+1 to its ring (ring.ts). Token keys: instances sign with N+1 once it is
 * ACTIVATION_MS old; tokens signed with older versions keep working until they expire, or stop at once
 * (within REFRESH_MS on other instances) when the minimum is raised (--retire). Blob keys: after the
 * activation delay (so every instance can unwrap what N+1 wraps), every stored file key is re-wrapped
 * with N+1 in batches, each its own short transaction (pushes and pages go on meanwhile; a batch locks
 * only its own rows, SKIP LOCKED). A rotation cut off anywhere loses nothing: each row is wrapped by N
 * or N+1, both valid; running rotate again finishes the job. With --retire, once no row is wrapped by
 * an older version, the minimum is raised and the older blob keys are deleted.
 */
import { randomBytes } from 'node:crypto';
import type { Database, Tx } from '../db/postgres';
import { ACTIVATION_MS, REFRESH_MS, currentVersion, readRings, type KeyKind, type Ring } from './ring';
import { unwrapFileKey, wrapFileKey } from './file-keys';

export const REWRAP_BATCH = 500;

export interface KindStatus {
  versions: Array<{ version: number; keyId: string; createdAt: string | null; retired: boolean }>;
  minimumVersion: number;
  currentVersion: number;
  currentKeyId: string;
}

export interface KeysStatus {
  token: KindStatus;
  blob: KindStatus & { wrappedFileKeys: Record<string, number> };
}

function kindStatus(ring: Ring): KindStatus {
  const cur = currentVersion(ring);
  return {
    versions: [...ring.versions.values()]
      .sort((a, b) => a.version - b.version)
      .map((v) => ({ version: v.version, keyId: v.id, createdAt: v.created ? new Date(v.created).toISOString() : null, retired: v.version < ring.min })),
    minimumVersion: ring.min,
    currentVersion: cur.version,
    currentKeyId: cur.id,
  };
}

/** Ids and versions of every key, and how many file keys each blob key wraps ("0": destroyed ones) (never a key). */
export async function keysStatus(db: Database): Promise<KeysStatus> {
  return db.withSystem(async (tx) => {
    const rings = await readRings(tx);
    const counts = await tx.query('SELECT key_version, count(*)::int AS n FROM file_keys GROUP BY key_version ORDER BY key_version');
    return {
      token: kindStatus(rings.token),
      blob: { ...kindStatus(rings.blob), wrappedFileKeys: Object.fromEntries(counts.rows.map((r) => [String(r.key_version), r.n as number])) },
    };
  });
}

/** Add version N+1 of a kind; with retire, raise the minimum to it (tokens only: blob keys retire after their re-wrap). */
async function addVersion(db: Database, kind: KeyKind, retireNow: boolean): Promise<number> {
  return db.withSystem(async (tx) => {
    // One rotation at a time, across processes: the transaction-scoped advisory lock of this kind.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('casework-keys-' || $1::text))`, [kind]);
    const ring = (await readRings(tx))[kind];
    const next = Math.max(0, ...ring.versions.keys()) + 1;
    await tx.query('INSERT INTO server_keys (name, value) VALUES ($1, $2)', [
      `${kind}:v${next}`,
      JSON.stringify({ key: randomBytes(32).toString('base64'), created: Date.now() }),
    ]);
    if (retireNow) await setMinimum(tx, kind, next);
    return next;
  });
}

async function setMinimum(tx: Tx, kind: KeyKind, min: number) {
  await tx.query(`INSERT INTO server_keys (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`, [`${kind}:min`, String(min)]);
}

/** Re-wrap every file key wrapped by a version below `target`, in batches; returns how many. */
export async function rewrapFileKeys(db: Database, target: number, opts: { batch?: number; onBatch?: (done: number) => void } = {}): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await db.withSystem(async (tx) => {
      const rings = await readRings(tx);
      const rows = (
        await tx.query(
          `SELECT version_id, org_id, key_version, wrapped FROM file_keys WHERE key_version BETWEEN 1 AND $1 - 1 ORDER BY version_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [target, opts.batch ?? REWRAP_BATCH],
        )
      ).rows as Array<{ version_id: string; org_id: string; key_version: number; wrapped: string }>;
      const ring = rings.blob;
      // Wrapped by the target itself, whichever version is current (every instance has loaded the
      // target by now: rotate waited the activation delay before this).
      const to = ring.versions.get(target);
      if (!to) throw new Error(`blob key version ${target} does not exist`);
      const exact: Ring = { kind: 'blob', versions: new Map([[target, { ...to, created: 0 }]]), min: target };
      const ids: string[] = [];
      const ws: string[] = [];
      let keyId = '';
      for (const r of rows) {
        const key = unwrapFileKey(ring, r.org_id, r.version_id, r.key_version, r.wrapped);
        if (!key) throw new Error(`the file key of document version ${r.version_id} does not unwrap with blob key version ${r.key_version}`);
        const w = wrapFileKey(exact, r.org_id, r.version_id, key);
        ids.push(r.version_id);
        ws.push(w.wrapped);
        keyId = w.keyId;
      }
      // The batch in one statement (one round trip, not one per row).
      if (ids.length)
        await tx.query(
          `UPDATE file_keys f SET key_version = $1, key_id = $2, wrapped = u.w FROM unnest($3::uuid[], $4::text[]) AS u(id, w) WHERE f.version_id = u.id`,
          [target, keyId, ids, ws],
        );
      return rows.length;
    });
    done += n;
    if (n) opts.onBatch?.(done);
    if (!n) return done;
  }
}

export interface RotateResult {
  token?: { from: number; to: number; retiredBelow?: number };
  blob?: { from: number; to: number; rewrapped: number; retiredBelow?: number };
}

/**
 * Rotate the token and/or blob keys. `settleMs` (default: the activation delay plus a refresh) is how
 * long a new blob key is left for every instance to load before anything is wrapped by it.
 */
export async function rotateKeys(
  db: Database,
  opts: { kinds?: KeyKind[]; retire?: boolean; settleMs?: number; onProgress?: (msg: string) => void } = {},
): Promise<RotateResult> {
  const kinds = opts.kinds ?? ['token', 'blob'];
  const out: RotateResult = {};
  const before = await db.withSystem((tx) => readRings(tx));
  if (kinds.includes('token')) {
    const to = await addVersion(db, 'token', !!opts.retire);
    out.token = { from: currentVersion(before.token).version, to, ...(opts.retire ? { retiredBelow: to } : {}) };
  }
  if (kinds.includes('blob')) {
    const to = await addVersion(db, 'blob', false);
    await new Promise((r) => setTimeout(r, opts.settleMs ?? ACTIVATION_MS + REFRESH_MS));
    const rewrapped = await rewrapFileKeys(db, to, { onBatch: (n) => opts.onProgress?.(`${n} file keys re-wrapped`) });
    out.blob = { from: currentVersion(before.blob).version, to, rewrapped };
    if (opts.retire) {
      // Rows a lagging instance wrapped with an older version meanwhile are re-wrapped first; the
      // minimum is raised (and the older blob keys deleted) only when none is left.
      for (let attempt = 1; ; attempt++) {
        const left = await db.withSystem(async (tx) => {
          await tx.query(`SELECT pg_advisory_xact_lock(hashtext('casework-keys-blob'))`);
          const n = (await tx.query('SELECT count(*)::int AS n FROM file_keys WHERE key_version BETWEEN 1 AND $1 - 1', [to])).rows[0].n as number;
          if (n) return n;
          await setMinimum(tx, 'blob', to);
          await tx.query(`DELETE FROM server_keys WHERE name ~ '^blob:v[0-9]+$' AND substring(name from 7)::int < $1`, [to]);
          return 0;
        });
        if (!left) break;
        if (attempt >= 5) throw new Error(`${left} file keys are still wrapped by an older blob key; run keys rotate again`);
        out.blob.rewrapped += await rewrapFileKeys(db, to);
      }
      out.blob.retiredBelow = to;
    }
  }
  return out;
}
