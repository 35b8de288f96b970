import { OFFICIAL_CODE, pickByPeriod } from './official-code';
import type { UnitRow, UnitsRepo } from './units.repo';

export type Named = { ok: true; unit: UnitRow } | { ok: false; key: 'unknown' | 'ambiguous' | 'not_in_period'; params: Record<string, string> };

/**
 * A unit as a person or a program names it: by its short code, or by its official code,
 * where the dates decide: the unit that held the code during [from, to]. A period in which the
 * code passed from one unit to another names neither: the caller asks for the short code.
 */
export function createUnitLookup(units: Pick<UnitsRepo, 'byCode' | 'byOfficialCode'>) {
  return (name: string, from: string, to: string = from): Named => {
    const unit = units.byCode(name.toLowerCase());
    if (unit) return { ok: true, unit };
    const holders = OFFICIAL_CODE.test(name) ? units.byOfficialCode(name) : [];
    if (!holders.length) return { ok: false, key: 'unknown', params: { unit: name } };
    const pick = pickByPeriod(holders, from, to);
    if (pick.kind === 'one') return { ok: true, unit: pick.unit };
    if (pick.kind === 'none') return { ok: false, key: 'not_in_period', params: { unit: name } };
    const list = (f: (u: UnitRow) => string) => pick.units.map(f).join(', ');
    return { ok: false, key: 'ambiguous', params: { unit: name, names: list((u) => u.name), codes: list((u) => u.code) } };
  };
}
export type UnitLookup = ReturnType<typeof createUnitLookup>;
