/**
 * npm run bench -- policy [--cases=N]: what the policy costs (issue 14).
 *  - Shape and snapshot throughput of a consultant's persons and documents with policies on (the
 *    firm has 20 roles in org_roles; the consultant's masks 10 fields, restricted ones included) against
 *    the same reads with the policy's SQL off, in the same run, alternating (target: on >= 0.8x off).
 *  - A push's policy check (facts to decision: checkWrite, rowAccess, restoreMasked) p95 (target <= 1 ms).
 */
import { execSync } from 'node:child_process';
import { newId } from '../src-shared/ids';
import { startTestServer, type TestServer } from '../sync-server/src/testing';
import { readEnforcement } from '../sync-server/src/policy';
import { readSnapshotBody } from '../src-shared/sync/snapshot-reader';
import { caseFacts, checkWrite, policyForRole, restoreMasked, rowAccess, rowFacts, type RoleDef } from '../src-shared/policy';
import { flag, percentile, table } from './_util';

const MASKED = [
  'email',
  'phone',
  'place_of_birth',
  'gender',
  'marital_status',
  'immigration_status',
  'middle_name',
  'passport_info.number',
  'custom_fields.sin',
  'custom_fields.ni_number',
];

/** The bench's firm: 20 roles, `cases` cases each with a person and a document, and a consultant on all of them (as staff). */
export async function seedPolicyBench(srv: TestServer, cases: number) {
  const org = await srv.createOrg({ name: 'Bench policy' });
  const owner = await srv.login(org.email, org.password);
  const c = await srv.addUser(owner, org.orgId, 'consultant');
  const consultant = await srv.login(c.email, c.password);
  let mid = 0;
  const client = newId();
  const push = async (mutations: Array<Record<string, unknown>>) => {
    const r = await srv.request('POST', '/v1/push', {
      token: owner.accessToken,
      body: { clientId: client, orgId: org.orgId, mutations: mutations.map((m) => ({ base: null, ...m, mutationId: ++mid })) },
    });
    if (r.status !== 200 || r.body.results.some((x: { status: string }) => x.status !== 'applied'))
      throw new Error(`push failed: ${JSON.stringify(r.body).slice(0, 300)}`);
  };
  // 20 roles: 19 custom ones and the firm's consultant, which masks 10 person fields (hidden or partial).
  const roles = Array.from({ length: 19 }, (_, i) => ({
    table: 'org_roles',
    op: 'insert',
    id: newId(),
    fields: {
      role_key: `custom_${i}`,
      inherits: i % 2 ? 'staff' : 'paralegal',
      remove_rules: [{ action: 'read', subject: 'persons', fields: [MASKED[i % 10]!] }],
    },
  }));
  roles.push({
    table: 'org_roles',
    op: 'insert',
    id: newId(),
    fields: {
      role_key: 'consultant',
      inherits: 'consultant',
      remove_rules: [{ action: 'read', subject: 'persons', fields: MASKED }],
      // partial for the text ones the policy can show as •••••123
      add_rules: [{ action: 'read_partial', subject: 'persons', fields: ['email', 'phone', 'passport_info.number', 'custom_fields.sin'] }],
    } as never,
  });
  await push(roles);
  for (let i = 0; i < cases; i += 150) {
    const batch: Array<Record<string, unknown>> = [];
    for (let j = i; j < Math.min(cases, i + 150); j++) {
      const caseId = newId();
      batch.push({ table: 'cases', op: 'insert', id: caseId, fields: { case_number: `B-${j}`, case_type: 'EXPRESS_ENTRY_FSW', assigned_staff: [c.userId] } });
      batch.push({
        table: 'persons',
        op: 'insert',
        id: newId(),
        fields: {
          case_id: caseId,
          first_name: 'P',
          last_name: `N${j}`,
          email: `p${j}@example.test`,
          phone: '555-0100',
          passport_info: { number: `AB${1000000 + j}` },
          custom_fields: { sin: `04645${j}` },
        },
      });
      batch.push({
        table: 'documents',
        op: 'insert',
        id: newId(),
        fields: {
          case_id: caseId,
          document_type: 'passport',
          category: 'identity',
          title: `d${j}`,
          filename: 'f',
          original_filename: 'f',
          file_size: 1,
          mime_type: 'image/png',
          storage_key: 'k',
          access_level: ['case_team', 'consultant_only', 'admin_only'][j % 3],
        },
      });
    }
    await push(batch);
  }
  return { org, owner, consultant, consultantId: c.userId };
}

