import { localized } from '../surveys/definitions';
import type { Formatters } from '../dashboard/dashboard.format';
import type { GroupLine } from './groups';
import type { Summary } from './summary';

type T = (key: string, params?: Record<string, string | number>) => string;
export interface TextContext { t: T; lang: string; f: Formatters; target: number; threshold: number }

/** The summary as sentences, the same on the dashboard and in the DOCX report. */
export interface SummaryText { target: string; missed: string[]; criteriaTitle: string; criteria: string[]; servicesTitle: string; services: string[] }

/** "⚠ dưới 30 phiếu" / "⚠ dưới 30 câu trả lời": the few-answers mark says what it counts. */
export const fewMark = (c: TextContext, counts: 'responses' | 'answers') => `⚠ ${c.t(`reports.few.${counts}`, { n: c.threshold })}`;

function groupSentence(l: GroupLine, c: TextContext): string {
  const change = l.delta === null ? '' : c.t('reports.summary.change', { delta: c.f.delta(l.g.sipas, l.previous?.sipas) });
  const base = c.t('reports.summary.group', { name: l.label, value: c.f.pct(l.g.sipas), n: c.f.num(l.g.responses), change });
  return l.g.fewAnswers ? `${base} ${fewMark(c, 'responses')}` : base;
}

export function summaryText(s: Summary, c: TextContext): SummaryText {
  const target = c.f.plain(c.target);
  const head = !s.valued
    ? c.t('reports.summary.no_units')
    : s.missed.length
      ? c.t('reports.summary.missed', { n: s.missed.length, m: s.valued, target })
      : c.t('reports.summary.all_met', { m: s.valued, target });
  return {
    target: head,
    missed: s.missed.map((l) => groupSentence(l, c)),
    criteriaTitle: c.t('reports.summary.criteria', { n: s.weakestCriteria.length }),
    criteria: s.weakestCriteria.map(({ k, q }) => {
      const text = c.t('reports.summary.criterion', { number: q?.number ?? k.id, text: localized(q?.text, c.lang).replace(/[.。]\s*$/, ''), value: c.f.pct(k.index), n: c.f.num(k.n) });
      return k.fewAnswers ? `${text} ${fewMark(c, 'answers')}` : text;
    }),
    servicesTitle: c.t('reports.summary.services', { n: s.weakestServices.length }),
    services: s.weakestServices.map((l) => groupSentence(l, c)),
  };
}
