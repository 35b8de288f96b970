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

/**
 * Middleware putting the record of :id in res.locals[key]: 404 when there is none, 403 when
 * its unit is outside the user's scope.
 */
function loadScoped<T>(key: string, get: (id: number) => T | undefined, unitOf: (record: T) => number, scope: Scope) {
  return (req: Request, res: Response, next: NextFunction) => {
    const id = idParam(req);
    const record = id === null ? undefined : get(id);
    if (!record) return next(notFound());
    if (!scope.canAccessUnit(res.locals.user as StaffUser, unitOf(record))) return next(forbidden());
    res.locals[key] = record;
    next();
  };
}

/** res.locals.unit for :id. */
export const loadUnit = (repo: UnitsAdminRepo, scope: Scope) => loadScoped('unit', repo.get, (u) => u.id, scope);

/** res.locals.point for :id, scoped by the point's unit. */
export const loadPoint = (repo: PointsRepo, scope: Scope) => loadScoped('point', repo.get, (p) => p.unitId, scope);