export async function run(args: string[]): Promise<void> {
  const cases = flag(args, 'cases', 2000);
  const srv = await startTestServer();
  try {
    const { org, consultant } = await seedPolicyBench(srv, cases);

    const readAll = async (kind: 'snapshot' | 'shape', tbl: string): Promise<number> => {
      let n = 0;
      for (let offset = '-1', handle = ''; ;) {
        const q = `table=${tbl}&offset=${offset}&orgId=${org.orgId}${handle ? `&handle=${handle}` : ''}`;
        if (kind === 'snapshot') {
          const r = await fetch(`${srv.url}/v1/snapshot?${q}`, { headers: { authorization: `Bearer ${consultant.accessToken}` } });
          const page = await readSnapshotBody(r.body!);
          n += page.rows.length;
          [offset, handle] = [page.trailer.offset, r.headers.get('electric-handle')!];
          if (page.trailer.upToDate) return n;
        } else {
          const r = await srv.request('GET', `/v1/shape?${q}`, { token: consultant.accessToken });
          n += (r.body as Array<{ value?: unknown }>).filter((m) => m.value).length;
          if (r.headers.has('electric-up-to-date')) return n;
          [offset, handle] = [r.headers.get('electric-offset')!, r.headers.get('electric-handle')!];
        }
      }
    };
    const rows: Array<Record<string, string | number>> = [];
    for (const kind of ['snapshot', 'shape'] as const) {
      for (const tbl of ['persons', 'documents']) {
        const rate = { on: [] as number[], off: [] as number[] };
        const count = { on: 0, off: 0 };
        for (let rep = 0; rep < 4; rep++) {
          for (const mode of rep % 2 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
            readEnforcement.on = mode === 'on';
            const t = performance.now();
            count[mode] = await readAll(kind, tbl);
            rate[mode].push(count[mode] / ((performance.now() - t) / 1000));
          }
        }
        readEnforcement.on = true;
        const best = (xs: number[]) => Math.max(...xs);
        rows.push({
          read: kind,
          table: tbl,
          'rows on': count.on,
          'rows off': count.off,
          'rows/s on': Math.round(best(rate.on)),
          'rows/s off': Math.round(best(rate.off)),
          'on/off': best(rate.on) / best(rate.off),
        });
      }
    }
    table(`Reads as a consultant on ${cases} cases (best of 4 each, alternating; 20 roles, 10 masked fields)`, rows);

    // A push's policy check: facts to decision, as push.ts's checkMutation does after its facts query.
    const def: RoleDef = { key: 'consultant', inherits: 'consultant', remove: [{ action: 'read', subject: 'persons', fields: MASKED }] };
    const policy = policyForRole('consultant', new Map([['consultant', def]]));
    const samples: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const t = performance.now();
      const stored = { passport_info: { number: `AB${i}` }, custom_fields: { sin: `x${i}` }, email: 'a@b.c' };
      const facts = rowFacts('persons', stored, caseFacts('u', { assigned_staff: ['u'], case_type: 'X', status: 'active' }, []));
      const access = rowAccess(policy, 'persons', facts).fields;
      const fields = restoreMasked('persons', { passport_info: { number: '•••••' }, email: 'n@b.c', first_name: 'Z' }, stored, access);
      checkWrite(policy, 'update', 'persons', facts, [...Object.keys(fields), 'passport_info.number']);
      samples.push(performance.now() - t);
    }
    table('Push policy check (20,000 mutations)', [
      { 'p50 ms': percentile(samples, 50), 'p95 ms': percentile(samples, 95), 'p99 ms': percentile(samples, 99), target: 'p95 <= 1 ms' },
    ]);
    console.log(`\nuptime: ${execSync('uptime').toString().trim()}`);
  } finally {
    await srv.close();
  }
}
