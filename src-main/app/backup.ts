/**
 * Encrypted, verified backups of a whole vault, restorable on another machine with the passphrase.
 *
 * File layout: "CWBACKUP1\n", u32 header length, header JSON (format, vault id, Argon2id salt and
 * parameters, the random backup key sealed under the passphrase key), then the payload as a sequence of
 * AES-256-GCM chunks ([u32 length][12-byte IV][ciphertext + tag]); each chunk's AAD binds its index and
 * whether it is the last, so chunks cannot be reordered, dropped or the file truncated unnoticed.
 * The payload is a list of entries (name, size, bytes): the database key, a VACUUM INTO snapshot of
 * the database (itself SQLCipher-encrypted), every blob (already encrypted), and a manifest with the
 * sha256 of every entry and the row count of every table, checked by the verify pass and by restore.
 */
import { createHash, randomBytes, randomUUID, createCipheriv, createDecipheriv } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, rmSync, statSync, writeSync, fsyncSync, renameSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { UserError } from '../../src-shared/errors';
import { parseJsonWithin } from '../../src-shared/json-limits';
import { TABLE_NAMES } from '../../src-shared/schema/tables';
import type { Core } from '../core/core';
import { openDatabase, type Cipher } from '../db/open';
import { PASSPHRASE_KDF, passphraseKek } from '../vault/keystores';
import { passphraseProblem } from '../../src-shared/passphrase';
import { open as openSealed, seal, type Sealed } from '../vault/crypto';
import { DB_FILE, readVaultFile, vaultExists, writeFileAtomic, VAULT_FILE } from '../vault/vault';
import { enrollPassphrase } from '../vault/keystores';
import { subkey } from '../vault/crypto';
import { appendAudit } from '../core/audit';
import { META } from '../sync/session';

const MAGIC = Buffer.from('CWBACKUP1\n');
const CHUNK = 1 << 20;
/** The vault's own passphrase strength (keystores.ts): a backup is as exposed as a stolen laptop. */
const ARGON = PASSPHRASE_KDF;

interface Header {
  format: 'casework-backup/1';
  createdAt: string;
  vaultId: string;
  kdf: { name: 'argon2id'; salt: string; memoryCost: number; timeCost: number; parallelism: number };
  sealedKey: Sealed;
  cipher?: Cipher;
}

function aad(index: number, last: boolean) {
  const b = Buffer.alloc(9);
  b.writeBigUInt64BE(BigInt(index));
  b[8] = last ? 1 : 0;
  return b;
}

