/**
 * Two real laptops (vaults made with the CLI) and the real sync server (embedded Postgres): offline
 * edits on both arrive exactly once; the same field edited on both is a visible conflict that the user
 * resolves either way; different fields of the same case both survive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../sync-server/src/testing';
import { newId } from '../../src-shared/ids';
import { spawnCli } from '../support/cli';
import { joinedLaptop, laptop, startServer, type Laptop } from './support';

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
    const audit = await srv.request('GET', `/v1/orgs/${org.orgId}/audit?recordId=${caseId}&table=cases`, {
      token: (await srv.login(org.email, org.password)).accessToken,
    });
    expect(audit.status).toBe(200);
    // insert + the update that links the primary applicant: each applied once.
    expect((audit.body.entries ?? audit.body).filter((e: any) => (e.record_id ?? e.recordId) === caseId).length).toBe(2);
  });

  it('different fields of the same case edited offline on both devices both survive', async () => {
    await a.json(['case', 'update', caseId, '--fields', JSON.stringify({ priority: 'high' })]);
    await b.json(['case', 'update', caseId, '--fields', JSON.stringify({ target_province: 'ON' })]);
    const sa = await a.sync();
    const sb = await b.sync();
    expect(sa.conflicts + sb.conflicts).toBe(0);
    await a.sync();
    for (const l of [a, b]) {
      const c = await l.json(['case', 'show', caseId]);
      expect(c.priority).toBe('high');
      expect(c.target_province).toBe('ON');
      expect(await l.json(['sync', 'status'])).toMatchObject({ pendingPushes: 0, conflicts: 0 });
    }
  });

  it('the same field edited on both is a visible conflict; keep mine wins it', async () => {
    await a.json(['case', 'update', caseId, '--fields', JSON.stringify({ priority: 'low' })]);
    await b.json(['case', 'update', caseId, '--fields', JSON.stringify({ priority: 'urgent' })]);
    expect((await a.sync()).conflicts).toBe(0);
    const sb = await b.sync();
    expect(sb.conflicts).toBe(1);
    const list = await b.json(['conflicts', 'list']);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'conflict', table: 'cases', rowId: caseId, field: 'priority', mine: 'urgent', theirs: 'low' });
    // Until resolved, B shows the server's value; its own is kept in the conflict.
    expect((await b.json(['case', 'show', caseId])).priority).toBe('low');
    expect((await b.json(['sync', 'status'])).conflicts).toBe(1);
    await b.json(['conflicts', 'resolve', list[0].id, '--keep', 'mine']);
    expect(await b.json(['conflicts', 'list'])).toEqual([]);
    expect((await b.sync()).applied).toBe(1);
    await a.sync();
    expect((await a.json(['case', 'show', caseId])).priority).toBe('urgent');
    expect((await b.json(['case', 'show', caseId])).priority).toBe('urgent');
  });

  it('keep theirs drops my intent and leaves both devices on the server value', async () => {
    await a.json(['case', 'update', caseId, '--fields', JSON.stringify({ target_province: 'BC' })]);
    await b.json(['case', 'update', caseId, '--fields', JSON.stringify({ target_province: 'QC' })]);
    await a.sync();
    expect((await b.sync()).conflicts).toBe(1);
    const [c] = await b.json(['conflicts', 'list']);
    const again = await b.run(['conflicts', 'resolve', c.id, '--keep', 'theirs', '--json']);
    expect(again.code).toBe(0);
    const twice = await b.run(['conflicts', 'resolve', c.id, '--keep', 'mine']);
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toMatch(/already resolved/);
    expect(await b.json(['sync', 'status'])).toMatchObject({ pendingPushes: 0, conflicts: 0 });
    await b.sync();
    await a.sync();
    expect((await a.json(['case', 'show', caseId])).target_province).toBe('BC');
    expect((await b.json(['case', 'show', caseId])).target_province).toBe('BC');
    const all = await b.json(['conflicts', 'list', '--all']);
    expect(all.find((x: any) => x.id === c.id)).toMatchObject({ status: 'resolved', resolution: 'theirs' });
  });

  it('`casework sync` (live) receives an edit from the other device within seconds and exits cleanly on SIGTERM', async () => {
    const live = spawnCli(['sync', '--data', b.data]);
    let out = '';
    live.stdout!.on('data', (d) => (out += d));
    live.stderr!.on('data', (d) => (out += d));
    for (let i = 0; i < 100 && !/Syncing live/.test(out); i++) await new Promise((r) => setTimeout(r, 200));
    expect(out).toMatch(/Syncing live/);
    await a.json(['case', 'update', caseId, '--fields', JSON.stringify({ source: 'live-edit' })]);
    await a.sync();
    let seen = '';
    for (let i = 0; i < 40 && seen !== 'live-edit'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      seen = (await b.json(['case', 'show', caseId])).source;
    }
    expect(seen).toBe('live-edit');
    const code = await new Promise<number | null>((resolve) => {
      live.on('close', resolve);
      live.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });

  it('what changed while B was away, a delete (tombstone) included, reaches B through its catch-up', async () => {
    const c = await a.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', 'Soon Removed']);
    await a.sync();
    await b.sync();
    expect((await b.json(['case', 'show', c.id])).deleted_at ?? null).toBeNull();
    // Another device of the firm deletes it and edits the first case; B, meanwhile offline, then syncs.
    const other = await srv.login(org.email, org.password, 'third device');
    const r = await srv.request('POST', '/v1/push', {
      token: other.accessToken,
      body: {
        clientId: newId(),
        orgId: org.orgId,
        mutations: [
          { mutationId: 1, table: 'cases', op: 'delete', id: c.id, fields: {}, base: null },
          { mutationId: 2, table: 'cases', op: 'update', id: caseId, fields: { source: 'while-away' }, base: null },
        ],
      },
    });
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['applied', 'applied']);
    await b.sync();
    const gone = await b.run(['case', 'show', c.id]);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toMatch(/no case/); // deleted cases are not shown
    expect((await b.json(['case', 'show', caseId])).source).toBe('while-away');
  });

  it('a wrong password is refused and changes nothing', async () => {
    const fresh = await laptop('wrong-password');
    const before = await fresh.json(['sync', 'status']);
    const r = await fresh.run(['login', '--server', srv.url, '--email', org.email], { CASEWORK_PASSWORD: 'not-the-password' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/refused|wrong/);
    expect(await fresh.json(['sync', 'status'])).toEqual(before);
  });
});
