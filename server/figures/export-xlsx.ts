import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { neutralise } from './export-cells';
import type { Cell, Kind, Table } from './export-tables';

/** One row of the "Thông tin" sheet: what was selected, when, and how the figures were computed. */
export interface InfoRow { label: string; value: Cell; kind?: Kind }

/** Excel number formats: integers without a decimal point (never "53."), indices and means with one, changes signed. */
export const NUM_FMT: Partial<Record<Kind, string>> = { integer: '0', percent: '0.0', decimal: '0.0', delta: '+0.0;-0.0;0.0' };
const cellValue = (v: Cell) => (typeof v === 'string' ? neutralise(v) : v);

/** A filed report: landscape A4, fitted to the page width (as many pages down as needed), header row repeated. */
function pageSetup(ws: ExcelJS.Worksheet, headerRows: number) {
  ws.pageSetup = {
    paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
    ...(headerRows ? { printTitlesRow: `1:${headerRows}` } : {}),
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&P / &N' };
}

/**
 * Wrapped text needs its row tall enough: Excel grows a row when a cell is edited, but
 * neither it nor LibreOffice does so on opening a file, so the height is set here, 15 pt a line.
 */
const linesOf = (text: string, width: number) => Math.max(1, Math.ceil(text.length / Math.max(1, width - 1)));
const LINE_PT = 15;

/** Numbers as wide as their heading needs (wrapped on two lines or so); text as wide as its longest value, up to 40; criterion wording 70. */
function widthOf(kind: Kind, header: string, values: Cell[] = []): number {
  if (kind === 'longtext') return 70;
  if (kind !== 'text') return Math.max(9, Math.min(16, Math.ceil(header.length / 2) + 2));
  const longest = Math.max(0, ...values.map((v) => String(v ?? '').length));
  return Math.min(40, Math.max(10, Math.ceil(header.length / 2) + 2, longest + 2));
}

function addTable(wb: ExcelJS.Workbook, table: Table) {
  // A sheet name has at most 31 characters and none of []:*?/\ .
  const ws = wb.addWorksheet(table.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1, xSplit: table.id === 'criteria' ? 3 : 0 }] });
  const widths = table.columns.map((c, i) => widthOf(c.kind, c.header, table.rows.map((r) => r[i] ?? null)));
  ws.columns = table.columns.map((c, i) => ({
    header: c.header,
    width: widths[i],
    style: { ...(NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {}), alignment: { vertical: 'top', wrapText: c.kind === 'longtext' || c.kind === 'text' } },
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.height = LINE_PT * Math.max(...table.columns.map((c, i) => linesOf(c.header, widths[i]!)));
  const wrapped = table.columns.flatMap((c, i) => (c.kind === 'longtext' || c.kind === 'text' ? [i] : []));
  for (const row of table.rows) {
    const added = ws.addRow(row.map(cellValue));
    added.height = LINE_PT * Math.max(1, ...wrapped.map((i) => linesOf(String(row[i] ?? ''), widths[i]!)));
  }
  pageSetup(ws, 1);
}

function addInfo(wb: ExcelJS.Workbook, title: string, rows: InfoRow[]) {
  const ws = wb.addWorksheet(title.slice(0, 31));
  ws.columns = [{ width: 32 }, { width: 90 }];
  for (const r of rows) {
    const row = ws.addRow([neutralise(r.label), cellValue(r.value)]);
    row.getCell(1).font = { bold: true };
    const fmt = r.kind && NUM_FMT[r.kind];
    if (fmt) row.getCell(2).numFmt = fmt;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
    if (typeof r.value === 'string') row.height = LINE_PT * linesOf(r.value, 90);
  }
  pageSetup(ws, 0);
  ws.pageSetup.orientation = 'portrait';
}

/** Writes the workbook: the information sheet first, then one sheet per table; numbers stay numbers. */
export async function writeXlsx(out: Writable, info: { title: string; rows: InfoRow[] }, tables: Table[]): Promise<void> {
  // Loaded on the first export, not at start: exceljs alone adds ~28 MB to a server at rest.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'SIPAS';
  wb.created = new Date();
  addInfo(wb, info.title, info.rows);
  for (const t of tables) addTable(wb, t);
  await wb.xlsx.write(out);
}
