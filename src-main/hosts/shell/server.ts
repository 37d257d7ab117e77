/**
 * The browser shell: the same core and contract as the Electron app, served to a local browser. It
 * listens on 127.0.0.1 only, serves the built renderer, answers calls at POST /rpc and pushes events on
 * a WebSocket at /events. A random token is minted per run and given once in the URL; the first page
 * load turns it into an HttpOnly, SameSite=Strict cookie. Every request without it, or from another
 * origin, is refused, so other local users' and web pages' requests cannot reach the vault.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch } from '../../app/dispatch';
import { Session } from '../../app/session';
import { stopOcr } from '../../documents';

export const MAX_BODY_BYTES = 150 * 1024 * 1024;
const COOKIE = 'cw_token';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface ShellOptions {
  dataDir: string;
  rendererDir: string;
  port?: number;
  /** Unlock the vault at start (CASEWORK_PASSPHRASE). */
  passphrase?: string;
}

export interface Shell {
  url: string;
  token: string;
  session: Session;
  close(): Promise<void>;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | undefined {
  return /(?:^|;\s*)cw_token=([A-Za-z0-9_-]+)/.exec(req.headers.cookie ?? '')?.[1];
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export async function startShell(opts: ShellOptions): Promise<Shell> {
  const token = randomBytes(24).toString('base64url');
  const session = new Session(opts.dataDir);
  if (opts.passphrase && session.status().exists) await session.unlock(opts.passphrase);
  const root = resolve(opts.rendererDir);
  if (!existsSync(join(root, 'index.html'))) throw new Error(`the window is not built (${join(root, 'index.html')} is missing): run "npm run build:renderer"`);
  let origin = '';

  const authorized = (req: IncomingMessage) => sameToken(cookieToken(req), token) || sameToken(req.headers['x-casework-token'] as string | undefined, token);
  const sameOrigin = (req: IncomingMessage) => !req.headers.origin || req.headers.origin === origin;

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', origin || 'http://127.0.0.1');
    if (url.pathname === '/rpc') {
      if (req.method !== 'POST') return json(res, 405, { ok: false, error: { code: 'invalid_input', message: 'POST only' } });
      if (!authorized(req) || !sameOrigin(req)) return json(res, 403, { ok: false, error: { code: 'forbidden', message: 'not this session' } });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of req) {
        size += (c as Buffer).length;
        if (size > MAX_BODY_BYTES) return json(res, 413, { ok: false, error: { code: 'invalid_input', message: 'the request is too large' } });
        chunks.push(c as Buffer);
      }
      let body: { method?: unknown; input?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return json(res, 400, { ok: false, error: { code: 'invalid_input', message: 'the request is not JSON' } });
      }
      if (!body || typeof body.method !== 'string')
        return json(res, 400, { ok: false, error: { code: 'invalid_input', message: 'the request names no method' } });
      return json(res, 200, await dispatch(session, body.method, body.input));
    }
    // Pages: the token in the URL becomes a cookie once; afterwards the cookie is enough.
    if (sameToken(url.searchParams.get('token') ?? undefined, token)) {
      res.writeHead(302, { location: '/', 'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` });
      return res.end();
    }
    if (!authorized(req)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('Open the address printed by "casework serve" (it carries this session\'s key).');
    }
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    let file = resolve(root, rel || 'index.html');
    if (file !== root && !file.startsWith(root + sep)) return json(res, 404, {});
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html'); // client-side routes
    const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' };
    if (file.endsWith('.html')) {
      headers['content-security-policy'] =
        `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ${origin.replace('http', 'ws')}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`;
      headers['cache-control'] = 'no-store';
    }
    res.writeHead(200, headers);
    res.end(readFileSync(file));
  });

  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/events' || !authorized(req) || !sameOrigin(req)) {
      socket.write('HTTP/1.1 403 Forbidden\r\n\r\n');
      return socket.destroy();
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });
  for (const name of ['change', 'progress', 'locked'] as const) {
    session.events.on(name, (payload) => {
      const msg = JSON.stringify({ event: name, payload });
      for (const ws of sockets) ws.send(msg);
    });
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    token,
    session,
    close: async () => {
      for (const ws of sockets) ws.terminate();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      server.closeAllConnections();
      await closed;
      // OCR worker threads would keep the process alive; the vault is closed last (WAL checkpointed).
      await stopOcr();
      await session.lock();
    },
  };
}
