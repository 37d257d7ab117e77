/**
 * A laptop's first sync reads each shape through GET /v1/snapshot, and through the Electric shape from
 * the start when the server has no snapshot route (an older server, or an auth proxy in front of the
 * real Electric service): the same rows arrive either way. The "server without the route" is the real
 * server behind a pass-through proxy that answers 404 to /v1/snapshot, and counts what it forwards.
 */
import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinedLaptop, startServer } from './support';

describe('first sync with and without the snapshot route', () => {
  let srv: Awaited<ReturnType<typeof startServer>>;
  let org: Awaited<ReturnType<Awaited<ReturnType<typeof startServer>>['createOrg']>>;
  let proxy: Server;
  let proxyUrl: string;
  const forwarded: string[] = [];

  beforeAll(async () => {
    srv = await startServer();
    org = await srv.createOrg();
    const target = new URL(srv.url);
    proxy = createServer((req, res) => {
      if (req.url?.startsWith('/v1/snapshot')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found","message":"no such route"}');
        return;
      }
      forwarded.push(req.url!.split('?')[0]!);
      const up = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode!, r.headers);
        r.pipe(res);
      });
      req.pipe(up);
    });
    await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', ok));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    proxy?.close();
    await srv?.stop();
  });

  it('pulls the same cases through the snapshot and, without it, through the shape', async () => {
    const a = await joinedLaptop(srv.url, org.email, org.password, 'writer');
    const made = [];
    for (const client of ['Amara Okafor', 'Jean Tremblay', 'Li Wei'])
      made.push(await a.json(['case', 'create', '--type', 'EXPRESS_ENTRY_FSW', '--client', client]));
    expect((await a.sync()).rejected).toBe(0);

    const direct = await joinedLaptop(srv.url, org.email, org.password, 'direct');
    const viaProxy = await joinedLaptop(proxyUrl, org.email, org.password, 'old-server');
    await direct.sync();
    await viaProxy.sync();
    expect(forwarded).toContain('/v1/shape'); // the fallback read the Electric shape
    for (const l of [direct, viaProxy]) {
      const list = await l.json(['case', 'list']);
      const numbers = (Array.isArray(list) ? list : (list.cases ?? list.items)).map((c: { case_number: string }) => c.case_number).sort();
      expect(numbers).toEqual(made.map((c) => c.case_number).sort());
      const shown = await l.json(['case', 'show', made[0].id]);
      expect(shown.persons.map((p: { first_name: string }) => p.first_name)).toEqual(['Amara']);
    }
  });
});
