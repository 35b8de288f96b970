import { dmy } from '../time/vietnam-time';
/**
 * Reporting periods (month, quarter, half year, year, or a date range) as local days in
 * Vietnam (UTC+7), both ends included. Pure: no clock, no database.
 */
export type Period =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'half'; year: number; half: number }
  | { kind: 'year'; year: number }
  | { kind: 'range'; from: string; to: string };

export interface DateRange { from: string; to: string }
type T = (key: string, params?: Record<string, string | number>) => string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar day written YYYY-MM-DD. */
export function isLocalDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** The last local day of a month (1–12): YYYY-MM-DD. */
export const monthEnd = (year: number, month: number) => `${year}-${pad(month)}-${pad(lastDay(year, month))}`;
const monthSpan = (year: number, first: number, last: number): DateRange => ({
  from: `${year}-${pad(first)}-01`,
  to: `${year}-${pad(last)}-${pad(lastDay(year, last))}`,
});
export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * Parses "2025", "2025-03", "2025-Q1", "2025-H2", or a from/to pair; null when invalid.
 * `period` wins over from/to when both are given.
 */
export function parsePeriod(q: { period?: string; from?: string; to?: string }): Period | null {
  const p = q.period?.trim().toUpperCase();
  if (p) {
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})$/.exec(p))) return { kind: 'year', year: Number(m[1]) };
    if ((m = /^(\d{4})-(\d{2})$/.exec(p)) && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { kind: 'month', year: Number(m[1]), month: Number(m[2]) };
    if ((m = /^(\d{4})-Q([1-4])$/.exec(p))) return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) };
    if ((m = /^(\d{4})-H([12])$/.exec(p))) return { kind: 'half', year: Number(m[1]), half: Number(m[2]) };
    return null;
  }
  if (!q.from || !q.to || !isLocalDate(q.from) || !isLocalDate(q.to) || q.from > q.to) return null;
  return { kind: 'range', from: q.from, to: q.to };
}

/** The first and last local day of a period. */
export function periodRange(p: Period): DateRange {
  switch (p.kind) {
    case 'month': return monthSpan(p.year, p.month, p.month);
    case 'quarter': return monthSpan(p.year, 3 * p.quarter - 2, 3 * p.quarter);
    case 'half': return monthSpan(p.year, 6 * p.half - 5, 6 * p.half);
    case 'year': return monthSpan(p.year, 1, 12);
    case 'range': return { from: p.from, to: p.to };
  }
}

/** The period of the same length just before: March → February, Q1 → Q4 of last year, H1 → H2, a range → as many days before. */
export function previousPeriod(p: Period): Period {
  switch (p.kind) {
    case 'month': return p.month === 1 ? { kind: 'month', year: p.year - 1, month: 12 } : { ...p, month: p.month - 1 };
    case 'quarter': return p.quarter === 1 ? { kind: 'quarter', year: p.year - 1, quarter: 4 } : { ...p, quarter: p.quarter - 1 };
    case 'half': return p.half === 1 ? { kind: 'half', year: p.year - 1, half: 2 } : { ...p, half: 1 };
    case 'year': return { kind: 'year', year: p.year - 1 };
    case 'range': {
      const days = daysBetween(p.from, p.to) + 1;
      return { kind: 'range', from: addDays(p.from, -days), to: addDays(p.from, -1) };
    }
  }
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** A label such as "Quý I/2025" or "6 tháng đầu năm 2025"; `t` is i18next's, in the reader's language. */
export function periodLabel(p: Period, t: T): string {
  switch (p.kind) {
    case 'month': return t('figures.period.month', { month: p.month, year: p.year });
    case 'quarter': return t('figures.period.quarter', { quarter: ROMAN[p.quarter - 1]!, n: p.quarter, year: p.year });
    case 'half': return t(p.half === 1 ? 'figures.period.h1' : 'figures.period.h2', { year: p.year });
    case 'year': return t('figures.period.year', { year: p.year });
    case 'range': return t('figures.period.range', { from: dmy(p.from), to: dmy(p.to) });
  }
}

/** The URL form of a period ("2025-Q1"), or undefined for a date range (it travels as from/to). */
export function periodParam(p: Period): string | undefined {
  switch (p.kind) {
    case 'month': return `${p.year}-${pad(p.month)}`;
    case 'quarter': return `${p.year}-Q${p.quarter}`;
    case 'half': return `${p.year}-H${p.half}`;
    case 'year': return String(p.year);
    case 'range': return undefined;
  }
}
