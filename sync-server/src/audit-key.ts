/**
 * The server's audit signing key (Ed25519, node:crypto): a PKCS#8 PEM file that is NOT in the database,
 * by default `<--data>/audit-signing-key.pem`, or `--audit-key-file`. Made on first start with mode
 * 0600; a key file that others can read is refused (as ssh does). Whoever owns the database but not
 * this file cannot sign a checkpoint for a chain they rewrote.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkpointMessage, type AuditCheckpoint } from '../../src-shared/sync/audit-checkpoints';

export interface AuditKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** base64 of the raw 32-byte public key (what laptops pin) */
  publicKeyRaw: string;
  /** Made by this call (first start): only then are existing chain heads signed without question. */
  created: boolean;
}

export const AUDIT_KEY_FILE = 'audit-signing-key.pem';

/** create: false for readers (`audit verify`): a missing key is an error, never a fresh key. */
export function loadAuditKey(file: string, opts: { create?: boolean } = {}): AuditKey {
  let created = false;
  if (!existsSync(file)) {
    if (opts.create === false) throw new Error(`no audit key at ${file}`);
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    // 'wx': never overwrite a key another process made meanwhile (it would orphan its checkpoints).
    try {
      writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
  }
  const mode = statSync(file).mode;
  if (mode & 0o077) throw new Error(`the audit key file ${file} must be readable by its owner only (chmod 600 ${file})`);
  const privateKey = createPrivateKey(readFileSync(file));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} does not hold an Ed25519 private key`);
  const publicKey = createPublicKey(privateKey);
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return { keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16), privateKey, publicKey, publicKeyRaw: raw.toString('base64'), created };
}

export function signCheckpoint(key: AuditKey, c: Omit<AuditCheckpoint, 'signature' | 'keyId'>): AuditCheckpoint {
  const body = { ...c, keyId: key.keyId };
  return { ...body, signature: sign(null, Buffer.from(checkpointMessage(body)), key.privateKey).toString('base64') };
}

/** True when c is signed by `key` (its key id must name that key). */
export function checkpointSignedBy(key: AuditKey, c: AuditCheckpoint): boolean {
  if (c.keyId !== key.keyId) return false;
  try {
    return verify(null, Buffer.from(checkpointMessage(c)), key.publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}
