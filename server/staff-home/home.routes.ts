import express from 'express';
import type { StaffUser } from '../auth/staff-user';
import type { PointsRepo } from '../admin/points.repo';
import type { CatalogRepo } from '../admin/catalog.repo';
import type { UnitsAdminRepo } from '../admin/units-admin.repo';
import type { HomeRepo, PeriodCounts } from './home.repo';
import { periodStarts } from './periods';
import type { Scope } from '../auth/scope';

export interface HomeDeps { home: HomeRepo; points: PointsRepo; units: UnitsAdminRepo; catalog: CatalogRepo; scope: Scope; now: () => Date }

/**
 * GET /staff: the user's own unit, its points with their posters, and today's, this week's and
 * this month's counts; for admin and oversight also every unit under theirs.
 */
export function homeRouter(deps: HomeDeps) {
  const router = express.Router();
  router.get('/', (_req, res) => {
    const user: StaffUser = res.locals.user;
    const from = periodStarts(deps.now());
    const rows = deps.home.counts(user.unitId, from);
    const zero: PeriodCounts = { today: 0, week: 0, month: 0 };
    const byPoint = new Map(rows.map((r) => [r.pointId, r]));
    const total = rows.reduce((a, r) => ({ today: a.today + r.today, week: a.week + r.week, month: a.month + r.month }), zero);
    const offered = new Set(deps.units.offeredServiceIds(user.unitId));
    res.render('staff/home', {
      title: res.locals.t('staff.home.title'),
      unitName: deps.home.unitName(user.unitId) ?? '',
      unitId: user.unitId,
      from,
      total,
      points: deps.points.byUnit(user.unitId).map((p) => ({ ...p, counts: byPoint.get(p.id) ?? zero })),
      services: deps.catalog.services().filter((s) => s.active === 1 && offered.has(s.id)),
      subunits: user.role === 'counter' ? [] : deps.home.units(deps.scope.unitIds(user), from).filter((u) => u.unitId !== user.unitId),
    });
  });
  return router;
}
