import { selectionParams, selectionWhere } from './selection.repo';
import type { Db } from '../db/open-database';
import type { ReadPlan } from './rollup-plan';
import { SLOTS, unpack } from './rollup-pack';

export type GroupBy = 'none' | 'unit' | 'service' | 'unit,service';
export const GROUP_BYS: readonly GroupBy[] = ['none', 'unit', 'service', 'unit,service'];

/**
 * Counts in one group: question `questionIds[q]` had the value `values[q][s]` in
 * `ns[q * width + s]` answers. A daily row holds one question and value (width 1); a
 * rollup row every rolled-up question, `SLOTS` values each.
 */
export interface CountRow {
  unitId: number; serviceId: number; definitionId: string; definitionVersion: number;
  questionIds: readonly string[]; values: readonly (readonly string[])[]; ns: ArrayLike<number>; width: number;
}
export interface CountFilter { from: string; to: string; unitIds: number[] | null; serviceIds: number[] | null; includeFlagged: boolean }
type Raw = [number, number, string, number, ...(string | number | Buffer)[]];

const FILTERS = selectionWhere({ unit: 'unit_id', service: 'service_id', flagged: 'flagged' });
const keys = (groupBy: GroupBy) =>
  `${groupBy.includes('unit') ? 'unit_id' : '0'}, ${groupBy.includes('service') ? 'service_id' : '0'}, definition_id, definition_version`;

/** Daily counts: one statement per grouping, so SQLite sums as much as it can before rows reach JavaScript. */
const daysSql = (groupBy: GroupBy) => `
    SELECT ${keys(groupBy)}, question_id, value, sum(n) FROM answer_counts
    WHERE local_date BETWEEN :from AND :to ${FILTERS}
      AND question_id IN (SELECT value FROM json_each(:questions))
    GROUP BY 1, 2, 3, 4, 5, 6`;
/** Rollups of closed months and years: one packed row per group and bucket, summed in JavaScript. */
const bucketsSql = (groupBy: GroupBy) => `
    SELECT ${keys(groupBy)}, counts FROM answer_rollups
    WHERE bucket IN (SELECT value FROM json_each(:buckets)) ${FILTERS}`;

function prepareAll(db: Db, sql: (g: GroupBy) => string) {
  const entries = GROUP_BYS.map((g) => [g, db.prepare<Record<string, unknown>, Raw>(sql(g)).raw(true)] as const);
  return Object.fromEntries(entries) as Record<GroupBy, (typeof entries)[number][1]>;
}

/** The answer value of each slot (index 0 = slot 1) of each question, in the order of the packed counts. */
function slotValues(db: Db) {
  const slots = db.prepare<[], { questionId: string; value: string; slot: number }>('SELECT question_id AS questionId, value, slot FROM rollup_slots');
  return (questionIds: string[]) => {
    const values = questionIds.map(() => new Array<string>(SLOTS).fill(''));
    const index = new Map(questionIds.map((q, i) => [q, i]));
    for (const s of slots.all()) if (index.has(s.questionId)) values[index.get(s.questionId)!]![s.slot - 1] = s.value;
    return values;
  };
}

/** The counts of a plan: rollup buckets plus day ranges of answer_counts, of the given questions only. */
function countsReader(db: Db) {
  const days = prepareAll(db, daysSql);
  const buckets = prepareAll(db, bucketsSql);
  const slots = slotValues(db);
  /** `questions`: the JSON list the rollups were built for (rollupQuestions), also the order of their counts. */
  return (groupBy: GroupBy, f: CountFilter, plan: ReadPlan, questions: string): CountRow[] => {
    const p = selectionParams(f);
    const rows: CountRow[] = [];
    const row = (r: Raw, questionIds: readonly string[], values: readonly (readonly string[])[], ns: ArrayLike<number>, width: number): CountRow =>
      ({ unitId: r[0], serviceId: r[1], definitionId: r[2], definitionVersion: r[3], questionIds, values, ns, width });
    if (plan.buckets.length) {
      const questionIds = JSON.parse(questions) as string[];
      const values = slots(questionIds);
      for (const r of buckets[groupBy].all({ ...p, buckets: JSON.stringify(plan.buckets) })) rows.push(row(r, questionIds, values, unpack(r[4] as Buffer), SLOTS));
    }
    for (const d of plan.days) {
      for (const r of days[groupBy].all({ ...p, ...d, questions })) rows.push(row(r, [r[4] as string], [[r[5] as string]], [r[6] as number], 1));
    }
    return rows;
  };
}

/** Reads for the figures: rollups and answer_counts, never the raw answers. */
export function createFiguresRepo(db: Db) {
  const counts = countsReader(db);
  // Flagged responses of the selection, whether or not the figures include them.
  const flagged = db.prepare<Record<string, unknown>, { n: number }>(`
    SELECT coalesce(sum(n), 0) AS n FROM answer_counts
    WHERE local_date BETWEEN :from AND :to AND flagged = 1 AND question_id = '_response'
      ${selectionWhere({ unit: 'unit_id', service: 'service_id' })}`);
  return {
    /** Counts of the formula's questions over a read plan (see rollup-plan.ts). */
    counts,
    flaggedResponses: (f: CountFilter) => flagged.get({ ...selectionParams(f, false), from: f.from, to: f.to })!.n,
  };
}
export type FiguresRepo = ReturnType<typeof createFiguresRepo>;
