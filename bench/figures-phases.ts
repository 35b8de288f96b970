/**
 * The figures of one period timed as a whole and phase by phase, with the floors of this
 * machine beside them (SQLite reading the same rows with and without their counts), and the
 * checks that 'summary' groups equal the 'full' ones where they overlap. Run by bench/figures.ts.
 */
import type { Db } from '../server/db/open-database';
import type { Definition } from '../server/surveys/definitions';
import { computeSelection, readPlan, type FiguresDeps, type FiguresQuery, type FiguresResult } from '../server/figures/figures.service';
import { createFormula } from '../server/figures/formula-columns';
import { rollupQuestions } from '../server/figures/rollup-format';
import { structureOf } from '../server/figures/structure';
import { sumGroups } from '../server/figures/tally';
import { sortGroups } from '../server/figures/group-order';
import { timeRuns } from './lib';

const RUNS = 21;
const ms = (t: { ms: number; all: number[] }) => `${t.ms.toFixed(1)} ms (${Math.min(...t.all).toFixed(1)}–${Math.max(...t.all).toFixed(1)})`;

/** Where a computeSelection call spends its time, one phase at a time (each timed on its own). */
function phases(db: Db, deps: FiguresDeps, def: Definition, q: FiguresQuery, detail: 'full' | 'summary') {
  const questions = rollupQuestions(structureOf(def));
  const plan = timeRuns(() => readPlan(deps, q.from, q.to, questions), RUNS);
  const read = timeRuns(() => deps.repo.counts(q.groupBy, q, plan.result, questions), RUNS);
  const t = read.result.tallies;
  const formula = createFormula(structureOf(def), t.columns, deps.fewAnswersThreshold);
  const groups = timeRuns(() => Array.from({ length: t.size }, (_, g) => formula[detail](t.counts, g * t.stride, { unit: undefined, service: undefined })), RUNS);
  const total = timeRuns(() => formula.full(sumGroups(t), 0, {}), RUNS);
  const names = timeRuns(() => [deps.units.byIds([...new Set(t.unitIds)]).length, deps.catalog.services().length], RUNS);
  const sort = timeRuns(() => sortGroups(groups.result), RUNS);
  const flagged = timeRuns(() => deps.repo.flaggedResponses(q), RUNS);
  // The floors: SQLite handing this read's rollup rows to JavaScript with their counts, and 3,000 rows of two integers.
  const rows = db.prepare('SELECT unit_id, definition_id, definition_version, counts FROM answer_rollups WHERE bucket IN (SELECT value FROM json_each(?)) AND flagged = 0').raw(true);
  const small = db.prepare('SELECT unit_id, service_id FROM answer_counts LIMIT 3000').raw(true);
  const withCounts = timeRuns(() => rows.all(JSON.stringify(plan.result.buckets)).length, RUNS);
  const keysOnly = timeRuns(() => small.all().length, RUNS);
  return [
    `    read plan (built buckets): ${ms(plan)}; counts into typed arrays (SQL and adding ${withCounts.result} packed unit rows): ${ms(read)}`,
    `    ${t.size} groups' figures (${detail}): ${ms(groups)}; the total (full): ${ms(total)}; unit and service names: ${ms(names)}; sort: ${ms(sort)}; flagged responses: ${ms(flagged)}`,
    `    floor: SQLite reading those ${withCounts.result} rollup rows with their counts ${ms(withCounts)}; reading ${keysOnly.result} rows of two integers ${ms(keysOnly)}`,
  ];
}

/** Summary groups carry exactly the full groups' SIPAS, responses, overall rate and elements, in the same order. */
function summaryMatchesFull(full: FiguresResult, summary: FiguresResult): boolean {
  const part = (r: FiguresResult) => JSON.stringify(r.groups.map((g) => [g.unit?.id, g.service?.id, g.sipas, g.responses, g.fewAnswers, g.overall, g.elements]));
  return part(full) === part(summary) && JSON.stringify(full.total) === JSON.stringify(summary.total) && summary.groups.every((g) => !g.criteria.length && !g.priorities.length);
}

/** The timings of the yearly figures, every unit × service and in total; returns the full result for the equality checks. */
export function timeFigures(db: Db, deps: FiguresDeps, def: Definition, q: FiguresQuery): { lines: string[]; full: FiguresResult } {
  const full = timeRuns(() => computeSelection(deps, q), RUNS);
  const summary = timeRuns(() => computeSelection(deps, q, { detail: 'summary' }), RUNS);
  const total = timeRuns(() => computeSelection(deps, { ...q, groupBy: 'none' }), RUNS);
  const lines = [
    `figures, every unit × service, ${q.from}..${q.to} (${full.result.groups.length} groups, ${full.result.total.responses} responses), median of ${RUNS} (min–max):`,
    `  computeSelection, groups 'summary' (a ranking): ${ms(summary)}  [budget 20 ms]`,
    ...phases(db, deps, def, q, 'summary'),
    `  computeSelection, groups 'full' (the API): ${ms(full)}`,
    ...phases(db, deps, def, q, 'full'),
    `  the year's total (groupBy none): ${ms(total)}  [budget 10 ms]`,
    ...phases(db, deps, def, { ...q, groupBy: 'none' }, 'full'),
    `  summary groups equal the full ones where they overlap: ${summaryMatchesFull(full.result, summary.result)}`,
  ];
  return { lines, full: full.result };
}
