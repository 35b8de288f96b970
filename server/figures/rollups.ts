/**
 * Keeping the rollups of closed periods (004-rollups.sql): which questions they hold, and
 * building the buckets that are missing. Never on the submission path.
 */
import type { Structure } from './formula';
import type { RollupsRepo } from './rollups.repo';
import { bucketRange, closedBucketsSince, monthsOf } from './rollup-plan';
import { packMonth, sumPacks } from './rollup-pack';

/** The questions the formula reads, as the JSON the rollups are keyed by: '_response', overall, criteria, priorities. */
export function rollupQuestions(s: Structure): string {
  const ids = ['_response', ...(s.overall ? [s.overall] : []), ...s.elements.flatMap((e) => e.criteria), ...s.priorities.map((p) => p.id)];
  return JSON.stringify([...new Set(ids)].sort());
}

/** Gives each answer value of the bucket's days a column; throws when a question has more than eight. */
function assignSlots(repo: RollupsRepo, from: string, to: string, questions: string) {
  const last = repo.lastSlots();
  for (const { questionId, value } of repo.newValues({ from, to, questions })) {
    const slot = (last.get(questionId) ?? 0) + 1;
    if (slot > 8) throw new Error(`rollups: question ${questionId} has more than 8 answer values`);
    repo.addSlot({ questionId, value, slot });
    last.set(questionId, slot);
  }
}

/** Builds (or rebuilds) one closed bucket, in one transaction; a year assumes its months are built. */
export function buildBucket(repo: RollupsRepo, bucket: string, questions: string, at: Date): number {
  return repo.transaction(() => {
    repo.clearBucket(bucket);
    let rows;
    if (bucket.length === 4) rows = sumPacks(repo.packs(monthsOf(bucket)));
    else {
      const { from, to } = bucketRange(bucket);
      assignSlots(repo, from, to, questions);
      rows = packMonth(repo.monthRows({ from, to, questions }), JSON.parse(questions) as string[]);
    }
    for (const row of rows) repo.insertPack(bucket, row);
    repo.markBuilt(bucket, questions, at.toISOString());
    return rows.length;
  });
}

export interface EnsureResult { built: string[]; failed: { bucket: string; error: string }[] }

/**
 * Builds those of `wanted` (closed buckets) that are missing, a year's months first. A bucket
 * that fails is reported and left to the daily counts, so figures stay right, only slower.
 */
export function ensureRollups(repo: RollupsRepo, wanted: string[], questions: string, at: Date): EnsureResult {
  const result: EnsureResult = { built: [], failed: [] };
  const have = repo.built(questions);
  const order = wanted.flatMap((b) => (b.length === 4 ? [...monthsOf(b), b] : [b]));
  for (const bucket of order) {
    if (have.has(bucket)) continue;
    if (bucket.length === 4 && !monthsOf(bucket).every((m) => have.has(m))) continue;
    try {
      buildBucket(repo, bucket, questions, at);
      have.add(bucket);
      result.built.push(bucket);
    } catch (err) {
      result.failed.push({ bucket, error: (err as Error).message });
    }
  }
  return result;
}

/** Every closed bucket since the first counted day, built where missing (start-up, daily). */
export function ensureAllRollups(repo: RollupsRepo, questions: string, today: string, at: Date): EnsureResult {
  const first = repo.firstDay();
  return first ? ensureRollups(repo, closedBucketsSince(first, today), questions, at) : { built: [], failed: [] };
}

/** Drops every rollup and builds them again (recount --fix), in the caller's transaction. */
export function rebuildRollups(repo: RollupsRepo, questions: string, today: string, at: Date): EnsureResult {
  repo.dropAll();
  return ensureAllRollups(repo, questions, today, at);
}
