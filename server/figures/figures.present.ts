import { serviceName } from '../units/service-name';
import type { Figures } from './formula';
import type { ServiceRow } from '../units/catalog.repo';
import type { UnitRow } from '../units/units.repo';
import type { FiguresGroup, FiguresResult } from './figures.service';
import type { FiguresParams } from './figures.params';
import type { Selection } from './resolve-selection';
import { periodLabel, periodParam } from './periods';

type T = (key: string, params?: Record<string, string | number>) => string;

/** A unit with its official code and the days it is valid (null: none, or open-ended). */
export const unitJson = (u: UnitRow | undefined | null) =>
  (u ? { code: u.code, officialCode: u.officialCode, name: u.name, validFrom: u.validFrom, validTo: u.validTo } : null);
/** A response given at a point without a service field has service id 0: code null. */
export const serviceJson = (s: ServiceRow | undefined | null, lang: string, t: T) =>
  s ? { code: s.code, name: serviceName(s, lang) } : { code: null, name: t('figures.no_service') };

function figuresJson(f: Figures) {
  return {
    sipas: f.sipas,
    responses: f.responses,
    fewAnswers: f.fewAnswers,
    overall: f.overall,
    elements: f.elements,
    criteria: f.criteria,
    priorities: f.priorities,
  };
}

function groupJson(g: FiguresGroup, lang: string, t: T) {
  return {
    ...('unit' in g ? { unit: unitJson(g.unit) } : {}),
    ...('service' in g ? { service: serviceJson(g.service, lang, t) } : {}),
    ...figuresJson(g),
  };
}

/** The JSON answer of GET /api/v1/figures: full precision, indices in percent, null where nothing was answered. */
export function figuresResponse(r: FiguresResult, sel: Selection, p: FiguresParams, ctx: { lang: string; t: T; threshold: number }) {
  return {
    period: { from: r.from, to: r.to, param: periodParam(p.period) ?? null, label: periodLabel(p.period, ctx.t) },
    filters: {
      unit: unitJson(sel.unit),
      service: sel.service ? serviceJson(sel.service, ctx.lang, ctx.t) : null,
      groupBy: p.groupBy,
      includeMerged: p.includeMerged,
      includeFlagged: p.includeFlagged,
    },
    definitions: r.definitions,
    fewAnswersThreshold: ctx.threshold,
    flaggedResponses: r.flaggedResponses,
    ...figuresJson(r.total),
    groups: r.groups.map((g) => groupJson(g, ctx.lang, ctx.t)),
  };
}
