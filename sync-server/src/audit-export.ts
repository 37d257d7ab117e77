/**
 * Audit export and its offline verification (issue 15; formats and proof in
 * src-shared/sync/audit-export.ts).
 *
 * An export is made only from a chain that verifies against its signed checkpoints (verifyAudit): the
 * server's signature on the range must never vouch for a chain rewritten in the database. The range
 * is the org's entries from the first whose time is at or after `from` to the last whose time is
 * before `to`, with every entry between them: times follow the order entries were written, which can
 * differ from chain order by a few milliseconds, and a proof needs an unbroken run of the chain.
 * Entries are read and written page by page, so a large range streams in bounded memory.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { parse as parseCsv } from 'csv-parse/sync';
import { checkpointMessage } from '../../src-shared/sync/audit-checkpoints';
import {
  AUDIT_EXPORT_COLUMNS,
  AUDIT_EXPORT_JSON_COLUMNS,
  AuditExportProof,
  CSV_PROOF_PREFIX,
  exportProofMessage,
  type AuditExportFormat,
  type AuditExportVerifyResult,
} from '../../src-shared/sync/audit-export';
import type { Database } from './db/postgres';
import { HttpError } from './auth';
import { GENESIS, auditKeyOf, chainAudit, entryHash, verifyAudit } from './audit';
import { signCheckpoint } from './audit-key';

const PAGE = 2000;

export interface AuditExportRange {
  orgId: string;
  /** ISO instants: from <= at < to. */
  from: string;
  to: string;
  format: AuditExportFormat;
}

type Entry = Record<(typeof AUDIT_EXPORT_COLUMNS)[number], unknown>;

function entryOf(row: Record<string, unknown>): Entry {
  const e = Object.fromEntries(AUDIT_EXPORT_COLUMNS.map((k) => [k, row[k] ?? null])) as Entry;
  e.seq = Number(row.seq);
  e.at = new Date(String(row.at)).toISOString();
  return e;
}

function csvRow(e: Entry): string {
  return stringify([
    AUDIT_EXPORT_COLUMNS.map((k) => {
      const v = e[k];
      if (v === null || v === undefined) return '';
      return AUDIT_EXPORT_JSON_COLUMNS.has(k) ? JSON.stringify(v) : String(v);
    }),
  ]);
}

/**
 * Check the chain, then return the export as a stream of text chunks (entries, then the signed
 * proof). Refuses (409) a chain that does not verify and (400) an empty or reversed range.
 */
