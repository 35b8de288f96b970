import { errorMap } from '../http/form-errors';
import express, { type Request, type Response } from 'express';
import type { UsersRepo } from './users.repo';
import type { LoginThrottle } from './login-throttle';
import type { SessionManager } from './sessions';
import { changeOwnPassword, login } from './auth.service';
import { loginForm, newPasswordErrors, safeNext, type FieldError } from './auth.schema';
import { requireUser } from './require-user';
import type { AuditLog } from '../audit/audit-log';

export interface AuthDeps { users: UsersRepo; throttle: LoginThrottle; sessions: SessionManager; audit: AuditLog }

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Login, logout and changing one's own password. */
export function authRouter(deps: AuthDeps) {
  const router = express.Router();

  const renderLogin = (res: Response, status: number, values: { username?: string; next?: string }, error: { key: string; params?: object } | null) =>
    res.status(status).render('staff/login', { title: res.locals.t('staff.login.title'), values, error });

  router.get('/login', (req, res) => {
    if (res.locals.user) return res.redirect(303, '/staff');
    renderLogin(res, 200, { next: str(req.query.next) }, null);
  });

  router.post('/login', async (req: Request, res: Response) => {
    const parsed = loginForm.safeParse(req.body);
    if (!parsed.success) return renderLogin(res, 422, { username: str(req.body?.username) }, { key: 'staff.login.missing' });
    const { username, password, next } = parsed.data;
    const result = await login(deps.users, deps.throttle, { username, password, ip: req.ip ?? 'unknown' });
    if (!result.ok) deps.audit.record({ userId: null, action: result.reason === 'throttled' ? 'login.throttled' : 'login.failed', details: { username } });
    if (!result.ok && result.reason === 'throttled') {
      res.set('Retry-After', String(result.retryAfterSec));
      const minutes = Math.ceil(result.retryAfterSec / 60);
      const key = result.retryAfterSec < 60 ? 'staff.login.slow_down' : 'staff.login.locked';
      return renderLogin(res, 429, { username, next }, { key, params: { seconds: result.retryAfterSec, minutes } });
    }
    if (!result.ok) return renderLogin(res, 401, { username, next }, { key: 'staff.login.invalid' });
    deps.sessions.start(req, res, result.user.id);
    deps.audit.record({ userId: result.user.id, action: 'login.ok' });
    res.redirect(303, result.user.mustChangePassword ? '/staff/password' : safeNext(next));
  });

  router.post('/logout', (req, res) => {
    if (res.locals.user) deps.audit.record({ userId: res.locals.user.id, action: 'logout' });
    deps.sessions.end(req, res);
    res.redirect(303, '/staff/login');
  });

  const renderPassword = (res: Response, status: number, errors: FieldError[]) =>
    res.status(status).render('staff/password', { title: res.locals.t('staff.password.title'), errors, errorOf: errorMap(errors) });

  router.get('/password', requireUser, (_req, res) => renderPassword(res, 200, []));

  router.post('/password', requireUser, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const errors = newPasswordErrors(body.next, body.confirm);
    if (errors.length) return renderPassword(res, 422, errors);
    const ok = await changeOwnPassword(deps.users, {
      userId: res.locals.user.id, current: str(body.current), next: str(body.next), keepTokenHash: res.locals.session.tokenHash,
    });
    if (!ok) return renderPassword(res, 422, [{ field: 'current', key: 'staff.password.wrong_current' }]);
    deps.audit.record({ userId: res.locals.user.id, action: 'password.change', target: `user:${res.locals.user.id}` });
    res.redirect(303, '/staff?ok=password');
  });

  return router;
}
