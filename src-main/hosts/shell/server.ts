/**
 * The browser shell: the same core and contract as the Electron app, served to a local browser. It
 * listens on 127.0.0.1 only, serves the built renderer, answers calls at POST /rpc and pushes events on
 * a WebSocket at /events.
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
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_JSON_DEPTH, parseJsonWithin } from '../../../src-shared/json-limits';
import { dispatch } from '../../app/dispatch';
import { Session } from '../../app/session';
import { stopOcr } from '../../documents';

export const MAX_BODY_BYTES = 150 * 1024 * 1024;
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

export interface ShellOptions {
  dataDir: string;
  rendererDir: string;
  port?: number;
  /** Unlock the vault at start (CASEWORK_PASSPHRASE). */
  passphrase?: string;
  /**
   * Called with the address as soon as the server listens, before the vault is unlocked: the window loads
   * while the passphrase is stretched (most of the start-up), and its calls wait for the unlock.
   */
  onListening?: (url: string) => void;
}

export interface Shell {
  url: string;
  token: string;
  session: Session;
  close(): Promise<void>;
}

/** A request the shell refuses with a status and a sentence (never a crash). */
class Refused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A body over MAX_BODY_BYTES: answered 413, then the connection is closed instead of reading the rest. */
class TooLarge extends Refused {
  constructor() {
    super(413, 'the request is too large');
  }
}

function sameToken(a: string | null | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function json(res: ServerResponse, status: number, body: unknown) {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(req: IncomingMessage, res: ServerResponse, e: Refused) {
  if (e instanceof TooLarge && !res.headersSent) res.setHeader('connection', 'close');
  json(res, e.status, { ok: false, error: { code: e.status === 403 ? 'forbidden' : 'invalid_input', message: e.message } });
  if (e instanceof TooLarge) res.once('finish', () => req.socket.destroy());
}

/** The request's path and query, or a 400 for a target that is not one (e.g. `http://[::1`). */
function targetOf(req: IncomingMessage): URL {
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

/** The body, up to MAX_BODY_BYTES; past that, reading stops (not destroyed: the 413 must still go out). */
function readBody(req: IncomingMessage): Promise<Buffer[]> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(c);
      req.off('data', onData);
      req.pause();
      fail(new TooLarge());
    };
    req.on('data', onData);
    req.once('end', () => ok(chunks));
    req.once('error', fail);
  });
}

/**
 * Keep a `casework serve` process alive whatever a request does. Requests are answered inside a catch
 * already; this is the last line for anything asynchronous that escapes (logged without details that
 * could carry personal data, as a request's contents might).
 */
export function keepServingOnStrayErrors(): void {
  process.on('unhandledRejection', (e) => console.error(`casework: an error escaped a request and was ignored (${(e as Error)?.name ?? typeof e})`));
}

export async function startShell(opts: ShellOptions): Promise<Shell> {
  const token = randomBytes(24).toString('base64url');
  const session = new Session(opts.dataDir);
  const root = resolve(opts.rendererDir);
  if (!existsSync(join(root, 'index.html'))) throw new Error(`the window is not built (${join(root, 'index.html')} is missing): run "npm run build:renderer"`);
  // Started now, awaited at the end and by every call: listening and the window's first load overlap it.
  const unlocking = opts.passphrase && session.status().exists ? session.unlock(opts.passphrase).then(() => undefined) : Promise.resolve();
  unlocking.catch(() => undefined);
  let origin = '';
  let host = '';

  /** Host names this server exactly (no other name, so no DNS rebinding); Origin, when sent, is ours. */
  const checkPlace = (req: IncomingMessage, originRequired: boolean) => {
    if (req.headers.host !== host) throw new Refused(421, `this server answers only as ${host}`);
    const from = req.headers.origin;
    if (from === undefined ? originRequired : from !== origin) throw new Refused(403, 'not this session: another origin');
  };

  const rpc = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') throw new Refused(405, 'POST only');
    if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) throw new Refused(403, 'not this session');
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw new TooLarge();
    const chunks = await readBody(req);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    } catch {
      throw new Refused(400, 'the request is not valid UTF-8');
    }
    let body: { method?: unknown; input?: unknown };
    try {
      // The call's envelope adds one level to its input.
      body = parseJsonWithin(text, MAX_JSON_DEPTH + 1) as typeof body;
    } catch (e) {
      throw new Refused(400, `the request is not JSON (${(e as Error).message})`);
    }
    if (!body || typeof body.method !== 'string') throw new Refused(400, 'the request names no method');
    // A failed unlock leaves the vault locked: the call is answered as by a locked vault.
    await unlocking.catch(() => undefined);
    json(res, 200, await dispatch(session, body.method, body.input));
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
    res.end(req.method === 'HEAD' ? undefined : readFileSync(file));
  };

  const server = createServer((req, res) => {
    const answer = async () => {
      checkPlace(req, false);
      const url = targetOf(req);
      if (url.pathname === '/rpc') await rpc(req, res);
      else page(req, res, url);
    };
    answer().catch((e: unknown) => {
      if (e instanceof Refused) return refuse(req, res, e);
      if (process.env.CASEWORK_DEBUG) console.error(e);
      json(res, 500, { ok: false, error: { code: 'internal', message: 'something went wrong inside Casework; your data is unchanged' } });
    });
  });
  // A request Node cannot even parse: 400 and close, as Node would, without an error event to crash on.
  server.on('clientError', (_e, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      // A browser always says where a WebSocket comes from: another site's page is refused here.
      checkPlace(req, true);
      const url = targetOf(req);
      if (url.pathname !== '/events') throw new Refused(404, 'no such socket');
      if (!sameToken(url.searchParams.get('token'), token)) throw new Refused(403, 'not this session');
    } catch (e) {
      const status = e instanceof Refused ? e.status : 400;
      socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Refused'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('error', () => ws.terminate());
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
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  const url = `${origin}/?token=${token}`;
  const close = async () => {
    for (const ws of sockets) ws.terminate();
    const closed = new Promise<void>((ok) => server.close(() => ok()));
    server.closeAllConnections();
    await closed;
    // OCR worker threads would keep the process alive; the vault is closed last (WAL checkpointed).
    // Live sync pushes what is pending first, for at most 0.7 s (sync STOP_BOUND_MS).
    await unlocking.catch(() => undefined);
    await stopOcr();
    await session.lock();
  };
  opts.onListening?.(url);
  try {
    await unlocking;
  } catch (e) {
    await close();
    throw e;
  }
  return { url, token, session, close };
}