export async function prepareAuditExport(db: Database, range: AuditExportRange): Promise<AsyncGenerator<string>> {
  const key = auditKeyOf(db);
  if (!key) throw new HttpError(503, 'unavailable', 'this server has no audit key, so it cannot sign an export');
  if (!(Date.parse(range.from) < Date.parse(range.to))) throw new HttpError(400, 'bad_request', 'the range must start before it ends (from < to)');
  const orgId = range.orgId.toLowerCase();
  await chainAudit(db, orgId); // entries still pending (a crash between commit and chaining) first
  const check = await db.withOrg(orgId, (tx) => verifyAudit(tx, orgId));
  if (!check.ok)
    throw new HttpError(409, 'audit_chain_broken', `the audit chain does not verify, so an export of it would prove nothing: ${check.problems.join('; ')}`);
  // Entries chained after the check are left out: the signature covers only what was verified.
  const head = check.entries;
  const bounds = await db.withOrg(orgId, (tx) =>
    tx.query(
      `SELECT (SELECT min(seq) FROM server_audit WHERE org_id = $1 AND seq <= $4 AND at >= $2::timestamptz) AS first,
              (SELECT max(seq) FROM server_audit WHERE org_id = $1 AND seq <= $4 AND at < $3::timestamptz) AS last`,
      [orgId, range.from, range.to, head],
    ),
  );
  const first = bounds.rows[0].first === null ? null : Number(bounds.rows[0].first);
  const last = bounds.rows[0].last === null ? null : Number(bounds.rows[0].last);
  const empty = first === null || last === null || first > last;

  async function* generate(): AsyncGenerator<string> {
    if (range.format === 'csv') yield stringify([[...AUDIT_EXPORT_COLUMNS]]);
    let count = 0;
    let firstPrevHash: string | null = null;
    let firstHash: string | null = null;
    let lastHash: string | null = null;
    if (!empty) {
      let after = first - 1;
      while (after < last) {
        const r = await db.withOrg(orgId, (tx) =>
          tx.query('SELECT * FROM server_audit WHERE org_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4', [orgId, after, last, PAGE]),
        );
        if (!r.rowCount) break;
        let out = '';
        for (const row of r.rows) {
          const e = entryOf(row);
          if (count === 0) {
            firstPrevHash = String(e.prev_hash);
            firstHash = String(e.hash);
          } else if (e.prev_hash !== lastHash) throw new Error(`audit entry seq ${e.seq} does not follow the one before it`);
          lastHash = String(e.hash);
          count++;
          out += range.format === 'csv' ? csvRow(e) : `${JSON.stringify(e)}\n`;
        }
        after = Number(r.rows[r.rows.length - 1].seq);
        yield out;
      }
      if (count !== last - first + 1) throw new Error('the audit chain changed while it was exported');
    }
    const body = {
      orgId,
      from: range.from,
      to: range.to,
      entries: count,
      firstSeq: count ? first : null,
      lastSeq: count ? last : null,
      firstPrevHash,
      firstHash,
      lastHash,
      exportedAt: new Date().toISOString(),
      keyId: key!.keyId,
    };
    const proof: AuditExportProof = {
      type: 'casework-audit-export-proof',
      version: 1,
      ...body,
      publicKey: key!.publicKeyRaw,
      checkpoint: count ? signCheckpoint(key!, { orgId, seq: last!, headHash: lastHash!, at: body.exportedAt }) : null,
      signature: sign(null, Buffer.from(exportProofMessage(body)), key!.privateKey).toString('base64'),
    };
    yield range.format === 'csv' ? `${CSV_PROOF_PREFIX}${JSON.stringify(proof)}\n` : `${JSON.stringify({ proof })}\n`;
  }
  return generate();
}

/** The whole export as one string (the command line and tests). */
export async function auditExportText(db: Database, range: AuditExportRange): Promise<string> {
  let s = '';
  for await (const chunk of await prepareAuditExport(db, range)) s += chunk;
  return s;
}

/** The Ed25519 public key from its raw 32 bytes (base64), and its key id as audit-key.ts computes it. */
function rawKey(b64: string): { key: KeyObject; keyId: string } | null {
  const raw = Buffer.from(b64, 'base64');
  if (raw.length !== 32) return null;
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    return { key, keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16) };
  } catch {
    return null;
  }
}

function splitExport(text: string): { format: AuditExportFormat; rows: Record<string, unknown>[]; proof: unknown } {
  const body = text.replace(/^\uFEFF/, '');
  if (body.startsWith('{')) {
    const lines = body.split('\n').filter((l) => l.trim() !== '');
    const parsed = lines.map((l, i) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new Error(`line ${i + 1} is not JSON`);
      }
    });
    const last = parsed.pop();
    return { format: 'jsonl', rows: parsed, proof: last?.proof };
  }
  const at = body.lastIndexOf(`\n${CSV_PROOF_PREFIX}`);
  if (at < 0) throw new Error('the CSV has no proof line');
  const proofLine = body.slice(at + 1 + CSV_PROOF_PREFIX.length).trim();
  if (proofLine.includes('\n')) throw new Error('the proof must be the last line');
  const records = parseCsv(body.slice(0, at + 1), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const rows = records.map((r) => {
    const e: Record<string, unknown> = {};
    for (const k of AUDIT_EXPORT_COLUMNS) {
      const v = r[k];
      if (v === undefined) throw new Error(`the CSV has no ${k} column`);
      e[k] = v === '' ? null : AUDIT_EXPORT_JSON_COLUMNS.has(k) ? JSON.parse(v) : v;
    }
    return e;
  });
  let proof: unknown;
  try {
    proof = JSON.parse(proofLine);
  } catch {
    throw new Error('the proof line is not JSON');
  }
  return { format: 'csv', rows, proof };
}

