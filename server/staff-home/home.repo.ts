import type { Db } from '../db/open-database';

export interface PeriodCounts { today: number; week: number; month: number }
export interface PeriodStarts { today: string; week: string; month: string }

/** Responses since the start of this month (or week), split by local day thresholds (uses responses_date_unit). */
export function createHomeRepo(db: Db) {
  const sums = `sum(local_date >= :today) AS today, sum(local_date >= :week) AS week, sum(local_date >= :month) AS month
    FROM responses WHERE local_date >= min(:month, :week)`;
  const byPoint = db.prepare<PeriodStarts & { unitId: number }, PeriodCounts & { pointId: number | null }>(
    `SELECT point_id AS pointId, ${sums} AND unit_id = :unitId GROUP BY point_id`);
  const byUnit = db.prepare<PeriodStarts & { all: number; ids: string }, PeriodCounts & { unitId: number }>(
    `SELECT unit_id AS unitId, ${sums} AND (:all = 1 OR unit_id IN (SELECT value FROM json_each(:ids))) GROUP BY unit_id`);
  return {
    byPoint: (unitId: number, from: PeriodStarts) => byPoint.all({ unitId, ...from }),
    /** Per unit of `ids` (null: every unit); a unit without responses has no row. */
    byUnit: (ids: number[] | null, from: PeriodStarts) => byUnit.all({ all: ids ? 0 : 1, ids: JSON.stringify(ids ?? []), ...from }),
  };
}
export type HomeRepo = ReturnType<typeof createHomeRepo>;
