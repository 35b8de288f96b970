import { dmy } from '../time/vietnam-time';
import type { UnitRow } from './units.repo';

type T = (key: string) => string;

/** The unit columns of an export: short code, official code, name, and the days it is valid (dd/mm/yyyy; empty: open). */
export const unitHead = (t: T) => [t('figures.export.unit_code'), t('units.export.official_code'), t('figures.export.unit'), t('units.export.valid_from'), t('units.export.valid_to')];
export const unitCells = (u: UnitRow | undefined, name = u?.name) =>
  [u?.code ?? null, u?.officialCode ?? null, name ?? null, u?.validFrom ? dmy(u.validFrom) : null, u?.validTo ? dmy(u.validTo) : null];
