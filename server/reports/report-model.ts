import { localized, type Definition } from '../surveys/definitions';
import type { Period } from '../figures/periods';
import { formatters } from '../dashboard/dashboard.format';
import { periodWithDates } from '../dashboard/period-picker';
import { elementName } from '../dashboard/dashboard.view';
import type { ReportData } from './report-data';
import { serviceLines, unitLines, type GroupLine } from './groups';
import { summarize } from './summary';
import { fewMark, summaryText, type SummaryText, type TextContext } from './summary.text';
import { documentHead, type DocumentHead } from './document-head';
import { headlineLines, introLines } from './report-intro';

type T = (key: string, params?: Record<string, string | number>) => string;
export interface ModelContext { t: T; lang: string; definition: Definition }

/** A table as the report prints it: every cell already a string, formatted as on the dashboard. */
export interface TextTable { head: string[]; rows: string[][]; groupRows?: Set<number> }
/** One row of a chart: its label, the value written beside the bar, and what the bar image draws. */
export interface ChartRow { label: string; text: string; value: number | null }
export interface ReportModel {
  head: DocumentHead; title: string; subtitle: string; intro: string[]; summary: SummaryText; headline: string[];
  units: TextTable; unitElements: TextTable; unitsChart: ChartRow[]; unitsChange: ChartRow[];
  services: TextTable; serviceElements: TextTable; servicesChart: ChartRow[];
  elements: TextTable; elementsChart: ChartRow[]; criteria: TextTable; priorities: TextTable;
  target: number; method: string; fewRule: string; previousLabel: string;
}

function rankingTable(lines: GroupLine[], nameHead: string, c: ModelContext, x: TextContext): TextTable {
  const t = c.t, f = x.f;
  return {
    head: [t('dashboard.table.rank'), nameHead, t('dashboard.table.responses'), t('dashboard.table.sipas'), t('reports.table.status', { target: f.plain(x.target) }), t('reports.table.change'), t('dashboard.table.overall'), t('dashboard.table.flag')],
    rows: lines.map((l) => [l.rank === null ? '—' : String(l.rank), l.label, f.num(l.g.responses), f.pct(l.g.sipas),
      l.met === null ? '—' : t(l.met ? 'reports.table.met' : 'reports.table.missed'), f.delta(l.g.sipas, l.previous?.sipas),
      `${f.pct(l.g.overall.rate)} (n=${f.num(l.g.overall.n)})`, l.g.fewAnswers ? fewMark(x, 'responses') : '']),
  };
}

function elementsByGroup(lines: GroupLine[], nameHead: string, d: ReportData, c: ModelContext, x: TextContext): TextTable {
  const ids = d.byUnit.total.elements.map((e) => e.id);
  return {
    head: [nameHead, ...ids.map((id) => elementName(c.definition, id, c.lang))],
    rows: lines.map((l) => [l.label, ...l.g.elements.map((e) => `${x.f.pct(e.index)} (n=${x.f.num(e.n)})`)]),
  };
}

/** "96,9% (n=8)", "27,1% ▼ (n=6) ⚠ dưới 4 phiếu", or "chưa có câu trả lời (n=0)": what the dashboard's bars write beside them. */
const barText = (x: TextContext, value: number | null, below: boolean, n: number, few: string) =>
  `${value === null ? x.t('dashboard.chart.no_value') : `${x.f.pct(value)}%${below ? ' ▼' : ''}`} (n=${x.f.num(n)})${few ? ` ${few}` : ''}`;
const chart = (lines: GroupLine[], x: TextContext): ChartRow[] =>
  lines.map((l) => ({ label: l.label, value: l.g.sipas, text: barText(x, l.g.sipas, l.met === false, l.g.responses, l.g.fewAnswers ? fewMark(x, 'responses') : '') }));
const changeChart = (lines: GroupLine[], x: TextContext): ChartRow[] =>
  lines.map((l) => ({ label: l.label, value: l.delta, text: l.delta === null ? x.t('reports.chart.no_previous') : `${x.f.delta(l.g.sipas, l.previous?.sipas)} ${x.t('reports.chart.points')}` }));

