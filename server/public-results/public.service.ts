import { localized, type Definition } from '../surveys/definitions';
import type { FiguresReader } from '../figures/resolve-selection';
import { periodRange, type Period } from '../figures/periods';
import type { Figures } from '../figures/formula';
import type { UnitRow, UnitsRepo } from '../units/units.repo';
import { ownOffices, rankGroups, unitLabel } from '../reports/groups';
import { closedPeriods } from './closed-periods';

export interface PublicDeps { figures: Pick<FiguresReader, 'compute'>; units: Pick<UnitsRepo, 'all' | 'subtreeIds'>; definition: Definition }
type T = (key: string, params?: Record<string, string | number>) => string;

export interface PublicFigures {
  period: Period;
  total: Figures;
  elements: { name: string; index: number | null; n: number; few: boolean }[];
  /** The units under it (and its own counter), ranked by SIPAS; a unit below the threshold listed without rank. */
  units: { label: string; rank: number | null; sipas: number | null; responses: number; few: boolean }[];
}

/**
 * What a unit publishes for one closed period: what the figures API gives for its subtree
 * (flagged responses left out, as the API's default), and no free text: figures read only counts.
 */
function periodFigures(d: PublicDeps, unit: UnitRow, period: Period, c: { t: T; lang: string }): PublicFigures {
  const unitIds = d.units.subtreeIds(unit.id);
  // A ranking of the units: 'summary' groups (SIPAS and responses); the total is full.
  const r = d.figures.compute({ ...periodRange(period), unitIds, serviceIds: null, groupBy: 'unit', includeMerged: false, includeFlagged: false }, { detail: 'summary' });
  const own = ownOffices(d.units.all(), r.groups.flatMap((g) => (g.unit ? [g.unit.id] : [])), unitIds);
  const rank = rankGroups(r.groups);
  const section = (id: string) => d.definition.sections.find((s) => s.id === id);
  return {
    period,
    total: r.total,
    elements: r.total.elements.map((e) => ({ name: `${section(e.id)?.number ?? ''}. ${localized(section(e.id)?.title, c.lang)}`, index: e.index, n: e.n, few: e.fewAnswers })),
    units: unitIds.length > 1 ? r.groups.map((g) => ({ label: unitLabel(g, { ownOffices: own }, c), rank: rank.get(g) ?? null, sipas: g.sipas, responses: g.responses, few: g.fewAnswers })) : [],
  };
}

/** The last closed quarter and the last closed year of a unit that has opted in. */
export function publicResults(d: PublicDeps, unit: UnitRow, now: Date, c: { t: T; lang: string }) {
  const { quarter, year } = closedPeriods(now);
  return { unit, periods: [periodFigures(d, unit, quarter, c), periodFigures(d, unit, year, c)] };
}
