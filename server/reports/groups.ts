import { serviceName } from '../units/service-name';
import { competitionRanks } from '../figures/formula';
import type { FiguresGroup } from '../figures/figures.service';
import { deltaValue } from '../dashboard/dashboard.format';
import type { ReportData } from './report-data';

const unitKey = (g: FiguresGroup) => g.unit?.id ?? -1;
const serviceKey = (g: FiguresGroup) => g.service?.id ?? 0;

type T = (key: string, params?: Record<string, string | number>) => string;
export interface LabelContext { t: T; lang: string }

/** One row of a ranking table (units or service fields), wherever it is printed. */
export interface GroupLine {
  g: FiguresGroup;
  label: string;
  /** Rank by SIPAS among the groups with enough responses; null below the threshold or without a value. */
  rank: number | null;
  previous: FiguresGroup | undefined;
  /** SIPAS now − before, in points, as displayed (rounded values); null when either is missing. */
  delta: number | null;
  /** Whether SIPAS reaches the target; null without a value. */
  met: boolean | null;
}

/**
 * Ranks by SIPAS with the formula's competition ranking (1, 2, 2, 4), only among groups not
 * flagged as resting on few responses (the engine's fewAnswers): a unit with 11 responses is
 * listed, flagged, but never placed in a league table.
 */
export function rankGroups(groups: FiguresGroup[]): Map<FiguresGroup, number | null> {
  const ranks = competitionRanks(groups.map((g) => (g.fewAnswers ? null : g.sipas)));
  return new Map(groups.map((g, i) => [g, ranks[i]!]));
}

/**
 * The groups of a by-unit table that are a parent unit's own office rather than its subtree:
 * those whose unit has a child among the selected units (`selected` null: every unit).
 */
export function ownOffices(units: { id: number; parentId: number | null }[], groupIds: number[], selected: number[] | null): Set<number> {
  const groups = new Set(groupIds), chosen = selected && new Set(selected);
  return new Set(units.filter((u) => u.parentId !== null && groups.has(u.parentId) && (!chosen || chosen.has(u.id))).map((u) => u.parentId!));
}

/** A unit group's name; a parent unit's own counter is labelled as its office, not as its subtree. */
export function unitLabel(g: FiguresGroup, d: Pick<ReportData, 'ownOffices'>, c: LabelContext): string {
  const name = g.unit?.name ?? '';
  return g.unit && d.ownOffices.has(g.unit.id) ? c.t('reports.own_office', { unit: name }) : name;
}

export const serviceLabel = (g: FiguresGroup, c: LabelContext) => (g.service ? serviceName(g.service, c.lang) : c.t('figures.no_service'));

function lines(groups: FiguresGroup[], previous: Map<number, FiguresGroup>, key: (g: FiguresGroup) => number, label: (g: FiguresGroup) => string, d: ReportData): GroupLine[] {
  const rank = rankGroups(groups);
  return groups.map((g) => {
    const before = previous.get(key(g));
    return { g, label: label(g), rank: rank.get(g) ?? null, previous: before, delta: deltaValue(g.sipas, before?.sipas), met: g.sipas === null ? null : g.sipas >= d.target };
  });
}

/** The units table, in the engine's order (SIPAS, highest first). */
export const unitLines = (d: ReportData, c: LabelContext) => lines(d.byUnit.groups, d.previousUnits, unitKey, (g) => unitLabel(g, d, c), d);
/** The service fields table, in the same order. */
export const serviceLines = (d: ReportData, c: LabelContext) => lines(d.byService.groups, d.previousServices, serviceKey, (g) => serviceLabel(g, c), d);
