import { addDays, isLocalDate } from '../figures/periods';

/** A day as a person types it: YYYY-MM-DD, or dd/mm/yyyy as Vietnamese documents write it; null unless a real day. */
export function parseLocalDay(text: string): string | null {
  const s = text.trim();
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  const iso = vn ? `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}` : s;
  return isLocalDate(iso) ? iso : null;
}

/** The last day of the old unit when its successor takes over on `day`. */
export const dayBefore = (day: string) => addDays(day, -1);
