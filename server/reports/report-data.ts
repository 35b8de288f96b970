import type { Access } from '../access/access';
import type { FiguresParams } from '../figures/figures.params';
import type { ComputeOptions, FiguresGroup, FiguresQuery, FiguresResult } from '../figures/figures.service';
import type { Figures } from '../figures/formula';
import type { FiguresReader, Selection } from '../figures/resolve-selection';
import { periodRange, previousPeriod, type Period } from '../figures/periods';
import type { UnitsRepo } from '../units/units.repo';
import { mergedShare, type MergedShare } from '../units/merged-share';
import { vietnamDate } from '../time/vietnam-time';
import { NO_SETTINGS, type ReportSettings, type ReportSettingsRepo } from './settings.repo';
import { ownOffices } from './groups';

export interface ReportServiceDeps {
  figures: FiguresReader; units: Pick<UnitsRepo, 'all' | 'mergedInto'>; settings: Pick<ReportSettingsRepo, 'get'>; target: number; now: () => Date;
}

/** What the dashboard, the exports and the DOCX report show. */
export interface ReportData {
  selection: Selection;
  /** Full totals; 'summary' groups (no criteria, no priorities: nothing shows them per group). */
  byUnit: FiguresResult;
  byService: FiguresResult;
  previous: { period: Period; from: string; to: string; total: Figures };
  /** The previous period of the same length, per unit id and per service id (0: no service field). */
  previousUnits: Map<number, FiguresGroup>;
  previousServices: Map<number, FiguresGroup>;
  /** Unit groups that are a parent unit's own one-stop office (the unit has children in the selection). */
  ownOffices: Set<number>;
  /** Today (YYYY-MM-DD, Vietnam) while the period is still running; null once it has closed. */
  asOf: string | null;
  /** The report settings of the unit shown (the selection's unit); defaults for "every unit". */
  settings: ReportSettings;
  /** Responses of units merged into the selection: in the figures (includeMerged) or left out; null: none. */
  merged: MergedShare | null;
  target: number;
  threshold: number;
  now: Date;
}

const SUMMARY: ComputeOptions = { detail: 'summary' };
const unitKey = (g: FiguresGroup) => g.unit?.id ?? -1;
const serviceKey = (g: FiguresGroup) => g.service?.id ?? 0;
const byKey = (groups: FiguresGroup[], key: (g: FiguresGroup) => number) => new Map(groups.map((g) => [key(g), g]));

/** The figures of a report for an Access, from four computations of the selection; never one per unit. */
export function createReportService(d: ReportServiceDeps) {
  /** By unit (which gives the total) and by service, for the period and for the one of the same length before it. */
  const build = (params: FiguresParams, access: Access): ReportData => {
    const selection = d.figures.resolve(params, access);
    // The groups are shown as a ranking (SIPAS, responses, the overall rate, the elements): 'summary' groups; the totals are full.
    const compute = (q: FiguresQuery) => d.figures.compute(q, SUMMARY);
    const byUnit = compute({ ...selection.query, groupBy: 'unit' });
    const byService = compute({ ...selection.query, groupBy: 'service' });
    const period = previousPeriod(params.period);
    const range = periodRange(period);
    const prevUnits = compute({ ...selection.query, ...range, groupBy: 'unit' });
    const prevServices = compute({ ...selection.query, ...range, groupBy: 'service' });
    const now = d.now(), today = vietnamDate(now);
    const groupIds = byUnit.groups.map(unitKey).filter((id) => id >= 0);
    return {
      selection, byUnit, byService,
      previous: { period, ...range, total: prevUnits.total },
      previousUnits: byKey(prevUnits.groups, unitKey),
      previousServices: byKey(prevServices.groups, serviceKey),
      ownOffices: groupIds.length ? ownOffices(d.units.all(), groupIds, selection.query.unitIds) : new Set(),
      asOf: byUnit.from <= today && today <= byUnit.to ? today : null,
      settings: selection.unit ? d.settings.get(selection.unit.id) : NO_SETTINGS,
      merged: mergedShare({ units: d.units, compute }, selection.query),
      target: d.target, threshold: d.figures.fewAnswersThreshold, now,
    };
  };
  return { build };
}
export type ReportService = ReturnType<typeof createReportService>;
