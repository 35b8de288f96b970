import type { NextFunction, Request, Response } from 'express';
import { notFound } from '../http/errors';
import type { FieldError } from '../http/form-errors';
import { notStored } from '../http/error-handler';
import { cleanBody, NOT_SAVED, type FormValues } from '../surveys/answer.schema';
import type { SurveyForm, SurveyHeader } from '../surveys/survey.form';
import { surveyFlow } from '../surveys/survey-flow';
import type { ResponsesService } from '../responses/responses.service';
import type { MergedNotices } from '../units/merged-notice';
import type { InvitationRow } from './invitations.repo';
import type { InvitationsService } from './invitations.service';

export interface InvitationRoutesDeps { invitations: InvitationsService; form: SurveyForm; responses: ResponsesService; secureCookies: boolean; merged: MergedNotices }

/** A used (409) or expired (410) invitation: a friendly page that changes nothing. */
const closed = (res: Response, state: 'used' | 'expired') =>
  res.status(state === 'used' ? 409 : 410).render('invitations/closed', { title: res.locals.t(`invitations.citizen.${state}_title`), state });

const headerOf = (res: Response): SurveyHeader => {
  const inv: InvitationRow = res.locals.invitation;
  return { unitName: inv.unitName, pointLabel: inv.procedureName ?? res.locals.t('invitations.citizen.place'), serviceId: inv.serviceId, serviceNameVi: inv.serviceNameVi, serviceNameEn: inv.serviceNameEn };
};

/**
 * The citizen's survey through a one-time invitation: unit and service already filled in.
 * The first page uses the invitation; the detail steps then add to its response (survey-flow.ts).
 */
export function invitationSurvey(deps: InvitationRoutesDeps) {
  const flow = surveyFlow(deps, { base: (res) => `/i/${res.locals.token}`, header: headerOf });

  const load = (req: Request, res: Response, next: NextFunction) => {
    const token = String(req.params.token);
    const inv = deps.invitations.find(token);
    res.set('Cache-Control', 'no-store');
    // A merged unit takes no new responses: the page that leads to its successor, as for an old poster.
    const notice = inv && deps.merged.forUnit(inv.unitId);
    if (notice) return res.status(410).render('survey/merged', { title: res.locals.t('units.citizen.title'), notice });
    if (!inv || inv.unitActive !== 1) return next(notFound('invitations.citizen.not_found'));
    res.locals.invitation = inv;
    res.locals.token = token;
    next();
  };

  const render = (res: Response, values: FormValues, errors: FieldError[]) =>
    deps.form.render(res, { action: `/i/${res.locals.token}`, header: headerOf(res), services: [], honeypot: false, device: null }, values, errors);

  const page = (_req: Request, res: Response) => {
    const state = deps.invitations.state(res.locals.invitation);
    if (state !== 'open') return closed(res, state);
    render(res, {}, []);
  };

  const submit = (req: Request, res: Response) => {
    const inv: InvitationRow = res.locals.invitation;
    const sid = (req.body as Record<string, unknown> | undefined)?.sid;
    // A double tap on "send": the first one used the invitation with this very form. Only the
    // browser that holds the form knows its id, and the invitation keeps no link to it.
    if (inv.usedAt && typeof sid === 'string' && deps.invitations.answeredWith(inv, sid)) return flow.begin(res, deps.invitations.resume(sid));
    const state = deps.invitations.state(inv);
    if (state !== 'open') return closed(res, state);
    const parsed = deps.form.parse(req.body, null);
    if (!parsed.ok) {
      res.status(422);
      return render(res, parsed.values, parsed.errors);
    }
    let redeemed;
    try {
      redeemed = deps.invitations.redeem(inv, parsed.value, res.locals.lang);
    } catch (err) {
      // Neither the invitation nor the answers were written: the same form again (503), the invitation still open.
      throw notStored(err, (r) => render(r, cleanBody(req.body), [NOT_SAVED]));
    }
    if (redeemed.state === 'closed') return closed(res, 'used');
    flow.begin(res, redeemed.continuation);
  };

  /** The thank-you page and the steps exist only once the invitation was used. */
  const used = (_req: Request, res: Response, next: NextFunction) =>
    (res.locals.invitation as InvitationRow).usedAt ? next() : res.redirect(303, `/i/${res.locals.token}`);

  return { load, page, submit, used, thanks: flow.thanks, stepPage: flow.stepPage, stepSubmit: flow.stepSubmit, done: flow.done };
}
