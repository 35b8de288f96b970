import type ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { neutralise } from './export-cells';
import type { Cell, Table } from './export-tables';

/** Rows of the "Thông tin" sheet: what was selected, when, and how the figures were computed. */
export type InfoRows = [string, string | number][];

const cellValue = (v: Cell) => (typeof v === 'string' ? neutralise(v) : v);

function addTable(wb: ExcelJS.Workbook, table: Table) {
  // A sheet name has at most 31 characters and none of []:*?/\ .
  const ws = wb.addWorksheet(table.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map((c) => ({
    header: c.header,
    width: c.kind === 'text' ? Math.min(60, Math.max(14, c.header.length + 2)) : Math.max(10, Math.min(24, c.header.length + 2)),
    style: c.kind === 'percent' ? { numFmt: '0.0' } : c.kind === 'number' ? { numFmt: '0.##' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  for (const row of table.rows) ws.addRow(row.map(cellValue));
}

/** Writes the workbook: the information sheet first, then one sheet per table; numbers stay numbers. */
export async function writeXlsx(out: Writable, info: { title: string; rows: InfoRows }, tables: Table[]): Promise<void> {
  // Loaded on the first export, not at start: exceljs alone adds ~28 MB to a server at rest.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'SIPAS';
  wb.created = new Date();
  const ws = wb.addWorksheet(info.title.slice(0, 31));
  ws.columns = [{ width: 28 }, { width: 90 }];
  for (const [k, v] of info.rows) ws.addRow([neutralise(k), typeof v === 'string' ? neutralise(v) : v]).getCell(1).font = { bold: true };
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  for (const t of tables) addTable(wb, t);
  await wb.xlsx.write(out);
}
