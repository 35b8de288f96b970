import { dmy } from '../time/vietnam-time';
import { periodsOverlap, validDuring, type Validity } from './validity';

/** A mã đơn vị hành chính: 2 digits (province), 3 (former district) or 5 (commune level). */
export const OFFICIAL_CODE = /^\d{2,5}$/;

export type ByPeriod<T> = { kind: 'one'; unit: T } | { kind: 'many'; units: T[] } | { kind: 'none' };

/**
 * The unit an official code names in [from, to]: codes are reused across periods (21808 was
 * Thị trấn Phú Phong until 30/6/2025, Xã Tây Sơn since), so the dates decide. 'many' when the
 * period spans two holders of the code: the caller asks for the short code.
 */
export function pickByPeriod<T extends Validity>(holders: T[], from: string, to: string): ByPeriod<T> {
  const valid = holders.filter((u) => validDuring(u, from, to));
  if (valid.length === 1) return { kind: 'one', unit: valid[0]! };
  return valid.length ? { kind: 'many', units: valid } : { kind: 'none' };
}

/**
 * The unit (other than `unitId`) that already holds this official code on some day of the
 * given period: two units share a code only in periods that do not overlap.
 */
export function clashOf<T extends Validity & { id: number }>(holders: T[], unitId: number | null, period: Validity): T | undefined {
  return holders.find((u) => u.id !== unitId && periodsOverlap(u, period));
}

/** The period of a unit as the error messages show it: dd/mm/yyyy–dd/mm/yyyy, "…" for an open end. */
export const periodParams = (u: Validity) => ({ from: u.validFrom ? dmy(u.validFrom) : '…', to: u.validTo ? dmy(u.validTo) : '…' });
