import express, { type NextFunction, type Request, type Response } from 'express';
import { notFound } from '../http/errors';
import { formBody } from '../http/form-body';
import { COLLATORS } from '../i18n';
import { errorMap, type FieldError } from '../http/form-errors';
import { vietnamDate } from '../time/vietnam-time';
import type { MergedNotices } from '../units/merged-notice';
import type { CitizenPoints } from '../units/citizen-points';
import type { SubmissionIds } from '../abuse/submission-id';
import type { Definition, DefinitionSet } from './definitions';
import { buildAnswerSchema, buildStepSchema, parseAnswers, parseStep, SUBMISSION_ID, type FormValues, type ParseResult, type StepResult } from './answer.schema';
import { surveySteps, type Step } from './steps';
import { createFirstPageCache, SID_SLOT } from './first-page-cache';

/**
 * The citizen's questionnaire as every channel shows and checks it (poster, invitation,
 * kiosk): the first page (the rating) and the detail steps, one cached strict schema each.
 */
export interface SurveyHeader {
  unitName: string; pointLabel: string; pointLabelEn?: string | null;
  serviceId: number | null; serviceNameVi: string | null; serviceNameEn: string | null;
}
/** `device`: the device cookie the page goes to, which its submission id is issued to (null: a channel without one). */
export interface RenderOptions {
  action: string; header: SurveyHeader; services: readonly { code: string; nameVi: string; nameEn: string | null }[]; honeypot: boolean; device: string | null;
}
export interface SurveyFormDeps { definitions: DefinitionSet; sids: SubmissionIds; now: () => Date }

/** The honeypot field of the poster form: hidden from sight and from the tab order; a person leaves it empty. */
export const HONEYPOT = 'website';

/** The citizen's forms: a plain form read lean (http/form-body.ts), anything else by body-parser, with the same limits. */
export const surveyBody = formBody(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 200 }), { limit: 32 * 1024, parameterLimit: 200 });

/**
 * res.locals.point: the active point of the :code of a poster or kiosk URL, at a unit that takes
 * responses today. A merged unit's old poster gets the page that leads to its successor (410,
 * the kiosk's as well); anything else a friendly 404.
 */
export function loadActivePoint(points: Pick<CitizenPoints, 'findActive'>, merged: MergedNotices, now: () => Date) {
  return (req: Request, res: Response, next: NextFunction) => {
    const code = String(req.params.code);
    const point = points.findActive(code, vietnamDate(now()));
    if (!point) {
      const notice = merged.forPoint(code);
      if (!notice) return next(notFound('survey.errors.point_not_found'));
      res.set('Cache-Control', 'no-store');
      return res.status(410).render('survey/merged', { title: res.locals.t('units.citizen.title'), notice });
    }
    res.locals.point = point;
    res.set('Cache-Control', 'no-store');
    next();
  };
}

/** Sorted the way a reader of the page's language expects (Chứng thực, Đất đai, Giáo dục). */
const byName = (lang: string) => {
  const name = (s: { nameVi: string; nameEn: string | null }) => (lang === 'en' ? s.nameEn ?? s.nameVi : s.nameVi);
  const collator = lang === 'en' ? COLLATORS.en : COLLATORS.vi;
  return (a: { nameVi: string; nameEn: string | null }, b: { nameVi: string; nameEn: string | null }) => collator.compare(name(a), name(b));
};

