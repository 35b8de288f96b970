import type { Definition } from '../surveys/definitions';
import type { Figures, Structure } from './formula';
import { createFormula, type Detail } from './formula-columns';
import { structureOf } from './structure';
import type { FiguresRepo, GroupBy } from './figures.repo';
import type { UnitRow, UnitsRepo } from '../units/units.repo';
import type { CatalogRepo, ServiceRow } from '../units/catalog.repo';
import type { RollupsRepo } from './rollups.repo';
import { rollupQuestions } from './rollup-format';
import { planRange, type ReadPlan } from './rollup-plan';
import { vietnamDate } from '../time/vietnam-time';
import { regroup, sumGroups, type Tallies } from './tally';
import { sortGroups } from './group-order';
import { mergedGroups } from '../units/merged-groups';

export { VI } from './group-order';
export type { Detail } from './formula-columns';

export interface FiguresQuery {
  from: string;
  to: string;
  /** null: every unit (an admin's view); otherwise the units selected, already scope-checked. */
  unitIds: number[] | null;
  serviceIds: number[] | null;
  groupBy: GroupBy;
  /** Roll the past responses of merged units into their successor. */
  includeMerged: boolean;
  includeFlagged: boolean;
}
export interface FiguresGroup extends Figures { unit?: UnitRow; service?: ServiceRow | null }
export interface FiguresResult {
  from: string; to: string; definitions: { id: string; version: number }[]; total: Figures; groups: FiguresGroup[];
  /** Responses an abuse rule flagged in the selection; in the figures only when includeFlagged. */
  flaggedResponses: number;
}
export interface FiguresDeps {
  repo: FiguresRepo; rollups: Pick<RollupsRepo, 'built'>; definition: Definition; fewAnswersThreshold: number; now: () => Date;
  units: Pick<UnitsRepo, 'byIds' | 'mergedInto' | 'successorLinks'>; catalog: Pick<CatalogRepo, 'services'>;
}
/** `detail` of the groups: 'summary' for a ranking (no criteria, no priorities); the total is always full. */
export interface ComputeOptions { detail?: Detail }

/** How to read [from, to]: the closed years and months already rolled up, the daily counts for the rest. Never builds. */
export function readPlan(deps: Pick<FiguresDeps, 'rollups' | 'now'>, from: string, to: string, questions: string): ReadPlan {
  const built = deps.rollups.built(questions);
  return planRange(from, to, vietnamDate(deps.now()), (b) => built.has(b));
}

const formulas = new WeakMap<Definition, { structure: Structure; questions: string }>();
/** The formula's view of the questionnaire and the questions it reads, worked out once per definition. */
function formulaOf(definition: Definition) {
  let f = formulas.get(definition);
  if (!f) formulas.set(definition, (f = { structure: structureOf(definition), questions: rollupQuestions(structureOf(definition)) }));
  return f;
}

/** Units to read: the selection plus, when asked, every unit merged into one of them. */
function unitsToRead(repo: FiguresDeps['units'], q: FiguresQuery): number[] | null {
  if (!q.unitIds || !q.includeMerged) return q.unitIds;
  return [...new Set([...q.unitIds, ...repo.mergedInto(q.unitIds).map((m) => m.id)])];
}

/** Merged units counted as their last successor inside the selection, when asked and grouped by unit (merged-groups.ts). */
function withSuccessors(repo: FiguresDeps['units'], t: Tallies, q: FiguresQuery): Tallies {
  if (!q.includeMerged || !q.groupBy.includes('unit')) return t;
  const ids = [...new Set(t.unitIds)];
  const successor = mergedGroups(repo.successorLinks(ids), ids, q.unitIds);
  return successor.size ? regroup(t, (u) => successor.get(u) ?? u) : t;
}

/** Each group's unit and service (as grouped by) with its figures. */
function groupsOf(deps: FiguresDeps, q: FiguresQuery, t: Tallies, figures: ReturnType<typeof createFormula>['full']): FiguresGroup[] {
  if (q.groupBy === 'none') return [];
  const byUnit = q.groupBy.includes('unit'), byService = q.groupBy.includes('service');
  const units = byUnit ? new Map(deps.units.byIds([...new Set(t.unitIds)]).map((u) => [u.id, u])) : null;
  const services = byService ? new Map(deps.catalog.services().map((s) => [s.id, s])) : null;
  const groups: FiguresGroup[] = new Array(t.size);
  for (let g = 0; g < t.size; g++) {
    const head: { unit?: UnitRow; service?: ServiceRow | null } = {};
    if (units) head.unit = units.get(t.unitIds[g]!);
    if (services) head.service = services.get(t.serviceIds[g]!) ?? null;
    groups[g] = figures(t.counts, g * t.stride, head);
  }
  return groups;
}

/**
 * The figures of a selection, in total and per group, as plain data for the API, the
 * exports and the dashboard. Criteria are matched by question id across definition versions.
 * Groups best SIPAS first (sortGroups).
 */
export function computeSelection(deps: FiguresDeps, q: FiguresQuery, options: ComputeOptions = {}): FiguresResult {
  const { structure, questions } = formulaOf(deps.definition);
  const filter = { from: q.from, to: q.to, unitIds: unitsToRead(deps.units, q), serviceIds: q.serviceIds, includeFlagged: q.includeFlagged };
  const read = deps.repo.counts(q.groupBy, filter, readPlan(deps, q.from, q.to, questions), questions);
  const tallies = withSuccessors(deps.units, read.tallies, q);
  const formula = createFormula(structure, tallies.columns, deps.fewAnswersThreshold);
  const groups = groupsOf(deps, q, tallies, options.detail === 'summary' ? formula.summary : formula.full);
  const total = formula.full(sumGroups(tallies), 0, {});
  return { from: q.from, to: q.to, definitions: read.definitions, total, groups: sortGroups(groups), flaggedResponses: deps.repo.flaggedResponses(filter) };
}
