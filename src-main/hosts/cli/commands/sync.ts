/** The sync commands: login, sync [--once], sync status, conflicts list, conflicts resolve. */
import type { Command } from 'commander';
import { UserError } from '../../../../src-shared/errors';
import { parseJsonWithin } from '../../../../src-shared/json-limits';
import {
  discardRejected,
  listConflicts,
  login,
  resolveConflict,
  startSyncLoop,
  status,
  syncOnce,
  type ConflictView,
  type SyncStatus,
  type SyncSummary,
} from '../../../sync';
import { exchangeLicense } from '../../../sync/lease';
import { openInSystemBrowser, ssoLogin } from '../../../sync/sso-login';
import { syncErasures } from '../../../privacy';
import { withCore, type CommonOptions } from '../run';

const common = (c: Command) =>
  c.option('--data <dir>', 'vault folder (default: the OS app-data folder for Casework)').option('--json', 'machine-readable output');

function conflictLine(c: ConflictView) {
  if (c.kind === 'rejected') return `${c.id}  rejected  ${c.table} ${c.rowId}: ${c.reason}`;
  return `${c.id}  ${c.table} ${c.rowId} ${c.field}: mine=${JSON.stringify(c.mine)} theirs=${JSON.stringify(c.theirs)}`;
}

/**
 * @electric-sql/client keeps a throttled "recently up to date" save timer (up to 60 s) after a stream
 * ends. A finished command should not wait for it: once the command is done, an unref'd timer ends
 * the process shortly (it never fires earlier than that, and never holds a process that is done).
 */
function exitWhenDone() {
  setTimeout(() => process.exit(), 100).unref();
}

