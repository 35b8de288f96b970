import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { SessionsRepo } from './sessions.repo';
import type { StaffUser } from './staff-user';

export const SESSION_COOKIE = 'sipas_staff';
/** Before login there is no session to hold the CSRF token: a cookie of its own does. */
export const PRELOGIN_COOKIE = 'sipas_csrf';

const randomToken = () => crypto.randomBytes(32).toString('base64url');
const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

export interface SessionOptions { ttlMs: number; secure: boolean; now: () => Date }

/** Staff sessions: the cookie carries a random token, the database its hash. */
export function createSessionManager(repo: SessionsRepo, opts: SessionOptions) {
  const cookie = (maxAge: number, sameSite: 'lax' | 'strict') => ({ httpOnly: true, sameSite, secure: opts.secure, path: '/', maxAge });
  const currentHash = (req: Request) => {
    const token: unknown = req.cookies?.[SESSION_COOKIE];
    return typeof token === 'string' && token.length >= 32 && token.length <= 64 ? hashToken(token) : null;
  };

  /** Sets res.locals.user and res.locals.csrfToken when the cookie names a live session of an active account. */
  const load = (req: Request, res: Response, next: NextFunction) => {
    const tokenHash = currentHash(req);
    const row = tokenHash ? repo.find(tokenHash, opts.now().toISOString()) : undefined;
    if (row && tokenHash) {
      const user: StaffUser = { id: row.userId, username: row.username, role: row.role, unitId: row.unitId };
      res.locals.user = user;
      res.locals.session = { tokenHash, mustChangePassword: row.mustChangePassword === 1 };
      res.locals.csrfToken = row.csrfToken;
      return next();
    }
    const pre: unknown = req.cookies?.[PRELOGIN_COOKIE];
    if (typeof pre === 'string' && /^[\w-]{43}$/.test(pre)) res.locals.csrfToken = pre;
    else {
      res.locals.csrfToken = randomToken();
      res.cookie(PRELOGIN_COOKIE, res.locals.csrfToken, cookie(opts.ttlMs, 'strict'));
    }
    next();
  };

  /** A new session with a fresh token (no session fixation), replacing `replaces`; returns the token for the cookie. */
  const open = (userId: number, replaces: string | null): string => {
    const token = randomToken();
    const at = opts.now();
    repo.create(
      { tokenHash: hashToken(token), userId, csrfToken: randomToken(), createdAt: at.toISOString(), expiresAt: new Date(at.getTime() + opts.ttlMs).toISOString() },
      replaces,
    );
    return token;
  };
  /** The browser now holds the session `token`. */
  const hand = (res: Response, token: string) => {
    res.cookie(SESSION_COOKIE, token, cookie(opts.ttlMs, 'lax'));
    res.clearCookie(PRELOGIN_COOKIE, { path: '/' });
  };
  const close = (tokenHash: string | null) => { if (tokenHash) repo.remove(tokenHash); };
  const clearCookie = (res: Response) => void res.clearCookie(SESSION_COOKIE, { path: '/' });
  /** Ends the browser's session (its row and its cookie). */
  const end = (req: Request, res: Response) => {
    close(currentHash(req));
    clearCookie(res);
  };

  return { load, open, hand, close, clearCookie, end, currentHash };
}
export type SessionManager = ReturnType<typeof createSessionManager>;
