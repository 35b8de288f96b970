import { BOM, csvLine, csvLineVn } from './export-cells';
import type { Cell, Kind, Table } from './export-tables';

/** One table as CSV for people and machines: UTF-8 with BOM, CRLF, "," between fields, "." decimals (numbers already rounded). */
export function tableCsv(table: Table): string {
  return BOM + csvLine(table.columns.map((c) => c.header)) + table.rows.map((row) => csvLine(row)).join('');
}

/** A number as Excel with Vietnamese regional settings reads it: "," decimals, no grouping, one decimal for indices. */
export function vnNumber(v: number, kind: Kind): string {
  const text = kind === 'percent' || kind === 'decimal' || kind === 'delta' ? v.toFixed(1) : String(v);
  return text.replace('.', ',');
}
const vnCell = (v: Cell, kind: Kind | undefined) => (typeof v === 'number' && Number.isFinite(v) ? vnNumber(v, kind ?? 'integer') : v);

/** The same table for Vietnamese Excel: ";" between fields, "," decimals, BOM, CRLF. */
export function tableCsvVn(table: Table): string {
  return BOM + csvLineVn(table.columns.map((c) => c.header)) + table.rows.map((row) => csvLineVn(row.map((v, i) => vnCell(v, table.columns[i]?.kind)))).join('');
}
