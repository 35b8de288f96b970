import type { Access } from '../access/access';
import { serviceName } from '../units/service-name';
import type { CatalogRepo } from '../units/catalog.repo';
import type { UnitsRepo } from '../units/units.repo';
import { treeOrder } from '../units/unit-tree';

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
