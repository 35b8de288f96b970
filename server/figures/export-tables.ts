import { localized, type Definition } from '../surveys/definitions';
import { unitCells, unitHead } from '../units/unit-columns';
import type { Figures } from './formula';
import { deltaValue, round1 } from '../dashboard/dashboard.format';
import type { ReportData } from '../reports/report-data';
import { serviceLines, unitLines, type GroupLine } from '../reports/groups';

type T = (key: string, params?: Record<string, string | number>) => string;
export type Cell = string | number | null;
/**
 * How a column is written: `integer` counts; `percent` 0–100 and `decimal` (a mean on 1–5) with
 * one decimal; `delta` a signed change in points; `longtext` wraps (criterion wording).
 * Numbers are rounded here, once, as the dashboard rounds them.
 */
export type Kind = 'integer' | 'percent' | 'decimal' | 'delta' | 'text' | 'longtext';
export interface Column { header: string; kind: Kind }
export const TABLE_IDS = ['units', 'services', 'elements', 'criteria', 'priorities'] as const;
export type TableId = (typeof TABLE_IDS)[number];
export interface Table { id: TableId; title: string; columns: Column[]; rows: Cell[][] }
export interface ExportContext { t: T; lang: string; definition: Definition }

const col = (kind: Kind) => (header: string): Column => ({ header, kind });
const int = col('integer'), pct = col('percent'), dec = col('decimal'), delta = col('delta'), text = col('text'), long = col('longtext');
const r1 = (v: number | null | undefined) => (v === null || v === undefined ? null : round1(v));
const yesNo = (t: T, v: boolean) => t(v ? 'figures.export.yes' : 'figures.export.no');
const status = (t: T, index: number | null, target: number) => (index === null ? null : t(index >= target ? 'reports.table.met' : 'reports.table.missed'));

function elementsOf(c: ExportContext) {
  return c.definition.sections.filter((s) => s.kind === 'element').map((s) => `${s.number ? `${s.number}. ` : ''}${localized(s.title, c.lang)}`);
}

/** The columns every group row shares: n, SIPAS with its status and change, the overall rate, each element with its n, the flag. */
function figureColumns(c: ExportContext, d: ReportData): Column[] {
  const t = c.t;
  return [
    int(t('figures.export.responses')), pct(t('figures.export.sipas')), text(t('reports.table.status', { target: d.target })),
    delta(t('reports.table.delta')), pct(t('reports.table.previous')),
    pct(t('figures.export.overall_rate')), int(t('figures.export.overall_n')),
    ...elementsOf(c).flatMap((name) => [pct(`${name} (%)`), int(t('reports.table.n_of', { name }))]),
    text(t('reports.table.few_responses', { n: d.threshold })),
  ];
}
const figureCells = (c: ExportContext, d: ReportData, l: GroupLine): Cell[] => [
  l.g.responses, r1(l.g.sipas), status(c.t, l.g.sipas, d.target), l.delta, r1(l.previous?.sipas),
  r1(l.g.overall.rate), l.g.overall.n, ...l.g.elements.flatMap((e) => [r1(e.index), e.n]), yesNo(c.t, l.g.fewAnswers),
];

function groupTable(c: ExportContext, d: ReportData, id: 'units' | 'services'): Table {
  const t = c.t;
  // A unit by its short code, official code, name and validity: two units that held one official code are never confused.
  const head = id === 'units' ? unitHead(t).map(text) : [text(t('figures.export.service_code')), text(t('figures.export.service'))];
  const lines = id === 'units' ? unitLines(d, c) : serviceLines(d, c);
  const named = (l: GroupLine): Cell[] => (id === 'units' ? unitCells(l.g.unit, l.label) : [l.g.service?.code ?? null, l.label]);
  return {
    id, title: t(`figures.export.sheet_${id}`),
    columns: [int(t('figures.export.rank')), ...head, ...figureColumns(c, d)],
    rows: lines.map((l) => [l.rank, ...named(l), ...figureCells(c, d, l)]),
  };
}

function elementsTable(c: ExportContext, d: ReportData): Table {
  const t = c.t, now = d.byUnit.total, before = new Map(d.previous.total.elements.map((e) => [e.id, e]));
  const names = new Map(c.definition.sections.map((s) => [s.id, `${s.number ? `${s.number}. ` : ''}${localized(s.title, c.lang)}`]));
  return {
    id: 'elements', title: t('reports.table.sheet_elements'),
    columns: [text(t('figures.export.element')), int('n'), pct(t('figures.export.index')), text(t('reports.table.status', { target: d.target })), delta(t('reports.table.delta')), text(t('reports.table.few_answers', { n: d.threshold }))],
    rows: now.elements.map((e) => [names.get(e.id) ?? e.id, e.n, r1(e.index), status(t, e.index, d.target), deltaValue(e.index, before.get(e.id)?.index), yesNo(t, e.fewAnswers)]),
  };
}

function criteriaTable(c: ExportContext, d: ReportData): Table {
  const t = c.t, f: Figures = d.byUnit.total, before = new Map(d.previous.total.criteria.map((k) => [k.id, k]));
  const q = (id: string) => c.definition.questions.get(id);
  const element = (id: string) => c.definition.sections.find((s) => s.id === q(id)?.sectionId);
  const columns = [
    text(t('figures.export.element')), int(t('figures.export.criterion_number')), long(t('figures.export.criterion')),
    int('n'), pct(t('figures.export.index')), text(t('reports.table.status', { target: d.target })), delta(t('reports.table.delta')), dec(t('figures.export.mean')),
    ...c.definition.scale.levels.map((l, i) => int(`${i + 1}. ${localized(l, c.lang)}`)),
    pct(t('figures.export.ci_low')), pct(t('figures.export.ci_high')), text(t('reports.table.few_answers', { n: d.threshold })),
  ];
  const rows = f.criteria.map((k) => [
    element(k.id)?.number ?? null, q(k.id)?.number ?? null, localized(q(k.id)?.text, c.lang), k.n, r1(k.index), status(t, k.index, d.target),
    deltaValue(k.index, before.get(k.id)?.index), r1(k.mean), k.counts['1'], k.counts['2'], k.counts['3'], k.counts['4'], k.counts['5'],
    r1(k.ci95?.[0]), r1(k.ci95?.[1]), yesNo(t, k.fewAnswers),
  ]);
  return { id: 'criteria', title: t('figures.export.sheet_criteria'), columns, rows };
}

function prioritiesTable(c: ExportContext, f: Figures): Table {
  const first = f.priorities[0] && c.definition.questions.get(f.priorities[0].id);
  const options = first && 'options' in first ? first.options : [];
  const columns = [int(c.t('figures.export.rank')), text(c.t('figures.export.priority')), int('n'), ...options.map((o) => int(localized(o.label, c.lang))), pct(c.t('figures.export.expectation'))];
  const sorted = [...f.priorities].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
  const rows = sorted.map((p) => [p.rank, localized(c.definition.questions.get(p.id)?.text, c.lang), p.n, ...options.map((o) => p.counts[o.value] ?? 0), r1(p.index)]);
  return { id: 'priorities', title: c.t('figures.export.sheet_priorities'), columns, rows };
}

/** The tables of an export, from the report's four computations of one selection. */
export function exportTables(c: ExportContext, d: ReportData): Table[] {
  return [groupTable(c, d, 'units'), groupTable(c, d, 'services'), elementsTable(c, d), criteriaTable(c, d), prioritiesTable(c, d.byUnit.total)];
}
