/** Vietnam keeps UTC+7 all year (no daylight saving), so a fixed offset is exact. */
export const VN_OFFSET_MS = 7 * 3600_000;

// The last day asked for and the instants it spans [from, to): a submission asks three times for the same day.
let lastDay = '', lastFrom = 0, lastTo = 0;

/** The calendar day (YYYY-MM-DD) in Vietnam at the instant `at`. */
export function vietnamDate(at: Date): string {
  const ms = at.getTime();
  if (ms >= lastFrom && ms < lastTo) return lastDay;
  const day = new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
  lastFrom = Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS;
  lastTo = lastFrom + 86400_000;
  lastDay = day;
  return day;
}

/** A local day YYYY-MM-DD as Vietnamese documents write it: DD/MM/YYYY. */
export const dmy = (date: string) => date.split('-').reverse().join('/');

/** The wall-clock time in Vietnam at `at` (a Date or an ISO string): "YYYY-MM-DD HH:MM". */
export function vietnamDateTime(at: Date | string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The first local day of today, this week (Monday) and this month, in Vietnam's time (UTC+7). */
export function periodStarts(at: Date): { today: string; week: string; month: string } {
  const today = vietnamDate(at);
  const d = new Date(`${today}T00:00:00Z`);
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  const week = new Date(d.getTime() - sinceMonday * 86400_000).toISOString().slice(0, 10);
  return { today, week, month: `${today.slice(0, 7)}-01` };
}
