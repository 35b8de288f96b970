import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { accessOf } from '../access/access.middleware';
import type { SessionManager } from '../auth/sessions';
import { AppError } from '../http/errors';
import type { ResponsesService } from '../responses/responses.service';
import type { FieldError } from '../http/form-errors';
import { notStored } from '../http/error-handler';
import { cleanBody, NOT_SAVED, type FormValues } from '../surveys/answer.schema';
import type { SurveyForm } from '../surveys/survey.form';
import { surveyFlow } from '../surveys/survey-flow';
import type { ServiceOption } from '../units/catalog.repo';
import { NO_SERVICES, type CitizenPoints } from '../units/citizen-points';
import type { PointContext } from '../units/points.repo';
import type { KioskSession } from './kiosk.repo';
import type { KioskService } from './kiosk.service';

export interface KioskDeps {
  kiosk: KioskService; responses: ResponsesService; form: SurveyForm; catalog: Pick<CitizenPoints, 'servicesOfUnit'>;
  sessions: SessionManager; idleSeconds: number; secureCookies: boolean;
}

const COOKIE = 'sipas_kiosk';
const pinSchema = z.strictObject({ _csrf: z.string(), pin: z.string().regex(/^\d{4,8}$/), confirm: z.string() }).refine((b) => b.pin === b.confirm, { path: ['confirm'] });
const leaveSchema = z.strictObject({ pin: z.string().max(20) });
/** The kiosk's own small forms (open, leave): the PIN and a CSRF token. */
export const kioskForm = express.urlencoded({ extended: false, limit: '4kb' });

/**
 * /k/<code>: a counter tablet in kiosk mode (kiosk.service.ts has the rules). Citizens walk the
 * same path as from a poster (survey-flow.ts): the faces and send, then the detail steps if
 * they wish; the start page forgets the previous citizen's response, so no one adds to it.
 */
export function kioskPages(deps: KioskDeps) {
  const cookieOpts = { httpOnly: true, sameSite: 'strict' as const, secure: deps.secureCookies, path: '/k' };
  const base = (res: Response) => `/k/${(res.locals.point as PointContext).pointCode}`;
  const flow = surveyFlow(deps, { base, header: (res) => res.locals.point, kiosk: true });
  const servicesOf = (point: PointContext): readonly ServiceOption[] => (point.serviceId ? NO_SERVICES : deps.catalog.servicesOfUnit(point.unitId));

  /** After loadActivePoint: res.locals.kiosk, the open kiosk of this tablet at this point, if any. */
  const load = (req: Request, res: Response, next: NextFunction) => {
    res.locals.kiosk = deps.kiosk.find(req.cookies?.[COOKIE], (res.locals.point as PointContext).pointId);
    next();
  };
  const staffOnly = (res: Response) => {
    if (!res.locals.user) throw new AppError(401, 'errors.unauthorized');
    if (!accessOf(res).covers((res.locals.point as PointContext).unitId)) throw new AppError(403, 'errors.forbidden');
  };
  /** The tablet's look (kiosk.css) and its idle script (kiosk.js), which brings every page back to the start. */
  const asKiosk = (res: Response) => Object.assign(res.locals, { kioskPage: true, kioskHome: base(res), kioskIdle: deps.idleSeconds });
  const renderOpen = (res: Response, error?: string) => res.render('kiosk/open', { title: res.locals.t('kiosk.open.title'), staffPage: true, error });
  const renderLeave = (res: Response, error?: string) => {
    asKiosk(res);
    res.render('kiosk/leave', { title: res.locals.t('kiosk.leave.title'), leavePage: true, error });
  };

  const renderFirst = (res: Response, values: FormValues, errors: FieldError[]) =>
    deps.form.render(res, { action: base(res), header: res.locals.point, services: servicesOf(res.locals.point), honeypot: false, device: null }, values, errors);

  /** Pages for citizens need an open kiosk on this tablet. */
  const citizens = (_req: Request, res: Response, next: NextFunction) => {
    if (!res.locals.kiosk) return res.redirect(303, base(res));
    asKiosk(res);
    next();
  };

  const page = (req: Request, res: Response) => {
    if (res.locals.kiosk) {
      asKiosk(res);
      flow.reset(req, res);
      return renderFirst(res, {}, []);
    }
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

  /** The faces and send: stored before the thanks are shown. */
  const submit = async (req: Request, res: Response) => {
    const point: PointContext = res.locals.point;
    const services = servicesOf(point);
    const parsed = deps.form.parse(req.body, point.serviceId ? null : services);
    if (!parsed.ok) return renderFirst(res.status(422), parsed.values, parsed.errors);
    const chosen = services.find((x) => x.code === parsed.value.serviceCode);
    const place = { unitId: point.unitId, pointId: point.pointId, serviceId: point.serviceId ?? chosen?.id ?? null, procedureId: null };
    let stored;
    try {
      stored = await deps.responses.queueResponse({ place, answers: parsed.value, channel: 'kiosk', verified: false, flagReasons: 0, lang: res.locals.lang });
    } catch (err) {
      // Not stored, so no thanks: the same faces again (503), the one chosen still chosen.
      throw notStored(err, (r) => renderFirst(r, cleanBody(req.body), [NOT_SAVED]));
    }
    flow.begin(res, stored.continuation);
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

  return { load, page, open, citizens, submit, thanks: flow.thanks, stepPage: flow.stepPage, stepSubmit: flow.stepSubmit, done: flow.done, leavePage, leave };
}
