import type { FiguresParams } from '../figures/figures.params';
import { selectionQuery } from '../dashboard/dashboard.params';

const TABLES = ['units', 'services', 'criteria', 'priorities'] as const;

/** The downloads of a dashboard selection, each with the same filters: the report, Excel, CSV (plain and for Vietnamese Excel), raw. */
export function exportLinks(p: FiguresParams) {
  const q = selectionQuery(p);
  const csv = (extra: Record<string, string>) => `/api/v1/exports/figures.csv?${selectionQuery(p, extra)}`;
  return {
    docx: `/api/v1/exports/report.docx?${q}`,
    xlsx: `/api/v1/exports/figures.xlsx?${q}`,
    csv: TABLES.map((table) => ({ table, href: csv({ table }), vn: csv({ table, format: 'vn' }) })),
    raw: `/api/v1/exports/responses.csv?${q}`,
    rawVi: `/api/v1/exports/responses.csv?${selectionQuery(p, { headers: 'vi' })}`,
    rawVn: `/api/v1/exports/responses.csv?${selectionQuery(p, { headers: 'vi', format: 'vn' })}`,
  };
}
