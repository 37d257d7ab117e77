/**
 * Two real laptops (vaults made with the CLI) and the real sync server (embedded Postgres): offline
 * edits on both arrive exactly once; the same field edited on both is a visible conflict that the user
 * resolves either way; different fields of the same case both survive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../sync-server/src/testing';
import { joinedLaptop, startServer, type Laptop } from './support';

describe('two devices syncing through the server', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let org: Awaited<ReturnType<TestServer['createOrg']>>;
  let a: Laptop;
  let b: Laptop;
  let caseId: string;

  beforeAll(async () => {
    srv = await startServer();
    org = await srv.createOrg();
    a = await joinedLaptop(srv.url, org.email, org.password, 'a');
    b = await joinedLaptop(srv.url, org.email, org.password, 'b');
  });
  afterAll(async () => srv?.stop());

  it('a case made offline on A reaches B exactly once', async () => {
    const c = await a.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Amara Okafor']);
    caseId = c.id;
    const s = await a.sync();
    expect(s.rejected).toBe(0);
    expect(s.applied).toBeGreaterThan(0);
    expect(await a.json(['sync', 'status'])).toMatchObject({ pendingPushes: 0, conflicts: 0, rejected: 0 });
    await b.sync();
    const shown = await b.json(['case', 'show', caseId]);
    expect(shown.case_number).toBe(c.case_number);
    expect(shown.persons.map((p: any) => p.first_name)).toEqual(['Amara']);
    const audit = await srv.request('GET', `/v1/orgs/${org.orgId}/audit?recordId=${caseId}&table=cases`, { token: (await srv.login(org.email, org.password)).accessToken });
    expect(audit.status).toBe(200);
    // insert + the update that links the primary applicant: each applied once.
    expect((audit.body.entries ?? audit.body).filter((e: any) => (e.record_id ?? e.recordId) === caseId).length).toBe(2);
  });
});
