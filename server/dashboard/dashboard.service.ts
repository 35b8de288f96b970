import type { Scope } from '../api-keys/api-keys.middleware';
import type { FiguresParams } from '../figures/figures.params';
import { resolveSelection, type Selection } from '../figures/figures.selection';
import { computeSelection, VI, type FiguresDeps, type FiguresGroup, type FiguresResult } from '../figures/figures.service';
import type { Figures } from '../figures/formula';
import { periodRange, previousPeriod, type Period } from '../figures/periods';
import type { Sort } from './dashboard.params';

export interface DashboardDeps { figures: FiguresDeps; subtreeIds: (unitId: number) => number[] }
export interface DashboardData {
  selection: Selection;
  byUnit: FiguresResult;
  byService: FiguresResult;
  previous: { period: Period; from: string; to: string; total: Figures };
}

/**
 * Every figure the dashboard shows, from three computations of the selection (by unit,
 * which also gives the total; by service; the previous period of the same length): never
 * one per unit.
 */
export function buildDashboard(deps: DashboardDeps, params: FiguresParams, scope: Scope): DashboardData {
  const selection = resolveSelection(deps.figures.repo, deps.subtreeIds, params, scope);
  const byUnit = computeSelection(deps.figures, { ...selection.query, groupBy: 'unit' });
  const byService = computeSelection(deps.figures, { ...selection.query, groupBy: 'service' });
  const period = previousPeriod(params.period);
  const range = periodRange(period);
  const previous = computeSelection(deps.figures, { ...selection.query, ...range, groupBy: 'none' });
  return { selection, byUnit, byService, previous: { period, ...range, total: previous.total } };
}

const nameOf = (g: FiguresGroup) => g.unit?.name ?? g.service?.nameVi ?? '';
const desc = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);

/** Groups in the order a sort link asks for; ties, and missing values, fall back to the name. */
export function sortGroups(groups: FiguresGroup[], sort: Sort): FiguresGroup[] {
  const byName = (a: FiguresGroup, b: FiguresGroup) => VI.compare(nameOf(a), nameOf(b));
  const cmp: Record<Sort, (a: FiguresGroup, b: FiguresGroup) => number> = {
    sipas: (a, b) => desc(a.sipas, b.sipas) || byName(a, b),
    name: byName,
    responses: (a, b) => b.responses - a.responses || byName(a, b),
    overall: (a, b) => desc(a.overall.rate, b.overall.rate) || byName(a, b),
  };
  return [...groups].sort(cmp[sort]);
}

/** Rank by SIPAS (1, 2, 2, 4), whatever the display order; null without a value. */
export function ranks(groups: FiguresGroup[]): Map<FiguresGroup, number | null> {
  const ranked = groups.filter((g) => g.sipas !== null).sort((a, b) => b.sipas! - a.sipas!);
  const out = new Map<FiguresGroup, number | null>(groups.map((g) => [g, null]));
  ranked.forEach((g, i) => out.set(g, i > 0 && ranked[i - 1]!.sipas === g.sipas ? out.get(ranked[i - 1]!)! : i + 1));
  return out;
}
