/**
 * A unit's period of validity and its merger, as local days (YYYY-MM-DD, both included):
 * the rules every channel and every lookup by official code share.
 */
export interface Validity { validFrom: string | null; validTo: string | null }
export interface Merger { active: number; validTo: string | null; successorId: number | null; successorFrom: string | null }

const START = '0000-01-01', END = '9999-12-31';

/** Whether the unit was valid on some day of [from, to]. */
export const validDuring = (u: Validity, from: string, to: string) =>
  (u.validFrom ?? START) <= to && from <= (u.validTo ?? END);

/** Whether two periods share a day: two units with one official code must never. */
export const periodsOverlap = (a: Validity, b: Validity) => validDuring(a, b.validFrom ?? START, b.validTo ?? END);

/** The successor has taken the unit's place by `day` (a merger recorded with its date). */
export const mergedBy = (u: Merger, day: string) => u.successorId !== null && u.successorFrom !== null && u.successorFrom <= day;

/**
 * Whether a unit takes new responses on `day`: switched on, not past its last valid day, not
 * replaced by its successor. A unit valid only from a later day still takes them, so that
 * counters can be tried before the day.
 */
export const takesResponses = (u: Merger, day: string) =>
  u.active === 1 && (u.validTo === null || u.validTo >= day) && !mergedBy(u, day);
