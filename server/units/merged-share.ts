import type { FiguresQuery, FiguresResult } from '../figures/figures.service';
import { COLLATORS } from '../i18n';
import type { UnitsRepo } from './units.repo';

/** Responses of units merged into a selection, in its period: in its figures (includeMerged) or left out. */
export interface MergedShare { included: boolean; responses: number; units: string[] }
export interface MergedShareDeps { units: Pick<UnitsRepo, 'all' | 'mergedInto'>; compute: (q: FiguresQuery) => FiguresResult }

/**
 * What merged units add to a selection, so that the dashboard can say it: one more computation,
 * over the merged units alone, only when there are some. Null when there is nothing to say,
 * or for every unit without includeMerged (every unit is read anyway).
 */
export function mergedShare(d: MergedShareDeps, q: FiguresQuery): MergedShare | null {
  if (!q.includeMerged && q.unitIds === null) return null;
  const selected = new Set(q.unitIds ?? []);
  const ids = d.units.mergedInto(q.unitIds ?? d.units.all().map((u) => u.id)).map((m) => m.id).filter((id) => !selected.has(id));
  if (!ids.length) return null;
  const r = d.compute({ ...q, unitIds: ids, includeMerged: false, groupBy: 'unit' });
  const units = r.groups.filter((g) => g.responses > 0 && g.unit).map((g) => g.unit!.name);
  return r.total.responses ? { included: q.includeMerged, responses: r.total.responses, units: units.sort(COLLATORS.vi.compare) } : null;
}