function elementsTable(d: ReportData, c: ModelContext, x: TextContext): TextTable {
  const before = new Map(d.previous.total.elements.map((e) => [e.id, e]));
  return {
    head: [c.t('figures.export.element'), c.t('dashboard.criteria.index'), 'n', c.t('reports.table.change'), c.t('dashboard.table.flag')],
    rows: d.byUnit.total.elements.map((e) => [elementName(c.definition, e.id, c.lang), x.f.pct(e.index), x.f.num(e.n), x.f.delta(e.index, before.get(e.id)?.index), e.fewAnswers ? fewMark(x, 'answers') : '']),
  };
}

function criteriaTable(d: ReportData, c: ModelContext, x: TextContext): TextTable {
  const byId = new Map(d.byUnit.total.criteria.map((k) => [k.id, k])), before = new Map(d.previous.total.criteria.map((k) => [k.id, k]));
  const rows: string[][] = [], groupRows = new Set<number>();
  for (const s of c.definition.sections.filter((s) => s.kind === 'element')) {
    groupRows.add(rows.length);
    rows.push([elementName(c.definition, s.id, c.lang), '', '', '', '', '']);
    for (const q of s.questions) {
      const k = byId.get(q.id);
      if (k) rows.push([`${q.number ?? ''}. ${localized(q.text, c.lang)}`, x.f.pct(k.index), x.f.num(k.n), x.f.delta(k.index, before.get(q.id)?.index), k.mean === null ? '—' : x.f.pct(k.mean), k.fewAnswers ? fewMark(x, 'answers') : '']);
    }
  }
  return { head: [c.t('dashboard.criteria.criterion'), c.t('dashboard.criteria.index'), 'n', c.t('reports.table.change'), c.t('dashboard.criteria.mean'), c.t('dashboard.table.flag')], rows, groupRows };
}

function prioritiesTable(d: ReportData, c: ModelContext, x: TextContext): TextTable {
  const sorted = [...d.byUnit.total.priorities].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
  return {
    head: [c.t('dashboard.table.rank'), c.t('dashboard.priorities.item'), c.t('dashboard.priorities.index'), 'n'],
    rows: sorted.map((p) => [p.rank === null ? '—' : String(p.rank), localized(c.definition.questions.get(p.id)?.text, c.lang), x.f.pct(p.index), x.f.num(p.n)]),
  };
}

/** Every sentence and cell of the DOCX report, from the same data and formatters as the dashboard. */
export function reportModel(d: ReportData, c: ModelContext, period: Period): ReportModel {
  const f = formatters(c.lang), x: TextContext = { t: c.t, lang: c.lang, f, target: d.target, threshold: d.threshold };
  const units = unitLines(d, c), services = serviceLines(d, c);
  const unitName = d.selection.unit?.name ?? c.t('figures.export.all_units');
  return {
    head: documentHead(d.settings, unitName, d.now, c.lang, c.t),
    title: c.t('reports.doc.title'),
    subtitle: c.t('reports.doc.title_line', { period: periodWithDates(period, c.t) }),
    intro: introLines(d, c, x, period), headline: headlineLines(d, c, x),
    summary: summaryText(summarize(d, units, services, c.definition), x),
    units: rankingTable(units, c.t('dashboard.table.unit'), c, x), unitElements: elementsByGroup(units, c.t('dashboard.table.unit'), d, c, x),
    unitsChart: chart(units, x), unitsChange: changeChart(units, x),
    services: rankingTable(services, c.t('dashboard.table.service'), c, x), serviceElements: elementsByGroup(services, c.t('dashboard.table.service'), d, c, x),
    servicesChart: chart(services, x),
    elements: elementsTable(d, c, x),
    elementsChart: d.byUnit.total.elements.map((e) => ({
      label: elementName(c.definition, e.id, c.lang), value: e.index,
      text: barText(x, e.index, e.index !== null && e.index < d.target, e.n, e.fewAnswers ? fewMark(x, 'answers') : ''),
    })),
    criteria: criteriaTable(d, c, x), priorities: prioritiesTable(d, c, x),
    target: d.target, method: c.t('figures.export.formula'), fewRule: c.t('reports.table.few_rule', { n: d.threshold }),
    previousLabel: periodWithDates(d.previous.period, c.t),
  };
}
