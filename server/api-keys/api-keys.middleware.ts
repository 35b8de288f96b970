import type { NextFunction, Request, Response } from 'express';
import type { AccessPolicy } from '../access/access';
import type { StaffUser } from '../auth/staff-user';
import { AppError } from '../http/errors';
import type { ApiKeysService } from './api-keys.service';

/**
 * Who calls the API: a staff session (res.locals.user, set by the session loader) or an API
 * key sent as "Authorization: Bearer <key>". Puts the caller's Access in res.locals.access.
 * `keyOnly`: a write endpoint without CSRF protection must not be reachable with a browser's
 * session cookie.
 */
export function apiAuth(deps: { keys: ApiKeysService; policy: AccessPolicy }, opts: { keyOnly?: boolean } = {}) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = opts.keyOnly ? undefined : (res.locals.user as StaffUser | undefined);
    if (user) {
      res.locals.access = deps.policy.ofUser(user);
      return next();
    }
    const m = /^Bearer +(\S+)$/i.exec(req.get('authorization') ?? '');
    res.set('WWW-Authenticate', 'Bearer');
    if (!m) return next(new AppError(401, 'figures.errors.no_key'));
    const found = deps.keys.verify(m[1]!);
    if (!found) return next(new AppError(401, 'figures.errors.bad_key'));
    res.removeHeader('WWW-Authenticate');
    res.locals.apiKeyId = found.keyId;
    res.locals.access = deps.policy.ofKey(found.keyId, found.unitId);
    next();
  };
}
