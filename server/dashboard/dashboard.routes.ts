import express from 'express';
import type { Db } from '../db/open-database';
import type { Definition } from '../surveys/definitions';
import type { StaffUser } from '../auth/staff-user';
import { scopeOfUser } from '../api-keys/api-keys.middleware';
import { createCommentsRepo } from './comments.repo';
import { createDashboardRepo, filterChoices } from './dashboard.repo';
import { parseDashboardParams } from './dashboard.params';
import { buildDashboard } from './dashboard.service';
import { dashboardView } from './dashboard.view';
import { periodOptions } from './period-picker';
import { commentsRouter } from './comments.routes';
import type { FiguresContext } from '../figures/figures-api.routes';
import type { AuditLog } from '../audit/audit-log';
import { vietnamDate } from '../time/vietnam-time';

/** `figures`: the figures engine the API uses (app.ts builds it once), so both read the same way. */
export interface DashboardRouteDeps { db: Db; figures: FiguresContext; definition: Definition; threshold: number; target: number; audit: AuditLog; now: () => Date }

/** GET /staff/dashboard, and the comments pages: figures of the user's scope, filtered by the URL. */
export function dashboardRouter(deps: DashboardRouteDeps) {
  const router = express.Router();
  const { repo: figuresRepo, service: figures, subtreeIds } = deps.figures;
  const repo = createDashboardRepo(deps.db);
  const comments = createCommentsRepo(deps.db);

  router.get('/dashboard', (req, res) => {
    const user = res.locals.user as StaffUser;
    const now = deps.now();
    const params = parseDashboardParams(req.query, now, repo.unitCode(user.unitId));
    const scope = scopeOfUser(user, subtreeIds);
    const data = buildDashboard({ figures, subtreeIds }, params.figures, scope);
    const t = res.locals.t, lang = res.locals.lang as string;
    const latest = comments.list({ ...data.selection.query, includeHidden: false, limit: 5 });
    res.render('dashboard/dashboard', {
      title: t('dashboard.title'),
      bodyClass: 'report',
      v: dashboardView(data, params, { t, lang, definition: deps.definition, target: deps.target, threshold: deps.threshold, now }),
      p: params.figures,
      picker: periodOptions(params.figures.period, Number(vietnamDate(now).slice(0, 4)), t),
      choices: filterChoices(repo, scope.unitIds, lang),
      latest,
    });
  });

  router.use(commentsRouter({ ...deps, comments, figuresRepo, subtreeIds, repo }));
  return router;
}