class ChunkWriter {
  private buf: Buffer[] = [];
  private size = 0;
  private index = 0;
  constructor(
    private fd: number,
    private key: Buffer,
  ) {}
  push(data: Buffer) {
    this.buf.push(data);
    this.size += data.length;
    while (this.size > CHUNK) this.flush(false, CHUNK);
  }
  private flush(last: boolean, take: number) {
    const all = Buffer.concat(this.buf);
    const part = all.subarray(0, take);
    const rest = all.subarray(take);
    this.buf = rest.length ? [Buffer.from(rest)] : [];
    this.size = rest.length;
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(aad(this.index++, last));
    const ct = Buffer.concat([c.update(part), c.final(), c.getAuthTag()]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(ct.length + 12);
    writeSync(this.fd, Buffer.concat([len, iv, ct]));
  }
  end() {
    this.flush(true, this.size);
  }
}

/** Yields the decrypted payload chunk by chunk; throws if anything was altered, reordered or cut. */
function* readChunks(file: string, key: Buffer, start: number): Generator<Buffer> {
  const fd = openSync(file, 'r');
  try {
    let pos = start;
    let index = 0;
    const size = statSync(file).size;
    for (;;) {
      if (pos >= size) throw new UserError('corrupt', 'the backup file is truncated');
      const lenBuf = Buffer.alloc(4);
      readSync(fd, lenBuf, 0, 4, pos);
      const len = lenBuf.readUInt32BE();
      if (len < 28 || pos + 4 + len > size) throw new UserError('corrupt', 'the backup file is truncated or damaged');
      const body = Buffer.alloc(len);
      readSync(fd, body, 0, len, pos + 4);
      pos += 4 + len;
      const last = pos >= size;
      const d = createDecipheriv('aes-256-gcm', key, body.subarray(0, 12));
      d.setAAD(aad(index++, last));
      d.setAuthTag(body.subarray(len - 16));
      let plain: Buffer;
      try {
        plain = Buffer.concat([d.update(body.subarray(12, len - 16)), d.final()]);
      } catch {
        throw new UserError('corrupt', 'the backup file is damaged or was altered (authentication failed)');
      }
      yield plain;
      if (last) return;
    }
  } finally {
    closeSync(fd);
  }
}

/** Parses the entry stream: [u16 name length][name][u64 size][bytes]... */
function* entries(chunks: Generator<Buffer>): Generator<{ name: string; data: Buffer }> {
  let buf: Buffer = Buffer.alloc(0);
  const need = (n: number) => {
    while (buf.length < n) {
      const next = chunks.next();
      if (next.done) throw new UserError('corrupt', 'the backup ended in the middle of an entry');
      buf = Buffer.concat([buf, next.value]);
    }
  };
  for (;;) {
    while (buf.length === 0) {
      const next = chunks.next();
      if (next.done) return;
      buf = next.value;
    }
    need(2);
    const nameLen = buf.readUInt16BE(0);
    need(2 + nameLen + 8);
    const name = buf.subarray(2, 2 + nameLen).toString('utf8');
    const size = Number(buf.readBigUInt64BE(2 + nameLen));
    need(2 + nameLen + 8 + size);
    const data = Buffer.from(buf.subarray(2 + nameLen + 8, 2 + nameLen + 8 + size));
    buf = buf.subarray(2 + nameLen + 8 + size);
    yield { name, data };
  }
}

function entryHeader(name: string, size: number) {
  const n = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(2 + n.length + 8);
  h.writeUInt16BE(n.length, 0);
  n.copy(h, 2);
  h.writeBigUInt64BE(BigInt(size), 2 + n.length);
  return h;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile() && !e.name.includes('.tmp')) out.push(p);
  }
  return out.sort();
}

function tableCounts(db: ReturnType<typeof openDatabase>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of TABLE_NAMES) out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return out;
}

export interface BackupResult {
  file: string;
  bytes: number;
  tables: Record<string, number>;
  blobs: number;
  verified: true;
}

