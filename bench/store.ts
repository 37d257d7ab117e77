/**
 * Store benchmark (issue 2):
 *  1. the same mixed case workload (create with client + checklist, status changes, tasks, list pages,
 *     case file reads) on the encrypted store and on plain SQLite, in one run, alternating rounds;
 *     ratio encrypted/plain for AEGIS-256 (the cipher of new vaults) and SQLCipher 4 (vaults made before,
 *     or `init --cipher sqlcipher`); target <= 1.15 for the default;
 *  2. the case-list page query (50 rows, filtered, sorted) at --cases (default 100000): p95, target <= 10 ms.
 * Flags: --ops=N workload operations per round (default 2000), --rounds=N (default 3), --cases=N.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import * as sqliteVec from 'sqlite-vec';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { NEW_VAULT_CIPHER, openDatabase, tuneConnection, type Cipher, type DB } from '../src-main/db/open';
import { runMigrations } from '../src-main/db/migrate';
import { makeCore, type Core } from '../src-main/core/core';
import { createCase, listCases, setCaseStatus, showCase } from '../src-main/cases/cases';
import { addTask } from '../src-main/cases/tasks';
import { insertIgnore } from '../src-main/db/seed';
import { newId } from '../src-shared/ids';
import { CASE_STATUSES, PRIORITIES } from '../src-shared/schema/tables';
import { flag, percentile, table, time } from './_util';

function identity(db: DB) {
  const now = new Date().toISOString();
  const orgId = newId();
  const userId = newId();
  insertIgnore(db, 'organizations', { id: orgId, org_id: orgId, name: 'Bench', type: 'law_firm', version: 0, created_at: now, updated_at: now });
  const set = db.prepare('INSERT INTO vault_meta (key, value) VALUES (?, ?)');
  for (const [k, v] of Object.entries({ org_id: orgId, user_id: userId, device_id: newId(), client_id: newId(), role: 'owner', email: 'bench@localhost' }))
    set.run(k, v);
}

function encryptedCore(dir: string, cipher: Cipher = NEW_VAULT_CIPHER): Core {
  const key = randomBytes(32);
  const db = openDatabase({ file: join(dir, `${cipher}.db`), key, cipher, create: true });
  identity(db);
  return makeCore(db, dir, 'bench', key, cipher);
}
const sqlcipherCore = (dir: string) => encryptedCore(dir, 'sqlcipher');

/** The reference: the same engine, schema, pragmas and code, without a key. */
function plainCore(dir: string): Core {
  return finishPlain(new Database(join(dir, 'plain.db')), dir);
}

function finishPlain(db: DB, dir: string): Core {
  tuneConnection(db);
  sqliteVec.load(db);
  runMigrations(db);
  identity(db);
  return makeCore(db, dir, 'bench', randomBytes(32));
}

function workload(core: Core, ops: number, seed: number) {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const ids: string[] = [];
  for (let i = 0; i < ops; i++) {
    const r = rnd();
    if (r < 0.25 || ids.length < 5) {
      ids.push(createCase(core, { caseType: 'EXPRESS_ENTRY_FSW', client: `Client ${i} Person${i % 97}` }).id as string);
    } else if (r < 0.4) {
      const id = ids[Math.floor(rnd() * ids.length)];
      try {
        setCaseStatus(core, id, 'consultation');
      } catch {
        /* already moved on */
      }
    } else if (r < 0.6) {
      addTask(core, { caseId: ids[Math.floor(rnd() * ids.length)], title: `Task ${i}`, due: '2026-12-31' });
    } else if (r < 0.85) {
      listCases(core, { status: rnd() < 0.5 ? 'draft' : undefined, sort: 'updated_at', limit: 50 });
    } else {
      showCase(core, ids[Math.floor(rnd() * ids.length)]);
    }
  }
}

export function bulkCases(core: Core, n: number) {
  const now = Date.now();
  const insert = core.db.prepare(
    `INSERT INTO cases (id, org_id, version, created_at, updated_at, case_number, case_type, status, priority, client_data, tags, assigned_consultant_id)
     VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, '[]', ?)`,
  );
  const types = ['EXPRESS_ENTRY_FSW', 'EXPRESS_ENTRY_CEC', 'STUDY_PERMIT', 'WORK_PERMIT', 'BC_PNP_TECH'];
  const names = ['Amara Okafor', 'Wei Zhang', 'Priya Sharma', 'Mateo García', 'Fatima Hassan', 'Sofia Rossi', 'Arjun Patel', 'Chloé Tremblay'];
  const consultants = Array.from({ length: 8 }, () => newId());
  core.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const t = new Date(now - i * 60_000).toISOString();
      insert.run(
        newId(),
        core.actor.orgId,
        t,
        t,
        `B-${i}`,
        types[i % types.length],
        CASE_STATUSES[i % CASE_STATUSES.length],
        PRIORITIES[i % 4],
        JSON.stringify({ name: `${names[i % names.length]} ${i}` }),
        consultants[i % 8],
      );
    }
  })();
  return consultants;
}