/**
 * Verify an export offline against the audit public key the verifier trusts (base64 of the raw 32
 * bytes: the one laptops pinned, or the server's key file). Every entry's hash is recomputed, the
 * links and the ends are compared with the proof, and both signatures are checked.
 */
export function verifyAuditExport(text: string, trustedPublicKey: string): AuditExportVerifyResult {
  const out: AuditExportVerifyResult = { ok: false, format: null, orgId: null, entries: 0, firstSeq: null, lastSeq: null, problems: [] };
  let parts: ReturnType<typeof splitExport>;
  try {
    parts = splitExport(text);
  } catch (e) {
    out.problems.push(`not an audit export: ${(e as Error).message}`);
    return out;
  }
  out.format = parts.format;
  const p = AuditExportProof.safeParse(parts.proof);
  if (!p.success) {
    out.problems.push('the export has no valid proof');
    return out;
  }
  const proof = p.data;
  const problems = out.problems;
  Object.assign(out, { orgId: proof.orgId, entries: parts.rows.length, firstSeq: proof.firstSeq, lastSeq: proof.lastSeq });

  const trusted = rawKey(trustedPublicKey);
  if (!trusted) problems.push('the trusted public key is not a raw Ed25519 key (base64 of 32 bytes)');
  else if (proof.publicKey !== trustedPublicKey || proof.keyId !== trusted.keyId) problems.push("the export is signed with another key than the server's");
  else {
    const { signature, checkpoint, publicKey: _k, type: _t, version: _v, ...signed } = proof;
    if (!verify(null, Buffer.from(exportProofMessage(signed)), trusted.key, Buffer.from(signature, 'base64')))
      problems.push("the proof's signature does not verify: the range it states was altered");
    if (proof.entries > 0) {
      if (!checkpoint) problems.push('the proof has no checkpoint for its last entry');
      else {
        if (!verify(null, Buffer.from(checkpointMessage(checkpoint)), trusted.key, Buffer.from(checkpoint.signature, 'base64')))
          problems.push("the checkpoint's signature does not verify");
        if (checkpoint.orgId.toLowerCase() !== proof.orgId || checkpoint.seq !== proof.lastSeq || checkpoint.headHash !== proof.lastHash)
          problems.push('the checkpoint is not for the last entry of the export');
      }
    }
  }

  if (parts.rows.length !== proof.entries) problems.push(`the proof counts ${proof.entries} entries but the file holds ${parts.rows.length}`);
  let prev = proof.firstPrevHash ?? GENESIS;
  let expectSeq = proof.firstSeq ?? 1;
  for (const row of parts.rows) {
    const seq = Number(row.seq);
    if (seq !== expectSeq) {
      problems.push(`entry seq ${row.seq} is out of place (seq ${expectSeq} expected): entries were removed, added or moved`);
      break;
    }
    if (row.prev_hash !== prev) {
      problems.push(`entry seq ${seq} does not follow from the one before it`);
      break;
    }
    if (entryHash({ ...row, seq, org_id: proof.orgId }) !== row.hash) {
      problems.push(`entry seq ${seq} was altered (its content does not match its hash)`);
      break;
    }
    prev = String(row.hash);
    expectSeq++;
  }
  const first = parts.rows[0];
  const last = parts.rows[parts.rows.length - 1];
  if (first && first.hash !== proof.firstHash) problems.push('the first entry is not the one the proof names');
  if (last && (last.hash !== proof.lastHash || Number(last.seq) !== proof.lastSeq)) problems.push('the last entry is not the one the proof names');
  out.ok = problems.length === 0;
  return out;
}
