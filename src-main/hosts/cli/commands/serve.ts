/**
 * `casework serve [--data DIR] [--port N]`: the browser shell. Prints one line with the address to open
 * (it carries this run's token). With CASEWORK_PASSPHRASE set the vault is unlocked at start.
 */
import type { Command } from 'commander';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../../../src-shared/errors';
import { keepServingOnStrayErrors, startShell } from '../../shell/server';
import { announce, type Front } from '../../shell/front';
import { dataDirOf, passphraseFromEnv, type CommonOptions } from '../run';

/** out/renderer, found from source (tsx) and from a bundle alike. */
export function rendererDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'out', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    dir = resolve(dir, '..');
  }
  return resolve('out', 'renderer');
}

let earlyFront: Promise<Front> | undefined;

/** The front the launcher started and announced before this core loaded (hosts/cli/early.ts), once. */
export function offerFront(front: Promise<Front> | undefined): void {
  earlyFront = front;
}

export function register(program: Command) {
  program
    .command('serve')
    .description('run the app in your browser (the browser shell)')
    .option('--data <dir>', 'vault folder')
    .option('--port <n>', 'port on 127.0.0.1 (default: any free port)')
    .action(async (o: CommonOptions & { port?: string }) => {
      const port = o.port === undefined ? 0 : Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError('invalid_input', '--port must be a port number');
      keepServingOnStrayErrors();
      // The address is printed as soon as the server listens; the vault unlocks meanwhile.
      const early = earlyFront;
      earlyFront = undefined;
      // The launcher's front has printed its address already; one the shell starts itself is printed here.
      const earlyUrl = await early?.then((f) => f.url).catch(() => undefined);
      const shell = await startShell({
        dataDir: dataDirOf(o),
        rendererDir: rendererDir(),
        port,
        passphrase: passphraseFromEnv(),
        front: early,
        onListening: (url) => {
          if (url !== earlyUrl) process.stdout.write(announce(url));
        },
      });
      await new Promise<void>((done) => {
        let stopping = false;
        const stop = () => {
          // Once: a Ctrl-C reaches both `npm start` and this process, and npm start passes it on too.
          if (stopping) return;
          stopping = true;
          // Stopping is bounded (live sync gives pending pushes 0.7 s); this is the last resort if
          // anything else hangs, so that SIGTERM always ends the process within 2 s.
          setTimeout(() => process.exit(process.exitCode ?? 0), 1800).unref();
          void shell.close().then(done, done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
