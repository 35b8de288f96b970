import { vietnamDate } from '../time/vietnam-time';
import type { PointRow, PointsRepo } from './points.repo';
import type { UnitRow, UnitsRepo } from './units.repo';
import { takesResponses } from './validity';

/** What a citizen holding an old poster or invitation is told: merged into what, since when, and where to answer now. */
export interface MergedNotice { old: UnitRow; since: string | null; successor: UnitRow | null; counters: PointRow[] }
export interface MergedNoticeDeps { units: Pick<UnitsRepo, 'get'>; points: Pick<PointsRepo, 'byUnit' | 'unitOfActivePoint'>; now: () => Date }

/**
 * For a unit that no longer takes responses because it was merged: its successor that takes
 * them today (following a chain of mergers), with that unit's counters, so that an old
 * poster is never a dead end. Undefined for a unit that was not merged (the usual 404).
 */
export function createMergedNotices(d: MergedNoticeDeps) {
  const forUnit = (unitId: number): MergedNotice | undefined => {
    const today = vietnamDate(d.now());
    const old = d.units.get(unitId);
    if (!old || old.successorId === null || takesResponses(old, today)) return undefined;
    let successor = d.units.get(old.successorId);
    for (let hops = 0; successor && successor.successorId !== null && !takesResponses(successor, today) && hops < 20; hops++) {
      successor = d.units.get(successor.successorId);
    }
    const open = successor && takesResponses(successor, today) ? successor : null;
    const counters = open ? d.points.byUnit(open.id).filter((p) => p.active === 1) : [];
    return { old, since: old.successorFrom, successor: open, counters };
  };
  const forPoint = (code: string) => {
    const unitId = d.points.unitOfActivePoint(code);
    return unitId === undefined ? undefined : forUnit(unitId);
  };
  return { forUnit, forPoint };
}
export type MergedNotices = ReturnType<typeof createMergedNotices>;
