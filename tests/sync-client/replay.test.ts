/**
 * Edits queued offline replay exactly once: the server's audit has one entry per edit and the row's
 * value is the last edit; sending the same entries again (as after an answer lost to a crash) changes
 * nothing on the server. 2,000 edits in `npm test`; the full 10,000 in `npm run test:long` (about four
 * minutes on this machine, which kept `npm test` over its 20 minutes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../src-main/core/core';
import { updateCase } from '../../src-main/cases/cases';
import { PASS } from '../support/cli';
import { joinedLaptop, startServer, type Laptop } from './support';

const EDITS = process.env.CASEWORK_TEST_LONG === '1' ? 10_000 : 2_000;

describe('a long offline outbox', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let org: Awaited<ReturnType<Awaited<ReturnType<typeof startServer>>['createOrg']>>;
  let l: Laptop;

  beforeAll(async () => {
    srv = await startServer();
    org = await srv.createOrg();
    l = await joinedLaptop(srv.url, org.email, org.password, 'replay');
  });
  afterAll(async () => srv?.stop());

  async function serverAuditCount(recordId: string): Promise<number> {
    const admin = await srv.login(org.email, org.password);
    let n = 0;
    let after: number | null = 0;
    while (after !== null) {
      const r = await srv.request('GET', `/v1/orgs/${org.orgId}/audit?table=cases&recordId=${recordId}&limit=1000&after=${after}`, {
        token: admin.accessToken,
      });
      expect(r.status).toBe(200);
      n += r.body.entries.length;
      after = r.body.next;
    }
    return n;
  }

  it(`replays ${EDITS} queued edits exactly once`, async () => {
    const c = await l.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Long Offline']);
    await l.sync();
    const base = await serverAuditCount(c.id);

    const core = await openCore({ dataDir: l.data, passphrase: PASS });
    try {
      core.tx(() => {
        for (let i = 1; i <= EDITS; i++) updateCase(core, c.id, { source: `edit-${i}` });
      });
    } finally {
      core.close();
    }
    expect((await l.json(['sync', 'status'])).pendingPushes).toBe(EDITS);

    const s = await l.sync();
    expect(s).toMatchObject({ sent: EDITS, applied: EDITS, conflicts: 0, rejected: 0 });
    expect(await serverAuditCount(c.id)).toBe(base + EDITS);

    // The answers of the last 1,200 pushes were "lost": the entries are pending again and sent again.
    const again = await openCore({ dataDir: l.data, passphrase: PASS });
    try {
      again.db.prepare("UPDATE sync_outbox SET status = 'pending' WHERE mutation_id > (SELECT max(mutation_id) - 1200 FROM sync_outbox)").run();
    } finally {
      again.close();
    }
    const s2 = await l.sync();
    expect(s2).toMatchObject({ sent: 1200, applied: 1200, rejected: 0, conflicts: 0 });
    expect(await serverAuditCount(c.id)).toBe(base + EDITS);
    expect(await l.json(['sync', 'status'])).toMatchObject({ pendingPushes: 0, rejected: 0, conflicts: 0 });

    // Another device sees the last value.
    const other = await joinedLaptop(srv.url, org.email, org.password, 'replay-b');
    await other.sync();
    expect((await other.json(['case', 'show', c.id])).source).toBe(`edit-${EDITS}`);
  }, 400_000);
});
