/**
 * Key rotation benchmark (issue 19): rotating the vault key of a --cases (10,000) case, --docs (20,000)
 * document vault, against copying the same database bytes with `cp` in the same run (target: rotation at
 * least 0.5x cp's MB/s). Reported: the whole `rotateKeys` (with its two Argon2id stretches: the unlock and
 * the new passphrase wrapping, ~1 s each here), and its data part (lock, copy, re-key, re-wrap, verify,
 * swap); cp alone and cp followed by fsync (rotation fsyncs what it writes). A reader in a worker thread
 * queries the vault all through the rotation: the app stays usable for reads.
 * The cp reference copies casework.db alone (its bytes are what a rotation reads, re-encrypts and writes;
 * the log is empty at rotation time), from and to the same folder, with a warm page cache.
 * Documents are inserted as rows with real wrapped file keys but without blobs: a rotation never rewrites
 * blobs (a file's key stays, only its wrapping changes), so their bytes would only slow the set-up.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createVault } from '../src-main/core/core';
import { insertIgnore } from '../src-main/db/seed';
import { rotateKeys } from '../src-main/privacy';
import { unlockVaultKey } from '../src-main/vault/vault';
import { newId } from '../src-shared/ids';
import { tempDir } from '../tests/support/cli';
import { flag, table } from './_util';

const PASS = 'bench passphrase for key rotation';

export async function makeVault(cases: number, docs: number): Promise<string> {
  const data = join(tempDir('casework-bench-keys-'), 'vault');
  const core = await createVault({ dataDir: data, passphrase: PASS });
  try {
    const now = new Date().toISOString();
    const { orgId, userId } = core.actor;
    const caseIds: string[] = [];
    core.db.transaction(() => {
      // Cases and their clients as rows (the writer's audit and outbox per row would make the set-up the
      // benchmark; a rotation's cost is in the database's bytes, whatever wrote them).
      for (let i = 0; i < cases; i++) {
        const caseId = newId();
        caseIds.push(caseId);
        const sync = { org_id: orgId, version: 0, created_at: now, updated_at: now, updated_by: userId };
        insertIgnore(core.db, 'cases', {
          id: caseId,
          ...sync,
          case_number: `2026-${String(i).padStart(6, '0')}`,
          case_type: 'EXPRESS_ENTRY_FSW',
          status: 'active',
          client_data: { notes: `intake notes for case ${i} `.repeat(8) },
        });
        insertIgnore(core.db, 'persons', {
          id: newId(),
          ...sync,
          case_id: caseId,
          first_name: `Client${i}`,
          last_name: 'Bench',
          email: `client${i}@example.org`,
          relationship_to_primary: 'primary',
          passport_info: { number: `P${String(i).padStart(8, '0')}`, country: 'CAN' },
        });
      }
      for (let i = 0; i < docs; i++) {
        const caseId = caseIds[i % caseIds.length];
        const docId = newId();
        const storageKey = randomBytes(32).toString('hex');
        const fileKey = JSON.parse(core.keys.wrap(randomBytes(32))) as { iv: string; tag: string; data: string };
        const sync = { org_id: orgId, version: 0, created_at: now, updated_at: now, updated_by: userId };
        insertIgnore(core.db, 'documents', {
          id: docId,
          ...sync,
          case_id: caseId,
          document_type: 'passport',
          category: 'identity',
          title: `Document ${i}`,
          filename: `doc-${i}.pdf`,
          original_filename: `doc-${i}.pdf`,
          file_size: 200_000,
          mime_type: 'application/pdf',
          storage_key: storageKey,
        });
        insertIgnore(core.db, 'document_versions', {
          id: newId(),
          ...sync,
          case_id: caseId,
          document_id: docId,
          version_number: 1,
          filename: `doc-${i}.pdf`,
          file_size: 200_000,
          storage_key: storageKey,
          checksum: randomBytes(32).toString('hex'),
          file_key: `${fileKey.iv}.${fileKey.tag}.${fileKey.data}`,
        });
      }
    })();
  } finally {
    core.close();
  }
  return data;
}

/** A reader on its own connection, in a worker thread, querying until told to stop. */
function startReader(dbFile: string, keyHex: string, cipher: string) {
  const worker = new Worker(
    `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require('better-sqlite3-multiple-ciphers');
    const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
    db.pragma("cipher='" + workerData.cipher + "'");
    db.pragma('key="x\\'' + workerData.key + '\\'"');
    db.pragma('busy_timeout = 5000');
    const q = db.prepare("SELECT count(*) FROM cases WHERE status = 'active'").pluck();
    let reads = 0, errors = 0, worst = 0, stop = false;
    parentPort.on('message', () => { stop = true; });
    (function loop() {
      const until = Date.now() + 20;
      while (Date.now() < until) {
        const t = process.hrtime.bigint();
        try { q.get(); reads++; } catch { errors++; }
        worst = Math.max(worst, Number(process.hrtime.bigint() - t) / 1e6);
      }
      if (stop) { parentPort.postMessage({ reads, errors, worst }); db.close(); return; }
      setImmediate(loop);
    })();
    `,
    { eval: true, workerData: { file: dbFile, key: keyHex, cipher } },
  );
  return async () => {
    const result = new Promise<{ reads: number; errors: number; worst: number }>((r) => worker.once('message', r));
    worker.postMessage('stop');
    const r = await result;
    await worker.terminate();
    return r;
  };
}

