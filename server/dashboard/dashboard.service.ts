import type { Access } from '../access/access';
import type { FiguresParams } from '../figures/figures.params';
import type { FiguresGroup, FiguresResult } from '../figures/figures.service';
import type { Figures } from '../figures/formula';
import { periodRange, previousPeriod, type Period } from '../figures/periods';
import type { FiguresReader, Selection } from '../figures/resolve-selection';
import { COLLATORS } from '../i18n';
import { serviceName } from '../units/service-name';
import type { CatalogRepo } from '../units/catalog.repo';
import type { UnitsRepo } from '../units/units.repo';
import { treeOrder } from '../units/unit-tree';
import type { Sort } from './dashboard.params';

export interface DashboardData {
  selection: Selection;
  byUnit: FiguresResult;
  byService: FiguresResult;
  previous: { period: Period; from: string; to: string; total: Figures };
}
export interface DashboardServiceDeps { figures: FiguresReader; units: UnitsRepo; catalog: CatalogRepo }

/** The dashboard's figures and filter choices for an Access. */
export function createDashboardService(d: DashboardServiceDeps) {
  /**
   * Every figure the dashboard shows, from three computations of the selection (by unit,
   * which also gives the total; by service; the previous period of the same length): never
   * one per unit.
   */
  const build = (params: FiguresParams, access: Access): DashboardData => {
    const selection = d.figures.resolve(params, access);
    const byUnit = d.figures.compute({ ...selection.query, groupBy: 'unit' });
    const byService = d.figures.compute({ ...selection.query, groupBy: 'service' });
    const period = previousPeriod(params.period);
    const range = periodRange(period);
    const previous = d.figures.compute({ ...selection.query, ...range, groupBy: 'none' });
    return { selection, byUnit, byService, previous: { period, ...range, total: previous.total } };
  };
  /** The filters' choices: the units the Access covers, in tree order, and every service field. */
  const choices = (access: Access, lang: string) => ({
    units: treeOrder(d.units.all(), access.unitIds()),
    services: d.catalog.services().map((s) => ({ code: s.code, name: serviceName(s, lang) })),
  });
  /** The code of the unit a staff member is bound to: the dashboard's default unit. */
  const unitCode = (unitId: number) => d.units.get(unitId)?.code ?? '';
  return { build, choices, unitCode };
}
export type DashboardService = ReturnType<typeof createDashboardService>;

const nameOf = (g: FiguresGroup) => g.unit?.name ?? g.service?.nameVi ?? '';
const desc = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);

/** Groups in the order a sort link asks for; ties, and missing values, fall back to the name. */
export function orderForDisplay(groups: FiguresGroup[], sort: Sort): FiguresGroup[] {
  const byName = (a: FiguresGroup, b: FiguresGroup) => COLLATORS.vi.compare(nameOf(a), nameOf(b));
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
