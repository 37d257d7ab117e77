/**
 * The launcher's early start (bin/casework.mjs loads this small bundle, out/core/early.cjs, before the
 * core): what can begin before the core has loaded, so that it overlaps loading it.
 * - The passphrase stretch (prestretch.ts).
 * - For `casework serve`, the front door (hosts/shell/front.ts): it listens and prints the address at
 *   once, so the browser fetches and runs the window's script while the core loads; the window's calls
 *   are held until the core attaches.
 * Anything this cannot judge (an odd --port, a help flag) is left to the core, which reports errors.
 */
import { announce, startFront, type Front } from '../shell/front';

export { prestretchFor } from './prestretch';

function portOf(args: string[]): number | undefined | null {
  const at = args.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (at < 0) return 0;
  const raw = args[at].startsWith('--port=') ? args[at].slice('--port='.length) : args[at + 1];
  const port = Number(raw);
  return raw !== undefined && /^\d+$/.test(raw) && port <= 65535 ? port : null;
}

export function listenEarly(args: string[], rendererDir: string): Promise<Front> | undefined {
  if (args.find((a) => !a.startsWith('-')) !== 'serve') return undefined;
  if (args.some((a) => ['--help', '-h', 'help'].includes(a))) return undefined;
  const port = portOf(args);
  if (port === null || port === undefined) return undefined;
  const front = startFront({ rendererDir, port }).then((f) => {
    process.stdout.write(announce(f.url));
    return f;
  });
  // A failure (the port is taken) is the core's to report, when it starts its own front.
  front.catch(() => undefined);
  return front;
}
