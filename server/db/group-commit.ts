import type { Db } from './open-database';

/**
 * Group commit: the writes that arrive in one turn of the event loop (the submissions of
 * every citizen sending at that moment) go into ONE transaction, committed once, instead of a
 * commit each. A commit is most of a submission's cost in SQLite (its WAL frames, and with
 * synchronous=FULL an fsync); pages that several submissions touch (the counts of a day, the
 * ends of the indexes) are then written once for all of them.
 *
 * Each write is still one synchronous function with no await inside. It runs in a savepoint
 * of its own (better-sqlite3 nests `db.transaction` as one), so that a write that throws is
 * undone alone and only its caller sees the error. Every promise settles after the COMMIT:
 * nothing is acknowledged before it is stored. If the COMMIT fails (a full disk, a read-only
 * file), or SQLite gave up the whole transaction, every write of the batch is refused.
 * Under light load a batch is one write, and the wait is one setImmediate.
 */
interface Job { fn: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void; ok: boolean; value?: unknown; error?: unknown }

export type GroupCommit = <T>(fn: () => T) => Promise<T>;

export function createGroupCommit(db: Db): GroupCommit {
  let queue: Job[] = [];
  // Wrapped once: db.transaction(fn) builds its wrappers anew at each call.
  const inSavepoint = db.transaction((fn: () => unknown) => fn());

  const runAll = (jobs: Job[]) => {
    for (const job of jobs) {
      try {
        job.value = inSavepoint(job.fn);
        job.ok = true;
      } catch (err) {
        job.error = err;
        // SQLite rolled back the whole transaction (an I/O error): nothing after it may pretend to be in it.
        if (!db.inTransaction) throw err;
      }
    }
  };

  const inTransaction = db.transaction(runAll);
  const flush = () => {
    const jobs = queue;
    queue = [];
    try {
      inTransaction(jobs);
    } catch (err) {
      for (const job of jobs) {
        job.ok = false;
        job.error ??= err;
      }
    }
    for (const job of jobs) (job.ok ? job.resolve(job.value) : job.reject(job.error));
  };

  return <T>(fn: () => T) => new Promise<T>((resolve, reject) => {
    queue.push({ fn, resolve: resolve as (v: unknown) => void, reject, ok: false });
    if (queue.length === 1) setImmediate(flush);
  });
}