export function createSurveyForm({ definitions, sids, now }: SurveyFormDeps) {
  const pages = createFirstPageCache();
  // Building a zod schema costs far more than using one: keep one per definition and service list, and per step.
  const schemas = new Map<string, ReturnType<typeof buildAnswerSchema>>();
  const schemaFor = (def: Definition, serviceCodes: string[] | null) => {
    const key = `${def.id}@${def.version}:${serviceCodes?.join(',') ?? '-'}`;
    if (!schemas.has(key)) schemas.set(key, buildAnswerSchema(def, serviceCodes));
    return schemas.get(key)!;
  };
  const stepSchemas = new Map<Step, ReturnType<typeof buildStepSchema>>();
  const stepSchema = (step: Step) => {
    if (!stepSchemas.has(step)) stepSchemas.set(step, buildStepSchema(step.questions));
    return stepSchemas.get(step)!;
  };

  // The schema of a service list, found by the list itself: the counters' lists are kept objects (units/citizen-points.ts).
  const byList = new WeakMap<object, { def: Definition; schema: ReturnType<typeof buildAnswerSchema> }>();
  const schemaOfList = (def: Definition, services: readonly { code: string }[]) => {
    let known = byList.get(services);
    if (known?.def !== def) byList.set(services, (known = { def, schema: schemaFor(def, services.map((x) => x.code)) }));
    return known.schema;
  };

  /** Validates a first page against the current definition; `services` (those the citizen may pick) null when the service is already known. */
  const parse = (body: unknown, services: readonly { code: string }[] | null): ParseResult => {
    const def = definitions.current;
    return parseAnswers(def, services ? schemaOfList(def, services) : schemaFor(def, null), body);
  };
  const parseDetail = (step: Step, body: unknown): StepResult => parseStep(definitions.current, stepSchema(step), body);

  const firstLocals = (res: Response, o: RenderOptions, values: FormValues, errors: FieldError[]) => {
    const def = definitions.current;
    const services = [...o.services].sort(byName(res.locals.lang));
    return { def, step: surveySteps(def).first, point: o.header, services, action: o.action, honeypot: o.honeypot, values, errors, errorOf: errorMap(errors) };
  };

  /** The first page: the unit and counter, the overall question's five faces, the service field if the counter fixes none, send. */
  const render = (res: Response, o: RenderOptions, values: FormValues, errors: FieldError[]) => {
    // A form shown again (422, 503) keeps its id, so that sending it twice stores it once.
    const sid = typeof values.sid === 'string' && SUBMISSION_ID.test(values.sid) ? values.sid : sids.issue(o.device, now());
    res.render('survey/form', firstLocals(res, o, { ...values, sid }, errors));
  };

  // The text of a point and its service list as a key, once per object kept by units/citizen-points.ts.
  const texts = new WeakMap<object, WeakMap<object, string>>();
  const textOf = (header: SurveyHeader, services: RenderOptions['services']) => {
    const byServices = texts.get(header) ?? new WeakMap<object, string>();
    texts.set(header, byServices);
    let text = byServices.get(services);
    if (text === undefined) byServices.set(services, (text = JSON.stringify([header, services])));
    return text;
  };

  /** The same first page, fresh (nothing posted yet): rendered once (first-page-cache.ts), a new submission id spliced in. */
  const renderFresh = (req: Request, res: Response, next: NextFunction, o: RenderOptions) => {
    const def = definitions.current;
    const key = `${res.locals.lang}|${def.id}@${def.version}|${o.action}|${o.honeypot}|${textOf(o.header, o.services)}`;
    const sid = sids.issue(o.device, now());
    const page = pages.get(key);
    if (page) return pages.send(req, res, page, sid);
    res.render('survey/form', firstLocals(res, o, { sid: SID_SLOT }, []), (err, html) => (err ? next(err) : pages.send(req, res, pages.put(key, html), sid)));
  };

  /** A detail step ("Bước 2/8"); `stored`: this device sent it already (reload, back), so it shows no form. */
  const renderStep = (res: Response, o: { base: string; header: SurveyHeader; step: Step; stored: boolean }, values: FormValues, errors: FieldError[]) => {
    const def = definitions.current;
    const steps = surveySteps(def);
    res.render('survey/step', {
      def, steps, step: o.step, base: o.base, point: o.header, stored: o.stored,
      next: o.step.n < steps.total ? `${o.base}/step/${o.step.n + 1}` : `${o.base}/done`,
      // The one script of the citizen's path: the comment's live count, on its step only.
      countScript: !o.stored && o.step.questions.some((q) => q.type === 'text'),
      values, errors, errorOf: errorMap(errors),
    });
  };
  return { parse, parseDetail, render, renderFresh, renderStep, steps: () => surveySteps(definitions.current) };
}
export type SurveyForm = ReturnType<typeof createSurveyForm>;
