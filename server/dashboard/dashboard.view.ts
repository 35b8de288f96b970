import { serviceName as localName } from '../units/service-name';
import { localized, type Definition } from '../surveys/definitions';
import type { FiguresGroup } from '../figures/figures.service';
import { periodLabel } from '../figures/periods';
import { vietnamDate } from '../time/vietnam-time';
import { barChart, stackedChart } from './charts';
import { dmy, formatters } from './dashboard.format';
import { selectionQuery, type DashboardParams } from './dashboard.params';
import { orderForDisplay, ranks, type DashboardData } from './dashboard.service';
import { periodWithDates } from './period-picker';

type T = (key: string, params?: Record<string, string | number>) => string;
export interface ViewContext { t: T; lang: string; definition: Definition; target: number; threshold: number; now: Date }

const serviceName = (g: FiguresGroup, c: ViewContext) =>
  g.service ? localName(g.service, c.lang) : c.t('figures.no_service');

/** A ranking table's rows in the asked order, each with its rank by SIPAS and a bar in the chart. */
function groupRows(groups: FiguresGroup[], p: DashboardParams, c: ViewContext, label: (g: FiguresGroup) => string) {
  const rank = ranks(groups);
  const rows = orderForDisplay(groups, p.sort).map((g) => ({ g, rank: rank.get(g) ?? null, label: label(g) }));
  const chart = barChart(rows.map((r) => ({ label: r.label, value: r.g.sipas, n: r.g.responses, few: r.g.fewAnswers })), c.target, formatters(c.lang));
  return { rows, chart };
}

/** The headline: SIPAS and the overall rate with their n, the target, and the change against the previous period. */
function headline(d: DashboardData, c: ViewContext) {
  const now = d.byUnit.total, before = d.previous.total;
  const sipasN = now.elements.reduce((s, e) => s + e.n, 0);
  const status = now.sipas === null ? 'none' : now.sipas >= c.target ? 'met' : 'missed';
  const f = formatters(c.lang);
  return {
    now, before, sipasN, status,
    flagged: d.byUnit.flaggedResponses,
    flaggedIncluded: d.selection.query.includeFlagged,
    delta: f.delta(now.sipas, before.sipas),
    overallDelta: f.delta(now.overall.rate, before.overall.rate),
    previousLabel: periodWithDates(d.previous.period, c.t),
  };
}

/** Criteria grouped under their element, each with the distribution of the five levels. */
function criteria(d: DashboardData, c: ViewContext) {
  const f = formatters(c.lang);
  const byId = new Map(d.byUnit.total.criteria.map((k) => [k.id, k]));
  return c.definition.sections.filter((s) => s.kind === 'element').map((s) => {
    const element = d.byUnit.total.elements.find((e) => e.id === s.id);
    const rows = s.questions.flatMap((q) => (byId.has(q.id) ? [{ q, k: byId.get(q.id)!, text: localized(q.text, c.lang) }] : []));
    const chart = stackedChart(rows.map((r) => ({ label: c.t('dashboard.criteria.number', { n: r.q.number ?? r.q.id }), counts: r.k.counts, n: r.k.n })), f);
    return { id: s.id, number: s.number ?? '', title: localized(s.title, c.lang), element, rows, chart };
  });
}

function exportLinks(p: DashboardParams) {
  const q = selectionQuery(p.figures);
  return {
    xlsx: `/api/v1/exports/figures.xlsx?${q}`,
    csv: ['units', 'services', 'criteria', 'priorities'].map((table) => ({ table, href: `/api/v1/exports/figures.csv?${selectionQuery(p.figures, { table })}` })),
    raw: `/api/v1/exports/responses.csv?${q}`,
  };
}

/** Everything views/dashboard/dashboard.ejs prints, already ordered and formatted. */
export function dashboardView(d: DashboardData, p: DashboardParams, c: ViewContext) {
  const f = formatters(c.lang);
  const total = d.byUnit.total;
  const elementsChart = barChart(total.elements.map((e) => {
    const s = c.definition.sections.find((x) => x.id === e.id);
    return { label: `${s?.number ?? ''}. ${localized(s?.title, c.lang)}`, value: e.index, n: e.n, few: e.fewAnswers };
  }), c.target, f);
  const priorities = [...total.priorities].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))
    .map((x) => ({ ...x, text: localized(c.definition.questions.get(x.id)?.text, c.lang) }));
  return {
    f, sort: p.sort, target: c.target, threshold: c.threshold,
    periodText: periodWithDates(p.figures.period, c.t),
    periodShort: periodLabel(p.figures.period, c.t),
    range: { from: dmy(d.byUnit.from), to: dmy(d.byUnit.to) },
    unitName: d.selection.unit?.name ?? c.t('figures.export.all_units'),
    serviceName: d.selection.service ? localName(d.selection.service, c.lang) : null,
    printDate: dmy(vietnamDate(c.now)),
    headline: headline(d, c),
    units: groupRows(d.byUnit.groups, p, c, (g) => g.unit?.name ?? ''),
    services: groupRows(d.byService.groups, p, c, (g) => serviceName(g, c)),
    elements: total.elements.map((e) => ({ e, section: c.definition.sections.find((x) => x.id === e.id) })),
    elementsChart,
    criteria: criteria(d, c),
    priorities,
    exports: exportLinks(p),
    sortHref: (sort: string) => `/staff/dashboard?${selectionQuery(p.figures, { sort })}`,
    commentsHref: `/staff/comments?${selectionQuery(p.figures)}`,
    levels: c.definition.scale.levels.map((l) => localized(l, c.lang)),
  };
}
export type DashboardView = ReturnType<typeof dashboardView>;
