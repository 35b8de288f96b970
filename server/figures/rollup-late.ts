/**
 * Answers added to a response after it was stored (issue 12's detail steps, up to two hours
 * later: perhaps after midnight, after its month closed and was rolled up). They count on
 * the response's own local day, so the rollups of that day's month and year must take them
 * too, or the figures of a closed period would miss them.
 */
import { addToUnit, createSlots } from './rollup-format';
import { bucketsOfDay } from './rollup-plan';
import type { RollupGroup, RollupsRepo } from './rollups.repo';

export interface LateChoice { questionId: string; value: string }

/** Adds the choices to one built bucket's row of the group; a value that fits no slot un-marks the bucket instead. */
function addToBucket(repo: RollupsRepo, bucket: string, questions: string, group: RollupGroup, choices: readonly LateChoice[]) {
  const slots = createSlots(questions, repo.slots());
  let places: number[];
  try {
    places = choices.map((c) => slots.at(c.questionId, c.value)).filter((at) => at >= 0);
  } catch {
    repo.unmark(bucket); // read from the daily counts until the schedule builds it again (and fails the same way)
    return;
  }
  if (!places.length) return;
  for (const s of slots.added) repo.addSlot(s);
  const { serviceId, ...key } = group;
  repo.putPack(bucket, { ...key, counts: addToUnit(repo.packOf(bucket, key), slots.length, serviceId, places) });
}

/**
 * `addLateCounts(group, localDate, choices)` keeps the rollups exactly equal to the daily
 * counts when answers arrive late.
 *
 * Contract: call it INSIDE the db.transaction that stores the late answers and adds them to
 * answer_counts, synchronously (no await in that transaction), with
 * - `group`: the response's unit, service field (0 for none), definition id and version,
 *   and flagged (0 or 1), as its answer_counts rows have them;
 * - `localDate`: the response's OWN local_date (where its answer_counts rows are), not today;
 * - `choices`: the answers added now, each (question, value) once per answer given, as they
 *   go to answer_counts. Free texts and '_response' do not belong here (the response itself
 *   was counted when it was stored).
 * It then counts a change of that month (a rollup being summed in steps at that moment starts
 * again, see rollup-build.ts) and adds the choices to the month's and the year's rollup row
 * of the group where those are built. Safe on any day: for an open month it only bumps the
 * counter. Questions the rollups do not hold are left to answer_counts.
 */
export function lateCounts(repo: RollupsRepo) {
  return function addLateCounts(group: RollupGroup, localDate: string, choices: readonly LateChoice[]): void {
    const [month, year] = bucketsOfDay(localDate);
    repo.bumpChanges(month);
    for (const bucket of [month, year]) {
      const questions = repo.builtWith(bucket);
      if (questions) addToBucket(repo, bucket, questions, group, choices);
    }
  };
}
export type AddLateCounts = ReturnType<typeof lateCounts>;
