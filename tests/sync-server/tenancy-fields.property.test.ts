// Tenancy over fields as a property (fast-check), issue 14: for random firms, roles, cases and grants,
// canary values (a passport number, a SIN and an NI number in a person's restricted fields, and a
// canary word in each document's title and OCR text, with the passport number in that text, in the
// MRZ's extracted data and in the extraction's proposal) never appear in any shape, snapshot, export or
// server log line of a user who may not see them; and what a user may see does arrive (whole, or masked
// as •••••123). Real server, real Postgres, real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { readSnapshotBody } from '../../src-shared/sync/snapshot-reader';
import { newId } from '../../src-shared/ids';
import { SYNCED_TABLES, type Role } from '../../src-shared/schema/tables';
import { startTestServer, type TestServer } from '../../sync-server/src/testing';
import type { LoginResponse } from '../../src-shared/sync/protocol';
import { MASK_PREFIX } from '../../src-shared/policy';

const logLines: string[] = [];
let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ log: (e) => logLines.push(JSON.stringify(e)) });
});
afterAll(async () => srv?.close());

const LEVELS = ['case_team', 'consultant_only', 'admin_only'] as const;
type Level = (typeof LEVELS)[number];

interface CaseModel {
  consultant: number | null;
  staff: number[];
  assigned: number[];
  levels: Level[];
}
const orgArb = fc.record({
  roles: fc.array(fc.constantFrom<Role>('admin', 'manager', 'consultant', 'advisor', 'staff', 'paralegal', 'trainee'), { minLength: 1, maxLength: 4 }),
  cases: fc.array(
    fc.record({
      consultant: fc.option(fc.nat(3), { nil: null }),
      staff: fc.uniqueArray(fc.nat(3), { maxLength: 2 }),
      assigned: fc.uniqueArray(fc.nat(3), { maxLength: 2 }),
      levels: fc.uniqueArray(fc.constantFrom(...LEVELS), { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 2 },
  ),
});

/** A canary no other text contains: upper-case letters and digits, as a passport number is. */
const canary = (prefix: string) => `${prefix}${randomBytes(5).toString('hex').toUpperCase()}`;

interface CaseWorld {
  id: string;
  passport: string;
  sin: string;
  ni: string;
  docs: { level: Level; word: string }[];
  /** Who sees the case, and who is its consultant (restricted fields whole, consultant_only documents). */
  visibleTo: Set<string>;
  consultant: string | null;
}

/** Everything a caller's device receives of a table: every shape page's and every snapshot page's bytes. */
async function received(token: string, orgId: string, table: string, snapshotToo: boolean): Promise<string> {
  let out = '';
  let offset = '-1';
  for (;;) {
    const r = await srv.request('GET', `/v1/shape?table=${table}&offset=${offset}&orgId=${orgId}`, { token });
    expect(r.status, table).toBe(200);
    out += JSON.stringify(r.body);
    if (r.headers.get('electric-up-to-date') !== null) break;
    offset = r.headers.get('electric-offset')!;
  }
  if (!snapshotToo) return out;
  offset = '-1';
  let handle = '';
  for (;;) {
    const r = await fetch(`${srv.url}/v1/snapshot?table=${table}&offset=${offset}&orgId=${orgId}${handle ? `&handle=${handle}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(r.status).toBe(200);
    const page = await readSnapshotBody(r.body!);
    out += JSON.stringify(page.rows);
    if (page.trailer.upToDate) return out;
    [offset, handle] = [page.trailer.offset, r.headers.get('electric-handle')!];
  }
}

/** Tables that hold the canaries: read through snapshots as well as shapes. */
const CANARY_TABLES = ['persons', 'documents', 'document_metadata', 'ai_actions'];

describe('tenancy property over fields', () => {
  it('masked values and restricted documents reach no shape, snapshot, export or log line of a user who may not see them', async () => {
    await fc.assert(
      fc.asyncProperty(orgArb, async (model) => {
        const org = await srv.createOrg();
        const owner = await srv.login(org.email, org.password);
        const members: { userId: string; role: Role; login: LoginResponse }[] = [{ userId: org.userId, role: 'owner', login: owner }];
        for (const role of model.roles) {
          const u = await srv.addUser(owner, org.orgId, role);
          members.push({ userId: u.userId, role, login: await srv.login(u.email, u.password) });
        }
        const nonOwner = (i: number) => members[1 + (i % (members.length - 1))]!.userId;
        const muts: Record<string, unknown>[] = [];
        const cases: CaseWorld[] = [];
        for (const c of model.cases as CaseModel[]) {
          const id = newId();
          const consultant = c.consultant === null ? null : nonOwner(c.consultant);
          const staff = [...new Set(c.staff.map(nonOwner))];
          const assigned = [...new Set(c.assigned.map(nonOwner))];
          const w: CaseWorld = {
            id,
            passport: canary('P'),
            sin: String(100_000_000 + Math.floor(Math.random() * 899_999_999)),
            ni: canary('NI'),
            docs: [],
            visibleTo: new Set([...(consultant ? [consultant] : []), ...staff, ...assigned]),
            consultant,
          };
          for (const m of members) if (['owner', 'admin', 'manager'].includes(m.role)) w.visibleTo.add(m.userId);
          muts.push({
            table: 'cases',
            op: 'insert',
            id,
            fields: { case_number: `F-${id.slice(-6)}`, case_type: 't', assigned_consultant_id: consultant, assigned_staff: staff },
          });
          for (const u of assigned) muts.push({ table: 'case_assignments', op: 'insert', id: newId(), fields: { case_id: id, user_id: u } });
          muts.push({
            table: 'persons',
            op: 'insert',
            id: newId(),
            fields: {
              case_id: id,
              first_name: 'A',
              last_name: 'B',
              passport_info: { number: w.passport, country: 'CAN' },
              custom_fields: { sin: w.sin, ni_number: w.ni },
            },
          });
          for (const level of c.levels) {
            const docId = newId();
            const word = canary('DOC');
            w.docs.push({ level, word });
            muts.push({
              table: 'documents',
              op: 'insert',
              id: docId,
              fields: {
                case_id: id,
                document_type: 'passport',
                category: 'identity',
                title: `scan ${word}`,
                filename: 'p.png',
                original_filename: 'p.png',
                mime_type: 'image/png',
                file_size: 3,
                storage_key: randomBytes(32).toString('hex'),
                access_level: level,
              },
            });
            muts.push({
              table: 'document_metadata',
              op: 'insert',
              id: newId(),
              fields: {
                case_id: id,
                document_id: docId,
                extracted_text: `${word} PASSPORT No ${w.passport} SIN ${w.sin} NI ${w.ni}\nP<CANOKAFOR<<AMARA\n${w.passport}<<1CAN`,
                extracted_data: { mrz: { fields: { documentNumber: w.passport } }, note: word },
              },
            });
          }
          muts.push({
            table: 'ai_actions',
            op: 'insert',
            id: newId(),
            fields: {
              case_id: id,
              action_type: 'passport_mrz_extraction',
              agent_name: 'casework-mrz',
              input_data: { lines: [`${w.passport}<<1CAN`] },
              output_data: { fields: { documentNumber: w.passport } },
            },
          });
          cases.push(w);
        }
        const r = await srv.request('POST', '/v1/push', {
          token: owner.accessToken,
          body: { clientId: newId(), orgId: org.orgId, mutations: muts.map((m, i) => ({ base: null, ...m, mutationId: i + 1 })) },
        });
        expect(r.status).toBe(200);
        for (const x of r.body.results) expect(x.status, JSON.stringify(x)).toBe('applied');

        for (const m of members) {
          const said: string[] = [];
          for (const table of SYNCED_TABLES) said.push(await received(m.login.accessToken, org.orgId, table, CANARY_TABLES.includes(table)));
          const exp = await srv.request('GET', `/v1/orgs/${org.orgId}/audit/export?from=2000-01-01&to=2100-01-01&format=jsonl`, { token: m.login.accessToken });
          const list = await srv.request('GET', `/v1/orgs/${org.orgId}/audit?limit=1000`, { token: m.login.accessToken });
          const admin = m.role === 'owner' || m.role === 'admin';
          expect([exp.status, list.status], m.role).toEqual(admin ? [200, 200] : [403, 403]);
          const all = said.join('\n');
          const exported = JSON.stringify([exp.body, list.body]);
          for (const c of cases) {
            const sees = c.visibleTo.has(m.userId);
            // The case's consultant sees them whole only in a role of the consultant's line (a trainee or
            // staff member named consultant of a case keeps their own role's masks).
            const asConsultant = sees && c.consultant === m.userId && ['consultant', 'advisor', 'manager'].includes(m.role);
            const whole = admin || asConsultant;
            // Paralegal and every role above it that is not the consultant: •••••123; a trainee: nothing.
            const partial = sees && !whole && m.role !== 'trainee';
            const label = `${m.role} on case ${c.id.slice(-4)}`;
            for (const v of [c.passport, c.sin, c.ni]) {
              expect(all.includes(v), `${label}: ${v} whole`).toBe(whole);
              if (!admin) expect(exported.includes(v), `${label}: ${v} in an export`).toBe(false);
              if (partial) expect(all.includes(MASK_PREFIX + v.slice(-3)), `${label}: ${v} masked`).toBe(true);
            }
            for (const d of c.docs) {
              const docVisible = sees && (d.level === 'case_team' || admin || (d.level === 'consultant_only' && asConsultant));
              expect(all.includes(d.word), `${label}: ${d.level} document`).toBe(docVisible);
              if (!admin) expect(exported.includes(d.word), `${label}: ${d.level} document in an export`).toBe(false);
            }
          }
        }
        // The operator's log: no canary at all, whoever asked.
        const log = logLines.join('\n');
        for (const c of cases)
          for (const v of [c.passport, c.sin, c.ni, ...c.docs.map((d) => d.word)]) expect(log.includes(v), `log line with ${v}`).toBe(false);
      }),
      { numRuns: 3 },
    );
  }, 480_000);
});
