import type { Request, Response } from 'express';
import { accessOf } from '../access/access.middleware';
import type { AuditLog } from '../audit/audit-log';
import { parseFiguresParams } from '../figures/figures.params';
import type { Definition } from '../surveys/definitions';
import type { ReportService } from './report-data';
import { reportModel } from './report-model';
import { writeReportDocx } from './docx-report';

export interface ReportsApiDeps { reports: ReportService; definition: Definition; audit: AuditLog }

/** GET /api/v1/exports/report.docx (behind the API auth, with the exports' filters): the report document. */
export function reportDocxApi(deps: ReportsApiDeps) {
  return async (req: Request, res: Response) => {
    const params = parseFiguresParams(req.query, 'unit');
    const access = accessOf(res);
    const data = deps.reports.build(params, access);
    const c = { t: res.locals.t, lang: res.locals.lang as string, definition: deps.definition };
    const file = await writeReportDocx(reportModel(data, c, params.period), c.t);
    const query = new URLSearchParams(req.query as Record<string, string>).toString();
    deps.audit.record({ userId: access.userId, action: 'export.report_docx', details: { ...(res.locals.apiKeyId !== undefined ? { apiKeyId: res.locals.apiKeyId } : {}), ...(query ? { query } : {}) } });
    res.set({
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': `attachment; filename="bao-cao-sipas-${data.selection.unit?.code ?? 'all'}-${params.from}-${params.to}.docx"`,
      'Cache-Control': 'private, no-store',
    });
    res.send(file);
  };
}
