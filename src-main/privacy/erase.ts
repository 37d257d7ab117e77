/**
 * Erasure of a person (issue 19; GDPR art. 17, Law 25 art. 28.1, PIPEDA principle 4.5.3): their rows are
 * scrubbed and deleted (or, with --anonymise, scrubbed and kept, when retention requires keeping the case
 * whole), their documents crypto-shredded, and every trace of them on this laptop removed.
 *
 * Synced rows are changed through the core's writer: the scrub (personal fields nulled or replaced by
 * "[erased]") and then the tombstone travel to the firm's server and from there to every laptop that
 * holds the case, so no copy keeps the values. What is only local is purged here: the file keys (set
 * null in the scrub) and the encrypted blobs, the search index (FTS segments merged so deleted tokens
 * leave them, embedded chunks and their vectors), the values in the local audit log (redacted; the
 * redaction is listed in the erasure's own entry, which verifyLocalAudit checks), the outbox of a solo
 * vault, then secure_delete and a VACUUM with a truncating checkpoint so nothing remains in free pages
 * or in the write-ahead log. The erasure's audit entry records what and why, never the data itself.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../src-shared/errors';
import { newId } from '../../src-shared/ids';
import { TABLES, columnsOf, type TableSpec } from '../../src-shared/schema/tables';
import type { Core } from '../core/core';
import { appendAudit } from '../core/audit';
import { read, write, type Row } from '../core/writer';
import { checkpointIfFree } from '../db/open';
import { personReferences } from './person-export';
import { queueNotice, type ErasureNotice } from './erasure-log';
import { scrubFields } from '../../src-shared/privacy/scrub';

export { scrubFields };

export { ERASED } from '../../src-shared/privacy/scrub';
import { ERASED } from '../../src-shared/privacy/scrub';

export interface EraseOptions {
  reason: string;
  /** Keep the person's row (scrubbed) and their consents and family links, for a case retention keeps. */
  anonymise?: boolean;
}

export interface EraseResult {
  erasureId: string;
  personId: string;
  mode: 'erase' | 'anonymise';
  rows: Record<string, number>;
  blobsDeleted: number;
  auditEntriesRedacted: number;
  /** What the server and the firm's other laptops are told (erasure-log.ts): ids and blob hashes, no values. */
  notice: ErasureNotice;
}

