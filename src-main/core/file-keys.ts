/**
 * A document's file key as the vault keeps it and as it travels (issue 19; docs/keys.md). In the vault
 * the key is always wrapped by this vault's file-key wrapping key (compact "iv.tag.data", base64): that
 * wrapping opens nothing on another laptop of the firm. To the firm's server, inside a signed-in push,
 * the key itself goes as "raw:<base64>"; the server wraps it with its own blob key, and sends it back
 * the same way only in a page for a device that may read the document, which wraps it here at once.
 * Shared by documents (which makes keys) and sync (which moves them): a domain may not import the other.
 */
import type { Core } from './core';

const RAW = /^raw:([A-Za-z0-9+/]{43}=)$/;

/** Wrap a file key with this vault's file-key wrapping key. */
export function wrapFileKey(core: Core, key: Buffer): string {
  const s = JSON.parse(core.keys.wrap(key)) as { iv: string; tag: string; data: string };
  return `${s.iv}.${s.tag}.${s.data}`;
}

export function unwrapFileKey(core: Core, wrapped: string): Buffer {
  const [iv, tag, data] = wrapped.split('.');
  return core.keys.unwrap(JSON.stringify({ iv, tag, data }));
}

/** The stored wrapping -> the key as a push sends it (null stays null: a destroyed key). */
export function fileKeyForServer(core: Core, wrapped: string | null): string | null {
  return wrapped ? `raw:${unwrapFileKey(core, wrapped).toString('base64')}` : null;
}

/**
 * What a page sent as a version's file key -> what this vault stores: the key wrapped here. Undefined
 * when the server sent no key (it has none, or nothing it sent is a key): the vault keeps what it has.
 */
export function fileKeyFromServer(core: Core, sent: unknown): string | undefined {
  const m = typeof sent === 'string' ? RAW.exec(sent) : null;
  return m ? wrapFileKey(core, Buffer.from(m[1]!, 'base64')) : undefined;
}
