/**
 * The browser shell's front door: the HTTP server on 127.0.0.1, this run's session token, the checks
 * every request passes (Host, Origin, token) and the window's files. Calls (POST /rpc) and the event
 * socket (/events) are answered by the core (server.ts), which attaches itself when it has loaded.
 *
 * Why a module of its own, with nothing but Node built-ins: the launcher (bin/casework.mjs) loads it from
 * its small early bundle and listens before the 2 MB core has loaded, so the browser fetches and runs the
 * window's script while the core loads and the passphrase is stretched. Calls that arrive before the core
 * are held, not refused, and answered once it is attached.
 *
 * The session: a random token is minted per run and printed once in the address. The page keeps it in
 * memory (from its own URL) and sends it with every call in a header, and with the event socket in its
 * query. It is never a cookie: cookies are not bound to a port, so any other program listening on
 * 127.0.0.1 would receive it from the browser and could replay it (issue 13, row 9). Every request must
 * also name this server exactly in Host (a DNS-rebinding page's Host is its own name) and, when a
 * browser says where it comes from, come from this origin; the event socket must always say so.
 *
 * No request can stop the shell (issue 13, row 8): each one is answered inside a catch, malformed ones
 * with 400, and a failure inside Casework with 500.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { UserError } from '../../../src-shared/errors';

/** The header that carries the session token on calls. */
export const TOKEN_HEADER = 'x-casework-token';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The one line `casework serve` prints (tests and the bench read the address from it). */
export const announce = (url: string) => `Casework is running: open ${url}\n`;

/** A request the shell refuses with a status and a sentence (never a crash). */
export class Refused extends Error {
  /** Recognised by shape, not class: the launcher's early bundle and the core each have a copy of this class. */
  readonly refused = true;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const isRefused = (e: unknown): e is Refused => (e as Refused | null)?.refused === true && typeof (e as Refused).status === 'number';

export function sameToken(a: string | null | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function json(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The request's path and query, or a 400 for a target that is not one (e.g. `http://[::1`). */
export function targetOf(req: IncomingMessage): URL {
  const raw = req.url ?? '';
  if (!raw.startsWith('/')) throw new Refused(400, 'the request target must be a path');
  try {
    return new URL(raw, 'http://127.0.0.1');
  } catch {
    throw new Refused(400, 'the request target is not a valid path');
  }
}

/** A decoded path, or a 400 for percent-encoding that is not UTF-8 (e.g. `/%E0%A4%A`). */
function decodedPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    throw new Refused(400, 'the request path is not valid percent-encoded UTF-8');
  }
}

/** What the core answers once it has loaded. Both may throw Refused. */
export interface CoreHandlers {
  rpc(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** An /events upgrade that passed the place and token checks. */
  events(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Called with every refusal, so the core can answer a too-large body (and close) its own way. */
  refuse(req: IncomingMessage, res: ServerResponse, e: Refused): void;
}

export interface Front {
  url: string;
  token: string;
  origin: string;
  server: Server;
  /** The core answers calls and the event socket from now on; calls held until now are answered. */
  attach(handlers: CoreHandlers): void;
  /**
   * Resolves once the window's page and the files it names (its script and style sheet) have been sent,
   * or after `capMs` if no browser asks that soon. The launcher waits for it before it loads the core,
   * because loading the core holds the event loop for a few hundred milliseconds: the browser then runs
   * the window's script during that time instead of waiting for it.
   */
  windowSent(capMs: number): Promise<void>;
}

export interface FrontOptions {
  rendererDir: string;
  port?: number;
}

export async function startFront(opts: FrontOptions): Promise<Front> {
  const token = randomBytes(24).toString('base64url');
  const root = resolve(opts.rendererDir);
  if (!existsSync(join(root, 'index.html'))) throw new Error(`the window is not built (${join(root, 'index.html')} is missing): run "npm run build:renderer"`);
  let origin = '';
  let host = '';
  let core: CoreHandlers | undefined;
  let attached!: () => void;
  const coreReady = new Promise<void>((ok) => (attached = ok));

  /** Host names this server exactly (no other name, so no DNS rebinding); Origin, when sent, is ours. */
  const checkPlace = (req: IncomingMessage, originRequired: boolean) => {
    if (req.headers.host !== host) throw new Refused(421, `this server answers only as ${host}`);
    const from = req.headers.origin;
    if (from === undefined ? originRequired : from !== origin) throw new Refused(403, 'not this session: another origin');
  };

  const page = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new Refused(405, 'GET only');
    const rel = normalize(decodedPath(url)).replace(/^([/\\])+/, '');
    // The page itself needs the token in its address (the window reads it from there); the files it
    // loads are the public build of the renderer and hold nothing of the vault.
    if (!rel || rel === 'index.html') {
      if (!sameToken(url.searchParams.get('token'), token)) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
        return void res.end('Open the address printed by "casework serve" (it carries this session\'s key).');
      }
    }
    const file = resolve(root, rel || 'index.html');
    if (file !== root && !file.startsWith(root + sep)) throw new Refused(404, 'no such file');
    if (!existsSync(file) || statSync(file).isDirectory()) throw new Refused(404, 'no such file');
    const headers: Record<string, string> = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (file.endsWith('.html')) {
      headers['content-security-policy'] =
        `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ${origin.replace('http', 'ws')}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`;
      headers['cache-control'] = 'no-store';
    }
    res.writeHead(200, headers);
    if (req.method === 'GET') markSent(res, rel || 'index.html');
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  };

