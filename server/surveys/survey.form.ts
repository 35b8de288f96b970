import crypto from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { notFound } from '../http/errors';
import { errorMap, type FieldError } from '../http/form-errors';
import { vietnamDate } from '../time/vietnam-time';
import type { MergedNotices } from '../units/merged-notice';
import type { PointsRepo } from '../units/points.repo';
import type { Definition, DefinitionSet } from './definitions';
import { buildAnswerSchema, parseAnswers, SUBMISSION_ID, type FormValues, type ParseResult } from './answer.schema';

/**
 * The citizen's questionnaire as every channel shows and checks it (poster, invitation,
 * kiosk): one cached strict schema per definition and service list, one view.
 */
export interface SurveyHeader { unitName: string; pointLabel: string; serviceId: number | null; serviceNameVi: string | null; serviceNameEn: string | null }
export interface RenderOptions { action: string; header: SurveyHeader; services: { code: string; nameVi: string; nameEn: string | null }[]; honeypot: boolean }

/**
 * The form's submission id: the time it was shown (so ids arrive in index order, which keeps
 * the unique index cheap to insert into) and 96 random bits (so no one can guess another's).
 */
export const newSubmissionId = () => Date.now().toString(36).padStart(9, '0') + crypto.randomBytes(12).toString('base64url');

/** The honeypot field of the poster form: hidden from sight and from the tab order; a person leaves it empty. */
export const HONEYPOT = 'website';

export const surveyBody = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 200 });

/**
 * res.locals.point: the active point of the :code of a poster or kiosk URL, at a unit that takes
 * responses today. A merged unit's old poster gets the page that leads to its successor (410;
 * the kiosk's queued JSON a 422, which it drops); anything else a friendly 404.
 */
export function loadActivePoint(points: PointsRepo, merged: MergedNotices, now: () => Date) {
  return (req: Request, res: Response, next: NextFunction) => {
    const code = String(req.params.code);
    const point = points.findActive(code, vietnamDate(now()));
    if (!point) {
      const notice = merged.forPoint(code);
      if (!notice) return next(notFound('survey.errors.point_not_found'));
      res.set('Cache-Control', 'no-store');
      if (req.is('application/json')) return res.status(422).json({ error: { code: 'kiosk.merged' } });
      return res.status(410).render('survey/merged', { title: res.locals.t('units.citizen.title'), notice });
    }
    res.locals.point = point;
    res.set('Cache-Control', 'no-store');
    next();
  };
}

export function createSurveyForm(definitions: DefinitionSet) {
  // Building a zod schema costs far more than using one: keep one per definition and service list.
  const schemas = new Map<string, ReturnType<typeof buildAnswerSchema>>();
  const schemaFor = (def: Definition, serviceCodes: string[] | null) => {
    const key = `${def.id}@${def.version}:${serviceCodes?.join(',') ?? '-'}`;
    if (!schemas.has(key)) schemas.set(key, buildAnswerSchema(def, serviceCodes));
    return schemas.get(key)!;
  };

  /** Validates a body against the current definition; `serviceCodes` null when the service is already known. */
  const parse = (body: unknown, serviceCodes: string[] | null): ParseResult => {
    const def = definitions.current;
    return parseAnswers(def, schemaFor(def, serviceCodes), body);
  };

  const render = (res: Response, o: RenderOptions, values: FormValues, errors: FieldError[]) => {
    const sid = SUBMISSION_ID.test(String(values.sid)) ? values.sid : newSubmissionId();
    res.render('survey/form', {
      def: definitions.current,
      point: o.header,
      services: o.services,
      action: o.action,
      honeypot: o.honeypot,
      values: { ...values, sid },
      errors,
      errorOf: errorMap(errors),
    });
  };
  return { parse, render };
}
export type SurveyForm = ReturnType<typeof createSurveyForm>;
