/**
 * The process first-sync-crash.test.ts kills: opens a logged-in vault and runs its first sync; at the
 * moment named by `stage` it commits what it wrote (core.settle(), as before a backup), prints
 * {"stage": ...} and blocks (no more JavaScript runs), waiting for SIGKILL:
 *  - loading: after the first chunk of cases is written, while the search triggers are set aside;
 *  - rebuild: after the first rowid range of the cases' search rebuild.
 *   node --import tsx first-sync-killed.ts <vault folder> <loading|rebuild>
 */
import { writeSync } from 'node:fs';
import { openCore } from '../../src-main/core/core';
import { syncOnce } from '../../src-main/sync';

const [dataDir, stage] = [process.argv[2]!, process.argv[3]!];
const core = await openCore({ dataDir, passphrase: process.env.CASEWORK_PASSPHRASE });
const block = () => {
  core.settle();
  writeSync(1, `${JSON.stringify({ stage })}\n`);
  // Held for good: nothing more of this process runs until it is killed.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
};
if (stage === 'loading')
  core.events.on('change', (e: { table: string; op: string }) => {
    // Announced inside the chunk's transaction: held once that has ended.
    if (e.table === 'cases' && e.op === 'remote') queueMicrotask(block);
  });
else
  core.events.on('progress', (e: { kind: string; table?: string }) => {
    if (e.kind === 'search-rebuild' && e.table === 'cases') block();
  });
await syncOnce(core);
process.stdout.write('{"stage":"finished"}\n');