/** Strings that identify the person wherever they were copied: full name, email, phone, passport numbers. */
function identifiers(person: Row): string[] {
  const out = new Set<string>();
  const full = `${String(person.first_name ?? '')} ${String(person.last_name ?? '')}`.trim();
  if (full.includes(' ')) out.add(full);
  for (const k of ['email', 'phone']) if (typeof person[k] === 'string') out.add(person[k] as string);
  const walk = (v: unknown) => {
    if (typeof v === 'string' && /^[A-Z0-9<]{6,}$/i.test(v) && /\d/.test(v)) out.add(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(person.passport_info);
  return [...out].filter((s) => s.length >= 5);
}

function replaceAll(text: string, needles: string[]): string {
  let t = text;
  for (const n of needles) t = t.split(n).join(ERASED);
  return t;
}

export function erasePerson(core: Core, personId: string, opts: EraseOptions): EraseResult {
  const reason = (opts.reason ?? '').trim();
  if (!reason) throw new UserError('invalid_input', 'an erasure needs its reason (--reason), kept in the audit log');
  if (reason.length > 500) throw new UserError('invalid_input', 'the reason is longer than 500 characters');
  if (!['owner', 'admin'].includes(core.actor.role)) throw new UserError('forbidden', 'only an owner or admin may erase a person');
  const person = read(core, 'persons', personId);
  if (!person) throw new UserError('not_found', `no person with id ${personId}`);
  const mode = opts.anonymise ? 'anonymise' : 'erase';
  const needles = identifiers(person);
  const caseId = person.case_id as string | null;
  const erasureId = newId();
  const touched = new Set<string>([personId]);
  const counts: Record<string, number> = {};
  const storageKeys = new Set<string>();
  const versionIds = new Set<string>();
  const count = (t: string) => (counts[t] = (counts[t] ?? 0) + 1);

  const scrubAndMaybeDelete = (table: string, row: Row, del: boolean) => {
    const spec = TABLES[table];
    const fields = scrubFields(spec, row);
    if (Object.keys(fields).length) write(core, { table, op: 'update', id: row.id as string, fields, description: `erasure ${erasureId}` });
    if (del) write(core, { table, op: 'delete', id: row.id as string, description: `erasure ${erasureId}` });
    touched.add(row.id as string);
    count(table);
  };
  const live = (table: string, where: string, params: unknown[]) =>
    (
      core.db
        .prepare(`SELECT id FROM ${table} WHERE deleted_at IS NULL AND (${where})`)
        .pluck()
        .all(...params) as string[]
    ).map((id) => read(core, table, id)!);

  let redacted = 0;
  let notice: ErasureNotice | undefined;
  core.db.pragma('secure_delete = ON');
  try {
    core.tx(() => {
      // Documents first: their versions hold the file keys and blob addresses.
      for (const doc of live('documents', 'person_id = ?', [personId])) {
        for (const v of live('document_versions', 'document_id = ?', [doc.id])) {
          storageKeys.add(v.storage_key as string);
          versionIds.add(v.id as string);
          scrubAndMaybeDelete('document_versions', v, true);
        }
        for (const m of live('document_metadata', 'document_id = ?', [doc.id])) scrubAndMaybeDelete('document_metadata', m, true);
        storageKeys.add(doc.storage_key as string);
        scrubAndMaybeDelete('documents', doc, true);
      }
      // Every other row that names the person.
      for (const { spec, columns } of personReferences()) {
        if (spec.name === 'documents') continue;
        if (mode === 'anonymise' && (spec.name === 'consents' || spec.name === 'family_members')) continue;
        for (const row of live(
          spec.name,
          columns.map((c) => `${c} = ?`).join(' OR '),
          columns.map(() => personId),
        ))
          scrubAndMaybeDelete(spec.name, row, true);
      }
      scrubAndMaybeDelete('persons', person, mode === 'erase');
      scrubTombstones(core, personId, counts);
      // Where the person's name or numbers were copied into the case's other rows (events, the case's
      // client data, tasks): replaced in place.
      if (caseId && needles.length) {
        for (const spec of Object.values(TABLES)) {
          if (spec.scope !== 'case') continue;
          const col = spec.caseColumn!;
          for (const raw of core.db.prepare(`SELECT * FROM ${spec.name} WHERE deleted_at IS NULL AND ${col} = ?`).all(caseId) as Row[]) {
            const fields: Record<string, unknown> = {};
            for (const [name, c] of Object.entries(columnsOf(spec))) {
              const v = raw[name];
              if (typeof v !== 'string' || c.kind === 'uuid' || c.enum || !needles.some((n) => v.includes(n))) continue;
              fields[name] = c.kind === 'json' ? JSON.parse(replaceAll(v, needles)) : replaceAll(v, needles);
            }
            if (!Object.keys(fields).length) continue;
            write(core, { table: spec.name, op: 'update', id: raw.id as string, fields, description: `erasure ${erasureId}` });
            touched.add(raw.id as string);
            count(spec.name);
          }
        }
      }
      purgeSearch(core, personId, touched, needles);
      redacted = redactAudit(core, touched, needles, erasureId);
      if (core.meta('mode') === 'solo') purgeOutbox(core, touched, needles);
      appendAudit(core.db, core.actor, {
        event_type: 'person_erased',
        table_name: 'persons',
        record_id: personId,
        description: `person ${mode === 'erase' ? 'erased' : 'anonymised'}: ${reason}`,
        // new_values is covered by the entry's hash: the redactions it lists are what verifyLocalAudit accepts.
        new_values: { erasureId, mode, rows: counts, redactedSeqs: redactedSeqs(core, erasureId) },
        metadata: { erasureId },
      });
      notice = {
        erasureId,
        personId,
        mode,
        rowIds: [...touched],
        versionIds: [...versionIds],
        storageKeys: [...storageKeys].filter((k) => /^[0-9a-f]{64}$/.test(k)),
      };
      queueNotice(core, notice);
    });
  } finally {
    core.db.pragma('secure_delete = OFF');
  }
  const blobsDeleted = deleteUnusedBlobs(core, storageKeys);
  // Free pages and the log still hold the old bytes (encrypted, but under a key the laptop keeps):
  // rebuild the file and truncate the log.
  core.settle(); // a sync write window still open would make VACUUM fail
  core.db.exec('VACUUM');
  checkpointIfFree(core.db, 'TRUNCATE');
  return { erasureId, personId, mode, rows: counts, blobsDeleted, auditEntriesRedacted: redacted, notice: notice! };
}

/**
 * Rows about the person deleted before the erasure still hold their values under the tombstone; the
 * writer refuses to edit a deleted row, so they are scrubbed here (the server's copies of them are
 * tombstones that no shape serves again).
 */
function scrubTombstones(core: Core, personId: string, counts: Record<string, number>): void {
  const tables: Array<{ spec: TableSpec; where: string; params: unknown[] }> = [{ spec: TABLES.persons, where: 'id = ?', params: [personId] }];
  for (const { spec, columns } of personReferences())
    tables.push({ spec, where: columns.map((c) => `${c} = ?`).join(' OR '), params: columns.map(() => personId) });
  for (const { spec, where, params } of tables) {
    for (const raw of core.db.prepare(`SELECT * FROM ${spec.name} WHERE deleted_at IS NOT NULL AND (${where})`).all(...params) as Row[]) {
      const row = read(core, spec.name, raw.id as string, { includeDeleted: true })!;
      const fields = scrubFields(spec, row);
      const names = Object.keys(fields);
      if (!names.length) continue;
      const enc = (v: unknown) => (v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : v);
      core.db.prepare(`UPDATE ${spec.name} SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`).run(...names.map((n) => enc(fields[n])), raw.id);
      counts[spec.name] = (counts[spec.name] ?? 0) + 1;
    }
  }
}

export function redactedSeqs(core: Core, erasureId: string): number[] {
  return core.db.prepare("SELECT seq FROM audit_log WHERE json_extract(metadata, '$.redacted') = ? ORDER BY seq").pluck().all(erasureId) as number[];
}

/**
 * The values of every audit entry about a touched row, and any entry whose text names the person, are
 * removed; the entry stays (its hash and place in the chain) and says which erasure redacted it.
 */
export function redactAudit(core: Core, touched: Set<string>, needles: string[], erasureId: string): number {
  const all = core.db
    .prepare("SELECT seq, record_id, old_values, new_values, description, metadata FROM audit_log WHERE event_type <> 'person_erased'")
    .all() as Array<Record<string, string | null>>;
  const update = core.db.prepare('UPDATE audit_log SET old_values = NULL, new_values = NULL, description = ?, metadata = ? WHERE seq = ?');
  let n = 0;
  for (const e of all) {
    const text = `${e.old_values ?? ''}${e.new_values ?? ''}${e.description ?? ''}`;
    if (!(e.record_id && touched.has(e.record_id)) && !needles.some((s) => text.includes(s))) continue;
    const meta = { ...(JSON.parse(e.metadata || '{}') as Record<string, unknown>), redacted: erasureId };
    update.run(e.description ? replaceAll(e.description, needles) : null, JSON.stringify(meta), e.seq);
    n++;
  }
  return n;
}

/** A solo vault's outbox is never pushed: entries about the touched rows would keep their values forever. */
export function purgeOutbox(core: Core, touched: Set<string>, needles: string[]): void {
  const del = core.db.prepare('DELETE FROM sync_outbox WHERE mutation_id = ?');
  for (const e of core.db.prepare('SELECT mutation_id, row_id, fields, base FROM sync_outbox').all() as Array<Record<string, string | number | null>>) {
    const text = `${String(e.fields ?? '')}${String(e.base ?? '')}`;
    if (touched.has(e.row_id as string) || needles.some((s) => text.includes(s))) del.run(e.mutation_id);
  }
}

/**
 * The search index: the FTS rows follow their tables by trigger, but a deleted FTS5 row leaves its tokens
 * in the index segments until they merge, so every FTS table is merged ('optimize'). Embedded chunks of
 * the erased rows (and any chunk quoting the person) go with their vectors; what remains is re-queued.
 */
export function purgeSearch(core: Core, personId: string, touched: Set<string>, needles: string[]): void {
  const db = core.db;
  const hasTable = (name: string) => !!db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(name);
  if (hasTable('search_chunks')) {
    const chunks = db.prepare('SELECT id, kind, ref_id, text FROM search_chunks').all() as Array<{ id: number; kind: string; ref_id: string; text: string }>;
    const gone = chunks.filter((c) => c.ref_id === personId || touched.has(c.ref_id) || needles.some((n) => c.text.includes(n)));
    const vec = hasTable('search_vectors') ? db.prepare('DELETE FROM search_vectors WHERE rowid = ?') : undefined;
    const del = db.prepare('DELETE FROM search_chunks WHERE id = ?');
    const requeue = db.prepare(
      'INSERT INTO search_embed_queue (kind, ref_id, seq) VALUES (?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM search_embed_queue)) ON CONFLICT (kind, ref_id) DO NOTHING',
    );
    for (const c of gone) {
      vec?.run(BigInt(c.id));
      del.run(c.id);
      if (c.ref_id !== personId && !touched.has(c.ref_id)) requeue.run(c.kind, c.ref_id);
    }
  }
  if (hasTable('search_embed_queue')) {
    const dq = db.prepare('DELETE FROM search_embed_queue WHERE ref_id = ?');
    for (const id of touched) if (id !== personId || !read(core, 'persons', personId)) dq.run(id);
  }
  const fts = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'").pluck().all() as string[];
  for (const t of fts) db.prepare(`INSERT INTO "${t}" ("${t}") VALUES ('optimize')`).run();
}

/** The encrypted blobs no live document version still points at (two documents may share one). */
export function deleteUnusedBlobs(core: Core, keys: Set<string>): number {
  const used = core.db.prepare('SELECT 1 FROM document_versions WHERE storage_key = ? AND deleted_at IS NULL');
  let n = 0;
  for (const k of keys) {
    if (!/^[0-9a-f]{64}$/.test(k) || used.get(k)) continue;
    const path = join(core.dataDir, 'blobs', k.slice(0, 2), `${k}.cwb`);
    if (existsSync(path)) {
      rmSync(path);
      n++;
    }
  }
  return n;
}
