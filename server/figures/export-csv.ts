import { BOM, csvLine } from './export-cells';
import { roundForDisplay } from './formula';
import type { Table } from './export-tables';

/** One table as CSV for people: UTF-8 with BOM, CRLF, percentages and means with one decimal. */
export function tableCsv(table: Table): string {
  const head = csvLine(table.columns.map((c) => c.header));
  const body = table.rows.map((row) =>
    csvLine(row.map((v, i) => (typeof v === 'number' && table.columns[i]?.kind === 'percent' ? roundForDisplay(v) : typeof v === 'number' && !Number.isInteger(v) ? roundForDisplay(v) : v))),
  );
  return BOM + head + body.join('');
}
