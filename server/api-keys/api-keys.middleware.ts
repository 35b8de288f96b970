import type { NextFunction, Request, Response } from 'express';
import type { StaffUser } from '../auth/staff-user';
import { unitIdsOf } from '../auth/scope';
import { AppError } from '../http/errors';
import type { ApiKeysRepo } from './api-keys.repo';
import { verifyApiKey } from './api-keys.service';

/** The units a caller may read: `unitIds` null means every unit (an admin). */
export interface Scope { rootUnitId: number | null; unitIds: number[] | null }
interface Deps { keys: ApiKeysRepo; subtreeIds: (unitId: number) => number[]; now: () => Date }

/** A staff member's scope, by the rule of auth/scope.ts; an admin's root is every unit. */
export function scopeOfUser(user: StaffUser, subtreeIds: (unitId: number) => number[]): Scope {
  return { rootUnitId: user.role === 'admin' ? null : user.unitId, unitIds: unitIdsOf(user, subtreeIds) };
}

/**
 * Who is calling: a staff session (res.locals.user, set by an earlier middleware) or an
 * API key sent as "Authorization: Bearer <key>". Puts the caller's Scope in res.locals.scope
 * (and the key's id in res.locals.apiKeyId). `keyOnly`: a write endpoint without CSRF
 * protection must not be reachable with a browser's session cookie.
 */
export function apiAuth(deps: Deps, opts: { keyOnly?: boolean } = {}) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = opts.keyOnly ? undefined : (res.locals.user as StaffUser | undefined);
    if (user) {
      res.locals.scope = scopeOfUser(user, deps.subtreeIds);
      return next();
    }
    const m = /^Bearer +(\S+)$/i.exec(req.get('authorization') ?? '');
    res.set('WWW-Authenticate', 'Bearer');
    if (!m) return next(new AppError(401, 'figures.errors.no_key'));
    const found = verifyApiKey(deps.keys, m[1]!, deps.now());
    if (!found) return next(new AppError(401, 'figures.errors.bad_key'));
    res.removeHeader('WWW-Authenticate');
    res.locals.apiKeyId = found.keyId;
    res.locals.scope = { rootUnitId: found.unitId, unitIds: deps.subtreeIds(found.unitId) } satisfies Scope;
    next();
  };
}

/** The units to read for a requested root: its subtree within the caller's scope; 403 outside it. */
export function unitsInScope(scope: Scope, requested: number | null, subtreeIds: (unitId: number) => number[]): number[] | null {
  const root = requested ?? scope.rootUnitId;
  if (root === null) return null;
  if (scope.unitIds && !scope.unitIds.includes(root)) throw new AppError(403, 'figures.errors.out_of_scope');
  const allowed = scope.unitIds && new Set(scope.unitIds);
  return subtreeIds(root).filter((id) => !allowed || allowed.has(id));
}
