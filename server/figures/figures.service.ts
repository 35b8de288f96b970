import type { Definition } from '../surveys/definitions';
import { computeFigures, type Figures, type Tally } from './formula';
import { structureOf } from './structure';
import type { CountRow, FiguresRepo, GroupBy } from './figures.repo';
import type { UnitRow, UnitsRepo } from '../units/units.repo';
import type { CatalogRepo, ServiceRow } from '../units/catalog.repo';
import type { RollupsRepo } from './rollups.repo';
import { ensureRollups, rollupQuestions } from './rollups';
import { planRange, type ReadPlan } from './rollup-plan';
import { vietnamDate } from '../time/vietnam-time';
import { createTally } from './tally';
import { mergedGroups } from '../units/merged-groups';

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
  repo: FiguresRepo; rollups: RollupsRepo; definition: Definition; fewAnswersThreshold: number; now: () => Date;
  units: Pick<UnitsRepo, 'byIds' | 'mergedInto' | 'successorLinks'>; catalog: Pick<CatalogRepo, 'services'>;
}

/**
 * How to read [from, to]: closed years and months from the rollups, built here first if
 * missing (on demand), the rest from the daily counts.
 */
export function readPlan(deps: Pick<FiguresDeps, 'rollups' | 'now'>, from: string, to: string, questions: string): ReadPlan {
  const now = deps.now();
  const today = vietnamDate(now);
  const wanted = planRange(from, to, today).buckets;
  let built = deps.rollups.built(questions);
  if (wanted.some((b) => !built.has(b))) {
    ensureRollups(deps.rollups, wanted, questions, now);
    built = deps.rollups.built(questions);
  }
  return planRange(from, to, today, (b) => built.has(b));
}

/** Units to read: the selection plus, when asked, every unit merged into one of them. */
function unitsToRead(repo: FiguresDeps['units'], q: FiguresQuery): number[] | null {
  if (!q.unitIds || !q.includeMerged) return q.unitIds;
  return [...new Set([...q.unitIds, ...repo.mergedInto(q.unitIds).map((m) => m.id)])];
}

/** Tallies per group key ("unitId:serviceId"); a merged unit counts as its last successor inside the selection. */
function tallies(repo: FiguresDeps['units'], rows: CountRow[], q: FiguresQuery) {
  const successor = new Map<number, number>();
  if (q.includeMerged && q.groupBy.includes('unit')) {
    const ids = [...new Set(rows.map((r) => r.unitId))];
    for (const [id, into] of mergedGroups(repo.successorLinks(ids), ids, q.unitIds)) successor.set(id, into);
  }
  const total = createTally();
  const groups = new Map<string, { unitId: number; serviceId: number; tally: ReturnType<typeof createTally> }>();
  for (const row of rows) {
    total.add(row);
    const unitId = successor.get(row.unitId) ?? row.unitId;
    const key = `${unitId}:${row.serviceId}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { unitId, serviceId: row.serviceId, tally: createTally() }));
    g.tally.add(row);
  }
  return { total: total.done(), groups: [...groups.values()].map((g) => ({ unitId: g.unitId, serviceId: g.serviceId, tally: g.tally.done() })) };
}

function definitionsIn(rows: CountRow[]) {
  const seen = new Map(rows.map((r) => [`${r.definitionId}@${r.definitionVersion}`, { id: r.definitionId, version: r.definitionVersion }]));
  return [...seen.values()].sort((a, b) => a.id.localeCompare(b.id) || a.version - b.version);
}

/**
 * The figures of a selection, in total and per group, as plain data for the API, the
 * exports and the dashboard. Criteria are matched by question id across definition versions.
 */
export function computeSelection(deps: FiguresDeps, q: FiguresQuery): FiguresResult {
  const structure = structureOf(deps.definition);
  const questions = rollupQuestions(structure);
  const filter = { from: q.from, to: q.to, unitIds: unitsToRead(deps.units, q), serviceIds: q.serviceIds, includeFlagged: q.includeFlagged };
  const rows = deps.repo.counts(q.groupBy, filter, readPlan(deps, q.from, q.to, questions), questions);
  const t = tallies(deps.units, rows, q);
  const figures = (tally: Tally) => computeFigures(structure, tally, deps.fewAnswersThreshold);
  const units = new Map(deps.units.byIds([...new Set(t.groups.map((g) => g.unitId))]).map((u) => [u.id, u]));
  const services = new Map(deps.catalog.services().map((s) => [s.id, s]));
  const groups = q.groupBy === 'none' ? [] : t.groups.map((g) => ({
    ...(q.groupBy.includes('unit') ? { unit: units.get(g.unitId) } : {}),
    ...(q.groupBy.includes('service') ? { service: services.get(g.serviceId) ?? null } : {}),
    ...figures(g.tally),
  }));
  return { from: q.from, to: q.to, definitions: definitionsIn(rows), total: figures(t.total), groups: sortGroups(groups), flaggedResponses: deps.repo.flaggedResponses(filter) };
}

/** Vietnamese order; one collator, since localeCompare(…, 'vi') builds one per call (~1 s for 3,000 groups). */
export const VI = new Intl.Collator('vi');

/** Best SIPAS first (a ranking), groups without a value last, then by name. */
function sortGroups(groups: FiguresGroup[]): FiguresGroup[] {
  const names = new Map(groups.map((g) => [g, `${g.unit?.name ?? ''} ${g.service?.nameVi ?? ''}`]));
  return groups.sort((a, b) => (b.sipas ?? -1) - (a.sipas ?? -1) || VI.compare(names.get(a)!, names.get(b)!));
}
