/**
 * The sync wire protocol between the laptop (src-main/sync) and the firm server (sync-server), as zod
 * schemas and their types. Pure TS, shared by both ends so the two cannot disagree about a field.
 * Issue 3 fixes the shapes: login/refresh, push (one transaction per mutation), the Electric-compatible
 * shape endpoint (GET /v1/shape), admin bodies, and the limits every request must respect.
 */
import { z } from 'zod';
import { DEVICE_WARNINGS, DeviceHealth } from './device-health';
import { ServerKey } from './revocation';
import { ROLES, SYNCED_TABLES } from '../schema/tables';

/** Limits: the server refuses (4xx) anything larger; the client batches to stay under them. */
export const LIMITS = {
  maxMutationsPerPush: 500,
  maxBodyBytes: 8 * 1024 * 1024,
  maxBlobBytes: 100 * 1024 * 1024,
  maxShapeRowsPerResponse: 5000,
  /** How long a `live=true` shape request waits for a change before answering up-to-date. */
  liveTimeoutMs: 20_000,
} as const;

export const API_PREFIX = '/v1';
const uuid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a UUID');
const role = z.enum(ROLES);

// ---- auth -------------------------------------------------------------------------------------------
export const LoginRequest = z.strictObject({
  email: z.string().trim().min(3).max(255),
  password: z.string().min(1).max(1024),
  deviceName: z.string().trim().min(1).max(200),
  appVersion: z.string().max(50).optional(),
  /** A secret the laptop keeps in its vault: logging in again from it reuses its device (one licence slot per laptop). */
  deviceKey: z.string().min(32).max(128).optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const Membership = z.object({ orgId: uuid, role });
export type Membership = z.infer<typeof Membership>;

export const LoginResponse = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  userId: uuid,
  deviceId: uuid,
  memberships: z.array(Membership),
  /** The key this server signs device revocations with; the laptop pins it at login (revocation.ts). */
  serverKey: ServerKey.optional(),
  /** Seconds until accessToken expires. */
  expiresIn: z.number().int().optional(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** A single sign-on's answer: a login's, and the email the identity provider vouched for (who really signed in). */
export const SsoFinishResponse = LoginResponse.extend({ email: z.string().email().max(255) });
export type SsoFinishResponse = z.infer<typeof SsoFinishResponse>;

export const RefreshRequest = z.strictObject({ refreshToken: z.string().min(10).max(500) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;
/** The refresh answer has the login answer's shape (a new refresh token every time: rotation). */
export const RefreshResponse = LoginResponse;
export type RefreshResponse = LoginResponse;

/** Access tokens travel as `Authorization: Bearer <accessToken>`. */
export const AUTH_HEADER = 'authorization';

/** Error bodies: `{error, message?}`. These `error` codes have a meaning the client acts on. */
export const ERROR_CODES = {
  /** 401: access token missing/expired/invalid -> refresh. */
  unauthorized: 'unauthorized',
  /** 401: refresh token unknown, expired, or reused (all the device's tokens are revoked) -> log in. */
  invalidRefresh: 'invalid_refresh_token',
  /** 403: this device was revoked by an admin -> the client wipes its vault. */
  deviceRevoked: 'device_revoked',
  forbidden: 'forbidden',
  badRequest: 'bad_request',
  tooManyRequests: 'too_many_requests',
  notFound: 'not_found',
  payloadTooLarge: 'payload_too_large',
} as const;
export const ErrorBody = z.object({ error: z.string(), message: z.string().optional() });
export type ErrorBody = z.infer<typeof ErrorBody>;

// ---- push -------------------------------------------------------------------------------------------
export const MUTATION_OPS = ['insert', 'update', 'delete'] as const;
export const Mutation = z.strictObject({
  /** Per client, strictly increasing; the server acknowledges ids <= its last_mutation_id without re-applying. */
  mutationId: z.number().int().positive().refine(Number.isSafeInteger),
  table: z.enum(SYNCED_TABLES as [string, ...string[]]),
  op: z.enum(MUTATION_OPS),
  id: uuid,
  /** Column name (snake_case) -> wire value; validated with src-shared/schema/validators.ts. */
  fields: z.record(z.string().max(100), z.unknown()).default({}),
  /** The values the device last saw of the fields it changed; null for an insert. */
  base: z.record(z.string().max(100), z.unknown()).nullable().default(null),
});
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.strictObject({
  clientId: uuid,
  orgId: uuid,
  mutations: z.array(Mutation).max(LIMITS.maxMutationsPerPush),
  /** Optional device report shown to admins (GET /v1/orgs/:orgId/devices). */
  appVersion: z.string().max(50).optional(),
  pendingCount: z.number().int().min(0).optional(),
});
export type PushRequest = z.input<typeof PushRequest>;

export const MUTATION_STATUSES = ['applied', 'conflict', 'rejected'] as const;
export const FieldConflict = z.object({ field: z.string(), yours: z.unknown(), theirs: z.unknown() });
export type FieldConflict = z.infer<typeof FieldConflict>;
export const MutationResult = z.object({
  mutationId: z.number().int(),
  status: z.enum(MUTATION_STATUSES),
  reason: z.string().optional(),
  conflicts: z.array(FieldConflict).optional(),
  /** The row as the server now holds it (wire values), for applied and conflict. */
  row: z.record(z.string(), z.unknown()).optional(),
});
export type MutationResult = z.infer<typeof MutationResult>;
export const PushResponse = z.object({ lastMutationId: z.number().int(), results: z.array(MutationResult) });
export type PushResponse = z.infer<typeof PushResponse>;

// ---- shapes (ElectricSQL Shape HTTP protocol) --------------------------------------------------------
/**
 * GET /v1/shape?table=T&offset=-1[&handle=H][&live=true][&orgId=O]. `where` is refused (400): the server
 * derives it from the caller. `orgId` chooses which of the caller's orgs (default: the first membership).
 * Offsets are "<version>_0" (version from the server's one sequence); "-1" starts from the beginning.
 * Responses carry the Electric headers below; 409 `[{"headers":{"control":"must-refetch"}}]` means drop
 * this shape's rows and start again at offset -1 (access changed or the shape was reset).
 */
export const ShapeQuery = z.object({
  table: z.enum(SYNCED_TABLES as [string, ...string[]]),
  offset: z.string().regex(/^(-1|now|\d+_\d+)$/, 'must be -1 or <version>_<n>'),
  handle: z.string().max(200).optional(),
  live: z.enum(['true', 'false']).optional(),
  orgId: uuid.optional(),
  cursor: z.string().max(100).optional(),
});
export type ShapeQuery = z.infer<typeof ShapeQuery>;
export const SHAPE_HEADERS = {
  handle: 'electric-handle',
  offset: 'electric-offset',
  schema: 'electric-schema',
  upToDate: 'electric-up-to-date',
  cursor: 'electric-cursor',
} as const;
export function versionOffset(version: number | bigint | string): string {
  return `${version}_0`;
}
export function offsetVersion(offset: string): number {
  return offset === '-1' ? -1 : Number(offset.split('_')[0]);
}

/**
 * GET /v1/snapshot?table=T&offset=-1|<offset>&handle=H[&orgId=O]: the same pages as /v1/shape (same rows,
 * filter, version bound, handle, 409 must-refetch, offsets), for a laptop's first sync of a shape and
 * its catch-ups, as NDJSON streamed while Postgres reads: first `{"columns": [...]}`, then one line per row, a JSON array
 * of the Electric text of each column (or null), then the trailer `{"offset", "upToDate"}`. The handle is
 * in the electric-handle header. No key, operation or column name per row: a third of the bytes of
 * Electric messages, which a laptop would otherwise spend most of an initial sync receiving and parsing.
 * A body without its trailer is incomplete: discard it and ask again. Once up to date, the laptop
 * follows live updates with ShapeStream from that offset and handle.
 */
export const SnapshotQuery = ShapeQuery.omit({ live: true, cursor: true })
  .extend({ offset: z.string().regex(/^(-1|\d+_\d+)$/, 'must be -1 or <version>_<n>') })
  .strict(); // only our own client calls it: anything else it is sent (live, cursor, ...) is a mistake
export type SnapshotQuery = z.infer<typeof SnapshotQuery>;
export interface SnapshotTrailer {
  offset: string;
  upToDate: boolean;
}

// ---- blobs ------------------------------------------------------------------------------------------
/**
 * PUT/GET /v1/blobs/:sha256?orgId=O (lowercase hex SHA-256 of the encrypted bytes = the document's
 * storage_key). PUT body: application/octet-stream, at most LIMITS.maxBlobBytes; 201 stored, 200 already
 * there, 400 hash mismatch, 403 no visible document names it, 413 too large. GET: 404 unless visible.
 */
export const BlobPutResponse = z.object({ sha256: z.string(), size: z.number().int(), created: z.boolean() });

// ---- admin ------------------------------------------------------------------------------------------
export const CreateUserRequest = z.strictObject({
  email: z.string().trim().email().max(255),
  password: z.string().min(8).max(1024),
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  role,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;
export const CreateUserResponse = z.object({ userId: uuid, orgId: uuid, role });

export const PatchMembershipRequest = z
  .strictObject({ role: role.optional(), status: z.enum(['active', 'suspended', 'pending']).optional() })
  .refine((b) => b.role !== undefined || b.status !== undefined, 'role or status is required');
export type PatchMembershipRequest = z.infer<typeof PatchMembershipRequest>;

export const DeviceInfo = z.object({
  deviceId: uuid,
  userId: uuid,
  name: z.string(),
  appVersion: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  pendingCount: z.number().int().nullable(),
  revokedAt: z.string().nullable(),
  /** Issue 15: the last health report, when it came, and what needs the admin's attention. */
  lastSeenAt: z.string().nullable().optional(),
  health: DeviceHealth.nullable().optional(),
  healthAt: z.string().nullable().optional(),
  warnings: z.array(z.enum(DEVICE_WARNINGS)).optional(),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

export const RenameDeviceRequest = z.strictObject({ name: z.string().trim().min(1).max(200) });

export const AuditQuery = z.strictObject({
  table: z.string().max(100).optional(),
  recordId: uuid.optional(),
  userId: uuid.optional(),
  from: z.string().datetime().optional(),
  to: z.string().datetime().optional(),
  /** Entries with seq > after (pagination cursor: the last seq of the previous page). */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
export const AuditVerifyResponse = z.object({ ok: z.boolean(), entries: z.number().int(), firstBrokenId: z.string().optional() });
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;

export const CreateOrgResult = z.object({ orgId: uuid, userId: uuid });
