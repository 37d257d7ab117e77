/** A child process for the crash test: writes cases in a loop and prints each id once it is committed. */
import { openCore } from '../../src-main/core/core';
import { createCase } from '../../src-main/cases/cases';
import { addTask } from '../../src-main/cases/tasks';

const core = await openCore({ dataDir: process.argv[2], passphrase: process.env.CASEWORK_PASSPHRASE });
for (let i = 0; ; i++) {
  const c = createCase(core, { caseType: 'EXPRESS_ENTRY_FSW', client: `Crash Client${i}` });
  addTask(core, { caseId: c.id as string, title: `task ${i}` });
  process.stdout.write(`${c.id}\n`);
}
