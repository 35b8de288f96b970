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

const widthOf = (kind: Kind, header: string) =>
  kind === 'longtext' ? 70 : kind === 'text' ? Math.min(40, Math.max(14, header.length + 2)) : Math.max(9, Math.min(16, Math.ceil(header.length / 2) + 2));

function addTable(wb: ExcelJS.Workbook, table: Table) {
  // A sheet name has at most 31 characters and none of []:*?/\ .
  const ws = wb.addWorksheet(table.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1, xSplit: table.id === 'criteria' ? 3 : 0 }] });
  ws.columns = table.columns.map((c) => ({
    header: c.header,
    width: widthOf(c.kind, c.header),
    style: { ...(NUM_FMT[c.kind] ? { numFmt: NUM_FMT[c.kind] } : {}), alignment: { vertical: 'top', wrapText: c.kind === 'longtext' || c.kind === 'text' } },
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  for (const row of table.rows) ws.addRow(row.map(cellValue));
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
