import { selectionParams, selectionWhere } from './selection.repo';
import type { Db } from '../db/open-database';
import type { ReadPlan } from './rollup-plan';
import { createSlots, unitServices, type SlotRow, type Slots } from './rollup-format';
import { createColumns, createGroupIndex, createTallies, type Tallies } from './tally';

export type GroupBy = 'none' | 'unit' | 'service' | 'unit,service';
export const GROUP_BYS: readonly GroupBy[] = ['none', 'unit', 'service', 'unit,service'];

export interface CountFilter { from: string; to: string; unitIds: number[] | null; serviceIds: number[] | null; includeFlagged: boolean }
/** A read's counts: one tally per group (unit and service field, 0 where not grouped by), and the questionnaires answered. */
export interface CountsRead { tallies: Tallies; definitions: { id: string; version: number }[] }
type Pack = [unitId: number, definitionId: string, definitionVersion: number, counts: Buffer];
type Day = [unitId: number, serviceId: number, definitionId: string, definitionVersion: number, questionId: string, value: string, n: number];

const FILTERS = selectionWhere({ unit: 'unit_id', service: 'service_id', flagged: 'flagged' });
// A rollup row holds every service field of its unit: the service filter is applied in tally() (bound as "all" here).
const UNIT_FILTERS = selectionWhere({ unit: 'unit_id', service: '0', flagged: 'flagged' });
const unitKey = (groupBy: GroupBy) => (groupBy.includes('unit') ? 'unit_id' : '0');
const keys = (groupBy: GroupBy) => `${unitKey(groupBy)}, ${groupBy.includes('service') ? 'service_id' : '0'}, definition_id, definition_version`;

/** Daily counts: one statement per grouping, so SQLite sums as much as it can before rows reach JavaScript. */
const daysSql = (groupBy: GroupBy) => `
    SELECT ${keys(groupBy)}, question_id, value, sum(n) FROM answer_counts
    WHERE local_date BETWEEN :from AND :to ${FILTERS}
      AND question_id IN (SELECT value FROM json_each(:questions))
    GROUP BY 1, 2, 3, 4, 5, 6`;
/** Rollups of closed months and years: one packed row per unit and bucket, summed in JavaScript. */
const bucketsSql = (groupBy: GroupBy) => `
    SELECT ${unitKey(groupBy)}, definition_id, definition_version, counts FROM answer_rollups
    WHERE bucket IN (SELECT value FROM json_each(:buckets)) ${UNIT_FILTERS}`;

function prepareAll<R>(db: Db, sql: (g: GroupBy) => string) {
  const entries = GROUP_BYS.map((g) => [g, db.prepare<Record<string, unknown>, R>(sql(g)).raw(true)] as const);
  return Object.fromEntries(entries) as Record<GroupBy, (typeof entries)[number][1]>;
}

/** The questionnaires (id, version) of the rows read, sorted; consecutive rows mostly share one. */
function definitionsOf(rows: Iterable<readonly [string, number]>) {
  const seen = new Map<string, { id: string; version: number }>();
  let id = '', version = -1;
  for (const r of rows) {
    if (r[0] === id && r[1] === version) continue;
    [id, version] = r;
    seen.set(`${id}@${version}`, { id, version });
  }
  return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
}

/** Adds each unit row's service fields into their groups (-1: not selected); a group's first one is copied, as it is still zeros. */
function addPacks(t: Tallies, rows: ReturnType<typeof unitServices>[], groups: Int32Array[]) {
  const filled = new Uint8Array(t.size);
  rows.forEach((row, p) => groups[p]!.forEach((g, i) => {
    if (g < 0) return;
    if (filled[g]) row.addTo(i, t.counts, g * t.stride);
    else { row.copyTo(i, t.counts, g * t.stride); filled[g] = 1; }
  }));
}

/**
 * Lays out the columns (the packed places first, then values only the days have), gives each
 * unit row's service fields (those selected) and each day row its group, then adds them up.
 */
function tally(packs: Pack[], days: Day[], slots: Slots, byService: boolean, services: Set<number> | null): CountsRead {
  const columns = createColumns(slots.length, slots.cells());
  const index = createGroupIndex();
  const rows = packs.map((r) => unitServices(r[3]));
  const packGroups = rows.map((row, p) => Int32Array.from({ length: row.size }, (_, i) =>
    (services && !services.has(row.serviceId(i)) ? -1 : index.indexOf(packs[p]![0], byService ? row.serviceId(i) : 0))));
  const dayGroup = new Int32Array(days.length), dayColumn = new Int32Array(days.length);
  for (let i = 0; i < days.length; i++) [dayGroup[i], dayColumn[i]] = [index.indexOf(days[i]![0], days[i]![1]), columns.of(days[i]![4], days[i]![5])];
  const t = createTallies(columns, index);
  addPacks(t, rows, packGroups);
  for (let i = 0; i < days.length; i++) t.counts[dayGroup[i]! * t.stride + dayColumn[i]!]! += days[i]![6];
  const counted = packs.filter((_, p) => packGroups[p]!.some((g) => g >= 0));
  return { tallies: t, definitions: definitionsOf([...counted.map((r) => [r[1], r[2]] as const), ...days.map((r) => [r[2], r[3]] as const)]) };
}

/** The counts of a plan: rollup buckets plus day ranges of answer_counts, of the given questions only. */
function countsReader(db: Db) {
  const days = prepareAll<Day>(db, daysSql);
  const buckets = prepareAll<Pack>(db, bucketsSql);
  const slots = db.prepare<[], SlotRow>('SELECT question_id AS questionId, value, slot FROM rollup_slots');
  /** `questions`: the JSON list of the formula's questions, which rollups are keyed by (rollupQuestions). */
  return (groupBy: GroupBy, f: CountFilter, plan: ReadPlan, questions: string): CountsRead => {
    const p = selectionParams(f);
    const packs = plan.buckets.length ? buckets[groupBy].all({ ...selectionParams({ ...f, serviceIds: null }), buckets: JSON.stringify(plan.buckets) }) : [];
    const dayRows = plan.days.flatMap((d) => days[groupBy].all({ ...p, ...d, questions }));
    return tally(packs, dayRows, createSlots(questions, slots.all()), groupBy.includes('service'), f.serviceIds && new Set(f.serviceIds));
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
