/** The messages between embedder.ts (the thread that owns the database) and the embedding worker. */
import type { UserErrorCode } from '../../src-shared/errors';

export type WorkerRequest =
  | { id: number; op: 'load'; dir: string }
  | { id: number; op: 'chunk'; dir: string; texts: string[] }
  | { id: number; op: 'embed'; dir: string; texts: string[] }
  | { id: number; op: 'dispose'; dir: string };

export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { message: string; code?: UserErrorCode } };

/** Distributes Omit over the union, so each request keeps its own fields. */
export type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;
