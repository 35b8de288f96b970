import type { Access } from '../access/access';
import { AppError } from '../http/errors';
import type { CatalogRepo, ServiceRow } from '../units/catalog.repo';
import type { UnitRow, UnitsRepo } from '../units/units.repo';
import { createUnitLookup } from '../units/unit-lookup';
import type { GroupBy } from './figures.repo';
import { parseFiguresParams, type FiguresParams } from './figures.params';
import { computeSelection, type ComputeOptions, type FiguresDeps, type FiguresQuery, type FiguresResult } from './figures.service';

/** What a request selected, resolved: the engine's query, and the unit and service it names. */
export interface Selection { query: FiguresQuery; unit: UnitRow | null; service: ServiceRow | null }

const UNIT_ERRORS = { unknown: 'figures.errors.unknown_unit', ambiguous: 'units.errors.ambiguous', not_in_period: 'units.errors.not_in_period' };

export interface FiguresReaderDeps { engine: FiguresDeps; units: UnitsRepo; catalog: CatalogRepo }

/**
 * From checked parameters and the caller's Access to figures: what the figures API, the
 * exports and the dashboard share. Unknown codes are a 400, units outside the Access a 403.
 * `unit` is a short code or an official code, which the period decides (unit-lookup.ts).
 */
export function createFiguresReader(d: FiguresReaderDeps) {
  const lookup = createUnitLookup(d.units);
  const resolve = (params: FiguresParams, access: Access): Selection => {
    const named = params.unit ? lookup(params.unit, params.from, params.to) : undefined;
    if (named && !named.ok) throw new AppError(400, UNIT_ERRORS[named.key], named.params);
    const unit = named?.unit;
    const service = params.service ? d.catalog.serviceByCode(params.service) : undefined;
    if (params.service && !service) throw new AppError(400, 'figures.errors.unknown_service', { service: params.service });
    const unitIds = access.within(unit?.id ?? null);
    const shown = unit ?? (access.rootUnitId !== null ? d.units.get(access.rootUnitId) : undefined);
    const { from, to, groupBy, includeMerged, includeFlagged } = params;
    const query = { from, to, unitIds, serviceIds: service ? [service.id] : null, groupBy, includeMerged, includeFlagged };
    return { query, unit: shown ?? null, service: service ?? null };
  };
  /** `{ detail: 'summary' }` where only a ranking's columns of the groups are shown (the total stays full). */
  const compute = (q: FiguresQuery, options?: ComputeOptions): FiguresResult => computeSelection(d.engine, q, options);
  /** A request's query string, parsed, resolved for the Access and computed. */
  const read = (rawQuery: unknown, access: Access, defaultGroupBy: GroupBy = 'none') => {
    const params = parseFiguresParams(rawQuery, defaultGroupBy);
    const selection = resolve(params, access);
    return { params, selection, result: compute(selection.query) };
  };
  return { resolve, compute, read, definition: d.engine.definition, fewAnswersThreshold: d.engine.fewAnswersThreshold };
}
export type FiguresReader = ReturnType<typeof createFiguresReader>;
