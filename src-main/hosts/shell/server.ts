/**
 * The browser shell: the same core and contract as the Electron app, served to a local browser. It
 * listens on 127.0.0.1 only (front.ts: the server, the session token, the checks every request passes
 * and the window's files), answers calls at POST /rpc and pushes events on a WebSocket at /events.
 *
 * The front may have been started by the launcher before this core loaded (bin/casework.mjs); then the
 * core attaches to it, and calls the window made meanwhile are answered now.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_JSON_DEPTH, parseJsonWithin } from '../../../src-shared/json-limits';
import { dispatch } from '../../app/dispatch';
import { Session } from '../../app/session';
import { stopOcr } from '../../documents';
import { json, Refused, sameToken, startFront, TOKEN_HEADER, type Front } from './front';

export { TOKEN_HEADER } from './front';

export const MAX_BODY_BYTES = 150 * 1024 * 1024;
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
  /**
   * The front the launcher started before this core loaded (bin/casework.mjs), already listening and
   * already announced. Used when it started; when it failed (say the port was taken) the shell starts
   * its own, which reports the error.
   */
  front?: Promise<Front>;
}

export interface Shell {
  url: string;
  token: string;
  session: Session;
  close(): Promise<void>;
}

/** A body over MAX_BODY_BYTES: answered 413, then the connection is closed instead of reading the rest. */
class TooLarge extends Refused {
  constructor() {
    super(413, 'the request is too large');
  }
}

function refuse(req: IncomingMessage, res: ServerResponse, e: Refused) {
  if (e instanceof TooLarge && !res.headersSent) res.setHeader('connection', 'close');
  json(res, e.status, { ok: false, error: { code: e.status === 403 ? 'forbidden' : 'invalid_input', message: e.message } });
  if (e instanceof TooLarge) res.once('finish', () => req.socket.destroy());
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
  const session = new Session(opts.dataDir);
  // Started now, awaited at the end and by every call: listening and the window's first load overlap it.
  const unlocking = opts.passphrase && session.status().exists ? session.unlock(opts.passphrase).then(() => undefined) : Promise.resolve();
  unlocking.catch(() => undefined);
  // The launcher's front, when it started one that listens as asked; otherwise one of our own.
  let front: Front | undefined;
  if (opts.front) front = await opts.front.catch(() => undefined);
  front ??= await startFront({ rendererDir: opts.rendererDir, port: opts.port });
  const { token, server } = front;

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

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const sockets = new Set<WebSocket>();
  for (const name of ['change', 'progress', 'locked'] as const) {
    session.events.on(name, (payload) => {
      const msg = JSON.stringify({ event: name, payload });
      for (const ws of sockets) ws.send(msg);
    });
  }
  front.attach({
    rpc,
    refuse,
    events: (req, socket, head) =>
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('error', () => ws.terminate());
        ws.on('close', () => sockets.delete(ws));
      }),
  });

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
  opts.onListening?.(front.url);
  try {
    await unlocking;
  } catch (e) {
    await close();
    throw e;
  }
  return { url: front.url, token, session, close };
}
