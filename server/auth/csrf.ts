import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../http/errors';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Every state-changing request must carry the token of its session (res.locals.csrfToken,
 * set by the session loader) as the `_csrf` form field or the X-CSRF-Token header.
 * Runs after the body parser; a missing or wrong token is a 403 before any handler runs.
 */
export function verifyCsrf(req: Request, res: Response, next: NextFunction) {
  if (SAFE.has(req.method)) return next();
  const expected: unknown = res.locals.csrfToken;
  const body = req.body as Record<string, unknown> | undefined;
  const sent = body?._csrf ?? req.get('x-csrf-token');
  if (typeof expected !== 'string' || typeof sent !== 'string' || !same(expected, sent)) {
    return next(new AppError(403, 'errors.csrf'));
  }
  next();
}