export async function backupVault(core: Core, out: string, passphrase: string, onProgress?: (pct: number) => void): Promise<BackupResult> {
  const weak = passphraseProblem(passphrase ?? '');
  if (weak) throw new UserError('invalid_input', `a backup's passphrase: ${weak} (CASEWORK_BACKUP_PASSPHRASE or CASEWORK_PASSPHRASE)`);
  if (existsSync(out)) throw new UserError('invalid_input', `${out} already exists; choose a new file name`);
  mkdirSync(dirname(out), { recursive: true });
  // Snapshot: VACUUM INTO writes a consistent copy, encrypted with the same key (checked by tests).
  const snap = join(core.dataDir, `backup-snapshot-${process.pid}.tmp.db`);
  rmSync(snap, { force: true });
  // Recorded before the snapshot so the backup carries its own audit entry.
  appendAudit(core.db, core.actor, { event_type: 'backup', description: 'vault backed up' });
  // A sync write window still open would make VACUUM fail ("cannot VACUUM from within a transaction").
  core.settle();
  core.db.prepare('VACUUM INTO ?').run(snap);
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    const salt = randomBytes(16);
    const kek = await passphraseKek(passphrase, salt, ARGON);
    const backupKey = randomBytes(32);
    const header: Header = {
      format: 'casework-backup/1',
      createdAt: new Date().toISOString(),
      vaultId: core.vaultId,
      cipher: core.cipher,
      kdf: { name: 'argon2id', salt: salt.toString('base64'), ...ARGON },
      sealedKey: seal(kek, backupKey),
    };
    const headerBuf = Buffer.from(JSON.stringify(header));
    const fd = openSync(tmp, 'w', 0o600);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(headerBuf.length);
    writeSync(fd, Buffer.concat([MAGIC, len, headerBuf]));
    const w = new ChunkWriter(fd, backupKey);
    const manifest: { entries: Record<string, string>; tables: Record<string, number> } = { entries: {}, tables: tableCounts(core.db) };
    const add = (name: string, data: Buffer) => {
      manifest.entries[name] = createHash('sha256').update(data).digest('hex');
      w.push(entryHeader(name, data.length));
      w.push(data);
    };
    add('vault.key', core.exportKey());
    add(DB_FILE, readFileSync(snap));
    const blobDir = join(core.dataDir, 'blobs');
    const blobs = listFiles(blobDir);
    for (const [i, f] of blobs.entries()) {
      add(`blobs/${relative(blobDir, f)}`, readFileSync(f));
      onProgress?.(Math.round(((i + 1) * 90) / Math.max(blobs.length, 1)));
      // Let the process breathe every few files: the window's progress bar and other calls keep moving.
      if (i % 8 === 7) await new Promise((r) => setImmediate(r));
    }
    const m = Buffer.from(JSON.stringify(manifest));
    w.push(entryHeader('manifest.json', m.length));
    w.push(m);
    w.end();
    fsyncSync(fd);
    closeSync(fd);
    // Verify: decrypt the whole file again and check every entry against the manifest.
    verifyBackupFile(tmp, backupKey, headerBuf.length);
    renameSync(tmp, out);
    onProgress?.(100);
    return { file: out, bytes: statSync(out).size, tables: manifest.tables, blobs: blobs.length, verified: true };
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  } finally {
    rmSync(snap, { force: true });
  }
}

function readHeader(file: string): { header: Header; headerLen: number } {
  if (!existsSync(file)) throw new UserError('not_found', `no backup file at ${file}`);
  const fd = openSync(file, 'r');
  try {
    const start = Buffer.alloc(MAGIC.length + 4);
    readSync(fd, start, 0, start.length, 0);
    if (!start.subarray(0, MAGIC.length).equals(MAGIC)) throw new UserError('corrupt', `${file} is not a Casework backup`);
    const headerLen = start.readUInt32BE(MAGIC.length);
    if (headerLen > 65536) throw new UserError('corrupt', `${file} has a damaged header`);
    const hb = Buffer.alloc(headerLen);
    readSync(fd, hb, 0, headerLen, start.length);
    let header: Header;
    try {
      header = parseJsonWithin(hb.toString('utf8')) as Header;
    } catch {
      throw new UserError('corrupt', `${file} has a damaged header`);
    }
    if (header.format !== 'casework-backup/1') throw new UserError('corrupt', `${file} is not a backup this version can read`);
    return { header, headerLen };
  } finally {
    closeSync(fd);
  }
}

function verifyBackupFile(file: string, key: Buffer, headerLen: number): Map<string, Buffer> {
  const all = new Map<string, Buffer>();
  for (const e of entries(readChunks(file, key, MAGIC.length + 4 + headerLen))) all.set(e.name, e.data);
  const m = all.get('manifest.json');
  if (!m) throw new UserError('corrupt', 'the backup has no manifest');
  const manifest = JSON.parse(m.toString('utf8')) as { entries: Record<string, string> };
  for (const [name, sha] of Object.entries(manifest.entries)) {
    const data = all.get(name);
    if (!data || createHash('sha256').update(data).digest('hex') !== sha)
      throw new UserError('corrupt', `the backup entry ${name} does not match its checksum`);
  }
  return all;
}

