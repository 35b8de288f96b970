import { pad, type Period } from '../figures/periods';
import { VN_OFFSET_MS, vietnamDate } from '../time/vietnam-time';

const today = (now: Date) => vietnamDate(now).split('-').map(Number) as [number, number, number];

/** The last closed quarter and the last closed year at `now`, in Vietnam's time. */
export function closedPeriods(now: Date): { quarter: Period; year: Period } {
  const [y, m] = today(now);
  const q = Math.ceil(m / 3);
  return { quarter: q === 1 ? { kind: 'quarter', year: y - 1, quarter: 4 } : { kind: 'quarter', year: y, quarter: q - 1 }, year: { kind: 'year', year: y - 1 } };
}

/** Seconds from `now` to 00:00 (UTC+7) of the first day of the next quarter: when the page's figures next change. */
export function secondsToNextQuarter(now: Date): number {
  const [y, m] = today(now);
  const q = Math.ceil(m / 3);
  const start = q === 4 ? `${y + 1}-01-01` : `${y}-${pad(3 * q + 1)}-01`;
  return Math.max(60, Math.floor((Date.parse(`${start}T00:00:00Z`) - VN_OFFSET_MS - now.getTime()) / 1000));
}
