import type { Request, Response } from 'express';
import { z } from 'zod';
import { notFound } from '../http/errors';
import { CONTINUATION_MS, type ResponsesService } from '../responses/responses.service';
import type { FieldError } from '../http/form-errors';
import { notStored } from '../http/error-handler';
import { cleanBody, NOT_SAVED, type FormValues } from './answer.schema';
import type { Step } from './steps';
import type { SurveyForm, SurveyHeader } from './survey.form';

/**
 * After the first page, the same for every channel (poster /s, invitation /i, kiosk /k):
 * the thank-you page that offers the details, the detail steps, and the last page. The
 * device that sent the response holds its continuation token in an HttpOnly cookie scoped
 * to the survey's path; the server keeps the token's hash and the steps stored.
 */
export interface FlowDeps { form: SurveyForm; responses: ResponsesService; secureCookies: boolean }
export interface Channel {
  /** The survey's path for this request: '/s/<code>', '/i/<token>', '/k/<code>'. */
  base: (res: Response) => string;
  header: (res: Response) => SurveyHeader;
  /** Kiosk pages: the tablet's stylesheet and its idle script. */
  kiosk?: boolean;
}

export const CONTINUATION_COOKIE = 'sipas_more';
const stepParam = z.coerce.number().int().min(2).max(99);

export function surveyFlow(deps: FlowDeps, ch: Channel) {
  const tokenOf = (req: Request): unknown => req.cookies?.[CONTINUATION_COOKIE];
  const cookieOptions = (res: Response) => ({ httpOnly: true, sameSite: 'strict' as const, secure: deps.secureCookies, path: ch.base(res) });
  const view = (res: Response, name: string, locals: object = {}) =>
    res.render(name, { point: ch.header(res), base: ch.base(res), kioskPage: ch.kiosk === true, ...locals });

  /** After the first page was stored: the token to the device, then the thank-you page (303). */
  const begin = (res: Response, continuation: string | null) => {
    if (continuation) res.cookie(CONTINUATION_COOKIE, continuation, { ...cookieOptions(res), maxAge: CONTINUATION_MS });
    // A bare 303: res.redirect would negotiate and render a body that no browser shows.
    res.status(303).location(`${ch.base(res)}/thanks`).set('Content-Length', '0').end();
  };

  /** Forgets the device's continuation (the kiosk's next citizen, or the end of the path). */
  const reset = (req: Request, res: Response) => {
    deps.responses.finish(tokenOf(req));
    if (tokenOf(req) !== undefined) res.clearCookie(CONTINUATION_COOKIE, cookieOptions(res));
  };

  /** The first detail step not stored yet, or null when none is left (or the window passed). */
  const nextStep = (req: Request): number | null => {
    const c = deps.responses.continuation(tokenOf(req));
    if (!c) return null;
    return deps.form.steps().details.find((s) => !c.steps.includes(s.key))?.n ?? null;
  };

  const thanks = (req: Request, res: Response) => {
    const n = nextStep(req);
    view(res, 'survey/thanks', { more: n === null ? null : `${ch.base(res)}/step/${n}` });
  };

  const stepOf = (req: Request) => {
    const n = stepParam.safeParse(req.params.n);
    const step = n.success ? deps.form.steps().byN(n.data) : undefined;
    if (!step) throw notFound();
    return step;
  };
  const closed = (res: Response) => view(res.status(410), 'survey/step-closed');
  const renderStep = (res: Response, step: Step, stored: boolean, values: FormValues = {}, errors: FieldError[] = []) =>
    deps.form.renderStep(res, { base: ch.base(res), header: ch.header(res), step, stored }, values, errors);

  const stepPage = (req: Request, res: Response) => {
    const step = stepOf(req);
    const c = deps.responses.continuation(tokenOf(req));
    if (!c) return closed(res);
    renderStep(res, step, c.steps.includes(step.key));
  };

  const stepSubmit = (req: Request, res: Response) => {
    const step = stepOf(req);
    const parsed = deps.form.parseDetail(step, req.body);
    if (!parsed.ok) return renderStep(res.status(422), step, false, parsed.values, parsed.errors);
    let outcome;
    try {
      outcome = deps.responses.addStep(tokenOf(req), step.key, parsed.value);
    } catch (err) {
      // The database refused the write: 503 with the same step, every answer kept.
      throw notStored(err, (r) => renderStep(r, step, false, cleanBody(req.body), [NOT_SAVED]));
    }
    if (outcome === 'closed') return closed(res);
    const last = step.n >= deps.form.steps().total;
    res.redirect(303, last ? `${ch.base(res)}/done` : `${ch.base(res)}/step/${step.n + 1}`);
  };

  /** The end: what happens with the answers; nothing more to do, and the token is gone. */
  const done = (req: Request, res: Response) => {
    reset(req, res);
    view(res, 'survey/done');
  };

  return { begin, reset, thanks, stepPage, stepSubmit, done };
}
export type SurveyFlow = ReturnType<typeof surveyFlow>;
