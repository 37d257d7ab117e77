/**
 * A TCP relay in front of a test server that cuts an upload part way (the network dropping) and holds
 * reconnections until the test lets them through: what the resumable-upload tests are about.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface Relay {
  url: string;
  bytesUp: number;
  arm(cutAt: number): Promise<void>;
  release(): void;
  close(): Promise<void>;
}
/** A TCP relay to 127.0.0.1:`port` that, when armed, cuts every connection after `at` request bytes and holds new ones until released. */
export async function startRelay(port: number): Promise<Relay> {
  const sockets = new Set<Socket>();
  let cutAt = Infinity;
  let onCut: (() => void) | undefined;
  let held: Array<() => void> | undefined;
  const r = { bytesUp: 0 } as Relay;
  const server: Server = createServer((client) => {
    const connect = () => {
      const upstream = createConnection({ port, host: '127.0.0.1' });
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => {});
      }
      client.on('data', (d: Buffer) => {
        r.bytesUp += d.length;
        upstream.write(d);
        if (r.bytesUp >= cutAt) {
          cutAt = Infinity;
          held = [];
          for (const s of sockets) s.destroy();
          onCut?.();
        }
      });
      upstream.on('data', (d) => client.write(d));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    };
    if (held) {
      client.pause();
      held.push(() => (client.resume(), connect()));
    } else connect();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  r.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  r.arm = (at) => {
    r.bytesUp = 0;
    cutAt = at;
    return new Promise<void>((ok) => (onCut = ok));
  };
  r.release = () => {
    const h = held ?? [];
    held = undefined;
    for (const go of h) go();
  };
  r.close = () => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((ok) => server.close(() => ok()));
  };
  return r;
}
