import { z } from 'zod';
import { AppError } from '../http/errors';
import { parsePeriod, periodRange, type Period } from './periods';
import { GROUP_BYS, type GroupBy } from './figures.repo';

const code = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The query string shared by the figures API and the exports; unknown parameters are rejected. */
const querySchema = z.strictObject({
  from: z.string().optional(),
  to: z.string().optional(),
  period: z.string().max(10).optional(),
  unit: code.optional(),
  service: code.optional(),
  groupBy: z.enum(GROUP_BYS as [GroupBy, ...GroupBy[]]).optional(),
  includeMerged: flag.optional(),
  includeFlagged: flag.optional(),
  /** Raw export only: comments hidden as abusive too (admin and oversight sessions). */
  includeHidden: flag.optional(),
  table: z.enum(['units', 'services', 'elements', 'criteria', 'priorities']).optional(),
  /** Exports only: `vn` writes CSV for Excel with Vietnamese regional settings (";" and "," decimals). */
  format: z.enum(['vn']).optional(),
  /** Raw export only: column headings in this language instead of codes. */
  headers: z.enum(['vi', 'en']).optional(),
  lang: z.enum(['vi', 'en']).optional(),
});

export interface FiguresParams {
  period: Period;
  from: string;
  to: string;
  unit?: string;
  service?: string;
  groupBy: GroupBy;
  includeMerged: boolean;
  includeFlagged: boolean;
  includeHidden: boolean;
  table: 'units' | 'services' | 'elements' | 'criteria' | 'priorities';
  format?: 'vn';
  headers?: 'vi' | 'en';
}

/** Parses and checks the query; a bad parameter is a 400 naming it. */
export function parseFiguresParams(query: unknown, defaultGroupBy: GroupBy = 'none'): FiguresParams {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) throw new AppError(400, 'figures.errors.bad_param', { param: String(parsed.error.issues[0]?.path[0] ?? '') });
  const q = parsed.data;
  const period = parsePeriod(q);
  if (!period) throw new AppError(400, 'figures.errors.bad_period');
  return {
    period,
    ...periodRange(period),
    unit: q.unit,
    service: q.service,
    groupBy: q.groupBy ?? defaultGroupBy,
    includeMerged: q.includeMerged ?? false,
    includeFlagged: q.includeFlagged ?? false,
    includeHidden: q.includeHidden ?? false,
    table: q.table ?? 'units',
    format: q.format,
    headers: q.headers,
  };
}
