/**
 * One document-queue runner per open vault. Adding files in quick succession (a drop of ten scans) must
 * not start ten overlapping runs that read the same pending document twice: the first call starts a run
 * that keeps going until nothing is pending; a call while it runs asks for one more look at the end, so
 * a document added just after the run's last check is not left waiting.
 */
import type { Core } from '../core/core';
import { forgiveAttempt, processQueue, type QueueSummary } from '../documents';

interface Runner {
  done: Promise<QueueSummary>;
  again: boolean;
}
const runners = new WeakMap<Core, Runner>();
/** The document being read now, per vault: a lock mid-read forgives that attempt (see stopReading). */
const reading = new WeakMap<Core, string>();

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
      const r = await processQueue(core, {
        untilEmpty: true,
        onProgress: (p) => {
          if (p.phase === 'start') reading.set(core, p.documentId);
          else if (p.phase === 'done' || p.phase === 'failed') reading.delete(core);
        },
      });
      total.processed += r.processed;
      total.failed.push(...r.failed);
    } while (runner.again);
    return total;
  })().finally(() => runners.delete(core));
  runners.set(core, runner);
  return runner.done;
}

/**
 * Called as the vault locks: the document being read will not finish (its writes fail on the closed
 * vault), so its attempt is not held against it; it is read again at the next unlock.
 */
export function stopReading(core: Core): void {
  const id = reading.get(core);
  if (id) forgiveAttempt(core, id);
  reading.delete(core);
}
