import { serviceName as localName } from '../units/service-name';
import { localized, type Definition } from '../surveys/definitions';
import type { FiguresGroup } from '../figures/figures.service';
import { periodLabel } from '../figures/periods';
import { vietnamDate } from '../time/vietnam-time';
import type { ReportData } from '../reports/report-data';
import { serviceLines, unitLines, type GroupLine } from '../reports/groups';
import { summarize } from '../reports/summary';
import { fewMark, summaryText } from '../reports/summary.text';
import { documentHead } from '../reports/document-head';
import { barChart, deltaChart, stackedChart } from './charts';
import { dmy, formatters } from './dashboard.format';
import { selectionQuery, type DashboardParams } from './dashboard.params';
import { sortGroups } from '../figures/group-order';
import { periodWithDates } from './period-picker';
import { exportLinks } from '../reports/export-links';

type T = (key: string, params?: Record<string, string | number>) => string;
export interface ViewContext { t: T; lang: string; definition: Definition; target: number; threshold: number; now: Date }

/** A ranking table's rows in the asked order, with a SIPAS chart and a chart of the change against the previous period. */
function groupRows(lines: GroupLine[], p: DashboardParams, c: ViewContext) {
  const byGroup = new Map<FiguresGroup, GroupLine>(lines.map((l) => [l.g, l]));
  const rows = sortGroups(lines.map((l) => l.g), p.sort).map((g) => byGroup.get(g)!);
  const f = formatters(c.lang);
  const chart = barChart(rows.map((r) => ({ label: r.label, value: r.g.sipas, n: r.g.responses, few: r.g.fewAnswers })), c.target, f);
  const change = deltaChart(rows.map((r) => ({ label: r.label, delta: r.delta })), f);
  return { rows, chart, change };
}

/** The headline: SIPAS and the overall rate with their n, the target, and the change against the previous period. */
function headline(d: ReportData, c: ViewContext) {
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

/** "I. Tiếp cận dịch vụ": an element's number and name, for headings and column heads. */
export const elementName = (def: Definition, id: string, lang: string) => {
  const s = def.sections.find((x) => x.id === id);
  return s ? `${s.number ? `${s.number}. ` : ''}${localized(s.title, lang)}` : id;
};

/** Criteria grouped under their element, each with the distribution of the five levels. */
function criteria(d: ReportData, c: ViewContext) {
  const f = formatters(c.lang);
  const byId = new Map(d.byUnit.total.criteria.map((k) => [k.id, k]));
  const before = new Map(d.previous.total.criteria.map((k) => [k.id, k]));
  return c.definition.sections.filter((s) => s.kind === 'element').map((s) => {
    const element = d.byUnit.total.elements.find((e) => e.id === s.id);
    const rows = s.questions.flatMap((q) => (byId.has(q.id) ? [{ q, k: byId.get(q.id)!, text: localized(q.text, c.lang), delta: f.delta(byId.get(q.id)!.index, before.get(q.id)?.index) }] : []));
    const chart = stackedChart(rows.map((r) => ({ label: c.t('dashboard.criteria.number', { n: r.q.number ?? r.q.id }), counts: r.k.counts, n: r.k.n })), f);
    return { id: s.id, number: s.number ?? '', title: localized(s.title, c.lang), element, rows, chart };
  });
}

/** Everything views/dashboard/dashboard.ejs prints, already ordered and formatted. */
export function dashboardView(d: ReportData, p: DashboardParams, c: ViewContext) {
  const f = formatters(c.lang);
  const total = d.byUnit.total;
  const units = unitLines(d, c), services = serviceLines(d, c);
  const elementsChart = barChart(total.elements.map((e) => ({ label: elementName(c.definition, e.id, c.lang), value: e.index, n: e.n, few: e.fewAnswers })), c.target, f);
  const priorities = [...total.priorities].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99))
    .map((x) => ({ ...x, text: localized(c.definition.questions.get(x.id)?.text, c.lang) }));
  const unitName = d.selection.unit?.name ?? c.t('figures.export.all_units');
  const text = { t: c.t, lang: c.lang, f, target: c.target, threshold: c.threshold };
  return {
    f, sort: p.sort, target: c.target, threshold: c.threshold,
    few: { responses: fewMark(text, 'responses'), answers: fewMark(text, 'answers') },
    periodText: periodWithDates(p.figures.period, c.t),
    periodShort: periodLabel(p.figures.period, c.t),
    asOf: d.asOf ? dmy(d.asOf) : null,
    range: { from: dmy(d.byUnit.from), to: dmy(d.byUnit.to) },
    unitName,
    serviceName: d.selection.service ? localName(d.selection.service, c.lang) : null,
    printDate: dmy(vietnamDate(c.now)),
    doc: documentHead(d.settings, unitName, c.now, c.lang, c.t),
    headline: headline(d, c),
    summary: summaryText(summarize(d, units, services, c.definition), text),
    units: groupRows(units, p, c),
    services: groupRows(services, p, c),
    elements: total.elements.map((e) => ({ e, name: elementName(c.definition, e.id, c.lang) })),
    elementsChart,
    criteria: criteria(d, c),
    priorities,
    exports: exportLinks(p.figures),
    sortHref: (sort: string) => `/staff/dashboard?${selectionQuery(p.figures, { sort })}`,
    commentsHref: `/staff/comments?${selectionQuery(p.figures)}`,
    settingsHref: d.selection.unit ? `/staff/units/${d.selection.unit.id}/report-settings` : null,
    levels: c.definition.scale.levels.map((l) => localized(l, c.lang)),
  };
}
export type DashboardView = ReturnType<typeof dashboardView>;
