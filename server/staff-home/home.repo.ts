import type { Db } from '../db/open-database';

export interface PeriodCounts { today: number; week: number; month: number }

/** Responses of one unit since the start of this month, split by local day thresholds (uses responses_unit_date). */
export function createHomeRepo(db: Db) {
  const counts = db.prepare<{ unitId: number; today: string; week: string; month: string }, { pointId: number | null; today: number; week: number; month: number }>(`
    SELECT point_id AS pointId,
           sum(local_date >= :today) AS today,
           sum(local_date >= :week) AS week,
           sum(local_date >= :month) AS month
    FROM responses
    WHERE unit_id = :unitId AND local_date >= min(:month, :week)
    GROUP BY point_id`);
  const unitName = db.prepare<{ id: number }, { name: string }>('SELECT name FROM units WHERE id = :id');
  return {
    counts: (unitId: number, from: { today: string; week: string; month: string }) => counts.all({ unitId, ...from }),
    unitName: (id: number) => unitName.get({ id })?.name,
  };
}
export type HomeRepo = ReturnType<typeof createHomeRepo>;
