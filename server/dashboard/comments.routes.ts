import type { AuditLog } from '../audit/audit-log';
import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import type { StaffUser } from '../auth/staff-user';
import { requireRole } from '../auth/require-user';
import { scopeOfUser } from '../api-keys/api-keys.middleware';
import { resolveSelection } from '../figures/figures.selection';
import type { FiguresRepo } from '../figures/figures.repo';
import type { Definition } from '../surveys/definitions';
import { AppError, forbidden, notFound } from '../http/errors';
import { idParam } from '../admin/loaders';
import type { CommentsRepo } from './comments.repo';
import { filterChoices, type DashboardRepo } from './dashboard.repo';
import { parseDashboardParams, selectionQuery } from './dashboard.params';
import { periodOptions, periodWithDates } from './period-picker';
import { vietnamDate } from '../time/vietnam-time';
import { dmy } from './dashboard.format';

interface Deps {
  audit: AuditLog;
  comments: CommentsRepo; figuresRepo: FiguresRepo; subtreeIds: (id: number) => number[];
  repo: DashboardRepo; definition: Definition; now: () => Date;
}
const LIMIT = 200;
const MODERATORS = ['admin', 'oversight'] as const;

const moderationForm = z.strictObject({
  _csrf: z.string(),
  questionId: z.string().regex(/^[a-z0-9_]{1,64}$/).default('comment'),
  reason: z.string().trim().max(200).optional(),
  // The filters of the page the form was on, to go back to it: a plain query string only.
  back: z.string().max(400).regex(/^[A-Za-z0-9_\-=&.%]*$/).default(''),
});

/** GET /staff/comments and POST …/:responseId/hide|unhide: newest first, hidden ones only for admin and oversight on request. */
export function commentsRouter(deps: Deps) {
  const router = express.Router();
  const textQuestions = new Set([...deps.definition.questions.values()].filter((q) => q.type === 'text').map((q) => q.id));

  router.get('/comments', (req, res) => {
    const user = res.locals.user as StaffUser;
    const now = deps.now();
    const params = parseDashboardParams(req.query, now, deps.repo.unitCode(user.unitId));
    if (params.showHidden && user.role === 'counter') throw forbidden();
    const scope = scopeOfUser(user, deps.subtreeIds);
    const selection = resolveSelection(deps.figuresRepo, deps.subtreeIds, params.figures, scope);
    const rows = deps.comments.list({ ...selection.query, includeHidden: params.showHidden, limit: LIMIT });
    const t = res.locals.t;
    res.render('dashboard/comments', {
      title: t('dashboard.comments.title'), bodyClass: 'report', rows, limit: LIMIT, p: params.figures, showHidden: params.showHidden, ok: params.ok,
      canModerate: (MODERATORS as readonly string[]).includes(user.role),
      unitName: selection.unit?.name ?? t('figures.export.all_units'),
      periodText: periodWithDates(params.figures.period, t),
      picker: periodOptions(params.figures.period, Number(vietnamDate(now).slice(0, 4)), t),
      choices: filterChoices(deps.repo, scope.unitIds, res.locals.lang),
      back: selectionQuery(params.figures, params.showHidden ? { showHidden: 'true' } : {}),
      dashboardHref: `/staff/dashboard?${selectionQuery(params.figures)}`,
      printDate: dmy(vietnamDate(now)),
    });
  });

  /** The comment a POST names, after the scope check: 404 when there is none, 403 outside the user's units. */
  const target = (req: Request, res: Response) => {
    const responseId = idParam(req, 'responseId');
    const form = moderationForm.safeParse(req.body ?? {});
    if (!form.success) throw new AppError(400, 'errors.bad_request');
    const unitId = responseId === null || !textQuestions.has(form.data.questionId) ? undefined : deps.comments.unitOf(responseId, form.data.questionId);
    if (unitId === undefined) throw notFound();
    const ids = scopeOfUser(res.locals.user as StaffUser, deps.subtreeIds).unitIds;
    if (ids && !ids.includes(unitId)) throw forbidden();
    return { responseId: responseId!, ...form.data, userId: (res.locals.user as StaffUser).id, at: deps.now().toISOString() };
  };
  const back = (res: Response, q: string, ok: string) => res.redirect(303, `/staff/comments?${q ? `${q}&` : ''}ok=${ok}`);

  router.post('/comments/:responseId/hide', (req, res) => {
    const m = target(req, res);
    deps.comments.hide({ responseId: m.responseId, questionId: m.questionId, userId: m.userId, at: m.at, reason: m.reason || null });
    deps.audit.record({ userId: m.userId, action: 'comment.hide', target: `response:${m.responseId}`, details: { question: m.questionId, reason: m.reason || undefined } });
    back(res, m.back, 'hidden');
  });
  router.post('/comments/:responseId/unhide', requireRole(...MODERATORS), (req, res) => {
    const m = target(req, res);
    deps.comments.unhide({ responseId: m.responseId, questionId: m.questionId, userId: m.userId, at: m.at });
    deps.audit.record({ userId: m.userId, action: 'comment.unhide', target: `response:${m.responseId}`, details: { question: m.questionId } });
    back(res, m.back, 'unhidden');
  });
  return router;
}