/**
 * A restored vault is a new device (issue 13, row 5). The backup's device went on syncing after the
 * backup was taken, so the server's cursor for its client id is past the backup's outbox: the
 * restored vault's next mutations would reuse ids the server already consumed and be acknowledged as
 * duplicates without ever being applied. So the restored vault gets a client id and a device id of
 * its own, and forgets the old device's tokens and device key: it must log in again, which registers it as a new
 * device. Its outbox is kept whole, numbered afresh for the server (a new client id starts a new
 * sequence there, so every entry still pending is new to it and is sent).
 */
function becomeNewDevice(db: ReturnType<typeof openDatabase>): void {
  const set = db.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    set.run('client_id', randomUUID());
    set.run('device_id', randomUUID());
    db.prepare('DELETE FROM vault_meta WHERE key = ?').run(META.tokens);
    // The secret that names this laptop's device row to the server (sync/login.ts deviceKeyOf) goes too:
    // kept, the restored vault's login would take over the backed-up laptop's device.
    db.prepare("DELETE FROM vault_meta WHERE key = 'device_key'").run();
  })();
}

export async function restoreVault(
  from: string,
  dataDir: string,
  passphrase: string,
): Promise<{ dataDir: string; tables: Record<string, number>; blobs: number }> {
  if (!passphrase) throw new UserError('invalid_input', 'restoring needs the backup passphrase (CASEWORK_PASSPHRASE)');
  if (vaultExists(dataDir)) throw new UserError('vault_exists', `a vault already exists in ${dataDir}; restore into an empty folder`);
  const { header, headerLen } = readHeader(from);
  const kek = await passphraseKek(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  let backupKey: Buffer;
  try {
    backupKey = openSealed(kek, header.sealedKey);
  } catch {
    throw new UserError('wrong_key', 'wrong passphrase or key for this backup');
  }
  const all = verifyBackupFile(from, backupKey, headerLen);
  const manifest = JSON.parse(all.get('manifest.json')!.toString('utf8')) as { tables: Record<string, number> };
  const vaultKey = all.get('vault.key');
  if (!vaultKey || vaultKey.length !== 32) throw new UserError('corrupt', 'the backup holds no vault key');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const written: string[] = [];
  try {
    let blobs = 0;
    for (const [name, data] of all) {
      if (name === 'manifest.json' || name === 'vault.key') continue;
      if (name.includes('..') || name.startsWith('/')) throw new UserError('corrupt', `the backup names an unsafe path ${name}`);
      const target = join(dataDir, name);
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      writeFileAtomic(target, data);
      written.push(target);
      if (name.startsWith('blobs/')) blobs++;
    }
    const db = openDatabase({ file: join(dataDir, DB_FILE), key: vaultKey, cipher: header.cipher });
    try {
      const check = db.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new UserError('corrupt', `the restored database fails its integrity check (${check})`);
      const counts = tableCounts(db);
      for (const [t, n] of Object.entries(manifest.tables)) {
        if (counts[t] !== n) throw new UserError('corrupt', `the restored ${t} has ${counts[t]} rows, the backup recorded ${n}`);
      }
      db.prepare("INSERT INTO vault_meta (key, value) VALUES ('restored_from', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(header.createdAt);
      becomeNewDevice(db);
    } finally {
      db.close();
    }
    const stores = [await enrollPassphrase(vaultKey, passphrase)];
    writeFileAtomic(
      join(dataDir, VAULT_FILE),
      JSON.stringify(
        {
          format: 'casework-vault/1',
          vaultId: header.vaultId,
          createdAt: new Date().toISOString(),
          database: DB_FILE,
          cipher: header.cipher ?? 'sqlcipher',
          stores,
          keyCheck: seal(subkey(vaultKey, 'check'), Buffer.from('casework vault key check')),
        },
        null,
        2,
      ),
    );
    readVaultFile(dataDir);
    return { dataDir, tables: manifest.tables, blobs };
  } catch (e) {
    for (const f of [...written, join(dataDir, VAULT_FILE), join(dataDir, `${DB_FILE}-wal`), join(dataDir, `${DB_FILE}-shm`)]) rmSync(f, { force: true });
    throw e;
  }
}
