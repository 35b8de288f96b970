import { serviceName } from '../units/service-name';
import type { Period } from '../figures/periods';
import { periodWithDates } from '../dashboard/period-picker';
import { dmy } from '../time/vietnam-time';
import type { ReportData } from './report-data';
import type { ModelContext } from './report-model';
import { fewMark, type TextContext } from './summary.text';

/** The report's opening: the period (and "số liệu đến" while it runs), the scope, the responses counted. */
export function introLines(d: ReportData, c: ModelContext, x: TextContext, period: Period): string[] {
  const t = c.t, total = d.byUnit.total;
  const service = d.selection.service ? serviceName(d.selection.service, c.lang) : t('figures.export.all_services');
  return [
    t('reports.doc.period', { period: periodWithDates(period, t) }) + (d.asOf ? ` ${t('reports.running', { date: dmy(d.asOf) })}` : ''),
    t('reports.doc.scope', { unit: d.selection.unit?.name ?? t('figures.export.all_units'), service }),
    t('reports.doc.responses', { n: x.f.num(total.responses) }) +
      (d.byUnit.flaggedResponses ? ` ${t(d.selection.query.includeFlagged ? 'dashboard.headline.flagged_in' : 'dashboard.headline.flagged_out', { n: x.f.num(d.byUnit.flaggedResponses) })}` : ''),
  ];
}

/** SIPAS and the overall rate with their n, the target, and the change: the sentences of the dashboard's headline cards. */
export function headlineLines(d: ReportData, c: ModelContext, x: TextContext): string[] {
  const t = c.t, f = x.f, now = d.byUnit.total, before = d.previous.total;
  const status = now.sipas === null ? 'none' : now.sipas >= d.target ? 'met' : 'missed';
  const previous = periodWithDates(d.previous.period, t);
  const sipasN = now.elements.reduce((s, e) => s + e.n, 0);
  return [
    `${t('dashboard.headline.sipas')}: ${f.pct(now.sipas)}% (${t('dashboard.headline.sipas_n', { n: f.num(sipasN), responses: f.num(now.responses) })}). ` +
      t(`dashboard.headline.status_${status}`, { target: f.plain(d.target), gap: f.pct(Math.abs((now.sipas ?? 0) - d.target)) }) + (now.fewAnswers ? ` ${fewMark(x, 'responses')}` : ''),
    t('dashboard.headline.change', { delta: f.delta(now.sipas, before.sipas), previous, value: f.pct(before.sipas), responses: f.num(before.responses) }),
    `${t('dashboard.headline.overall')}: ${f.pct(now.overall.rate)}% (${t('dashboard.headline.overall_n', { n: f.num(now.overall.n) })})` + (now.overall.fewAnswers ? ` ${fewMark(x, 'responses')}` : ''),
    t('dashboard.headline.change', { delta: f.delta(now.overall.rate, before.overall.rate), previous, value: f.pct(before.overall.rate), responses: f.num(before.overall.n) }),
  ];
}