  // The files index.html names (./assets/...), and a signal once each has been sent.
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const named = new Set([...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]!));
  const unsent = new Set(['index.html', ...named]);
  let allSent!: () => void;
  const sent = new Promise<void>((ok) => (allSent = ok));
  const markSent = (res: ServerResponse, rel: string) => {
    if (!unsent.has(rel)) return;
    res.once('finish', () => {
      unsent.delete(rel);
      if (unsent.size === 0) allSent();
    });
  };

  const refuse = (req: IncomingMessage, res: ServerResponse, e: Refused) => {
    if (core) return core.refuse(req, res, e);
    json(res, e.status, { ok: false, error: { code: e.status === 403 ? 'forbidden' : 'invalid_input', message: e.message } });
  };

  const server = createServer((req, res) => {
    const answer = async () => {
      checkPlace(req, false);
      const url = targetOf(req);
      if (url.pathname === '/rpc') {
        await coreReady;
        await core!.rpc(req, res);
      } else page(req, res, url);
    };
    answer().catch((e: unknown) => {
      if (isRefused(e)) return refuse(req, res, e);
      if (process.env.CASEWORK_DEBUG) console.error(e);
      json(res, 500, { ok: false, error: { code: 'internal', message: 'something went wrong inside Casework; your data is unchanged' } });
    });
  });
  // A request Node cannot even parse: 400 and close, as Node would, without an error event to crash on.
  server.on('clientError', (_e, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      // A browser always says where a WebSocket comes from: another site's page is refused here.
      checkPlace(req, true);
      const url = targetOf(req);
      if (url.pathname !== '/events') throw new Refused(404, 'no such socket');
      if (!sameToken(url.searchParams.get('token'), token)) throw new Refused(403, 'not this session');
    } catch (e) {
      const status = isRefused(e) ? e.status : 400;
      socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Refused'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    void coreReady.then(() => core!.events(req, socket, head));
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(
        e.code === 'EADDRINUSE' ? new UserError('conflict', `port ${opts.port} on 127.0.0.1 is in use: choose another with --port, or leave --port out`) : e,
      ),
    );
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as { port: number }).port;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  return {
    url: `${origin}/?token=${token}`,
    token,
    origin,
    server,
    attach(handlers) {
      core = handlers;
      attached();
    },
    windowSent: (capMs) =>
      Promise.race([
        sent,
        new Promise<void>((ok) => {
          setTimeout(ok, capMs).unref();
        }),
      ]),
  };
}
