#!/usr/bin/env node
/**
 * The startup benchmark's reference (bench/startup.ts): the least a program can do to show the first page
 * of cases of an encrypted vault. Plain JavaScript (nothing to compile), the same key derivation as the
 * vault's passphrase store (Argon2id with the parameters vault.json records, then AES-256-GCM unwrapping
 * and the key check), the same cipher, the same 50 rows in the same order as `casework case list`.
 * Usage: CASEWORK_PASSPHRASE=... node bench/reference-case-list.mjs <vault folder>
 */
import { createDecipheriv, hkdfSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashRaw } from '@node-rs/argon2';
import Database from 'better-sqlite3-multiple-ciphers';

const dir = process.argv[2];
const vault = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8'));
const store = vault.stores.find((s) => s.kind === 'passphrase');
const { salt, memoryCost, timeCost, parallelism } = store.kdf;

const unseal = (key, s) => {
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(s.iv, 'base64'));
  d.setAuthTag(Buffer.from(s.tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(s.data, 'base64')), d.final()]);
};
// algorithm 2 = Argon2id.
const kek = await hashRaw(process.env.CASEWORK_PASSPHRASE, {
  salt: Buffer.from(salt, 'base64'),
  memoryCost,
  timeCost,
  parallelism,
  outputLen: 32,
  algorithm: 2,
});
const key = unseal(kek, store.sealed);
unseal(Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), Buffer.from('casework:check'), 32)), vault.keyCheck);

const db = new Database(join(dir, vault.database), { fileMustExist: true });
db.pragma(`cipher='${vault.cipher ?? 'sqlcipher'}'`);
db.pragma(`key="x'${key.toString('hex')}'"`);
const rows = db
  .prepare(
    `SELECT c.id, c.case_number, c.case_type, c.status, c.priority, json_extract(c.client_data, '$.name') AS client_name,
            c.assigned_consultant_id, c.updated_at, c.created_at
       FROM cases c WHERE c.deleted_at IS NULL ORDER BY c.updated_at DESC, c.id DESC LIMIT 50`,
  )
  .all();
db.close();
process.stdout.write(`${JSON.stringify(rows)}\n`);
