import type { Request, Response } from 'express';
import { notFound } from '../http/errors';
import { LANGUAGES, type Lang } from '../i18n';
import { localized } from '../surveys/definitions';
import { formatters } from '../dashboard/dashboard.format';
import { periodWithDates } from '../dashboard/period-picker';
import type { ReportSettingsService } from '../reports/settings.service';
import { fixedT } from '../reports/fixed-t';
import { fewMark } from '../reports/summary.text';
import { publicResults, type PublicDeps } from './public.service';
import { secondsToNextQuarter } from './closed-periods';

export interface PublicPageDeps extends PublicDeps { settings: ReportSettingsService; threshold: number; target: number; now: () => Date }

/**
 * Answers depend on the URL alone, so that any cache may keep them until the next quarter:
 * the language from ?lang= only (never remembered), no cookie whatever ran before, and
 * framing allowed for this page only, so that a commune's portal can embed it.
 */
function publicHeaders(res: Response, now: Date) {
  res.removeHeader('Set-Cookie');
  res.removeHeader('X-Frame-Options');
  const csp = String(res.getHeader('Content-Security-Policy') ?? '');
  res.set('Content-Security-Policy', csp.replace(/frame-ancestors [^;]+/, 'frame-ancestors *'));
  res.set('Cache-Control', `public, max-age=${secondsToNextQuarter(now)}`);
}

/** GET /ket-qua/:code: a unit's published results (opt-in); no login, no JavaScript, no cookie. */
export function publicResultsPage(deps: PublicPageDeps) {
  return (req: Request, res: Response) => {
    const code = String(req.params.code ?? '');
    const unit = /^[A-Za-z0-9_-]{1,64}$/.test(code) ? deps.settings.published(code) : undefined;
    // A unit that has not opted in (or does not exist) is a plain 404, with no cookie either.
    if (!unit) {
      res.removeHeader('Set-Cookie');
      throw notFound();
    }
    const lang: Lang = (LANGUAGES as readonly string[]).includes(String(req.query.lang)) ? (req.query.lang as Lang) : 'vi';
    const t = fixedT(lang), now = deps.now();
    const text = { t, lang, f: formatters(lang), target: deps.target, threshold: deps.threshold };
    const data = publicResults(deps, unit, now, { t, lang });
    publicHeaders(res, now);
    res.render('public/results', {
      lang, t, L: (x: Parameters<typeof localized>[0]) => localized(x, lang), title: t('reports.public.title', { unit: unit.name }),
      data, f: text.f, target: deps.target, threshold: deps.threshold,
      few: { responses: fewMark(text, 'responses'), answers: fewMark(text, 'answers') },
      periodText: (p: Parameters<typeof periodWithDates>[0]) => periodWithDates(p, t),
    });
  };
}
