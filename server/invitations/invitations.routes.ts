import express, { type NextFunction, type Request, type Response } from 'express';
import { notFound } from '../http/errors';
import type { DefinitionSet } from '../surveys/definitions';
import type { FieldError, FormValues } from '../surveys/answer.schema';
import { surveyBody, type SurveyForm } from '../surveys/survey.form';
import type { ResponsesRepo } from '../responses/responses.repo';
import { toNewResponse } from '../responses/responses.service';
import type { InvitationRow, InvitationsRepo } from './invitations.repo';
import { hashToken, INVITATION_TOKEN, stateOf } from './invitations.service';

export interface InvitationRoutesDeps { definitions: DefinitionSet; form: SurveyForm; repo: InvitationsRepo; responses: ResponsesRepo; now: () => Date }

/** A used (409) or expired (410) invitation: a friendly page that changes nothing. */
const closed = (res: Response, state: 'used' | 'expired') =>
  res.status(state === 'used' ? 409 : 410).render('invitations/closed', { title: res.locals.t(`invitations.citizen.${state}_title`), state });

/** The citizen's survey through a one-time invitation: unit and service already filled in. */
export function invitationsRouter(deps: InvitationRoutesDeps) {
  const router = express.Router();

  const load = (req: Request, res: Response, next: NextFunction) => {
    const token = String(req.params.token);
    const inv = INVITATION_TOKEN.test(token) ? deps.repo.findByHash(hashToken(token)) : undefined;
    res.set('Cache-Control', 'no-store');
    if (!inv || inv.unitActive !== 1) return next(notFound('invitations.citizen.not_found'));
    res.locals.invitation = inv;
    res.locals.token = token;
    next();
  };

  const render = (res: Response, values: FormValues, errors: FieldError[]) => {
    const inv: InvitationRow = res.locals.invitation;
    const header = { unitName: inv.unitName, pointLabel: inv.procedureName ?? res.locals.t('invitations.citizen.place'), serviceId: inv.serviceId, serviceNameVi: inv.serviceNameVi, serviceNameEn: inv.serviceNameEn };
    deps.form.render(res, { action: `/i/${res.locals.token}`, header, services: [], honeypot: false }, values, errors);
  };

  router.get('/i/:token', load, (_req, res) => {
    const state = stateOf(res.locals.invitation, deps.now());
    if (state !== 'open') return closed(res, state);
    render(res, {}, []);
  });

  router.post('/i/:token', load, surveyBody, (req, res) => {
    const inv: InvitationRow = res.locals.invitation;
    const sid = (req.body as Record<string, unknown> | undefined)?.sid;
    // A double tap on "send": the first one used the invitation with this very form.
    if (inv.usedAt && inv.submissionId !== null && sid === inv.submissionId) return res.redirect(303, `/i/${res.locals.token}/thanks`);
    const at = deps.now();
    const state = stateOf(inv, at);
    if (state !== 'open') return closed(res, state);
    const parsed = deps.form.parse(req.body, null);
    if (!parsed.ok) {
      res.status(422);
      return render(res, parsed.values, parsed.errors);
    }
    const place = { unitId: inv.unitId, pointId: null, serviceId: inv.serviceId, procedureId: inv.procedureId };
    const row = toNewResponse({ definition: deps.definitions.current, place, answers: parsed.value, channel: 'invitation', verified: true, flagged: false, lang: res.locals.lang, at });
    if (deps.repo.redeem(inv.id, at.toISOString(), () => deps.responses.store(row)) === 'closed') return closed(res, 'used');
    res.redirect(303, `/i/${res.locals.token}/thanks`);
  });

  router.get('/i/:token/thanks', load, (_req, res) => {
    const inv: InvitationRow = res.locals.invitation;
    if (!inv.usedAt) return res.redirect(303, `/i/${res.locals.token}`);
    res.locals.point = { unitName: inv.unitName, pointLabel: inv.procedureName ?? res.locals.t('invitations.citizen.place') };
    res.render('survey/thanks');
  });

  return router;
}
