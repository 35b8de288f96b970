import type { NextFunction, Request, Response } from 'express';
import { DEVICE_COOKIE, deviceIdOf, newDeviceId, type PosterGuard } from '../abuse/poster-guard';
import type { ResponsesService } from '../responses/responses.service';
import type { ServiceOption } from '../units/catalog.repo';
import { NO_SERVICES, type CitizenPoints } from '../units/citizen-points';
import type { PointContext } from '../units/points.repo';
import type { FieldError } from '../http/form-errors';
import { notStored } from '../http/error-handler';
import { cleanBody, NOT_SAVED, type FormValues } from './answer.schema';
import { HONEYPOT, type SurveyForm } from './survey.form';
import { surveyFlow } from './survey-flow';

export interface SurveyDeps { form: SurveyForm; catalog: Pick<CitizenPoints, 'servicesOfUnit'>; responses: ResponsesService; guard: PosterGuard; secureCookies: boolean }

const YEAR_MS = 365 * 86400_000;

/**
 * The citizen's survey from a poster's QR: GET shows the first page, POST stores it and
 * redirects (303) to the thank-you page, which offers the detail steps (survey-flow.ts).
 */
export function posterSurvey(deps: SurveyDeps) {
  const flow = surveyFlow(deps, { base: (res) => `/s/${(res.locals.point as PointContext).pointCode}`, header: (res) => res.locals.point });
  /**
   * The device cookie: random, first-party, says nothing about the person. The form's
   * submission id is issued to it, and the interval rule counts by it. Returns the cookie the
   * request came with (null: none), and the one the browser holds after this response.
   */
  const device = (req: Request, res: Response): { sent: string | null; held: string } => {
    const sent = deviceIdOf(req.cookies?.[DEVICE_COOKIE]);
    if (sent) return { sent, held: sent };
    const held = newDeviceId();
    res.cookie(DEVICE_COOKIE, held, { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, maxAge: YEAR_MS, path: '/s' });
    return { sent, held };
  };

  /** The service fields the citizen may pick: none when the point fixes one. */
  const servicesOf = (point: PointContext): readonly ServiceOption[] => (point.serviceId ? NO_SERVICES : deps.catalog.servicesOfUnit(point.unitId));

  const render = (res: Response, device: string, values: FormValues, errors: FieldError[]) => {
    const point: PointContext = res.locals.point;
    deps.form.render(res, { action: `/s/${point.pointCode}`, header: point, services: servicesOf(point), honeypot: true, device }, values, errors);
  };

  const page = (req: Request, res: Response, next: NextFunction) => {
    const point: PointContext = res.locals.point;
    const o = { action: `/s/${point.pointCode}`, header: point, services: servicesOf(point), honeypot: true, device: device(req, res).held };
    deps.form.renderFresh(req, res, next, o);
  };

  const submit = async (req: Request, res: Response) => {
    const point: PointContext = res.locals.point;
    const dev = device(req, res);
    const { [HONEYPOT]: trap, ...body } = (req.body ?? {}) as Record<string, unknown>;
    // Most citizens leave the service field empty: read the unit's list only when one was chosen.
    const services = body.service === undefined || body.service === '' ? NO_SERVICES : servicesOf(point);
    const parsed = deps.form.parse(body, point.serviceId ? null : services);
    if (!parsed.ok) {
      res.status(422);
      return render(res, dev.held, parsed.values, parsed.errors);
    }
    const honeypot = typeof trap === 'string' && trap !== '';
    const flagReasons = deps.guard.check({ pointId: point.pointId, deviceId: dev.sent, address: req.ip ?? '', honeypot, sid: parsed.value.submissionId });
    const chosen = parsed.value.serviceCode ? services.find((x) => x.code === parsed.value.serviceCode) : undefined;
    const place = { unitId: point.unitId, pointId: point.pointId, serviceId: point.serviceId ?? chosen?.id ?? null, procedureId: null };
    let stored;
    try {
      stored = await deps.responses.queueResponse({ place, answers: parsed.value, channel: 'poster', verified: false, flagReasons, lang: res.locals.lang });
    } catch (err) {
      // The database refused the write (read-only, full, locked): 503 with the same form, every answer kept.
      throw notStored(err, (r) => render(r, dev.held, cleanBody(body), [NOT_SAVED]));
    }
    flow.begin(res, stored.continuation);
  };

  return { page, submit, thanks: flow.thanks, stepPage: flow.stepPage, stepSubmit: flow.stepSubmit, done: flow.done };
}
