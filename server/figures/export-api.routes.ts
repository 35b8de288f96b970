import type { Request, Response } from 'express';
import { accessOf } from '../access/access.middleware';
import type { AuditLog } from '../audit/audit-log';
import { exportInfo } from './export-info';
import { streamRawCsv } from './export-raw';
import type { RawExportRepo } from './export-raw.repo';
import { tableCsv, tableCsvVn } from './export-csv';
import type { ReportService } from '../reports/report-data';
import { rawHeaders } from '../reports/raw-headers';
import { fixedT } from '../reports/fixed-t';
import { exportTables } from './export-tables';
import { writeXlsx } from './export-xlsx';
import { parseFiguresParams } from './figures.params';
import type { FiguresReader } from './resolve-selection';

export interface ExportDeps { figures: FiguresReader; reports: ReportService; raw: RawExportRepo; audit: AuditLog; now: () => Date }

const fileName = (unit: string | undefined, from: string, to: string, ext: string) => `sipas-${unit ?? 'all'}-${from}-${to}.${ext}`;
const attach = (res: Response, type: string, name: string) =>
  res.set({ 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store' });

/** GET /api/v1/exports/figures.xlsx, figures.csv?table=…, responses.csv (mounted behind the API auth; the API's filters). */
export function exportsApi(deps: ExportDeps) {
  const { figures } = deps;

  /** Who took which figures out: a staff account or an API key, with the query. Nothing changes, so no transaction. */
  const record = (req: Request, res: Response, action: string) => {
    const query = new URLSearchParams(req.query as Record<string, string>).toString();
    deps.audit.record({ userId: accessOf(res).userId, action, details: { ...(res.locals.apiKeyId !== undefined ? { apiKeyId: res.locals.apiKeyId } : {}), ...(query ? { query } : {}) } });
  };

  /** Everything an export of the figures needs: the report's computations (by unit, by service, and the period before). */
  const build = (req: Request, res: Response) => {
    const params = parseFiguresParams(req.query, 'unit');
    const data = deps.reports.build(params, accessOf(res));
    const c = { t: res.locals.t, lang: res.locals.lang as string, definition: figures.definition };
    return { params, selection: data.selection, tables: exportTables(c, data), info: exportInfo({ ...c, generatedAt: deps.now() }, data, params) };
  };

  const xlsx = async (req: Request, res: Response) => {
    const { params, selection, tables, info } = build(req, res);
    record(req, res, 'export.figures_xlsx');
    attach(res, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName(selection.unit?.code, params.from, params.to, 'xlsx'));
    await writeXlsx(res, { title: res.locals.t('figures.export.sheet_info'), rows: info }, tables);
    res.end();
  };

  const csv = (req: Request, res: Response) => {
    const { params, selection, tables } = build(req, res);
    record(req, res, 'export.figures_csv');
    const table = tables.find((t) => t.id === params.table)!;
    attach(res, 'text/csv; charset=utf-8', fileName(selection.unit?.code, params.from, params.to, `${params.table}${params.format ? `.${params.format}` : ''}.csv`));
    res.send(params.format === 'vn' ? tableCsvVn(table) : tableCsv(table));
  };

  const responses = async (req: Request, res: Response) => {
    const params = parseFiguresParams(req.query);
    const access = accessOf(res);
    const { query, unit } = figures.resolve(params, access);
    record(req, res, 'export.responses_csv');
    attach(res, 'text/csv; charset=utf-8', fileName(unit?.code, params.from, params.to, 'responses.csv'));
    // Hidden comments stay out unless an admin or oversight session asks for them.
    const includeHidden = params.includeHidden && (access.role === 'admin' || access.role === 'oversight');
    const header = params.headers && rawHeaders(figures.definition, params.headers, fixedT(params.headers));
    await streamRawCsv(res, deps.raw, { ...query, includeHidden }, figures.definition, { header, format: params.format });
    res.end();
  };
  return { xlsx, csv, responses };
}
