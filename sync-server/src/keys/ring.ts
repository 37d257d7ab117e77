/**
 * The server's versioned secret keys (issue 19; docs/keys.md, server section): the access-token signing
 * keys and the blob keys that wrap documents' file keys. Each kind has versions 1..N, each with a key id
 * (a digest of the key, never the key), several valid at once, and a minimum version below which a
 * version is retired: a token signed with a retired key is refused, a retired blob key is deleted once
 * nothing is wrapped by it any more (rotate.ts).
 *
 * Stored in server_keys (which the app role cannot read), one row per version, so every instance behind
 * a load balancer sees the same ring: `token:v<N>` / `blob:v<N>` hold {key, created}, `token:min` /
 * `blob:min` the minimum. The token key made before versions existed (`access_hmac`) is token version 1;
 * it also stays the root of the server's other derived secrets (login throttling keys, sealed SSO
 * secrets), which are not rotated here.
 *
 * Each instance re-reads the ring every REFRESH_MS. A new version is used to sign or wrap only once it
 * is older than ACTIVATION_MS (more than one refresh), so no instance meets a token or wrapping made
 * with a version it has not loaded yet; raising the minimum takes effect at once where it was done and
 * within REFRESH_MS on the others.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database, Tx } from '../db/postgres';

export type KeyKind = 'token' | 'blob';

export interface KeyVersion {
  version: number;
  /** tk_<16 hex> / bk_<16 hex>: sha256 of a label and the key; names the key without revealing it. */
  id: string;
  key: Buffer;
  /** ms since epoch; 0 for keys made before versions existed (active at once). */
  created: number;
}

export interface Ring {
  kind: KeyKind;
  versions: Map<number, KeyVersion>;
  min: number;
}

export const REFRESH_MS = 2000;
export const ACTIVATION_MS = 5000;

const LEGACY_TOKEN = 'access_hmac';
const PREFIX: Record<KeyKind, string> = { token: 'tk', blob: 'bk' };

export const keyId = (kind: KeyKind, key: Buffer) =>
  `${PREFIX[kind]}_${createHash('sha256').update(`casework-key-id|${kind}|`).update(key).digest('hex').slice(0, 16)}`;

/** The version that signs or wraps now: the newest active one at or above the minimum. */
export function currentVersion(ring: Ring, now = Date.now()): KeyVersion {
  const valid = [...ring.versions.values()].filter((v) => v.version >= ring.min).sort((a, b) => a.version - b.version);
  if (!valid.length) throw new Error(`no ${ring.kind} key at or above version ${ring.min}`);
  let pick = valid[0]!;
  for (const v of valid) if (v.created + ACTIVATION_MS <= now) pick = v;
  return pick;
}

/** A version that may still be used to verify or unwrap (undefined: unknown or retired). */
export function validVersion(ring: Ring, version: number): KeyVersion | undefined {
  return version >= ring.min ? ring.versions.get(version) : undefined;
}

/** Read both rings (as the server's own role), making blob version 1 on first start. */
export async function readRings(tx: Tx): Promise<Record<KeyKind, Ring>> {
  // Only on a server that never had a blob key: after a rotation retired version 1, it stays gone.
  await tx.query(
    `INSERT INTO server_keys (name, value) SELECT 'blob:v1', $1 WHERE NOT EXISTS (SELECT 1 FROM server_keys WHERE name LIKE 'blob:v%') ON CONFLICT (name) DO NOTHING`,
    [JSON.stringify({ key: randomBytes(32).toString('base64'), created: 0 })],
  );
  const rows = (await tx.query(`SELECT name, value FROM server_keys WHERE name = '${LEGACY_TOKEN}' OR name LIKE 'token:%' OR name LIKE 'blob:%'`))
    .rows as Array<{
    name: string;
    value: string;
  }>;
  const rings: Record<KeyKind, Ring> = { token: { kind: 'token', versions: new Map(), min: 1 }, blob: { kind: 'blob', versions: new Map(), min: 1 } };
  for (const { name, value } of rows) {
    if (name === LEGACY_TOKEN) {
      const key = Buffer.from(value, 'base64');
      rings.token.versions.set(1, { version: 1, id: keyId('token', key), key, created: 0 });
      continue;
    }
    const m = /^(token|blob):(?:v(\d+)|(min))$/.exec(name);
    if (!m) continue;
    const ring = rings[m[1] as KeyKind];
    if (m[3]) {
      ring.min = Number(value);
      continue;
    }
    const v = JSON.parse(value) as { key: string; created: number };
    const key = Buffer.from(v.key, 'base64');
    ring.versions.set(Number(m[2]), { version: Number(m[2]), id: keyId(ring.kind, key), key, created: v.created });
  }
  return rings;
}

/**
 * The rings one server process uses, kept fresh. Registered on the access-token root key (auth.ts signs
 * and verifies through it) and on the database (push and pages wrap and unwrap file keys through it).
 */
export class ServerKeys {
  private timer?: NodeJS.Timeout;
  constructor(
    private readonly db: Database,
    public rings: Record<KeyKind, Ring>,
  ) {}

  async reload(): Promise<void> {
    this.rings = await this.db.withSystem((tx) => readRings(tx));
  }

  /** Re-read every REFRESH_MS (a failed read keeps the rings it had and tries again). */
  start(onError: (e: unknown) => void = () => {}): void {
    this.timer = setInterval(() => void this.reload().catch(onError), REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

const byRoot = new WeakMap<Buffer, ServerKeys>();
const byDb = new WeakMap<Database, ServerKeys>();

/** Load the rings, make blob version 1 if there is none, and register them for `root` and `db`. */
export async function openServerKeys(db: Database, root: Buffer): Promise<ServerKeys> {
  const keys = new ServerKeys(db, await db.withSystem((tx) => readRings(tx)));
  byRoot.set(root, keys);
  byDb.set(db, keys);
  return keys;
}

/** The token ring registered for this root key; none (a bare key, as some tests make): the key alone is version 1. */
export function tokenRingOf(root: Buffer): Ring {
  const keys = byRoot.get(root);
  if (keys) return keys.rings.token;
  return { kind: 'token', versions: new Map([[1, { version: 1, id: keyId('token', root), key: root, created: 0 }]]), min: 1 };
}

export function serverKeysOf(db: Database): ServerKeys {
  const keys = byDb.get(db);
  if (!keys) throw new Error('the server keys are not loaded (openServerKeys at start)');
  return keys;
}
