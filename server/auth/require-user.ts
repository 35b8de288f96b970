import type { NextFunction, Request, Response } from 'express';
import { AppError, forbidden } from '../http/errors';
import type { Role, StaffUser } from './staff-user';
import { NEXT_MAX } from './auth.schema';

const isApi = (req: Request) => req.originalUrl.startsWith('/api/');

/**
 * Lets a logged-in staff member through (res.locals.user: StaffUser, set by the session
 * loader that app.ts mounts on /staff and /api); otherwise a redirect to the login page,
 * or 401 JSON under /api. (An account whose password was reset is sent to choose its own by
 * attachAccess, before any route, wherever a staff session is read.)
 */
export function requireUser(req: Request, res: Response, next: NextFunction) {
  const user = res.locals.user as StaffUser | undefined;
  if (!user) {
    if (isApi(req)) return next(new AppError(401, 'errors.unauthorized'));
    // The way back only when the login form can carry it (next ≤ 300 characters): a longer one made the
    // login itself fail, and echoed a URL of any size into the Location header.
    const back = req.method === 'GET' && req.originalUrl.length <= NEXT_MAX ? `?next=${encodeURIComponent(req.originalUrl)}` : '';
    return res.redirect(303, `/staff/login${back}`);
  }
  next();
}

/** Only the given roles pass; everyone else gets 403. Use after requireUser. */
export function requireRole(...roles: Role[]) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user as StaffUser | undefined;
    if (!user || !roles.includes(user.role)) return next(forbidden());
    next();
  };
}