export async function run(args: string[]) {
  const cases = flag(args, 'cases', 10_000);
  const docs = flag(args, 'docs', 20_000);
  const rounds = flag(args, 'rounds', 2);
  console.log(`building a vault of ${cases} cases and ${docs} documents...`);
  const t0 = Date.now();
  const data = await makeVault(cases, docs);
  const dbFile = join(data, 'casework.db');
  console.log(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s; database ${(statSync(dbFile).size / 1e6).toFixed(1)} MB`);
  const rows: Array<Record<string, string | number>> = [];
  // Where a rotation's time goes: ms until each step's progress report, averaged over the rounds.
  const steps: Record<string, number> = {};
  for (let round = 1; round <= rounds; round++) {
    const mb = statSync(dbFile).size / 1e6;
    const copy = join(data, 'cp-reference.db');
    let t = process.hrtime.bigint();
    execFileSync('cp', [dbFile, copy]);
    const cpMs = Number(process.hrtime.bigint() - t) / 1e6;
    rmSync(copy);
    t = process.hrtime.bigint();
    execFileSync('cp', [dbFile, copy]);
    execFileSync('sync', [copy]);
    const cpSyncMs = Number(process.hrtime.bigint() - t) / 1e6;
    rmSync(copy);

    const { key, file } = await unlockVaultKey(data, { passphrase: PASS });
    const stopReader = startReader(dbFile, key.toString('hex'), file.cipher ?? 'sqlcipher');
    let lockedAt = 0n;
    let doneAt = 0n;
    t = process.hrtime.bigint();
    let last = t;
    const r = await rotateKeys(data, {
      passphrase: PASS,
      onProgress: (step) => {
        const now = process.hrtime.bigint();
        steps[step] = (steps[step] ?? 0) + Number(now - last) / 1e6 / rounds;
        last = now;
        if (step === 'locked') lockedAt = now;
        if (step === 'committed') doneAt = now;
      },
    });
    const totalMs = Number(process.hrtime.bigint() - t) / 1e6;
    const dataMs = Number(doneAt - lockedAt) / 1e6;
    const reader = await stopReader();
    rows.push({
      round,
      'db MB': mb,
      'rotate total s': totalMs / 1000,
      'rotate MB/s': mb / (totalMs / 1000),
      'data part MB/s': mb / (dataMs / 1000),
      'cp MB/s': mb / (cpMs / 1000),
      'cp+sync MB/s': mb / (cpSyncMs / 1000),
      'data/cp': cpMs / dataMs,
      'data/cp+sync': cpSyncMs / dataMs,
      'file keys': r.fileKeys,
      're-wrapped one by one': r.fileKeysRewrapped,
      'reads during': reader.reads,
      'read errors': reader.errors,
      'worst read ms': reader.worst,
    });
  }
  table(`keys rotate: ${cases} cases, ${docs} documents (target: rotation >= 0.5x cp)`, rows);
  table('ms up to each step (mean)', [Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, Math.round(v)]))]);
  rmSync(join(data, '..'), { recursive: true, force: true });
}
