import type { Logger } from 'pino';
import type { RetentionRepo } from './retention.repo';

const DAY_MS = 86_400_000;

/** The instant before which comments are blanked: `months` calendar months before `now` (UTC). */
export function retentionCutoff(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/** Blanks the free-text answers of responses older than `months`; 0 keeps them. Returns how many. */
export function applyCommentRetention(repo: RetentionRepo, months: number, now: Date): number {
  if (months <= 0) return 0;
  return repo.blankCommentsBefore(retentionCutoff(now, months).toISOString());
}

/** At start-up and then daily; the timer never keeps the process alive. Returns a stopper. */
export function scheduleCommentRetention(repo: RetentionRepo, months: number, logger: Logger, now: () => Date = () => new Date()): () => void {
  if (months <= 0) return () => undefined;
  const run = () => {
    const n = applyCommentRetention(repo, months, now());
    if (n > 0) logger.info({ blanked: n, months }, 'comment retention: old comments blanked');
  };
  run();
  const timer = setInterval(run, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
