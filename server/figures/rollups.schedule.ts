import type { Logger } from 'pino';
import type { Db } from '../db/open-database';
import type { Definition } from '../surveys/definitions';
import { VN_OFFSET_MS, vietnamDate } from '../time/vietnam-time';
import { createRollupsRepo, type RollupsRepo } from './rollups.repo';
import { canBuild, missingBuckets } from './rollups';
import { startBuild, type BucketBuild } from './rollup-build';
import { rollupQuestions } from './rollup-format';
import { structureOf } from './structure';

export interface RollupScheduleDeps { db: Db; definition: Definition; logger: Logger; now?: () => Date }

const DAY_MS = 86_400_000;
/** A little after local midnight, when yesterday's month may just have closed. */
const AFTER_MIDNIGHT_MS = 5 * 60_000;
/** Starts of one bucket whose counts changed while it was summed, before it waits for the next run. */
const ATTEMPTS = 3;

/** Milliseconds from `now` to 00:05 next local day in Vietnam. */
export function untilNextRun(now: Date): number {
  const local = now.getTime() + VN_OFFSET_MS;
  return Math.floor(local / DAY_MS) * DAY_MS + DAY_MS + AFTER_MIDNIGHT_MS - local;
}

interface Run {
  repo: RollupsRepo; questions: string; pending: string[]; built: string[]; logger: Logger; now: () => Date;
  /** False once stopped or the database is closed. */
  alive: () => boolean;
  /** Runs `fn` on the next turn of the event loop. */
  soon: (fn: () => void) => void;
  /** Called when nothing is pending any more. */
  finished: () => void;
}

/** One step of one bucket's build; the outcome once it is written (or failed). */
function advance(run: Run, bucket: string, build: BucketBuild): 'more' | 'built' | 'changed' | 'failed' {
  try {
    if (!build.step()) return 'more';
    return build.write(run.now());
  } catch (err) {
    run.logger.error({ bucket, error: (err as Error).message }, 'rollup not built; its figures are read from the daily counts');
    return 'failed';
  }
}

/** Builds one bucket step by step, with a turn of the event loop between steps, then calls `done`. */
function buildInSteps(run: Run, bucket: string, done: (outcome: 'built' | 'changed' | 'failed') => void) {
  const build = startBuild(run.repo, bucket, run.questions);
  const stats = { steps: 0, busyMs: 0, longestStepMs: 0, startedAt: performance.now() };
  const step = () => {
    if (!run.alive()) return;
    const t = performance.now();
    const outcome = advance(run, bucket, build);
    const ms = performance.now() - t;
    [stats.steps, stats.busyMs, stats.longestStepMs] = [stats.steps + 1, stats.busyMs + ms, Math.max(stats.longestStepMs, ms)];
    if (outcome === 'more') return run.soon(step);
    // How long the event loop was held: the longest step (the last one writes), and in all.
    run.logger.debug({ bucket, outcome, ...stats, startedAt: undefined, elapsedMs: performance.now() - stats.startedAt }, 'rollup bucket');
    done(outcome);
  };
  run.soon(step);
}

/** Builds the next pending bucket; one whose counts changed meanwhile is started again (a few times). */
function next(run: Run, attempt = 1): void {
  if (!run.alive()) return;
  const bucket = run.pending.shift();
  if (!bucket) return run.finished();
  if (!canBuild(run.repo, bucket, run.questions)) return run.soon(() => next(run));
  buildInSteps(run, bucket, (outcome) => {
    if (outcome === 'built') run.built.push(bucket);
    const retry = outcome === 'changed' && attempt < ATTEMPTS;
    if (retry) run.pending.unshift(bucket);
    else if (outcome === 'changed') run.logger.warn({ bucket }, 'rollup not built: its counts kept changing; tried again at the next run');
    run.soon(() => next(run, retry ? attempt + 1 : 1));
  });
}

/**
 * Builds the missing rollups of closed periods at start-up and then once a day, in steps of a
 * few milliseconds with a turn of the event loop between them (setImmediate), so that
 * submissions and figures are served meanwhile: no request ever waits for a rollup. The daily
 * timer is unref'd; `stop` ends a run at its next step.
 */
export function scheduleRollups(deps: RollupScheduleDeps): { stop: () => void } {
  const repo = createRollupsRepo(deps.db);
  const questions = rollupQuestions(structureOf(deps.definition));
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined, immediate: NodeJS.Immediate | undefined;
  let stopped = false;
  const start = () => {
    const run: Run = {
      repo, questions, pending: missingBuckets(repo, questions, vietnamDate(now())), built: [], logger: deps.logger, now,
      alive: () => !stopped && deps.db.open,
      // Not unref'd: libuv stops waiting for I/O only for a referenced immediate; an unref'd one would wait for the next request.
      soon: (fn) => { immediate = setImmediate(fn); },
      finished: () => {
        if (run.built.length) deps.logger.info({ buckets: run.built.length, first: run.built[0], last: run.built.at(-1) }, 'rollups built');
        timer = setTimeout(start, untilNextRun(now())).unref();
      },
    };
    next(run);
  };
  timer = setTimeout(start, 0).unref();
  return { stop: () => { stopped = true; clearTimeout(timer); clearImmediate(immediate); } };
}
