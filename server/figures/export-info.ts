import { serviceName } from '../units/service-name';
import { dmy, vietnamDateTime } from '../time/vietnam-time';
import { localized, type Definition } from '../surveys/definitions';
import { deltaValue, round1 } from '../dashboard/dashboard.format';
import type { ReportData } from '../reports/report-data';
import type { FiguresParams } from './figures.params';
import { periodLabel } from './periods';
import type { InfoRow } from './export-xlsx';
import type { Cell, Kind } from './export-tables';

type T = (key: string, params?: Record<string, string | number>) => string;
interface InfoContext { t: T; lang: string; definition: Definition; generatedAt: Date }

/** "02/12/2026 14:05 (UTC+7)": the time of export in Vietnam, as a person reads it. */
export const localTime = (d: Date) => {
  const [date, time] = vietnamDateTime(d).split(' ') as [string, string];
  return `${dmy(date)} ${time} (UTC+7)`;
};
const row = (label: string, value: Cell, kind?: Kind): InfoRow => ({ label, value, kind });
const r1 = (v: number | null) => (v === null ? null : round1(v));

/** The information sheet: filters, period (and "số liệu đến" while it runs), time of export, the totals, formula, versions. */
export function exportInfo(c: InfoContext, d: ReportData, p: FiguresParams): InfoRow[] {
  const t = c.t, sel = d.selection, total = d.byUnit.total, before = d.previous.total;
  const versions = d.byUnit.definitions.length ? d.byUnit.definitions.map((x) => `${x.id} v${x.version}`).join(', ') : t('figures.export.none');
  const yes = (v: boolean) => t(v ? 'figures.export.yes' : 'figures.export.no');
  return [
    row(t('figures.export.title'), localized(c.definition.title, c.lang)),
    row(t('figures.export.unit'), sel.unit?.name ?? t('figures.export.all_units')),
    row(t('figures.export.service'), sel.service ? serviceName(sel.service, c.lang) : t('figures.export.all_services')),
    row(t('figures.export.period'), periodLabel(p.period, t)),
    row(t('figures.export.from'), dmy(d.byUnit.from)),
    row(t('figures.export.to'), dmy(d.byUnit.to)),
    ...(d.asOf ? [row(t('reports.table.as_of'), dmy(d.asOf))] : []),
    row(t('figures.export.merged'), yes(p.includeMerged)),
    row(t('figures.export.flagged'), yes(p.includeFlagged)),
    row(t('figures.export.generated'), localTime(c.generatedAt)),
    row(t('figures.export.responses'), total.responses, 'integer'),
    row(t('invitations.flagged_responses'), d.byUnit.flaggedResponses, 'integer'),
    row(t('figures.export.sipas'), r1(total.sipas), 'percent'),
    row(t('reports.table.status', { target: d.target }), total.sipas === null ? null : t(total.sipas >= d.target ? 'reports.table.met' : 'reports.table.missed')),
    row(t('reports.table.previous_of', { period: periodLabel(d.previous.period, t) }), r1(before.sipas), 'percent'),
    row(t('reports.table.delta'), deltaValue(total.sipas, before.sipas), 'delta'),
    row(t('figures.export.overall_rate'), r1(total.overall.rate), 'percent'),
    row(t('figures.export.overall_n'), total.overall.n, 'integer'),
    row(t('figures.export.target'), d.target, Number.isInteger(d.target) ? 'integer' : 'percent'),
    row(t('figures.export.formula_label'), t('figures.export.formula')),
    row(t('figures.export.few_answers_label'), t('reports.table.few_rule', { n: d.threshold })),
    row(t('figures.export.definitions'), versions),
    row(t('figures.export.basis'), localized(c.definition.basis, c.lang)),
  ];
}
