import type { Db } from '../db/open-database';

export interface PeriodCounts { today: number; week: number; month: number }
export interface UnitCounts extends PeriodCounts { unitId: number; name: string; points: number }

/** Responses since the start of this month (or week), split by local day thresholds (uses responses_date_unit). */
export function createHomeRepo(db: Db) {
  const counts = db.prepare<{ unitId: number; today: string; week: string; month: string }, { pointId: number | null; today: number; week: number; month: number }>(`
    SELECT point_id AS pointId,
           sum(local_date >= :today) AS today,
           sum(local_date >= :week) AS week,
           sum(local_date >= :month) AS month
    FROM responses
    WHERE unit_id = :unitId AND local_date >= min(:month, :week)
    GROUP BY point_id`);
  // Every unit in a scope (null: all) with its active counters and its counts, for admin and oversight.
  const units = db.prepare<{ all: number; ids: string; today: string; week: string; month: string }, UnitCounts>(`
    SELECT u.id AS unitId, u.name,
           (SELECT count(*) FROM collection_points p WHERE p.unit_id = u.id AND p.active = 1) AS points,
           coalesce(sum(r.local_date >= :today), 0) AS today,
           coalesce(sum(r.local_date >= :week), 0) AS week,
           coalesce(sum(r.local_date >= :month), 0) AS month
    FROM units u LEFT JOIN responses r ON r.unit_id = u.id AND r.local_date >= min(:month, :week)
    WHERE u.active = 1 AND (:all = 1 OR u.id IN (SELECT value FROM json_each(:ids)))
    GROUP BY u.id ORDER BY u.name`);
  const unitName = db.prepare<{ id: number }, { name: string }>('SELECT name FROM units WHERE id = :id');
  return {
    counts: (unitId: number, from: { today: string; week: string; month: string }) => counts.all({ unitId, ...from }),
    unitName: (id: number) => unitName.get({ id })?.name,
    units: (ids: number[] | null, from: { today: string; week: string; month: string }) =>
      units.all({ all: ids ? 0 : 1, ids: JSON.stringify(ids ?? []), ...from }),
  };
}
export type HomeRepo = ReturnType<typeof createHomeRepo>;
