import type { Request, Response } from 'express';
import { accessOf } from '../access/access.middleware';
import type { CommentsService } from './comments.service';
import type { Definition } from '../surveys/definitions';
import { vietnamDate } from '../time/vietnam-time';
import { parseDashboardParams } from './dashboard.params';
import type { DashboardService } from './dashboard.service';
import type { ReportService } from '../reports/report-data';
import { dashboardView } from './dashboard.view';
import { periodOptions } from './period-picker';
import type { FlagReportService } from '../abuse/flag-report';

export interface DashboardRouteDeps {
  dashboard: DashboardService; reports: ReportService; comments: CommentsService; flags: FlagReportService;
  definition: Definition; threshold: number; target: number; now: () => Date;
}

/** GET /staff/dashboard: figures of the user's units, filtered by the URL. */
export function dashboardPage(deps: DashboardRouteDeps) {
  return (req: Request, res: Response) => {
    const access = accessOf(res);
    const now = deps.now();
    const params = parseDashboardParams(req.query, now, deps.dashboard.unitCode(res.locals.user.unitId));
    // The report's figures: the dashboard's, with the previous period per unit and field, own offices and settings.
    const data = deps.reports.build(params.figures, access);
    const t = res.locals.t, lang = res.locals.lang as string;
    res.render('dashboard/dashboard', {
      title: t('dashboard.title'),
      bodyClass: 'report',
      v: dashboardView(data, params, { t, lang, definition: deps.definition, target: deps.target, threshold: deps.threshold, now }),
      p: params.figures,
      merged: data.merged,
      picker: periodOptions(params.figures.period, Number(vietnamDate(now).slice(0, 4)), t),
      choices: deps.dashboard.choices(access, lang),
      latest: deps.comments.list(access, { ...data.selection.query, includeHidden: false, limit: 5 }),
      // How many responses of the selection each abuse rule flagged (phiếu nghi vấn).
      flagRules: deps.flags.byRule(data.selection.query),
    });
  };
}
