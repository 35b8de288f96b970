import { AppError } from '../http/errors';
import { unitsInScope, type Scope } from '../api-keys/api-keys.middleware';
import type { FiguresParams } from './figures.params';
import type { FiguresRepo, ServiceRow, UnitRow } from './figures.repo';
import type { FiguresQuery } from './figures.service';

export interface Selection { query: FiguresQuery; unit: UnitRow | null; service: ServiceRow | null }

/** Turns checked parameters and the caller's scope into a figures query; unknown codes are 400, foreign units 403. */
export function resolveSelection(repo: FiguresRepo, subtreeIds: (id: number) => number[], params: FiguresParams, scope: Scope): Selection {
  const unit = params.unit ? repo.unitByCode(params.unit) : undefined;
  if (params.unit && !unit) throw new AppError(400, 'figures.errors.unknown_unit', { unit: params.unit });
  const service = params.service ? repo.serviceByCode(params.service) : undefined;
  if (params.service && !service) throw new AppError(400, 'figures.errors.unknown_service', { service: params.service });
  const unitIds = unitsInScope(scope, unit?.id ?? null, subtreeIds);
  const shown = unit ?? (scope.rootUnitId !== null ? repo.unitsByIds([scope.rootUnitId])[0] : undefined);
  return {
    query: {
      from: params.from,
      to: params.to,
      unitIds,
      serviceIds: service ? [service.id] : null,
      groupBy: params.groupBy,
      includeMerged: params.includeMerged,
      includeFlagged: params.includeFlagged,
    },
    unit: shown ?? null,
    service: service ?? null,
  };
}
