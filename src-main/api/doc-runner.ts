/**
 * One document-queue runner per open vault. Adding files in quick succession (a drop of ten scans) must
 * not start ten overlapping runs that read the same pending document twice: the first call starts a run
 * that keeps going until nothing is pending; a call while it runs asks for one more look at the end, so
 * a document added just after the run's last check is not left waiting.
 */
import type { Core } from '../core/core';
import { processQueue, type QueueSummary } from '../docs';

interface Runner {
  done: Promise<QueueSummary>;
  again: boolean;
}
const runners = new WeakMap<Core, Runner>();

export function runQueue(core: Core): Promise<QueueSummary> {
  const current = runners.get(core);
  if (current) {
    current.again = true;
    return current.done;
  }
  const runner: Runner = { again: false, done: Promise.resolve({ processed: 0, failed: [] }) };
  runner.done = (async () => {
    const total: QueueSummary = { processed: 0, failed: [] };
    do {
      runner.again = false;
      const r = await processQueue(core, { untilEmpty: true });
      total.processed += r.processed;
      total.failed.push(...r.failed);
    } while (runner.again);
    return total;
  })().finally(() => runners.delete(core));
  runners.set(core, runner);
  return runner.done;
}
