import { vietnamDate } from '../time/vietnam-time';

/** The first local day of today, this week (Monday) and this month, in Vietnam's time (UTC+7). */
export function periodStarts(at: Date): { today: string; week: string; month: string } {
  const today = vietnamDate(at);
  const d = new Date(`${today}T00:00:00Z`);
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  const week = new Date(d.getTime() - sinceMonday * 86400_000).toISOString().slice(0, 10);
  return { today, week, month: `${today.slice(0, 7)}-01` };
}
