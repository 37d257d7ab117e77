/**
 * `window.casework` in the browser shell: the same contract as Electron's preload, carried over
 * POST /rpc (calls) and a WebSocket at /events (change, progress, locked). The session token is read
 * from this page's own address (printed by `casework serve`) and held in memory: a header on calls, the
 * query of the event socket. Never a cookie, which the browser would also hand to any other program on
 * 127.0.0.1. In Electron the preload defines window.casework first and this is unused.
 */
import type { CallResult, CaseworkApi, EventName } from '../../src-shared/contract';

export class CallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function browserBridge(): CaseworkApi {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  let socket: WebSocket | null = null;
  const connect = () => {
    socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(token)}`);
    socket.onmessage = (m) => {
      const { event, payload } = JSON.parse(String(m.data)) as { event: EventName; payload: unknown };
      listeners.get(event)?.forEach((l) => l(payload));
    };
    socket.onclose = () => setTimeout(connect, 1000);
  };
  connect();
  return {
    async invoke(method, input) {
      const res = await fetch('/rpc', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-casework-token': token },
        body: JSON.stringify({ method, input }),
      });
      return (await res.json()) as CallResult;
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
  };
}
