import type { Access } from '../access/access';
import type { StaffUser } from '../auth/staff-user';
import { COLLATORS } from '../i18n';
import { dmy, periodStarts } from '../time/vietnam-time';
import type { CatalogRepo } from '../units/catalog.repo';
import type { PointsRepo } from '../units/points.repo';
import type { UnitsRepo } from '../units/units.repo';
import type { HomeRepo, PeriodCounts } from './home.repo';

export interface HomeServiceDeps { home: HomeRepo; units: UnitsRepo; points: PointsRepo; catalog: CatalogRepo; now: () => Date }
const ZERO: PeriodCounts = { today: 0, week: 0, month: 0 };
const add = (a: PeriodCounts, b: PeriodCounts) => ({ today: a.today + b.today, week: a.week + b.week, month: a.month + b.month });

/**
 * The staff home: the user's own unit, its counters with today's, this week's and this
 * month's responses; for admin and oversight also every active unit under theirs.
 */
export function createHomeService(d: HomeServiceDeps) {
  const subunits = (access: Access, user: StaffUser, from: ReturnType<typeof periodStarts>) => {
    if (user.role === 'counter') return [];
    const counts = new Map(d.home.byUnit(access.unitIds(), from).map((r) => [r.unitId, r]));
    const points = d.points.activeCounts();
    return d.units.all()
      .filter((u) => u.active === 1 && u.id !== user.unitId && access.covers(u.id))
      .sort((a, b) => COLLATORS.vi.compare(a.name, b.name))
      .map((u) => ({ unitId: u.id, name: u.name, points: points.get(u.id) ?? 0, ...ZERO, ...counts.get(u.id) }));
  };
  const home = (access: Access, user: StaffUser) => {
    const from = periodStarts(d.now());
    const rows = d.home.byPoint(user.unitId, from);
    const byPoint = new Map(rows.map((r) => [r.pointId, r]));
    const offered = new Set(d.catalog.offeredServiceIds(user.unitId));
    const unit = d.units.get(user.unitId);
    return {
      unitName: unit?.name ?? '',
      unitId: user.unitId,
      unitCode: unit?.code ?? '',
      // As people read dates: dd/mm/yyyy.
      from: { today: dmy(from.today), week: dmy(from.week), month: dmy(from.month) },
      total: rows.reduce(add, ZERO),
      // Counters in use first, each group in Vietnamese order (Quầy 2 before Quầy Đất đai).
      points: d.points.byUnit(user.unitId).sort((a, b) => b.active - a.active || COLLATORS.vi.compare(a.label, b.label))
        .map((p) => ({ ...p, counts: byPoint.get(p.id) ?? ZERO })),
      services: d.catalog.services().filter((s) => s.active === 1 && offered.has(s.id)).sort((a, b) => COLLATORS.vi.compare(a.nameVi, b.nameVi)),
      subunits: subunits(access, user, from),
    };
  };
  return { home };
}
export type HomeService = ReturnType<typeof createHomeService>;