export async function run(args: string[]) {
  const ops = flag(args, 'ops', 2000);
  const rounds = flag(args, 'rounds', 3);
  const nCases = flag(args, 'cases', 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'casework-bench-store-'));
  try {
    const results: Array<Record<string, string | number>> = [];
    const samples: Record<'enc' | 'plain' | 'sqlcipher', number[]> = { enc: [], plain: [], sqlcipher: [] };
    // CPU time (all threads) beside wall time: on a shared machine another process's burst lands in the
    // wall time of whichever store runs then, not in this process's CPU time.
    const cpu: Record<'enc' | 'plain' | 'sqlcipher', number[]> = { enc: [], plain: [], sqlcipher: [] };
    const make = { enc: (d: string) => encryptedCore(d), plain: plainCore, sqlcipher: sqlcipherCore };
    for (let r = 0; r < rounds; r++) {
      // Rotate which store goes first so drift on a shared machine hits all alike.
      const order = (['enc', 'plain', 'sqlcipher'] as const).map((_, i, a) => a[(i + r) % a.length]);
      for (const which of order) {
        const sub = mkdtempSync(join(dir, `${which}-`));
        const core = make[which](sub);
        const c0 = process.cpuUsage();
        const [, ms] = time(() => workload(core, ops, 42 + r));
        const c = process.cpuUsage(c0);
        core.close();
        samples[which].push(ms);
        cpu[which].push((c.user + c.system) / 1000);
      }
    }
    const med = (a: number[]) => percentile(a, 50);
    results.push({
      store: `${NEW_VAULT_CIPHER === 'aegis' ? 'AEGIS-256' : 'SQLCipher 4'} (cipher of new vaults)`,
      workload_ms: med(samples.enc),
      plain_ms: med(samples.plain),
      ratio: med(samples.enc) / med(samples.plain),
      cpu_ratio: med(cpu.enc) / med(cpu.plain),
      target: '<= 1.15',
    });
    results.push({
      store: 'SQLCipher 4 (older vaults, init --cipher sqlcipher)',
      workload_ms: med(samples.sqlcipher),
      plain_ms: med(samples.plain),
      ratio: med(samples.sqlcipher) / med(samples.plain),
      cpu_ratio: med(cpu.sqlcipher) / med(cpu.plain),
      target: '',
    });
    console.log(
      `mixed workload: ${ops} operations (25% new cases with client+checklist, 15% status changes, 20% tasks, 25% list pages, 15% case files), median of ${rounds} rounds`,
    );
    table('Encrypted store vs plain SQLite (same engine, schema, pragmas and code)', results);

    const sub = mkdtempSync(join(dir, 'list-'));
    const core = encryptedCore(sub);
    const [consultants, loadMs] = time(() => bulkCases(core, nCases));
    core.db.pragma('optimize');
    const queries: Array<[string, Parameters<typeof listCases>[1]]> = [
      ['all, newest first', { sort: 'updated_at' }],
      ['status filter', { status: 'in_progress', sort: 'updated_at' }],
      ['type + priority', { type: 'STUDY_PERMIT', priority: 'high', sort: 'created_at' }],
      ['consultant', { consultantId: consultants[3], sort: 'updated_at' }],
      ['sort by case number', { sort: 'case_number', direction: 'asc' }],
      ['search client name prefix', { search: 'Wei', sort: 'updated_at' }],
      ['deep page (offset 5000)', { status: 'draft', sort: 'updated_at', offset: 5000 }],
    ];
    const rows: Array<Record<string, string | number>> = [];
    const all: number[] = [];
    for (const [label, q] of queries) {
      const samples: number[] = [];
      for (let i = 0; i < 60; i++) samples.push(time(() => listCases(core, { ...q, limit: 50 }))[1]);
      all.push(...samples);
      // The first call also counts the filter's total (then cached until cases change).
      rows.push({ query: label, first_ms: samples[0], p50_ms: percentile(samples, 50), p95_ms: percentile(samples, 95) });
    }
    rows.push({ query: 'ALL QUERIES', first_ms: Math.max(...rows.map((r) => Number(r.first_ms))), p50_ms: percentile(all, 50), p95_ms: percentile(all, 95) });
    table(`Case list page (50 rows) at ${nCases} cases (loaded in ${(loadMs / 1000).toFixed(1)} s); target p95 <= 10 ms`, rows);
    core.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
