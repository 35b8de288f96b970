import express, { type Request, type Response } from 'express';
import type { FiguresContext } from './figures-api.routes';
import { computeSelection } from './figures.service';
import { exportTables } from './export-tables';
import { exportInfo } from './export-info';
import { writeXlsx } from './export-xlsx';
import { tableCsv } from './export-csv';
import { streamRawCsv } from './export-raw';
import { createRawExportRepo } from './export-raw.repo';
import { parseFiguresParams } from './figures.params';
import { resolveSelection } from './figures.selection';
import type { Db } from '../db/open-database';
import type { Scope } from '../api-keys/api-keys.middleware';
import type { StaffUser } from '../auth/staff-user';
import { audited } from '../audit/audit.middleware';
import { createAuditLog } from '../audit/audit-log';

/** The definition and the few-answers threshold come from the figures engine (ctx.service). */
export interface ExportDeps { db: Db; target: number; now: () => Date }

const fileName = (unit: string | undefined, from: string, to: string, ext: string) => `sipas-${unit ?? 'all'}-${from}-${to}.${ext}`;
const attach = (res: Response, type: string, name: string) =>
  res.set({ 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store' });

/** Everything an export of the figures needs: the same selection computed by unit and by service. */
function build(ctx: FiguresContext, deps: ExportDeps, req: Request, res: Response) {
  const byUnit = ctx.select(req.query, res, 'unit');
  const byService = computeSelection(ctx.service, { ...byUnit.selection.query, groupBy: 'service' });
  const c = { t: res.locals.t, lang: res.locals.lang as string, definition: ctx.service.definition };
  const tables = exportTables(c, byUnit.result, byService);
  const info = exportInfo({ ...c, generatedAt: deps.now(), threshold: ctx.service.fewAnswersThreshold, target: deps.target }, byUnit.selection, byUnit.params, byUnit.result);
  return { ...byUnit, tables, info };
}

/** GET /api/v1/exports/figures.xlsx, figures.csv?table=…, responses.csv (same auth and filters as the API). */
export function exportApiRouter(ctx: FiguresContext, deps: ExportDeps) {
  const router = express.Router();
  const raw = createRawExportRepo(deps.db);
  // Who took which figures out: a staff session or an API key (details.apiKeyId), with the query.
  const audit = createAuditLog(deps.db, deps.now);
  const log = (action: string) => audited(audit, action, { success: (s) => s < 300 });

  router.get('/api/v1/exports/figures.xlsx', ctx.auth, log('export.figures_xlsx'), async (req, res) => {
    const { params, selection, tables, info } = build(ctx, deps, req, res);
    attach(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName(selection.unit?.code, params.from, params.to, 'xlsx'));
    await writeXlsx(res, { title: res.locals.t('figures.export.sheet_info'), rows: info }, tables);
    res.end();
  });

  router.get('/api/v1/exports/figures.csv', ctx.auth, log('export.figures_csv'), (req, res) => {
    const { params, selection, tables } = build(ctx, deps, req, res);
    const table = tables.find((t) => t.id === params.table)!;
    attach(res, 'text/csv; charset=utf-8', fileName(selection.unit?.code, params.from, params.to, `${params.table}.csv`));
    res.send(tableCsv(table));
  });

  router.get('/api/v1/exports/responses.csv', ctx.auth, log('export.responses_csv'), async (req, res) => {
    const params = parseFiguresParams(req.query);
    const { query, unit } = resolveSelection(ctx.repo, ctx.subtreeIds, params, res.locals.scope as Scope);
    attach(res, 'text/csv; charset=utf-8', fileName(unit?.code, params.from, params.to, 'responses.csv'));
    // Hidden comments stay out unless an admin or oversight session asks for them.
    const role = (res.locals.user as StaffUser | undefined)?.role;
    const includeHidden = params.includeHidden && (role === 'admin' || role === 'oversight');
    await streamRawCsv(res, raw, { ...query, includeHidden }, ctx.service.definition);
    res.end();
  });
  return router;
}
