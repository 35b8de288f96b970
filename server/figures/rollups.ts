/**
 * Keeping the rollups of closed periods (004-rollups.sql): which buckets are missing, building
 * them at once (the command line, tests, benchmarks; the server uses rollups.schedule.ts,
 * in steps), and checking them against the daily counts. Never on the submission path, and
 * never by a read: a read uses what is built and the daily counts for the rest.
 */
import { buildNow, rowKey, startBuild } from './rollup-build';
import { closedBucketsSince, partsOf, withMonthsFirst } from './rollup-plan';
import type { RollupsRepo } from './rollups.repo';

export interface EnsureResult { built: string[]; failed: { bucket: string; error: string }[] }

/** A closed month can always be built; a year once its twelve months are built. */
function ready(bucket: string, have: Set<string>): boolean {
  const parts = partsOf(bucket);
  return !('months' in parts) || parts.months.every((m) => have.has(m));
}
export const canBuild = (repo: RollupsRepo, bucket: string, questions: string) => ready(bucket, repo.built(questions));

/** The closed buckets not yet built for `questions`, in the order they can be built. */
export function missingBuckets(repo: RollupsRepo, questions: string, today: string): string[] {
  const first = repo.firstDay();
  const have = repo.built(questions);
  return first ? closedBucketsSince(first, today).filter((b) => !have.has(b)) : [];
}

/**
 * Builds those of `wanted` (closed buckets) that are missing, a year's months first. A bucket
 * that fails is reported and left to the daily counts, so figures stay right, only slower.
 */
export function ensureRollups(repo: RollupsRepo, wanted: string[], questions: string, at: Date): EnsureResult {
  const result: EnsureResult = { built: [], failed: [] };
  const have = repo.built(questions);
  for (const bucket of withMonthsFirst(wanted)) {
    if (have.has(bucket) || !ready(bucket, have)) continue;
    try {
      if (buildNow(repo, bucket, questions, at) === 'changed' && buildNow(repo, bucket, questions, at) === 'changed') throw new Error('its counts kept changing');
      have.add(bucket);
      result.built.push(bucket);
    } catch (err) {
      result.failed.push({ bucket, error: (err as Error).message });
    }
  }
  return result;
}

/** Every closed bucket since the first counted day, built where missing. */
export function ensureAllRollups(repo: RollupsRepo, questions: string, today: string, at: Date): EnsureResult {
  return ensureRollups(repo, missingBuckets(repo, questions, today), questions, at);
}

/**
 * Drops every rollup and builds them again (recount --fix), in the caller's transaction; a
 * build under way elsewhere sees the '*' counter move and starts again.
 */
export function rebuildRollups(repo: RollupsRepo, questions: string, today: string, at: Date): EnsureResult {
  repo.dropAll();
  repo.bumpChanges('*');
  return ensureAllRollups(repo, questions, today, at);
}

/** The built buckets whose rows differ from the sum of their daily counts now (recount). */
export function staleBuckets(repo: RollupsRepo, questions: string): string[] {
  const built = repo.built(questions);
  return withMonthsFirst([...built]).filter((bucket) => {
    if (!built.has(bucket)) return false;
    const build = startBuild(repo, bucket, questions);
    while (!build.step());
    const stored = new Map(repo.packs(bucket).map((r) => [rowKey(r), r.counts]));
    const fresh = build.rows();
    return fresh.length !== stored.size || fresh.some((r) => !stored.get(rowKey(r))?.equals(r.counts));
  });
}
