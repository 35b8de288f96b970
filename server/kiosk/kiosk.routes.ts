import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { accessOf } from '../access/access.middleware';
import type { SessionManager } from '../auth/sessions';
import { AppError } from '../http/errors';
import type { ResponsesService } from '../responses/responses.service';
import type { Definition } from '../surveys/definitions';
import { newSubmissionId, type SurveyForm } from '../surveys/survey.form';
import type { PointContext } from '../units/points.repo';
import type { KioskSession } from './kiosk.repo';
import type { KioskService } from './kiosk.service';

export interface KioskDeps {
  kiosk: KioskService; responses: ResponsesService; form: SurveyForm; definition: Definition;
  sessions: SessionManager; idleSeconds: number; secureCookies: boolean;
}

const COOKIE = 'sipas_kiosk';
const pinSchema = z.strictObject({ _csrf: z.string(), pin: z.string().regex(/^\d{4,8}$/), confirm: z.string() }).refine((b) => b.pin === b.confirm, { path: ['confirm'] });
const leaveSchema = z.strictObject({ pin: z.string().max(20) });
/** The kiosk's own small forms (open, leave): the PIN and a CSRF token. */
export const kioskForm = express.urlencoded({ extended: false, limit: '4kb' });
export const kioskJson = express.json({ limit: '32kb' });

/** /k/<code>: a counter tablet in kiosk mode (kiosk.service.ts has the rules). */
export function kioskPages(deps: KioskDeps) {  const cookieOpts = { httpOnly: true, sameSite: 'strict' as const, secure: deps.secureCookies, path: '/k' };

  /** After loadActivePoint: res.locals.kiosk, the open kiosk of this tablet at this point, if any. */
  const load = (req: Request, res: Response, next: NextFunction) => {
    res.locals.kiosk = deps.kiosk.find(req.cookies?.[COOKIE], (res.locals.point as PointContext).pointId);
    next();
  };
  const staffOnly = (res: Response) => {
    if (!res.locals.user) throw new AppError(401, 'errors.unauthorized');
    if (!accessOf(res).covers((res.locals.point as PointContext).unitId)) throw new AppError(403, 'errors.forbidden');
  };
  const renderOpen = (res: Response, error?: string) => res.render('kiosk/open', { title: res.locals.t('kiosk.open.title'), staffPage: true, error });
  const renderLeave = (res: Response, error?: string) => res.render('kiosk/leave', { title: res.locals.t('kiosk.leave.title'), kioskPage: true, idleSeconds: deps.idleSeconds, error });

  const page = (req: Request, res: Response) => {
    if (res.locals.kiosk) return res.render('kiosk/kiosk', { title: res.locals.t('kiosk.title'), kioskPage: true, def: deps.definition, sid: newSubmissionId(), idleSeconds: deps.idleSeconds });
    if (!res.locals.user) return res.redirect(303, `/staff/login?next=${encodeURIComponent(req.originalUrl)}`);
    staffOnly(res);
    renderOpen(res);
  };

  const open = async (req: Request, res: Response) => {
    staffOnly(res);
    const parsed = pinSchema.safeParse(req.body);
    if (!parsed.success) return renderOpen(res.status(422), parsed.error.issues[0]?.path[0] === 'confirm' ? 'kiosk.open.mismatch' : 'kiosk.open.bad_pin');
    const token = await deps.kiosk.open(accessOf(res), res.locals.point, parsed.data.pin);
    // The tablet is handed to citizens: the staff session must not stay on it.
    deps.sessions.end(req, res);
    res.cookie(COOKIE, token, { ...cookieOpts, maxAge: 180 * 86400_000 });
    res.redirect(303, `/k/${res.locals.point.pointCode}`);
  };

  const respond = (req: Request, res: Response) => {
    const json = Boolean(req.is('application/json'));
    if (!res.locals.kiosk) return res.status(401).json({ error: { code: 'kiosk.closed' } });
    const parsed = deps.form.parse(req.body, null);
    const point: PointContext = res.locals.point;
    if (!parsed.ok) return json ? res.status(422).json({ error: { code: 'kiosk.invalid', fields: parsed.errors } }) : res.redirect(303, `/k/${point.pointCode}`);
    const place = { unitId: point.unitId, pointId: point.pointId, serviceId: point.serviceId, procedureId: null };
    const { stored } = deps.responses.submitResponse({ place, answers: parsed.value, channel: 'kiosk', verified: false, flagged: false, lang: res.locals.lang });
    if (!json) return res.redirect(303, `/k/${point.pointCode}`);
    res.status(stored ? 201 : 200).json({ stored });
  };

  const leavePage = (_req: Request, res: Response) => (res.locals.kiosk ? renderLeave(res) : res.redirect(303, `/k/${res.locals.point.pointCode}`));

  const leave = async (req: Request, res: Response) => {
    const kiosk: KioskSession | undefined = res.locals.kiosk;
    if (!kiosk) return res.redirect(303, `/k/${res.locals.point.pointCode}`);
    const parsed = leaveSchema.safeParse(req.body);
    const outcome = await deps.kiosk.leave(kiosk, parsed.success ? parsed.data.pin : null);
    if (outcome === 'locked') return renderLeave(res.status(429), 'kiosk.leave.locked');
    if (outcome === 'wrong') return renderLeave(res.status(422), 'kiosk.leave.wrong_pin');
    res.clearCookie(COOKIE, { path: '/k' });
    res.redirect(303, '/staff/login');
  };

  return { load, page, open, respond, leavePage, leave };
}
