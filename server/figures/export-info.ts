import { serviceName } from '../units/service-name';
import { dmy, vietnamDateTime } from '../time/vietnam-time';
import { localized, type Definition } from '../surveys/definitions';
import type { FiguresParams } from './figures.params';
import type { FiguresResult } from './figures.service';
import type { Selection } from './resolve-selection';
import { periodLabel } from './periods';
import type { InfoRows } from './export-xlsx';

type T = (key: string, params?: Record<string, string | number>) => string;
interface InfoContext { t: T; lang: string; definition: Definition; generatedAt: Date; threshold: number; target: number }

/** The time of generation in Vietnam's time, written as a person reads it. */
const localTime = (d: Date) => `${vietnamDateTime(d)} (UTC+7)`;

/** The information sheet: filters, period, generation time, formula and definition versions. */
export function exportInfo(c: InfoContext, sel: Selection, p: FiguresParams, r: FiguresResult): InfoRows {
  const t = c.t;
  const versions = r.definitions.length ? r.definitions.map((d) => `${d.id} v${d.version}`).join(', ') : t('figures.export.none');
  return [
    [t('figures.export.title'), localized(c.definition.title, c.lang)],
    [t('figures.export.unit'), sel.unit?.name ?? t('figures.export.all_units')],
    [t('figures.export.service'), sel.service ? serviceName(sel.service, c.lang) : t('figures.export.all_services')],
    [t('figures.export.period'), periodLabel(p.period, t)],
    [t('figures.export.from'), dmy(r.from)],
    [t('figures.export.to'), dmy(r.to)],
    [t('figures.export.merged'), t(p.includeMerged ? 'figures.export.yes' : 'figures.export.no')],
    [t('figures.export.flagged'), t(p.includeFlagged ? 'figures.export.yes' : 'figures.export.no')],
    [t('figures.export.generated'), localTime(c.generatedAt)],
    [t('figures.export.responses'), r.total.responses],
    [t('invitations.flagged_responses'), r.flaggedResponses],
    [t('figures.export.sipas'), r.total.sipas ?? ''],
    [t('figures.export.target'), c.target],
    [t('figures.export.formula_label'), t('figures.export.formula')],
    [t('figures.export.few_answers_label'), t('figures.export.few_answers_rule', { n: c.threshold })],
    [t('figures.export.definitions'), versions],
    [t('figures.export.basis'), localized(c.definition.basis, c.lang)],
  ];
}
