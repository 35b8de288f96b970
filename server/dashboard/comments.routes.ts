import type { Request, Response } from 'express';
import { z } from 'zod';
import { accessOf, idParam } from '../access/access.middleware';
import type { FiguresReader } from '../figures/resolve-selection';
import { AppError } from '../http/errors';
import { dmy, vietnamDate } from '../time/vietnam-time';
import { canModerate, type CommentsService } from './comments.service';
import { parseDashboardParams, selectionQuery } from './dashboard.params';
import type { DashboardService } from './dashboard.service';
import { periodOptions, periodWithDates } from './period-picker';

interface Deps { comments: CommentsService; dashboard: DashboardService; figures: FiguresReader; now: () => Date }
const LIMIT = 200;

const moderationForm = z.strictObject({
  _csrf: z.string(),
  questionId: z.string().regex(/^[a-z0-9_]{1,64}$/).default('comment'),
  reason: z.string().trim().max(200).optional(),
  // The filters of the page the form was on, to go back to it: a plain query string only.
  back: z.string().max(400).regex(/^[A-Za-z0-9_\-=&.%]*$/).default(''),
});

/** GET /staff/comments and POST …/:responseId/hide|unhide: newest first, hidden ones only for admin and oversight on request. */
export function commentsPages(deps: Deps) {
  const list = (req: Request, res: Response) => {
    const access = accessOf(res);
    const now = deps.now();
    const params = parseDashboardParams(req.query, now, deps.dashboard.unitCode(res.locals.user.unitId));
    const selection = deps.figures.resolve(params.figures, access);
    const rows = deps.comments.list(access, { ...selection.query, includeHidden: params.showHidden, limit: LIMIT });
    const t = res.locals.t;
    res.render('dashboard/comments', {
      title: t('dashboard.comments.title'), bodyClass: 'report', rows, limit: LIMIT, p: params.figures, showHidden: params.showHidden, ok: params.ok,
      canModerate: canModerate(access),
      unitName: selection.unit?.name ?? t('figures.export.all_units'),
      periodText: periodWithDates(params.figures.period, t),
      picker: periodOptions(params.figures.period, Number(vietnamDate(now).slice(0, 4)), t),
      choices: deps.dashboard.choices(access, res.locals.lang),
      back: selectionQuery(params.figures, params.showHidden ? { showHidden: 'true' } : {}),
      dashboardHref: `/staff/dashboard?${selectionQuery(params.figures)}`,
      printDate: dmy(vietnamDate(now)),
    });
  };

  const form = (req: Request) => {
    const responseId = idParam(req, 'responseId');
    const parsed = moderationForm.safeParse(req.body ?? {});
    if (!parsed.success || responseId === null) throw new AppError(parsed.success ? 404 : 400, parsed.success ? 'errors.not_found' : 'errors.bad_request');
    return { responseId, ...parsed.data };
  };
  const back = (res: Response, q: string, ok: string) => res.redirect(303, `/staff/comments?${q ? `${q}&` : ''}ok=${ok}`);

  const hide = (req: Request, res: Response) => {
    const m = form(req);
    deps.comments.hide(accessOf(res), m);
    back(res, m.back, 'hidden');
  };
  const unhide = (req: Request, res: Response) => {
    const m = form(req);
    deps.comments.unhide(accessOf(res), m);
    back(res, m.back, 'unhidden');
  };
  return { list, hide, unhide };
}
