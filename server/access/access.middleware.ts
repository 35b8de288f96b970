import type { NextFunction, Request, Response } from 'express';
import type { StaffUser } from '../auth/staff-user';
import { AppError, forbidden, notFound } from '../http/errors';
import type { Access, AccessPolicy } from './access';

/** What a session that must first choose its own password may still reach. */
const PASSWORD_PAGES = /^\/staff\/(?:password|logout|login)(?:[/?#]|$)/;

/**
 * After the session loader, on every path that accepts a staff session (/staff, /api, /k):
 * the logged-in staff member's Access in res.locals.access. An account whose password was
 * reset gets no Access until it has chosen its own: the password page, 403 under /api.
 */
export function attachAccess(policy: AccessPolicy) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user as StaffUser | undefined;
    if (!user) return next();
    const mustChange = (res.locals.session as { mustChangePassword?: boolean } | undefined)?.mustChangePassword;
    if (mustChange && !PASSWORD_PAGES.test(req.originalUrl)) {
      if (req.originalUrl.startsWith('/api/')) return next(new AppError(403, 'errors.password_change_required'));
      return res.redirect(303, '/staff/password');
    }
    res.locals.access = policy.ofUser(user);
    next();
  };
}

/** The Access of a request that passed requireUser or the API key check. */
export const accessOf = (res: Response): Access => res.locals.access as Access;

export const idParam = (req: Request, name = 'id'): number | null => {
  const raw = String(req.params[name] ?? '');
  return /^\d{1,10}$/.test(raw) ? Number(raw) : null;
};

/**
 * Middleware putting the record of :id in res.locals[key]: 404 when there is none; with
 * `unitOf`, 403 when the record's unit is outside what the request's Access covers.
 */
export function loadRecord<T>(key: string, get: (id: number) => T | undefined, unitOf?: (record: T) => number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const id = idParam(req);
    const record = id === null ? undefined : get(id);
    if (!record) return next(notFound());
    if (unitOf && !accessOf(res).covers(unitOf(record))) return next(forbidden());
    res.locals[key] = record;
    next();
  };
}

type Get<T> = { get(id: number): T | undefined };
export interface LoadedRepos {
  units: Get<{ id: number }>; points: Get<{ unitId: number }>; invitations: Get<{ unitId: number }>;
  catalog: { service: (id: number) => unknown; procedure: (id: number) => { serviceId: number } | undefined };
  users: { findById: (id: number) => unknown };
}

/**
 * The loaders of :id for the route table: a unit, a counter and an invitation are checked
 * against the Access (their unit); a service field, a procedure (with its field) and an
 * account are shared records that the route's role decides on.
 */
export function recordLoaders(r: LoadedRepos) {
  const withService = (_req: Request, res: Response, next: NextFunction) => {
    res.locals.service = r.catalog.service(res.locals.procedure.serviceId);
    next();
  };
  return {
    unit: loadRecord('unit', r.units.get, (u) => u.id),
    point: loadRecord('point', r.points.get, (p) => p.unitId),
    invitation: loadRecord('invitation', r.invitations.get, (i) => i.unitId),
    service: loadRecord('service', r.catalog.service),
    procedure: [loadRecord('procedure', r.catalog.procedure), withService],
    account: loadRecord('account', r.users.findById),
  };
}
export type RecordLoaders = ReturnType<typeof recordLoaders>;
