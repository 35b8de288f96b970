import type { Logger } from 'pino';
import type { Db } from '../db/open-database';
import type { Definition } from '../surveys/definitions';
import { VN_OFFSET_MS, vietnamDate } from '../time/vietnam-time';
import { createRollupsRepo } from './rollups.repo';
import { ensureRollups, rollupQuestions } from './rollups';
import { closedBucketsSince } from './rollup-plan';
import { structureOf } from './structure';

export interface RollupScheduleDeps { db: Db; definition: Definition; logger: Logger; now?: () => Date }

const DAY_MS = 86_400_000;
/** A little after local midnight, when yesterday's month may just have closed. */
const AFTER_MIDNIGHT_MS = 5 * 60_000;

/** Milliseconds from `now` to 00:05 next local day in Vietnam. */
export function untilNextRun(now: Date): number {
  const local = now.getTime() + VN_OFFSET_MS;
  return Math.floor(local / DAY_MS) * DAY_MS + DAY_MS + AFTER_MIDNIGHT_MS - local;
}

/**
 * Builds the missing rollups of closed periods at start-up and then once a day, one bucket
 * per turn of the event loop, so that submissions are served in between. Timers are unref'd.
 */
export function scheduleRollups(deps: RollupScheduleDeps): { stop: () => void } {
  const repo = createRollupsRepo(deps.db);
  const questions = rollupQuestions(structureOf(deps.definition));
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const step = (pending: string[], built: string[]) => {
    if (stopped || !deps.db.open) return;
    const bucket = pending.shift();
    if (!bucket) {
      if (built.length) deps.logger.info({ buckets: built.length, first: built[0], last: built.at(-1) }, 'rollups built');
      timer = setTimeout(run, untilNextRun(now())).unref();
      return;
    }
    const result = ensureRollups(repo, [bucket], questions, now());
    for (const f of result.failed) deps.logger.error(f, 'rollup not built; its figures are read from the daily counts');
    built.push(...result.built);
    timer = setTimeout(() => step(pending, built), 0).unref();
  };
  const run = () => {
    const first = repo.firstDay();
    const have = repo.built(questions);
    step(first ? closedBucketsSince(first, vietnamDate(now())).filter((b) => !have.has(b)) : [], []);
  };
  timer = setTimeout(run, 0).unref();
  return { stop: () => { stopped = true; clearTimeout(timer); } };
}
