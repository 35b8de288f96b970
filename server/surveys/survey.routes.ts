import crypto from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { notFound } from '../http/errors';
import type { Definition, DefinitionSet } from './definitions';
import { buildAnswerSchema, parseAnswers, SUBMISSION_ID, type FieldError, type FormValues } from './answer.schema';
import type { UnitsRepo, PointContext, ServiceOption } from '../units/units.repo';
import type { ResponsesRepo } from '../responses/responses.repo';
import { submitResponse } from '../responses/responses.service';

export interface SurveyDeps { definitions: DefinitionSet; units: UnitsRepo; responses: ResponsesRepo; now: () => Date }

const POINT_CODE = /^[A-Za-z0-9_-]{4,40}$/;
/**
 * The form's submission id: the time it was shown (so ids arrive in index order, which keeps
 * the unique index cheap to insert into) and 96 random bits (so no one can guess another's).
 */
const newSubmissionId = () => Date.now().toString(36).padStart(9, '0') + crypto.randomBytes(12).toString('base64url');

/** The citizen's survey: GET shows it, POST stores it and redirects (303) to the thank-you page. */
export function surveyRouter(deps: SurveyDeps) {
  const router = express.Router();
  // Building a zod schema costs far more than using one: keep one per definition and service list.
  const schemas = new Map<string, ReturnType<typeof buildAnswerSchema>>();
  const schemaFor = (def: Definition, serviceCodes: string[] | null) => {
    const key = `${def.id}@${def.version}:${serviceCodes?.join(',') ?? '-'}`;
    if (!schemas.has(key)) schemas.set(key, buildAnswerSchema(def, serviceCodes));
    return schemas.get(key)!;
  };
  const form = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 200 });

  const loadPoint = (req: Request, res: Response, next: NextFunction) => {
    const code = String(req.params.code);
    const point = POINT_CODE.test(code) ? deps.units.findActivePoint(code) : undefined;
    if (!point) return next(notFound('survey.errors.point_not_found'));
    res.locals.point = point;
    res.locals.services = point.serviceId ? [] : deps.units.servicesOfUnit(point.unitId);
    res.set('Cache-Control', 'no-store');
    next();
  };

  const render = (res: Response, values: FormValues, errors: FieldError[]) => {
    const sid = SUBMISSION_ID.test(String(values.sid)) ? values.sid : newSubmissionId();
    res.render('survey/form', {
      def: deps.definitions.current,
      values: { ...values, sid },
      errors,
      errorOf: Object.fromEntries(errors.map((e) => [e.field, e])),
    });
  };

  router.get('/s/:code', loadPoint, (_req, res) => render(res, {}, []));

  router.post('/s/:code', loadPoint, form, (req, res) => {
    const point: PointContext = res.locals.point;
    const def = deps.definitions.current;
    const services: ServiceOption[] = res.locals.services;
    const schema = schemaFor(def, point.serviceId ? null : services.map((s) => s.code));
    const parsed = parseAnswers(def, schema, req.body);
    if (!parsed.ok) {
      res.status(422);
      return render(res, parsed.values, parsed.errors);
    }
    submitResponse(deps.responses, { definition: def, point, services, answers: parsed.value, channel: 'poster', lang: res.locals.lang, at: deps.now() });
    res.redirect(303, `/s/${point.pointCode}/thanks`);
  });

  router.get('/s/:code/thanks', loadPoint, (_req, res) => res.render('survey/thanks'));

  return router;
}