export function register(program: Command) {
  common(program.command('login'))
    .description('connect this vault to a firm sync server (password from CASEWORK_PASSWORD, or --sso)')
    .requiredOption('--server <url>', 'the sync server, e.g. https://sync.example-firm.ca')
    .requiredOption('--email <email>', 'your account')
    .option('--sso', "sign in with your organisation's identity provider in the system browser (single sign-on)")
    .option('--timeout <seconds>', 'with --sso: how long to wait for the sign-in in the browser', '300')
    .option('--device-name <name>', 'how administrators will see this device')
    .option('--org <orgId>', 'which of your organisations this vault holds (default: the first)')
    .action((o: CommonOptions & { server: string; email: string; sso?: boolean; timeout: string; deviceName?: string; org?: string }) => {
      const done = (r: unknown) => {
        const x = r as Awaited<ReturnType<typeof login>>;
        return `Logged in to ${x.server} as ${o.email} (${x.role})${x.joined ? `; ${x.queuedRows} local records queued for upload (run casework sync)` : ''}`;
      };
      if (o.sso) {
        const seconds = Number(o.timeout);
        if (!Number.isInteger(seconds) || seconds < 1 || seconds > 900)
          throw new UserError('invalid_input', '--timeout must be a whole number of seconds, 1 to 900');
        return withCore(
          o,
          (core) =>
            ssoLogin(core, {
              server: o.server,
              email: o.email,
              deviceName: o.deviceName,
              orgId: o.org,
              timeoutMs: seconds * 1000,
              // The address is said on stderr too (stdout stays the result): a machine without a browser
              // opener, or CASEWORK_NO_BROWSER=1, still lets the person sign in by copying it.
              openUrl: (url) => {
                process.stderr.write(`Sign in with your organisation in the browser; if it did not open, go to:\n${url}\n`);
                if (process.env.CASEWORK_NO_BROWSER !== '1') openInSystemBrowser(url);
              },
            }),
          done,
        );
      }
      const password = process.env.CASEWORK_PASSWORD;
      if (!password) throw new UserError('invalid_input', 'set CASEWORK_PASSWORD to your sync server password (or sign in with --sso)');
      return withCore(o, (core) => login(core, { server: o.server, email: o.email, password, deviceName: o.deviceName, orgId: o.org }), done);
    });

  const sync = common(program.command('sync'))
    .description('synchronise with the firm server (live until Ctrl-C; --once for one round)')
    .option('--once', 'push and pull once, then exit')
    .action((o: CommonOptions & { once?: boolean }) =>
      withCore(
        o,
        async (core) => {
          // Each sync reports this device's health and renews its licence lease (issue 15).
          if (o.once) {
            const summary = await syncOnce(core);
            // Erasures made here told to the server, and the firm's erasure log applied here (issue 19).
            const erasures = await syncErasures(core);
            const lease = await exchangeLicense(core);
            return { ...summary, erasures, license: lease.lease?.state ?? null };
          }
          const first = await syncOnce(core);
          await syncErasures(core);
          await exchangeLicense(core);
          const loop = startSyncLoop(core, { onError: (e) => process.stderr.write(`casework: sync: ${(e as Error).message}\n`) });
          if (!o.json) process.stdout.write(`Syncing live with ${status(core).server} (Ctrl-C to stop)\n`);
          await new Promise<void>((resolve) => {
            const stop = () => resolve();
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
            void loop.done.then(stop);
          });
          await loop.stop();
          return { ...first, ...status(core), stopped: true };
        },
        (r) => {
          const s = r as SyncSummary;
          return `Sent ${s.sent} (applied ${s.applied}, conflicts ${s.conflicts}, rejected ${s.rejected}); received ${s.pulledRows} records`;
        },
      ).finally(exitWhenDone),
    );
  common(sync.command('status'))
    .description('pending pushes, rejected changes, last pull and push, open conflicts')
    // `sync` itself takes --data/--json too, so commander hands them to the parent: read both levels.
    .action((_o: CommonOptions, cmd: Command) =>
      withCore(
        cmd.optsWithGlobals<CommonOptions>(),
        (core) => status(core),
        (r) => {
          const s = r as SyncStatus;
          return [
            `server: ${s.server ?? '(not connected)'}`,
            `pending pushes: ${s.pendingPushes}`,
            `rejected: ${s.rejected}`,
            `open conflicts: ${s.conflicts}`,
            `last push: ${s.lastPush ?? 'never'}`,
            `last pull: ${s.lastPull ?? 'never'}`,
          ].join('\n');
        },
      ),
    );

  const conflicts = program.command('conflicts').description('sync conflicts and rejected changes');
  common(conflicts.command('list'))
    .description('open conflicts and rejected changes with their reasons')
    .option('--all', 'include resolved conflicts')
    .action((o: CommonOptions & { all?: boolean }) =>
      withCore(
        o,
        (core) => listConflicts(core, { all: o.all }),
        (r) => (r as ConflictView[]).map(conflictLine).join('\n') || 'No conflicts.',
      ),
    );
  common(conflicts.command('discard <id>'))
    .description('discard a change the server rejected (m<number> from conflicts list); a rejected new record leaves this laptop')
    .action((id: string, o: CommonOptions) =>
      withCore(
        o,
        (core) => discardRejected(core, id),
        (r) => {
          const d = r as ReturnType<typeof discardRejected>;
          return `Discarded ${d.id} (${d.op} of ${d.table} ${d.rowId})${d.removedRecord ? '; the record was removed from this laptop' : ''}`;
        },
      ),
    );
  common(conflicts.command('resolve <id>'))
    .description('resolve a conflict: --keep mine|theirs, or --value JSON')
    .option('--keep <side>', 'mine or theirs')
    .option('--value <json>', 'the value to keep instead (JSON)')
    .action((id: string, o: CommonOptions & { keep?: string; value?: string }) => {
      if ((o.keep === undefined) === (o.value === undefined)) throw new UserError('invalid_input', 'give exactly one of --keep mine|theirs or --value JSON');
      if (o.keep !== undefined && o.keep !== 'mine' && o.keep !== 'theirs') throw new UserError('invalid_input', '--keep must be mine or theirs');
      let how: { keep: 'mine' | 'theirs' } | { value: unknown };
      if (o.value !== undefined) {
        try {
          how = { value: parseJsonWithin(o.value) };
        } catch (e) {
          throw new UserError('invalid_input', `--value must be JSON (e.g. '"high"' or 42): ${(e as Error).message}`);
        }
      } else how = { keep: o.keep as 'mine' | 'theirs' };
      return withCore(
        o,
        (core) => resolveConflict(core, id, how),
        (r) => `Resolved ${(r as ConflictView).id}: ${(r as ConflictView).resolution}`,
      );
    });
}
