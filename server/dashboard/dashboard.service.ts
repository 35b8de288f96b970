import type { Access } from '../access/access';
import type { FiguresGroup } from '../figures/figures.service';
import { COLLATORS } from '../i18n';
import { serviceName } from '../units/service-name';
import type { CatalogRepo } from '../units/catalog.repo';
import type { UnitsRepo } from '../units/units.repo';
import { treeOrder } from '../units/unit-tree';
import type { Sort } from './dashboard.params';

export interface DashboardServiceDeps { units: UnitsRepo; catalog: CatalogRepo }

/** The dashboard's filter choices for an Access (its figures: server/reports/report-data.ts). */
export function createDashboardService(d: DashboardServiceDeps) {
  /** The filters' choices: the units the Access covers, in tree order, and every service field. */
  const choices = (access: Access, lang: string) => ({
    units: treeOrder(d.units.all(), access.unitIds()),
    services: d.catalog.services().map((s) => ({ code: s.code, name: serviceName(s, lang) })),
  });
  /** The code of the unit a staff member is bound to: the dashboard's default unit. */
  const unitCode = (unitId: number) => d.units.get(unitId)?.code ?? '';
  return { choices, unitCode };
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
