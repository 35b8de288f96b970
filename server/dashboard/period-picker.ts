import { periodLabel, periodParam, periodRange, type Period } from '../figures/periods';
import { dmy } from './dashboard.format';

type T = (key: string, params?: Record<string, string | number>) => string;
export interface PeriodOption { value: string; text: string; selected: boolean }

/** "Quý I/2026: 01/01/2026 – 31/03/2026": a period with the dates it means. */
export function periodWithDates(p: Period, t: T): string {
  const r = periodRange(p);
  return p.kind === 'range' ? periodLabel(p, t) : t('dashboard.period.with_dates', { label: periodLabel(p, t), from: dmy(r.from), to: dmy(r.to) });
}

function periodsOfYear(year: number): Period[] {
  return [
    { kind: 'year', year },
    ...[1, 2].map((half) => ({ kind: 'half' as const, year, half })),
    ...[1, 2, 3, 4].map((quarter) => ({ kind: 'quarter' as const, year, quarter })),
    ...Array.from({ length: 12 }, (_, i) => ({ kind: 'month' as const, year, month: i + 1 })),
  ];
}

/** This year's and last year's periods, grouped by year, each saying its dates; the selected one is always offered. */
export function periodOptions(selected: Period, thisYear: number, t: T): { year: number; options: PeriodOption[] }[] {
  const current = periodParam(selected);
  const groups = [thisYear, thisYear - 1].map((year) => ({
    year,
    options: periodsOfYear(year).map((p) => ({ value: periodParam(p)!, text: periodWithDates(p, t), selected: periodParam(p) === current })),
  }));
  if (current && !groups.some((g) => g.options.some((o) => o.selected))) {
    groups.unshift({ year: 'year' in selected ? selected.year : thisYear, options: [{ value: current, text: periodWithDates(selected, t), selected: true }] });
  }
  return groups;
}
