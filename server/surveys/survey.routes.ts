import express, { type NextFunction, type Request, type Response } from 'express';
import { notFound } from '../http/errors';
import type { DefinitionSet } from './definitions';
import type { FieldError, FormValues } from './answer.schema';
import type { UnitsRepo, PointContext, ServiceOption } from '../units/units.repo';
import type { ResponsesRepo } from '../responses/responses.repo';
import { submitResponse } from '../responses/responses.service';
import { HONEYPOT, surveyBody, type SurveyForm } from './survey.form';
import { DEVICE_COOKIE, deviceIdOf, newDeviceId, type PosterGuard } from '../abuse/poster-guard';

export interface SurveyDeps { definitions: DefinitionSet; form: SurveyForm; units: UnitsRepo; responses: ResponsesRepo; guard: PosterGuard; secureCookies: boolean; now: () => Date }

const YEAR_MS = 365 * 86400_000;

/** The citizen's survey from a poster's QR: GET shows it, POST stores it and redirects (303) to the thank-you page. */
export function surveyRouter(deps: SurveyDeps) {
  const router = express.Router();

  const loadPoint = (req: Request, res: Response, next: NextFunction) => {
    const code = String(req.params.code);
    const point = deps.units.findActivePoint(code);
    if (!point) return next(notFound('survey.errors.point_not_found'));
    res.locals.point = point;
    res.set('Cache-Control', 'no-store');
    next();
  };

  /** The per-device cookie of the interval rule: random, first-party, says nothing about the person. */
  const device = (req: Request, res: Response): string | null => {
    const id = deviceIdOf(req.cookies?.[DEVICE_COOKIE]);
    if (!id) res.cookie(DEVICE_COOKIE, newDeviceId(), { httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, maxAge: YEAR_MS, path: '/s' });
    return id;
  };

  /** The service fields the citizen may pick: none when the point fixes one. */
  const servicesOf = (point: PointContext): ServiceOption[] => (point.serviceId ? [] : deps.units.servicesOfUnit(point.unitId));

  const render = (res: Response, values: FormValues, errors: FieldError[]) => {
    const point: PointContext = res.locals.point;
    deps.form.render(res, { action: `/s/${point.pointCode}`, header: point, services: servicesOf(point), honeypot: true }, values, errors);
  };

  router.get('/s/:code', loadPoint, (req, res) => {
    device(req, res);
    render(res, {}, []);
  });

  router.post('/s/:code', loadPoint, surveyBody, (req, res) => {
    const point: PointContext = res.locals.point;
    const { [HONEYPOT]: trap, ...body } = (req.body ?? {}) as Record<string, unknown>;
    // Most citizens leave the service field empty: read the unit's list only when one was chosen.
    const services = body.service === undefined || body.service === '' ? [] : servicesOf(point);
    const parsed = deps.form.parse(body, point.serviceId ? null : services.map((s) => s.code));
    if (!parsed.ok) {
      res.status(422);
      return render(res, parsed.values, parsed.errors);
    }
    const reasons = deps.guard.check({ pointId: point.pointId, deviceId: device(req, res), address: req.ip ?? '', honeypot: typeof trap === 'string' && trap !== '' });
    const chosen = parsed.value.serviceCode ? services.find((x) => x.code === parsed.value.serviceCode) : undefined;
    const place = { unitId: point.unitId, pointId: point.pointId, serviceId: point.serviceId ?? chosen?.id ?? null, procedureId: null };
    submitResponse(deps.responses, {
      definition: deps.definitions.current, place, answers: parsed.value, channel: 'poster', verified: false, flagged: reasons.length > 0, lang: res.locals.lang, at: deps.now(),
    });
    res.redirect(303, `/s/${point.pointCode}/thanks`);
  });

  router.get('/s/:code/thanks', loadPoint, (_req, res) => res.render('survey/thanks'));

  return router;
}
