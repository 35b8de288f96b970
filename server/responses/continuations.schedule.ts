import type { Logger } from 'pino';

/** Often enough that an expired link between a device and a response is gone within minutes. */
const EVERY_MS = 5 * 60_000;

/**
 * Deletes expired continuations (015-continuations.sql) at start-up and every five minutes;
 * an expired one is refused at once anyway. The timer never keeps the process alive.
 */
export function scheduleContinuationCleanup(purge: () => number, logger: Logger, everyMs = EVERY_MS): () => void {
  const run = () => {
    const n = purge();
    if (n > 0) logger.debug({ deleted: n }, 'expired survey continuations deleted');
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
