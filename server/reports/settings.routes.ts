import type { Request, Response } from 'express';
import { accessOf } from '../access/access.middleware';
import { parseForm } from '../admin/admin.schema';
import { errorMap, type FieldError } from '../http/form-errors';
import type { UnitRow } from '../units/units.repo';
import { publicResultsPath } from '../public-results/public-path';
import { documentHead } from './document-head';
import type { ReportSettings } from './settings.repo';
import { reportSettingsForm, SETTINGS_FIELDS } from './settings.schema';
import type { ReportSettingsService } from './settings.service';

export interface ReportSettingsPagesDeps { settings: ReportSettingsService; publicUrl: string; now: () => Date }

/** GET/POST /staff/units/:id/report-settings (after load.unit): what a report prints for the unit, and its public results page. */
export function reportSettingsPages(deps: ReportSettingsPagesDeps) {
  const show = (res: Response, values: ReportSettings, status = 200, errors: FieldError[] = []) => {
    const unit: UnitRow = res.locals.unit;
    const t = res.locals.t;
    const url = `${deps.publicUrl}${publicResultsPath(unit.code)}`;
    res.status(status).render('reports/settings', {
      title: t('reports.settings.title', { unit: unit.name }), unit, values, errors, errorOf: errorMap(errors), fields: SETTINGS_FIELDS,
      preview: documentHead(values, unit.name, deps.now(), res.locals.lang, t),
      // What is saved, not what the form sent: a rejected form publishes nothing.
      published: deps.settings.get(unit.id).publicResults,
      publicUrl: url,
      embed: `<iframe src="${url}" title="${t('reports.public.title', { unit: unit.name }).replace(/"/g, '&quot;')}" width="100%" height="720" style="border:0" loading="lazy"></iframe>`,
    });
  };

  const page = (_req: Request, res: Response) => show(res, deps.settings.get(res.locals.unit.id));
  const save = (req: Request, res: Response) => {
    const parsed = parseForm(reportSettingsForm, req.body);
    if (!parsed.ok) {
      // The answers are kept: each text as typed, the box as ticked.
      const body = (req.body ?? {}) as Record<string, unknown>;
      const kept = Object.fromEntries(SETTINGS_FIELDS.map((f) => [f, typeof body[f] === 'string' ? body[f] : null]));
      return show(res, { ...deps.settings.get(res.locals.unit.id), ...kept, publicResults: body.publicResults === '1' }, 422, parsed.errors);
    }
    deps.settings.save(accessOf(res), res.locals.unit.id, parsed.value);
    res.redirect(303, `/staff/units/${res.locals.unit.id}/report-settings?ok=saved`);
  };
  return { page, save };
}
