import type { Request, Response } from 'express';
import { accessOf } from '../access/access.middleware';
import { errorMap, type FieldError } from '../http/form-errors';
import { surveyUrl } from '../posters/qr';
import type { CatalogRepo } from '../units/catalog.repo';
import type { PointRow } from '../units/points.repo';
import { activeForm, pointForm } from './admin.schema';
import { formPosts } from './form-post';
import type { PointsService } from './points.service';

export interface PointsRoutesDeps { service: PointsService; catalog: CatalogRepo; publicUrl: string }

/** One collection point: label, fixed service, active, and a new code. Every role, within its units. */
export function pointsPages(deps: PointsRoutesDeps) {

  const show = (res: Response, status = 200, errors: FieldError[] = []) => {
    const p: PointRow = res.locals.point;
    const offered = new Set(deps.catalog.offeredServiceIds(p.unitId));
    res.status(status).render('staff/point', {
      title: `${p.unitName} — ${p.label}`,
      url: surveyUrl(deps.publicUrl, p.code),
      services: deps.catalog.services().filter((s) => (s.active === 1 && offered.has(s.id)) || s.id === p.serviceId),
      errors, errorOf: errorMap(errors),
    });
  };
  const back = (res: Response) => res.redirect(303, `/staff/points/${res.locals.point.id}?ok=saved`);

  const page = (_req: Request, res: Response) => show(res);

  const post = formPosts((res, status, errors) => show(res, status, errors), back);
  const update = post(pointForm, (res, v) => deps.service.update(accessOf(res), res.locals.point.id, v), 'serviceId');
  const changeActive = post(activeForm, (res, v) => deps.service.setActive(accessOf(res), res.locals.point.id, v.active));

  // A new code and stopping a counter break its printed posters: each asks first, on a page of its own.
  const confirmed = (req: Request) => (req.body as Record<string, unknown> | undefined)?.confirm === '1';
  const confirmPage = (what: 'code' | 'off') => (_req: Request, res: Response) =>
    res.render('staff/point-confirm', { title: res.locals.t(`staff.points.confirm_${what}_title`), what });
  const setActive = (req: Request, res: Response) =>
    (req.body as Record<string, unknown> | undefined)?.active === '0' && !confirmed(req) ? res.redirect(303, `/staff/points/${res.locals.point.id}/active`) : changeActive(req, res);
  const newCode = (req: Request, res: Response) => {
    if (!confirmed(req)) return res.redirect(303, `/staff/points/${res.locals.point.id}/code`);
    deps.service.newCode(accessOf(res), res.locals.point.id);
    back(res);
  };

  return { page, update, setActive, newCode, confirmCode: confirmPage('code'), confirmOff: confirmPage('off') };
}
