import { z } from 'zod';
import { AppError } from '../http/errors';
import { parseFiguresParams, type FiguresParams } from '../figures/figures.params';
import { periodParam, type Period } from '../figures/periods';
import { vietnamDate } from '../time/vietnam-time';

export const SORTS = ['sipas', 'name', 'responses', 'overall'] as const;
export type Sort = (typeof SORTS)[number];

const flag = z.enum(['true', 'false', '1', '0']).optional();
const code = z.string().regex(/^[A-Za-z0-9_-]{0,64}$/).optional();

/** The dashboard's query: the figures filters plus sorting and the comment filters; unknown parameters are a 400. */
const schema = z.strictObject({
  period: z.string().max(10).optional(),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  unit: code,
  service: code,
  includeMerged: flag,
  includeFlagged: flag,
  showHidden: flag,
  sort: z.enum(SORTS).optional(),
  lang: z.enum(['vi', 'en']).optional(),
  ok: z.enum(['hidden', 'unhidden']).optional(),
});

export interface DashboardParams { figures: FiguresParams; sort: Sort; showHidden: boolean; ok?: 'hidden' | 'unhidden' }

/** The quarter that `now` falls in, in Vietnam's time: the default period. */
export function currentQuarter(now: Date): Period {
  const [y, m] = vietnamDate(now).split('-').map(Number) as [number, number];
  return { kind: 'quarter', year: y, quarter: Math.ceil(m / 3) };
}

/** Empty form fields mean "not given" (a GET form sends every field). */
const given = (q: Record<string, string | undefined>) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== ''));

/** Parses the query; the default is the current quarter for the user's own unit. A bad parameter is a translated 400. */
export function parseDashboardParams(query: unknown, now: Date, ownUnitCode: string): DashboardParams {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new AppError(400, 'figures.errors.bad_param', { param: String(parsed.error.issues[0]?.path[0] ?? '') });
  const { sort, lang: _lang, showHidden, ok, ...rest } = parsed.data;
  const q = given(rest);
  if (!q.period && !q.from && !q.to) q.period = periodParam(currentQuarter(now))!;
  if (!q.unit) q.unit = ownUnitCode;
  return { figures: parseFiguresParams(q), sort: sort ?? 'sipas', showHidden: showHidden === 'true' || showHidden === '1', ok };
}

/** The URL query of a selection, so that links (sorting, exports, comments) keep every filter. */
export function selectionQuery(p: FiguresParams, extra: Record<string, string> = {}): string {
  const param = periodParam(p.period);
  const q: Record<string, string> = param ? { period: param } : { from: p.from, to: p.to };
  if (p.unit) q.unit = p.unit;
  if (p.service) q.service = p.service;
  if (p.includeMerged) q.includeMerged = 'true';
  if (p.includeFlagged) q.includeFlagged = 'true';
  return new URLSearchParams({ ...q, ...extra }).toString();
}
