import type { NextFunction, Request, Response } from 'express';
import type { Scope } from '../auth/scope';
import type { StaffUser } from '../auth/staff-user';
import { forbidden, notFound } from '../http/errors';
import type { UnitsAdminRepo } from './units-admin.repo';
import type { PointsRepo } from './points.repo';

export const idParam = (req: Request, name = 'id'): number | null => {
  const raw = String(req.params[name] ?? '');
  return /^\d{1,10}$/.test(raw) ? Number(raw) : null;
};

/** res.locals.unit for :id, 404 when there is none, 403 when it is outside the user's scope. */
export function loadUnit(repo: UnitsAdminRepo, scope: Scope) {
  return (req: Request, res: Response, next: NextFunction) => {
    const id = idParam(req);
    const unit = id === null ? undefined : repo.get(id);
    if (!unit) return next(notFound());
    if (!scope.canAccessUnit(res.locals.user as StaffUser, unit.id)) return next(forbidden());
    res.locals.unit = unit;
    next();
  };
}

/** res.locals.point for :id, scoped by the point's unit. */
export function loadPoint(repo: PointsRepo, scope: Scope) {
  return (req: Request, res: Response, next: NextFunction) => {
    const id = idParam(req);
    const point = id === null ? undefined : repo.get(id);
    if (!point) return next(notFound());
    if (!scope.canAccessUnit(res.locals.user as StaffUser, point.unitId)) return next(forbidden());
    res.locals.point = point;
    next();
  };
}
