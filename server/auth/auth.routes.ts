import type { Request, Response } from 'express';
import { errorMap, type FieldError } from '../http/form-errors';
import type { AuthService } from './auth.service';
import { loginForm, newPasswordErrors, safeNext } from './auth.schema';
import { KNOWN_COOKIE, KNOWN_MAX_AGE_MS } from './known-browser';
import type { SessionManager } from './sessions';

export interface AuthDeps { auth: AuthService; sessions: SessionManager; secureCookies: boolean }

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Login, logout and changing one's own password (auth.service.ts has the rules). */
export function authPages(deps: AuthDeps) {
  const renderLogin = (res: Response, status: number, values: { username?: string; next?: string }, error: { key: string; params?: object } | null) =>
    res.status(status).render('staff/login', { title: res.locals.t('staff.login.title'), values, error });

  const loginPage = (req: Request, res: Response) => {
    if (res.locals.user) return res.redirect(303, '/staff');
    renderLogin(res, 200, { next: str(req.query.next) }, null);
  };

  const login = async (req: Request, res: Response) => {
    const parsed = loginForm.safeParse(req.body);
    if (!parsed.success) return renderLogin(res, 422, { username: str(req.body?.username) }, { key: 'staff.login.missing' });
    const { username, password, next } = parsed.data;
    const result = await deps.auth.login({
      username, password, ip: req.ip ?? 'unknown', browser: req.cookies?.[KNOWN_COOKIE], replaces: deps.sessions.currentHash(req),
    });
    if (!result.ok && result.reason === 'throttled') {
      res.set('Retry-After', String(result.retryAfterSec));
      const minutes = Math.ceil(result.retryAfterSec / 60);
      const key = result.retryAfterSec <= 60 ? 'staff.login.slow_down' : 'staff.login.locked';
      return renderLogin(res, 429, { username, next }, { key, params: { seconds: result.retryAfterSec, minutes } });
    }
    if (!result.ok) return renderLogin(res, 401, { username, next }, { key: 'staff.login.invalid' });
    deps.sessions.hand(res, result.token);
    res.cookie(KNOWN_COOKIE, result.knownBrowser, { httpOnly: true, sameSite: 'strict', secure: deps.secureCookies, path: '/staff/login', maxAge: KNOWN_MAX_AGE_MS });
    res.redirect(303, result.user.mustChangePassword ? '/staff/password' : safeNext(next));
  };

  const logout = (req: Request, res: Response) => {
    deps.auth.logout(res.locals.user?.id ?? null, deps.sessions.currentHash(req));
    deps.sessions.clearCookie(res);
    res.redirect(303, '/staff/login');
  };

  const renderPassword = (res: Response, status: number, errors: FieldError[]) =>
    res.status(status).render('staff/password', { title: res.locals.t('staff.password.title'), errors, errorOf: errorMap(errors) });

  const passwordPage = (_req: Request, res: Response) => renderPassword(res, 200, []);

  const changePassword = async (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const errors = newPasswordErrors(body.next, body.confirm);
    if (errors.length) return renderPassword(res, 422, errors);
    const ok = await deps.auth.changeOwnPassword({
      userId: res.locals.user.id, current: str(body.current), next: str(body.next), keepTokenHash: res.locals.session.tokenHash,
    });
    if (!ok) return renderPassword(res, 422, [{ field: 'current', key: 'staff.password.wrong_current' }]);
    res.redirect(303, '/staff?ok=password');
  };

  return { loginPage, login, logout, passwordPage, changePassword };
}
