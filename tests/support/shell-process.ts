/**
 * A `casework serve` process for the security tests: the same startShell and process guard as the
 * command, over a minimal window (an index.html and one script) so the tests need no renderer build.
 * Prints "open URL" like the command.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepServingOnStrayErrors, startShell } from '../../src-main/hosts/shell/server';

const renderer = mkdtempSync(join(tmpdir(), 'casework-window-'));
mkdirSync(join(renderer, 'assets'));
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Casework</title><script type="module" src="/assets/app.js"></script>');
writeFileSync(join(renderer, 'assets', 'app.js'), 'document.title = "Casework";');
keepServingOnStrayErrors();
const shell = await startShell({ dataDir: process.argv[2]!, rendererDir: renderer, passphrase: process.env.CASEWORK_PASSPHRASE || undefined });
process.stdout.write(`Casework is running: open ${shell.url}\n`);
const stop = () => void shell.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
