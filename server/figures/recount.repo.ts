import type { Db } from '../db/open-database';

export interface CountDifference {
  localDate: string; unitId: number; pointId: number; serviceId: number; definitionId: string; definitionVersion: number;
  flagged: number; questionId: string; value: string; expected: number | null; actual: number | null;
}

const KEY = 'local_date, unit_id, point_id, service_id, definition_id, definition_version, flagged, question_id, value';

/** answer_counts as it should be, from the raw responses and answers (the one place that rescans them). */
const EXPECTED = `
  SELECT local_date, unit_id, coalesce(point_id, 0) AS point_id, coalesce(service_id, 0) AS service_id, definition_id,
         definition_version, flagged, '_response' AS question_id, '1' AS value, count(*) AS n
  FROM responses GROUP BY 1, 2, 3, 4, 5, 6, 7
  UNION ALL
  SELECT r.local_date, r.unit_id, coalesce(r.point_id, 0), coalesce(r.service_id, 0), r.definition_id,
         r.definition_version, r.flagged, a.question_id, a.value, count(*)
  FROM responses r JOIN answers a ON a.response_id = r.id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;

/** Compares answer_counts with a recount from raw answers, and can replace it with the recount. */
export function createRecountRepo(db: Db) {
  const differences = db.prepare<[], CountDifference>(`
    WITH expected AS (${EXPECTED})
    SELECT local_date AS localDate, unit_id AS unitId, point_id AS pointId, service_id AS serviceId, definition_id AS definitionId,
           definition_version AS definitionVersion, flagged, question_id AS questionId, value, e.n AS expected, c.n AS actual
    FROM expected e FULL OUTER JOIN answer_counts c USING (${KEY})
    WHERE e.n IS NOT c.n
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`);
  const clear = db.prepare('DELETE FROM answer_counts');
  const refill = db.prepare(`INSERT INTO answer_counts (${KEY}, n) ${EXPECTED}`);
  return {
    differences: () => differences.all(),
    /** One transaction: a submission in between waits (busy_timeout) and is then counted on top. */
    replace: db.transaction(() => {
      clear.run();
      return refill.run().changes;
    }),
  };
}
