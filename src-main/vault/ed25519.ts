/**
 * Ed25519 with node:crypto for licences (issue 15): keys as base64 of the raw 32-byte public key (what
 * licence files name as keyId and what CASEWORK_LICENSE_DEV_KEYS files hold), private keys as PKCS#8 PEM.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export function rawPublicKey(key: KeyObject): string {
  return Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x!, 'base64url').toString('base64');
}

export function publicKeyFromRaw(b64: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(b64, 'base64').toString('base64url') }, format: 'jwk' });
}

/** The Ed25519Verify of src-shared/license: never throws (a malformed key or signature is false). */
export function ed25519Verify(publicKey: string, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKeyFromRaw(publicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function ed25519Sign(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

export function generateEd25519(): { privatePem: string; publicRaw: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, publicRaw: rawPublicKey(privateKey) };
}

export function loadPrivateKey(pem: string | Buffer): KeyObject {
  const k = createPrivateKey(pem);
  if (k.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 private key');
  return k;
}

/** A public key file: one line of base64 raw key, or an SPKI PEM. */
export function parsePublicKeyFile(text: string): string {
  const t = text.trim();
  if (t.startsWith('-----BEGIN')) return rawPublicKey(createPublicKey(t));
  const raw = Buffer.from(t, 'base64');
  if (raw.length !== 32) throw new Error('not an Ed25519 public key (expected 32 bytes of base64 or a PEM)');
  return raw.toString('base64');
}
