import type { Db } from '../db/open-database';

export type GroupBy = 'none' | 'unit' | 'service' | 'unit,service';
export const GROUP_BYS: readonly GroupBy[] = ['none', 'unit', 'service', 'unit,service'];

export interface CountRow { unitId: number; serviceId: number; definitionId: string; definitionVersion: number; questionId: string; value: string; n: number }
export interface CountFilter { from: string; to: string; unitIds: number[] | null; serviceIds: number[] | null; includeFlagged: boolean }
export interface UnitRow { id: number; code: string; name: string }
export interface ServiceRow { id: number; code: string; nameVi: string; nameEn: string | null }

/** One statement per grouping, so SQLite sums as much as it can before rows reach JavaScript. */
function countsSql(groupBy: GroupBy): string {
  const unit = groupBy.includes('unit') ? 'unit_id' : '0';
  const service = groupBy.includes('service') ? 'service_id' : '0';
  return `
    SELECT ${unit} AS unitId, ${service} AS serviceId, definition_id AS definitionId, definition_version AS definitionVersion,
           question_id AS questionId, value, sum(n) AS n
    FROM answer_counts
    WHERE local_date BETWEEN :from AND :to
      AND (:allUnits = 1 OR unit_id IN (SELECT value FROM json_each(:unitIds)))
      AND (:allServices = 1 OR service_id IN (SELECT value FROM json_each(:serviceIds)))
      AND (:includeFlagged = 1 OR flagged = 0)
    GROUP BY 1, 2, 3, 4, 5, 6`;
}

/** Reads for the figures: only answer_counts, never the raw answers. */
export function createFiguresRepo(db: Db) {
  const counts = Object.fromEntries(GROUP_BYS.map((g) => [g, db.prepare<Record<string, unknown>, CountRow>(countsSql(g))])) as Record<
    GroupBy,
    ReturnType<typeof db.prepare<Record<string, unknown>, CountRow>>
  >;
  // Flagged responses of the selection, whether or not the figures include them.
  const flagged = db.prepare<Record<string, unknown>, { n: number }>(`
    SELECT coalesce(sum(n), 0) AS n FROM answer_counts
    WHERE local_date BETWEEN :from AND :to AND flagged = 1 AND question_id = '_response'
      AND (:allUnits = 1 OR unit_id IN (SELECT value FROM json_each(:unitIds)))
      AND (:allServices = 1 OR service_id IN (SELECT value FROM json_each(:serviceIds)))`);
  const unitByCode = db.prepare<{ code: string }, UnitRow>('SELECT id, code, name FROM units WHERE code = :code');
  const unitsByIds = db.prepare<{ ids: string }, UnitRow>('SELECT id, code, name FROM units WHERE id IN (SELECT value FROM json_each(:ids))');
  const serviceByCode = db.prepare<{ code: string }, ServiceRow>('SELECT id, code, name_vi AS nameVi, name_en AS nameEn FROM services WHERE code = :code');
  const services = db.prepare<[], ServiceRow>('SELECT id, code, name_vi AS nameVi, name_en AS nameEn FROM services');
  // Every unit merged, directly or through others, into one of :ids, with the one it ended in.
  const merged = db.prepare<{ ids: string }, { id: number; intoId: number }>(`
    WITH RECURSIVE merged(id, into_id) AS (
      SELECT id, successor_id FROM units WHERE successor_id IN (SELECT value FROM json_each(:ids))
      UNION SELECT u.id, m.into_id FROM units u JOIN merged m ON u.successor_id = m.id)
    SELECT id, into_id AS intoId FROM merged`);
  // The last unit in each one's chain of successors (depth-limited against a cycle typed by hand).
  const finalSuccessor = db.prepare<{ ids: string }, { id: number; intoId: number }>(`
    WITH RECURSIVE chain(id, cur, depth) AS (
      SELECT value, value, 0 FROM json_each(:ids)
      UNION ALL SELECT c.id, u.successor_id, c.depth + 1 FROM chain c JOIN units u ON u.id = c.cur
        WHERE u.successor_id IS NOT NULL AND c.depth < 20)
    SELECT id, cur AS intoId FROM chain c WHERE depth > 0 AND depth = (SELECT max(depth) FROM chain d WHERE d.id = c.id)`);

  const params = (f: CountFilter) => ({
    from: f.from,
    to: f.to,
    allUnits: f.unitIds ? 0 : 1,
    unitIds: JSON.stringify(f.unitIds ?? []),
    allServices: f.serviceIds ? 0 : 1,
    serviceIds: JSON.stringify(f.serviceIds ?? []),
  });
  return {
    counts: (groupBy: GroupBy, f: CountFilter) => counts[groupBy].all({ ...params(f), includeFlagged: f.includeFlagged ? 1 : 0 }),
    flaggedResponses: (f: CountFilter) => flagged.get(params(f))!.n,
    unitByCode: (code: string) => unitByCode.get({ code }),
    unitsByIds: (ids: number[]) => unitsByIds.all({ ids: JSON.stringify(ids) }),
    serviceByCode: (code: string) => serviceByCode.get({ code }),
    services: () => services.all(),
    mergedInto: (ids: number[]) => merged.all({ ids: JSON.stringify(ids) }),
    finalSuccessors: (ids: number[]) => finalSuccessor.all({ ids: JSON.stringify(ids) }),
  };
}
export type FiguresRepo = ReturnType<typeof createFiguresRepo>;
