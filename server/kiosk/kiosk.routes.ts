import crypto from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, forbidden, notFound } from '../http/errors';
import { verifyCsrf } from '../auth/csrf';
import { hashPassword, verifyPassword } from '../auth/passwords';
import type { Scope } from '../auth/scope';
import type { SessionManager } from '../auth/sessions';
import type { StaffUser } from '../auth/staff-user';
import type { DefinitionSet } from '../surveys/definitions';
import { newSubmissionId, surveyBody, type SurveyForm } from '../surveys/survey.form';
import type { PointContext, UnitsRepo } from '../units/units.repo';
import type { ResponsesRepo } from '../responses/responses.repo';
import { submitResponse } from '../responses/responses.service';
import type { KioskRepo, KioskSession } from './kiosk.repo';
import { createPinThrottle } from './pin-throttle';

export interface KioskDeps {
  definitions: DefinitionSet; form: SurveyForm; units: UnitsRepo; responses: ResponsesRepo; kiosks: KioskRepo;
  scope: Scope; sessions: SessionManager; idleSeconds: number; secureCookies: boolean; now: () => Date;
}

const COOKIE = 'sipas_kiosk';
const pinSchema = z.strictObject({ _csrf: z.string(), pin: z.string().regex(/^\d{4,8}$/), confirm: z.string() }).refine((b) => b.pin === b.confirm, { path: ['confirm'] });
const leaveSchema = z.strictObject({ pin: z.string().max(20) });
const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** /k/<code>: a counter tablet in kiosk mode, opened by staff of the point's unit and left with their PIN. */
export function kioskRouter(deps: KioskDeps) {
  const router = express.Router();
  const throttle = createPinThrottle(deps.now);
  const cookieOpts = { httpOnly: true, sameSite: 'strict' as const, secure: deps.secureCookies, path: '/k' };

  const load = (req: Request, res: Response, next: NextFunction) => {
    const code = String(req.params.code);
    const point = deps.units.findActivePoint(code);
    if (!point) return next(notFound('survey.errors.point_not_found'));
    const token: unknown = req.cookies?.[COOKIE];
    res.locals.point = point;
    res.locals.kiosk = typeof token === 'string' && token.length === 43 ? deps.kiosks.findOpen(hash(token), point.pointId) : undefined;
    res.set('Cache-Control', 'no-store');
    next();
  };
  const staffOf = (res: Response): StaffUser => {
    const user = res.locals.user as StaffUser | undefined;
    if (!user) throw new AppError(401, 'errors.unauthorized');
    if (!deps.scope.canAccessUnit(user, (res.locals.point as PointContext).unitId)) throw forbidden();
    return user;
  };
  const renderOpen = (res: Response, error?: string) => res.render('kiosk/open', { title: res.locals.t('kiosk.open.title'), staffPage: true, error });

  router.get('/k/:code', load, (req, res) => {
    if (res.locals.kiosk) return res.render('kiosk/kiosk', { title: res.locals.t('kiosk.title'), kioskPage: true, def: deps.definitions.current, sid: newSubmissionId(), idleSeconds: deps.idleSeconds });
    if (!res.locals.user) return res.redirect(303, `/staff/login?next=${encodeURIComponent(req.originalUrl)}`);
    staffOf(res);
    renderOpen(res);
  });

  router.post('/k/:code/open', load, express.urlencoded({ extended: false, limit: '4kb' }), verifyCsrf, async (req, res) => {
    const user = staffOf(res);
    const parsed = pinSchema.safeParse(req.body);
    if (!parsed.success) return renderOpen(res.status(422), parsed.error.issues[0]?.path[0] === 'confirm' ? 'kiosk.open.mismatch' : 'kiosk.open.bad_pin');
    const token = crypto.randomBytes(32).toString('base64url');
    const pinHash = await hashPassword(parsed.data.pin);
    const point: PointContext = res.locals.point;
    deps.kiosks.insert({ tokenHash: hash(token), pointId: point.pointId, pinHash, openedBy: user.id, createdAt: deps.now().toISOString() });
    // The tablet is handed to citizens: the staff session must not stay on it.
    deps.sessions.end(req, res);
    res.cookie(COOKIE, token, { ...cookieOpts, maxAge: 180 * 86400_000 });
    res.redirect(303, `/k/${point.pointCode}`);
  });

  router.post('/k/:code/responses', load, express.json({ limit: '32kb' }), surveyBody, (req, res) => {
    const json = Boolean(req.is('application/json'));
    const kiosk: KioskSession | undefined = res.locals.kiosk;
    if (!kiosk) return res.status(401).json({ error: { code: 'kiosk.closed' } });
    const parsed = deps.form.parse(req.body, null);
    if (!parsed.ok) return json ? res.status(422).json({ error: { code: 'kiosk.invalid', fields: parsed.errors } }) : res.redirect(303, `/k/${String(req.params.code)}`);
    const point: PointContext = res.locals.point;
    const place = { unitId: point.unitId, pointId: point.pointId, serviceId: point.serviceId, procedureId: null };
    const { stored } = submitResponse(deps.responses, { definition: deps.definitions.current, place, answers: parsed.value, channel: 'kiosk', verified: false, flagged: false, lang: res.locals.lang, at: deps.now() });
    if (!json) return res.redirect(303, `/k/${point.pointCode}`);
    res.status(stored ? 201 : 200).json({ stored });
  });

  const renderLeave = (res: Response, error?: string) => res.render('kiosk/leave', { title: res.locals.t('kiosk.leave.title'), kioskPage: true, idleSeconds: deps.idleSeconds, error });

  router.get('/k/:code/leave', load, (_req, res) => (res.locals.kiosk ? renderLeave(res) : res.redirect(303, `/k/${res.locals.point.pointCode}`)));

  router.post('/k/:code/leave', load, express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const kiosk: KioskSession | undefined = res.locals.kiosk;
    if (!kiosk) return res.redirect(303, `/k/${res.locals.point.pointCode}`);
    if (throttle.locked(kiosk.id)) return renderLeave(res.status(429), 'kiosk.leave.locked');
    const parsed = leaveSchema.safeParse(req.body);
    if (!parsed.success || !(await verifyPassword(parsed.data.pin, kiosk.pinHash))) {
      throttle.fail(kiosk.id);
      return renderLeave(res.status(422), 'kiosk.leave.wrong_pin');
    }
    throttle.clear(kiosk.id);
    deps.kiosks.close(kiosk.id, deps.now().toISOString());
    res.clearCookie(COOKIE, { path: '/k' });
    res.redirect(303, '/staff/login');
  });

  return router;
}
