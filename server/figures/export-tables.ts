import { serviceName } from '../units/service-name';
import { localized, type Definition } from '../surveys/definitions';
import type { Figures } from './formula';
import type { FiguresGroup, FiguresResult } from './figures.service';

type T = (key: string, params?: Record<string, string | number>) => string;
export type Cell = string | number | null;
/** `percent` columns hold 0–100 numbers shown with one decimal. */
export interface Column { header: string; kind?: 'percent' | 'number' | 'text' }
export interface Table { id: 'units' | 'services' | 'criteria' | 'priorities'; title: string; columns: Column[]; rows: Cell[][] }
export interface ExportContext { t: T; lang: string; definition: Definition }

const pct = (header: string): Column => ({ header, kind: 'percent' });
const num = (header: string): Column => ({ header, kind: 'number' });
const text = (header: string): Column => ({ header, kind: 'text' });
const yesNo = (t: T, v: boolean) => t(v ? 'figures.export.yes' : 'figures.export.no');

/** The columns every group row shares: responses, SIPAS, overall rate, each element, the flag. */
function figureColumns(c: ExportContext): Column[] {
  const elements = c.definition.sections.filter((s) => s.kind === 'element');
  return [
    num(c.t('figures.export.responses')),
    pct(c.t('figures.export.sipas')),
    pct(c.t('figures.export.overall_rate')),
    num(c.t('figures.export.overall_n')),
    ...elements.map((e) => pct(`${e.number ?? ''}. ${localized(e.title, c.lang)}`.replace(/^\. /, ''))),
    text(c.t('figures.export.few_answers')),
  ];
}
const figureCells = (c: ExportContext, f: Figures): Cell[] => [f.responses, f.sipas, f.overall.rate, f.overall.n, ...f.elements.map((e) => e.index), yesNo(c.t, f.fewAnswers)];

function groupTable(c: ExportContext, id: 'units' | 'services', groups: FiguresGroup[]): Table {
  const head = id === 'units' ? [text(c.t('figures.export.unit_code')), text(c.t('figures.export.unit'))] : [text(c.t('figures.export.service_code')), text(c.t('figures.export.service'))];
  const label = (g: FiguresGroup): Cell[] =>
    id === 'units' ? [g.unit?.code ?? null, g.unit?.name ?? null] : [g.service?.code ?? null, g.service ? serviceName(g.service, c.lang) : c.t('figures.no_service')];
  return {
    id,
    title: c.t(`figures.export.sheet_${id}`),
    columns: [text(c.t('figures.export.rank')), ...head, ...figureColumns(c)],
    rows: groups.map((g, i) => [g.sipas === null ? null : i + 1, ...label(g), ...figureCells(c, g)]),
  };
}

function criteriaTable(c: ExportContext, f: Figures): Table {
  const q = (id: string) => c.definition.questions.get(id);
  const columns = [
    text(c.t('figures.export.element')), num(c.t('figures.export.criterion_number')), text(c.t('figures.export.criterion')),
    num('n'), pct(c.t('figures.export.index')), num(c.t('figures.export.mean')),
    ...['1', '2', '3', '4', '5'].map((l) => num(`${l}. ${localized(c.definition.scale.levels[Number(l) - 1], c.lang)}`)),
    pct(c.t('figures.export.ci_low')), pct(c.t('figures.export.ci_high')), text(c.t('figures.export.few_answers')),
  ];
  const element = (id: string) => c.definition.sections.find((s) => s.id === q(id)?.sectionId);
  const rows = f.criteria.map((k) => [
    element(k.id)?.number ?? null, q(k.id)?.number ?? null, localized(q(k.id)?.text, c.lang), k.n, k.index, k.mean,
    k.counts['1'], k.counts['2'], k.counts['3'], k.counts['4'], k.counts['5'], k.ci95?.[0] ?? null, k.ci95?.[1] ?? null, yesNo(c.t, k.fewAnswers),
  ]);
  return { id: 'criteria', title: c.t('figures.export.sheet_criteria'), columns, rows };
}

function prioritiesTable(c: ExportContext, f: Figures): Table {
  const first = f.priorities[0] && c.definition.questions.get(f.priorities[0].id);
  const options = first && 'options' in first ? first.options : [];
  const columns = [num(c.t('figures.export.rank')), text(c.t('figures.export.priority')), num('n'), ...options.map((o) => num(localized(o.label, c.lang))), pct(c.t('figures.export.expectation'))];
  const sorted = [...f.priorities].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
  const rows = sorted.map((p) => [p.rank, localized(c.definition.questions.get(p.id)?.text, c.lang), p.n, ...options.map((o) => p.counts[o.value] ?? 0), p.index]);
  return { id: 'priorities', title: c.t('figures.export.sheet_priorities'), columns, rows };
}

/** The four tables of an export, from three computations of the same selection. */
export function exportTables(c: ExportContext, byUnit: FiguresResult, byService: FiguresResult): Table[] {
  return [groupTable(c, 'units', byUnit.groups), groupTable(c, 'services', byService.groups), criteriaTable(c, byUnit.total), prioritiesTable(c, byUnit.total)];
}
